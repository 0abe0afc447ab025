"""Search at scale: 50,000 Chinese pages, indexing time and size, p50/p95 latency of 100 queries.

    .venv/bin/python tests/perf/bench_search.py                       # SQLite file in /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search .venv/bin/python tests/perf/bench_search.py
    make bench-search                                                  # both

The database is created from scratch each run (the SQLite file is deleted; the PostgreSQL database dropped and
re-created), so never point DATABASE_URL at a database you want to keep.

How: creating 50,000 Wagtail pages through treebeard (`add_child`, one page at a time, revisions, signals) takes
longer than the benchmark is worth, and says nothing about search. So the script bulk-inserts plain `Page` rows
under one parent with computed tree paths (live, public), and gives each a generated Chinese body through an
extra `SearchField("bench_body")` on Page for this process only. Indexing then runs the real thing — the
segmenting backend's `add_items` (rjieba segmentation, modelsearch's SQL) in chunks of 1,000, exactly as
`update_index` does. Queries run through `Page.objects.live().public().search(q)` (what the API does: count and
first 10) and through the search page's `run_search` (up to 500 ranked hits, dates, facets, the 10 shown pages);
timings are also split into narrow queries (≤ 1,000 matches) and broad ones. BENCH_REUSE=1 re-measures the
queries on the database the previous run built.
"""

import os
import random
import statistics
import sys
import time
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


def sentences():
    """Sentences from the shared seeds, to make bodies that read like the association's documents."""
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(Path("/work/shared/seeds").glob("*.txt")))
    parts = [part.strip() for part in text.replace("\n", "。").split("。")]
    return [part + "。" for part in parts if len(part) >= SEED_SENTENCE_MIN]


def fresh_database():
    from urllib.parse import urlparse

    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite"):
        SQLITE_FILE.parent.mkdir(parents=True, exist_ok=True)
        SQLITE_FILE.unlink(missing_ok=True)
        return
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def create_pages(parent, count, rng, corpus):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Locale, Page

    content_type = ContentType.objects.get_for_model(Page)
    locale = Locale.get_default()
    now = timezone.now()
    pages = []
    for number in range(1, count + 1):
        title = f"{rng.choice(TOWNSHIPS)}{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}（{2015 + number % 11}年）"
        slug = f"bench-{number}"
        page = Page(
            title=title,
            draft_title=title,
            slug=slug,
            path=Page._get_path(parent.path, parent.depth + 1, number),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            content_type=content_type,
            locale=locale,
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        pages.append(page)
    Page.objects.bulk_create(pages, batch_size=CHUNK)
    Page.objects.filter(pk=parent.pk).update(numchild=count)
    return Page.objects.filter(depth=parent.depth + 1, path__startswith=parent.path).order_by("path")


def body_for(rng, corpus):
    return "".join(rng.sample(corpus, rng.randint(4, 9)))


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


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(timings):
    return f"p50 {percentile(timings, 0.5):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms"


def measure(label, function, queries, matches=None):
    """Times function(query) for each query. `function` returns how many pages the query matches, which splits the
    timings into narrow and broad queries (or pass `matches` from an earlier measurement of the same queries)."""
    for query in queries[:5]:
        function(query)  # warm caches and the segmenter
    timings, counted = [], []
    for query in queries:
        started = time.perf_counter()
        counted.append(function(query))
        timings.append((time.perf_counter() - started) * 1000)
    matches = matches or counted
    print(f"{label}: {summary(timings)}, mean {statistics.mean(timings):.1f} ms")
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
    from wagtail.search import index
    from wagtail.search.backends import get_search_backend

    call_command("migrate", verbosity=0)
    corpus = sentences()
    parent = Page.objects.get(depth=2)
    started = time.perf_counter()
    pages = create_pages(parent, PAGES, rng, corpus)
    print(f"created {PAGES} page rows in {time.perf_counter() - started:.1f} s")

    Page.search_fields = [*Page.search_fields, index.SearchField("bench_body")]
    search_index = get_search_backend().get_index_for_model(Page)
    size_before = index_size()
    started = time.perf_counter()
    characters = 0
    for offset in range(0, PAGES, CHUNK):
        chunk = list(pages[offset : offset + CHUNK])
        for page in chunk:
            page.bench_body = body_for(rng, corpus)
            characters += len(page.title) + len(page.bench_body)
        search_index.add_items(Page, chunk)
    indexing = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    size = index_size() - (size_before if connection.vendor == "sqlite" else 0)
    print(
        f"indexed {PAGES} pages ({characters / 1e6:.1f} M characters) in {indexing:.1f} s "
        f"({PAGES / indexing:.0f} pages/s); index size {size / 2**20:.1f} MiB"
    )


def main():
    if not REUSE:
        fresh_database()
    import django

    django.setup()
    from django.db import connection
    from wagtail.models import Page

    from search.query import parse
    from search.results import run_search

    print(f"{connection.vendor}: {PAGES} pages")
    rng = random.Random(529)
    if not REUSE:
        build(rng)
    queries = [rng.choice(QUERIES) for _ in range(100)]
    live = Page.objects.live().public()

    def top_ten(query):
        results = live.search(query)
        list(results[:10])
        return results.count()

    matches = measure("API-style (count + first 10)", top_ten, queries)
    measure(
        "search page (≤500 ranked hits + facets)",
        lambda q: run_search(parse(q, {}), {}, "relevance", 1)["total"],
        queries,
        matches,
    )


if __name__ == "__main__":
    main()
