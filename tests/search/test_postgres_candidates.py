"""The PostgreSQL backend ranks only the newest matches and the newest title matches (search/backends), found through
id windows of its GIN indexes: these tests hold it to modelsearch's own ranking of every match, and its candidates to
the plain "newest N matching entries" that the windows stand for, with small windows so that every round runs."""

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.backends import base
from search.backends import postgres as segmenting
from search.results import MAX_HITS, ROW_FIELDS
from search.segment import query_terms

from .corpus import QUERIES, build_corpus

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend's candidates")


@pytest.fixture
def corpus(home):
    return build_corpus(home)


def search(query):
    return get_search_backend().search(query, Page.objects.live().public())


def test_rows_are_ranked_as_modelsearch_ranks_every_match(corpus):
    queries = [query for query, *_expected in QUERIES]
    for query in queries:
        ranked = [row[0] for row in search(query)[:MAX_HITS].rows(ROW_FIELDS)]
        stock = segmenting.postgres.PostgresSearchResults._do_search(search(query).annotate_score("score"))
        scores = {page.pk: page.score for page in stock}
        assert sorted(ranked) == sorted(scores), query
        assert ranked == sorted(ranked, key=lambda pk: (scores[pk], pk), reverse=True), query


def newest_matches(query, count, title_only=False):
    """The oracle: the ids of the `count` newest index entries matching the query, read without any window."""
    entries = segmenting.IndexEntry.objects.all()
    tsquery = " & ".join(query_terms(query))
    if title_only:
        entries = entries.extra(where=["title @@ to_tsquery('simple', %s)"], params=[tsquery])
    else:
        entries = entries.extra(where=["(title || body) @@ to_tsquery('simple', %s)"], params=[tsquery])
    return set(entries.order_by("-pk").values_list("pk", flat=True)[:count])


@pytest.mark.parametrize("windows", [(2, 4), (3, 50), (1, 1)])
def test_candidates_are_the_newest_matches_and_title_matches(corpus, monkeypatch, windows):
    monkeypatch.setattr(base, "NEWEST_CANDIDATES", 3)
    monkeypatch.setattr(base, "TITLE_CANDIDATES", 2)
    monkeypatch.setattr(segmenting, "WINDOWS", windows)
    found = {}
    original = segmenting.newest_entries
    monkeypatch.setattr(segmenting, "newest_entries", lambda *args: found.setdefault("ids", original(*args)))
    checked = 0
    for query in ("计生", "协会", "会员", "生育关怀", "计生协会", "活动", "示范村"):
        if len(query_terms(query)) != 1:
            continue
        found.clear()
        rows = search(query)[:MAX_HITS].rows(ROW_FIELDS)
        expected = newest_matches(query, 3) | newest_matches(query, 2, title_only=True)
        assert found.get("ids", set()) == expected, query
        assert len(rows) == len(expected), query
        checked += bool(expected)
    assert checked >= 4
