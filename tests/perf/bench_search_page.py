"""The uncached search page in-process: how long one /search/?q=计生协 takes with 400 matching pages.

    .venv/bin/pytest tests/perf/bench_search_page.py -p no:xdist -q -s      # SQLite, prints the timings
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_search_bench .venv/bin/pytest tests/perf/bench_search_page.py ...

Not part of the suite (the file name does not start with test_); run it by path. It builds its pages through the
factories (about half a minute), then times the whole request through the test client and, separately, the
search itself (`run_search`: the hits, their dates/units/sections for the facets, the ten results shown).
"""

import statistics
import time

import pytest
from django.core.cache import cache

from search.query import parse
from search.results import run_search
from tests.search.factories import build_search_site

ROUNDS = 30
MATCHING_PAGES = 400


def timed(function):
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), sorted(times)[int(ROUNDS * 0.9)]


@pytest.mark.django_db
def test_bench_search_page(home, client, settings):
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    build_search_site(home, filler=MATCHING_PAGES)
    cache.clear()
    response = client.get("/search/", {"q": "计生协"})
    assert response.status_code == 200 and "找到" in response.content.decode()
    page_p50, page_p90 = timed(lambda: client.get("/search/", {"q": "计生协"}))
    parsed = parse("计生协", {})
    search_p50, search_p90 = timed(lambda: run_search(parsed, {}, "relevance", 1))
    print(
        f"\n{MATCHING_PAGES} matching pages: search page p50 {page_p50:.1f} ms, p90 {page_p90:.1f} ms; "
        f"run_search p50 {search_p50:.1f} ms, p90 {search_p90:.1f} ms"
    )
