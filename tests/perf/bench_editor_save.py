"""Benchmark of saving an experience material in the page editor (保存草稿), by the number of its figure rows.

    .venv/bin/python tests/perf/bench_editor_save.py              # BENCH_SIZES=10,30 BENCH_RUNS=7
    BENCH_DIR=var/bench-figures .venv/bin/python tests/perf/bench_editor_save.py   # keep the demo database

The demo site in a temporary SQLite database (as tests/perf/bench_figures_edit.py builds it); for each size, 白水镇
gets a draft material with that many figures extracted by the importer, and its submitter posts the editor's form
as it is stored, through the Django test client. It prints the median and fastest time of the POST, its queries and
the five statements it repeats most: a save whose queries grow with the rows shows up there.

Measured 2026-12-02 00:16–00:19 UTC on the shared 2-core machine, the old code (25f56af, run from `git archive`)
right after this one, both at load average 14–15 from other work (times ±30 %; queries exact), median of 7 runs
(fastest in brackets):

                       before (25f56af)               after
    10 figures         229 q, 1,858 ms (1,782)        91 q, 1,516 ms (1,127)
    30 figures         509 q, 4,620 ms (3,171)        91 q, 1,491 ms (1,334)

On the idle machine (load 1.6, before the others started) the old code took 173 ms for 30 figures.

Before, each row cost about 16 queries: Wagtail rebuilt the page's reference index after every row's save (7
queries each), modelcluster saved the rows one by one, the formset looked up each row's id and metric, the model
looked the metric up again, and reading the revision checked each row's page and metric. Now the rows are written
by portal/exchange/rows.py (one statement each for deleted, changed and new rows, one reference-index rebuild), the
row forms find all rows' ids, metrics and villages with one query per field (portal/exchange/forms.py), and a
revision's rows are checked together (ExperiencePage.from_serializable_data).
"""

import collections
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_figures_edit as base  # its demo database and form data

SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "10,30").split(",")]
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def statement_shape(sql):
    """The statement with its values taken out, so the same query for another row counts as the same."""
    sql = re.sub(r"'[^']*'|\b\d+\b", "?", sql)
    return re.sub(r"\((\?, )*\?\)", "(…)", sql)[:120]


def save_timings(client, url, page):
    """Milliseconds of each POST (form data built before the clock starts) and the queries of the last one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(RUNS):
        data = base.editor_form_data(base.latest(page))
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.post(url, data)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 302, response.content.decode()[:2000]
    return timings, queries.captured_queries


def main():
    base.setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=base.SUBMITTER))
    print(f"POST of the page editor (保存草稿), median of {RUNS} runs, signed in as {base.SUBMITTER}:")
    for size in SIZES:
        base.FIGURES = size
        page = base.make_material()
        url = f"/{settings.WAGTAILADMIN_PATH}pages/{page.pk}/edit/"
        client.post(url, base.editor_form_data(base.latest(page)))  # the first save stores the rows: not timed
        timings, queries = save_timings(client, url, page)
        print(
            f"  {size:3d} figures: median {statistics.median(timings):.0f} ms (fastest {min(timings):.0f}),"
            f" {len(queries)} queries"
        )
        repeated = collections.Counter(statement_shape(query["sql"]) for query in queries).most_common(5)
        for shape, count in repeated:
            print(f"        {count:3d} × {shape}")


if __name__ == "__main__":
    main()
