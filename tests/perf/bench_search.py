"""Search at scale: 50,000 Chinese pages, indexing time and size, p50/p95 latency of 100 queries.

    .venv/bin/python tests/perf/bench_search.py                       # SQLite file in /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search .venv/bin/python tests/perf/bench_search.py
    make bench-search                                                  # both

The database is created from scratch each run (the SQLite file is deleted; the PostgreSQL database dropped and
re-created), so never point DATABASE_URL at a database you want to keep.

How: creating 50,000 Wagtail pages through treebeard (`add_child`, one page at a time, revisions, signals) takes
longer than the benchmark is worth, and says nothing about search. So the script creates real NewsPages in bulk:
the page rows with computed tree and url paths (live, public) in one bulk_create per section, then the news rows
(date, township, summary, a StreamField body of 4–9 sentences from ../shared/seeds) with one executemany.
Indexing runs the real thing — the segmenting backend's `add_items` (rjieba, modelsearch's SQL) in chunks of
1,000 as `update_index` does, PostgreSQL's title norms refreshed once at the end. Queries run through
`Page.objects.live().public().search(q)` (Wagtail's own: count and first 10, what the API did until it took the
best 500, portal/api.py), through the API (`/api/v2/pages/?search=q`, the test client) and through the search page's
`run_search` (ranked candidates, dates, facets, the 10 shown pages; fragment cache on, as in production), first
each distinct query once (what a new query costs), then the 100 (a query seen before reuses its kept matches,
search/memo.py); timings are also split into narrow queries (≤ 1,000 matches) and broad ones, each line with the
load average.
BENCH_REUSE=1 re-measures the queries on the database the previous run built.
"""

import json
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
SQLITE_FILE = Path("/tmp/bench_search/bench_search.sqlite3")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SQLITE_FILE}")

PAGES = int(os.environ.get("BENCH_PAGES", "50000"))
CHUNK = 1000
NARROW_MATCHES = 1000  # 2 % of the pages
REUSE = os.environ.get("BENCH_REUSE") == "1"  # measure queries on the database a previous run built
SEED_SENTENCE_MIN = 12
QUERY_SEED = 16

TOWNSHIPS = ["白水镇", "石门镇", "青溪镇", "云岭乡", "桃源街道", "金沙镇", "龙潭乡", "新华街道", "柳河镇", "梅林乡"]
SUBJECTS = [
    "计生协会",
    "计生协",
    "村计生协",
    "企业计生协会",
    "流动人口计生协会",
    "会员小组",
    "中心户长",
    "志愿者服务队",
]
ACTIONS = [
    "开展生育关怀走访慰问",
    "举办5·29会员活动日宣传",
    "召开会员代表大会",
    "推进示范村创建",
    "开展婚育新风进万家活动",
    "组织育龄妇女健康检查",
    "发放宣传材料",
    "实施幸福工程救助",
    "落实少生快富项目",
    "开展青春健康教育",
    "举办优生优育讲座",
    "开展关爱女孩行动",
    "建设会员之家",
    "开展家庭保健进万家",
    "为流动人口提供服务",
    "召开经验交流会",
    "开展世界人口日宣传",
    "开展男性生殖健康日义诊",
    "走访计生特殊家庭",
    "发放奖励扶助金",
]
QUERIES = [
    "计生协会",
    "计生",
    "生育关怀",
    "5·29",
    "会员活动日",
    "示范村",
    "流动人口",
    "育龄妇女",
    "中心户长",
    "婚育新风进万家",
    "幸福工程",
    "少生快富",
    "宣传材料",
    "会员代表大会",
    "会员之家",
    "经验交流",
    "世界人口日",
    "男性生殖健康日",
    "关爱女孩行动",
    "青春健康",
    "优生优育",
    "奖励扶助金",
    "计生特殊家庭",
    "志愿者",
    "白水镇",
    "石门镇 生育关怀",
    "青溪镇 示范村",
    "2024年",
    "2023年 流动人口",
    "健康检查",
    "义诊",
    "慰问",
    "走访",
    "宣传",
    "协会",
    "家庭",
    "服务",
    "组织建设",
    "工作总结",
    "火星移民",
    "Wagtail",
    "计生协会 会员活动日",
]


SEEDS_DIR = BASE_DIR.parent / "shared" / "seeds"  # ../shared beside the repository


def sentences():
    """Sentences from the shared seeds, to make bodies that read like the association's documents."""
    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    if not seeds:
        sys.exit(f"没有找到样例文档：{SEEDS_DIR}/*.txt（应在仓库旁的 ../shared/seeds）")
    text = "".join(path.read_text(encoding="utf-8") for path in seeds)
    parts = [part.strip() for part in text.replace("\n", "。").split("。")]
    return [part + "。" for part in parts if len(part) >= SEED_SENTENCE_MIN]


def fresh_database():
    from urllib.parse import urlparse

    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite"):
        SQLITE_FILE.parent.mkdir(parents=True, exist_ok=True)
        for path in SQLITE_FILE.parent.glob(SQLITE_FILE.name + "*"):
            path.unlink()
        return
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def create_townships():
    from portal.core.models import OrgUnit

    city = OrgUnit.add_root(name="云溪市", code="yunxi", level=OrgUnit.Level.CITY)
    county = city.add_child(name="青溪县", code="qingxi", level=OrgUnit.Level.COUNTY)
    return [
        county.add_child(name=name, code=f"qingxi-{number}", level=OrgUnit.Level.TOWNSHIP)
        for number, name in enumerate(TOWNSHIPS)
    ]


def create_sections(home):
    from portal.news.models import NewsIndexPage

    return [
        home.add_child(instance=NewsIndexPage(title=title, slug=slug, live=True))
        for title, slug in (("工作动态", "news"), ("基层风采", "grassroots"))
    ]


def create_news(parent, first, count, rng, corpus, units):
    """`count` published NewsPages under `parent` in two bulk inserts (pages, then news rows): treebeard paths and
    url paths computed here, as add_child would, without its one-row-at-a-time inserts and signals."""
    import datetime

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from portal.news.models import NewsPage

    content_type = ContentType.objects.get_for_model(NewsPage)
    locale = Locale.get_default()
    now = timezone.now()
    pages, news = [], []
    for number in range(first, first + count):
        title = f"{rng.choice(TOWNSHIPS)}{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}（{2015 + number % 11}年）"
        slug = f"bench-{number}"
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                path=Page._get_path(parent.path, parent.depth + 1, number - first + 1),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                locale=locale,
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
        )
        body = [
            {"type": "paragraph", "value": f"<p>{sentence}</p>", "id": str(uuid.UUID(int=rng.getrandbits(128)))}
            for sentence in rng.sample(corpus, rng.randint(4, 9))
        ]
        news.append(
            {
                "date": datetime.date(2015 + number % 11, 1 + number % 12, 1 + number % 28).isoformat(),
                "summary": rng.choice(corpus),
                "body": json.dumps(body, ensure_ascii=False),
                "orgunit_id": rng.choice(units).pk,
            }
        )
    Page.objects.bulk_create(pages, batch_size=CHUNK)
    columns = [field.column for field in NewsPage._meta.local_concrete_fields]  # page_ptr_id first
    blank = {column: None if column.endswith("_id") else "" for column in columns}
    rows = []
    for page, fields in zip(pages, news, strict=True):
        row = {**blank, **fields, "page_ptr_id": page.pk}
        rows.append([row[column] for column in columns])
    with connection.cursor() as cursor:  # the news rows as the page form would save them, without model instances
        cursor.executemany(
            f"INSERT INTO {NewsPage._meta.db_table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})",
            rows,
        )
    Page.objects.filter(pk=parent.pk).update(numchild=count)
    return [page.pk for page in pages]


def index_size():
    from django.db import connection
    from wagtail.search.models import IndexEntry

    table = IndexEntry._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size(%s)", [table])
            return cursor.fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return SQLITE_FILE.stat().st_size


def load():
    """The machine's load average: on a shared machine every timing depends on it."""
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(timings):
    return f"p50 {percentile(timings, 0.5):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms"


def measure(label, function, queries, matches=None, warm=5):
    """Times function(query) for each query. `function` returns how many pages the query matches, which splits the
    timings into narrow and broad queries (or pass `matches` from an earlier measurement of the same queries).
    The first `warm` queries run once before (caches, the segmenter)."""
    for query in queries[:warm]:
        function(query)
    timings, counted = [], []
    for query in queries:
        started = time.perf_counter()
        counted.append(function(query))
        timings.append((time.perf_counter() - started) * 1000)
    matches = matches or counted
    print(f"{label}: {summary(timings)}, mean {statistics.mean(timings):.1f} ms ({load()})")
    narrow = [ms for ms, count in zip(timings, matches, strict=True) if count <= NARROW_MATCHES]
    broad = [ms for ms, count in zip(timings, matches, strict=True) if count > NARROW_MATCHES]
    for name, part in (("≤", narrow), (">", broad)):
        if part:
            print(f"    {len(part)} queries matching {name} {NARROW_MATCHES} pages: {summary(part)}")
    return matches


def build(rng):
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from portal.news.models import NewsPage

    call_command("migrate", verbosity=0)
    corpus = sentences()
    started = time.perf_counter()
    units = create_townships()
    sections = create_sections(Page.objects.get(depth=2))
    pks = []
    for number, section in enumerate(sections):
        share = PAGES // len(sections) + (PAGES % len(sections) if number == 0 else 0)
        pks += create_news(section, len(pks) + 1, share, rng, corpus, units)
    print(f"({load()}) created {PAGES} news pages in {time.perf_counter() - started:.1f} s")

    search_index = get_search_backend().get_index_for_model(NewsPage)
    refresh_title_norms = getattr(search_index, "_refresh_title_norms", None)
    if refresh_title_norms:  # PostgreSQL: once at the end, as `update_index` finishes, not after every chunk
        search_index._refresh_title_norms = lambda full=False: None
    size_before = index_size()
    started = time.perf_counter()
    for offset in range(0, len(pks), CHUNK):
        chunk = NewsPage.objects.filter(pk__in=pks[offset : offset + CHUNK]).prefetch_related("tags")
        search_index.add_items(NewsPage, list(chunk))
    if refresh_title_norms:
        refresh_title_norms(full=True)
    indexing = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as autovacuum soon would: GIN pending lists merged, visibility set
    size = index_size() - (size_before if connection.vendor == "sqlite" else 0)
    rate, mib = PAGES / indexing, size / 2**20
    print(f"({load()}) indexed {PAGES} pages in {indexing:.1f} s ({rate:.0f} pages/s), index size {mib:.1f} MiB")


def main():
    if not REUSE:
        fresh_database()
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from wagtail.models import Page

    from search.models import SearchSynonym
    from search.query import parse
    from search.results import run_search

    settings.FRAGMENT_CACHE = True  # as in production: a process keeps what it read for shown results until a publish
    print(f"{connection.vendor}: {PAGES} pages")
    rng = random.Random(529)
    if not REUSE:
        build(rng)
    queries = random.Random(QUERY_SEED).choices(QUERIES, k=100)  # the same 100 whether or not this run built
    live = Page.objects.live().public()
    groups = SearchSynonym.groups()

    def top_ten(query):
        results = live.search(query)
        list(results[:10])
        return results.count()

    client = Client()

    def api(query):
        return client.get("/api/v2/pages/", {"search": query}).json()["meta"]["total_count"]

    def search_page(query):
        return run_search(parse(query, groups), {}, "relevance", 1)["total"]

    matches = measure("Wagtail's search (count + first 10)", top_ten, queries)
    distinct = list(dict.fromkeys(queries))
    first_matches = [matches[queries.index(query)] for query in distinct]
    measure("API ?search=, each query once (the best 500, first 10)", api, distinct, first_matches, warm=0)
    measure("search page, each query once (≤500 ranked hits + facets)", search_page, distinct, first_matches, warm=0)
    measure("search page, the 100 queries (matches kept since the first time)", search_page, queries, matches)


if __name__ == "__main__":
    main()
