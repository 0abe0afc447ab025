"""Benchmark of the 经验交流 dashboard aggregation over 2,000 submissions × 100 figures (200,000 rows).

    make bench-dashboard                      # SQLite in a temporary directory, then PostgreSQL (BENCH_DB_URL)
    .venv/bin/python tests/perf/bench_dashboard.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_exchange .venv/bin/python tests/perf/bench_dashboard.py

The database is created fresh (the PostgreSQL database is dropped and re-created), migrated and filled with
100 townships in 4 counties, each submitting for 20 half-years (2017–2026), plus 100 superseded earlier versions,
pages created through treebeard and figure rows through bulk_create. It then prints the median time of the
dashboard's aggregate queries (totals, by township, by county, year over year, sources) and of a whole page render.
Goal: < 100 ms per dashboard render of aggregates.
"""

import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
TOWNSHIPS = 100
YEARS = range(2017, 2027)
METRICS = 100
SUPERSEDED = 100
RUNS = 9


def fresh_database():
    """Point Django at a new empty database: a temporary SQLite file, or a dropped and re-created PostgreSQL one."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        directory = tempfile.mkdtemp(prefix="bench-exchange-")
        os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
        os.environ["PORTAL_VAR_DIR"] = directory
        return "SQLite"
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    with psycopg.connect(url.replace(f"/{name}", "/postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return "PostgreSQL"


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load():
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Page, Site

    from home.models import HomePage
    from portal.core.models import OrgUnit
    from portal.exchange import aggregation
    from portal.exchange.models import ExperienceFigure, ExperienceIndexPage, ExperienceTownshipPage, MetricDefinition

    random.seed(2026)
    settings.WAGTAILSEARCH_BACKENDS = {
        name: backend | {"AUTO_UPDATE": False} for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with transaction.atomic():
        Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).delete()
        home = Page.get_first_root_node().add_child(instance=HomePage(title="首页", slug="home"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
        index = home.add_child(instance=ExperienceIndexPage(title="经验交流", slug="exchange"))
        for number in range(MetricDefinition.objects.exclude(aggregation="none").count(), METRICS):
            MetricDefinition.objects.create(
                label=f"测试指标{number}", family="events", canonical_unit="次", allowed_units="次"
            )
        metrics = list(MetricDefinition.objects.exclude(aggregation="none"))[:METRICS]
        city = OrgUnit.add_root(name="基准市", code="bench", level=OrgUnit.Level.CITY)
        counties = [city.add_child(name=f"基准{n}县", code=f"bench-{n}", level=OrgUnit.Level.COUNTY) for n in range(4)]
        pages = []
        published = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        for number in range(TOWNSHIPS):
            county = OrgUnit.objects.get(pk=counties[number % 4].pk)
            township = county.add_child(name=f"基准{number}镇", code=f"bench-t{number}", level=OrgUnit.Level.TOWNSHIP)
            folder = Page.objects.get(pk=index.pk).add_child(
                instance=ExperienceTownshipPage(title=township.name, slug=township.code, orgunit=township)
            )
            versions = [(year, kind, 0) for year in YEARS for kind in ("h1", "h2")]
            versions += [(2026, "h1", 1)] if number < SUPERSEDED else []
            pages += add_submissions(folder, township, county, versions, published)
        qualifiers = ["", "", "", "", "余", "多", "以上"]
        rows = [
            ExperienceFigure(
                page=page,
                sort_order=order,
                metric=metric,
                unit=metric.canonical_unit,
                value_as_written=Decimal(random.randint(1, 5000)) if not metric.is_rate else Decimal(90),
                value=Decimal(random.randint(1, 5000)) if not metric.is_rate else Decimal(90),
                qualifier=random.choice(qualifiers),
                role="actual" if order % 10 else "target",
            )
            for page in pages
            for order, metric in enumerate(metrics)
        ]
        ExperienceFigure.objects.bulk_create(rows, batch_size=5000)
        aggregation.mark_current_submissions()  # what publishing does through the page_published signal
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics after a bulk load, as autovacuum would gather them
    return index, metrics, len(pages), len(rows)


def add_submissions(folder, township, county, versions, published):
    """Live ExperiencePages under `folder` without treebeard's per-page queries: the base Page rows in one
    bulk_create with their paths, then each ExperiencePage row alone (save_base(raw=True) inserts only its table)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from portal.exchange.models import ExperiencePage

    content_type = ContentType.objects.get_for_model(ExperiencePage)
    pages = []
    for position, (year, kind, version) in enumerate(versions, start=1):
        slug = f"{year}-{kind}-{version}"
        pages.append(
            ExperiencePage(
                title=f"{township.name}{year}{kind}材料{version}",
                draft_title=f"{township.name}{year}{kind}材料{version}",
                slug=slug,
                path=Page._get_path(folder.path, folder.depth + 1, position),
                depth=folder.depth + 1,
                numchild=0,
                url_path=f"{folder.url_path}{slug}/",
                content_type=content_type,
                locale_id=folder.locale_id,
                live=True,
                first_published_at=published + datetime.timedelta(days=version),
                last_published_at=published + datetime.timedelta(days=version),
                year=year,
                period_kind=kind,
                orgunit=township,
                county=county,
                date=datetime.date(year, 12, 1),
            )
        )
    bases = Page.objects.bulk_create(
        [
            Page(**{f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields if not f.primary_key})
            for page in pages
        ]
    )
    for base, page in zip(bases, pages, strict=True):
        page.page_ptr_id = page.pk = base.pk
        page.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=folder.pk).update(numchild=len(pages))
    return pages


def median_ms(function):
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main():
    database = fresh_database()
    setup_django()
    from django.test import Client, RequestFactory

    from portal.exchange import aggregation
    from portal.exchange.periods import Period

    start = time.perf_counter()
    index, metrics, submissions, rows = load()
    print(f"{database}: {submissions} submissions, {rows} figure rows loaded in {time.perf_counter() - start:.1f} s")
    period = Period(2026, "h1")
    metric = metrics[1].pk  # every tenth row (metrics[0], [10], …) is a target and does not count

    request = RequestFactory().get("/exchange/")

    def aggregates():
        aggregation.Sources(index, request)
        aggregation.totals(period)
        aggregation.breakdown(period, metric)

    total = next(row for row in aggregation.totals(period) if row.metric_id == metric)
    assert total.cell.submissions == TOWNSHIPS, total
    timings = {
        "totals (all metrics)": median_ms(lambda: aggregation.totals(period)),
        "metric breakdown (township, county, years)": median_ms(lambda: aggregation.breakdown(period, metric)),
        "sources and periods": median_ms(lambda: aggregation.Sources(index, request)),
        "all aggregates of one render": median_ms(aggregates),
    }
    client = Client()
    client.get("/exchange/?period=2026-H1")
    timings["whole page render (HTTP, test client)"] = median_ms(lambda: client.get("/exchange/?period=2026-H1"))
    for name, value in timings.items():
        print(f"  {name:<40} median {value:7.1f} ms over {RUNS} runs")
    verdict = "OK" if timings["all aggregates of one render"] < 100 else "SLOWER THAN GOAL"
    print(f"  goal < 100 ms per dashboard render of aggregates: {verdict}")


if __name__ == "__main__":
    main()
