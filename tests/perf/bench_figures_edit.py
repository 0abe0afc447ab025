"""Benchmark of confirming a material's figures in the admin: the page editor and the 核对数字 table, 30 figures.

    .venv/bin/python tests/perf/bench_figures_edit.py          # BENCH_FIGURES=30, BENCH_RUNS=5
    BENCH_DIR=var/bench-figures .venv/bin/python tests/perf/bench_figures_edit.py   # keep the demo database

A fresh SQLite database in a temporary directory is migrated and given the demo site (load_demo: 42 metrics,
every OrgUnit of the demo city), then 白水镇 gets a draft material whose text has BENCH_FIGURES figures, extracted by
the importer as a township would get them (status 自动提取，待确认). Signed in as 白水镇's submitter through the
Django test client, it prints the median time and the HTML size of

- GET  /admin/pages/<id>/edit/ and a POST of the editor's form (保存草稿), and
- GET  /admin/exchange/figures/<id>/ and a POST of that table confirming every row (when that view exists).

Times are in-process (no network, no browser), so they are the server's share of what the user waits for.

Measured 2026-12-01 on the shared 2-core machine while others worked (load average 6–10: times vary ±50%; queries
and sizes are exact), 30 figures, median of 5–7 runs, the old code and this one run in turns on one database:

                                   before (324d88e)                after
    GET  edit page                 1,106 KB, 151 q, 1.1–1.6 s      244 KB, 127 q, 0.42–0.95 s
    POST edit page (保存草稿)       508 q, 0.68–0.9 s               508 q, 0.56–1.4 s (the same work: see below)
    GET  核对数字                   —                               157 KB, 89 q, 0.7–1.3 s
    POST 核对数字 (全部确认)         —                               210 q, 0.39–0.73 s (0.23 s at load 6, alone)

The edit page's rows were 28 KB each (a panel per row, each of 12 fields with its label, help text, error slot and
comment button, a snippet chooser per row, the same again in the empty-form template); a saved row is now a line of
text with hidden inputs (≈ 1.5 KB). Saving a draft in the page editor still writes every row to the database and
Wagtail rebuilds the page's reference index after each row (32 times: about half the save, by cProfile); 核对数字
saves only a revision, as “从Word提取数字” does.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIGURES = int(os.environ.get("BENCH_FIGURES", "30"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
TOWNSHIP = "qingxi-baishui"
SUBMITTER = f"submitter_{TOWNSHIP}"

SENTENCES = (
    "全镇建立村级计生协会{n}个",
    "发展计生协会员{n}余人",
    "投入经费{n}万元",
    "发放宣传品{n}多份",
    "开展宣传活动{n}次",
    "走访慰问家庭{n}户",
)


def setup_django():
    """A temporary database with the demo site; BENCH_DIR=path keeps it there and reuses it on the next run."""
    directory = Path(os.environ.get("BENCH_DIR") or tempfile.mkdtemp(prefix="bench-figures-"))
    (directory / "staticfiles").mkdir(parents=True, exist_ok=True)  # STATIC_ROOT: no warning on every request
    database = directory / "bench.sqlite3"
    fresh = not database.exists()
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["PORTAL_VAR_DIR"] = str(directory)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if fresh:
        call_command("load_demo", verbosity=0)
    from portal.demo.users import ensure_demo_users

    ensure_demo_users("bench-figures-2026")


def material_text(count):
    sentences = [SENTENCES[n % len(SENTENCES)].format(n=100 + 37 * n) for n in range(count)]
    return "白水镇计生协经验交流材料\n\n" + "\n".join(f"{sentence}。" for sentence in sentences) + "\n"


def make_material():
    from portal.exchange.models import ExperiencePage, ExperienceTownshipPage
    from portal.importer.documents import parse_document
    from portal.importer.experience import attach_figures

    folder = ExperienceTownshipPage.objects.get(orgunit__code=TOWNSHIP)
    ExperiencePage.objects.child_of(folder).filter(slug="bench-figures").delete()
    page = folder.add_child(instance=ExperiencePage(title="基准：三十个数字", slug="bench-figures", live=False))
    document = parse_document("bench.txt", material_text(FIGURES).encode())
    attach_figures(page, document.figures)
    page.save_revision()
    page = ExperiencePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert len(page.figures.all()) == FIGURES, len(page.figures.all())
    return page


def latest(page):
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def editor_form_data(page):
    """What the page editor posts for `page` as it is stored (保存草稿), built the way Wagtail's tests build it."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    fields = ("metric", "metric_text", "value_as_written", "value_max_as_written", "unit", "qualifier", "role")
    fields += ("scope", "source_sentence", "status", "part_of")
    rows = []
    for figure in page.figures.all():
        row = {"id": figure.pk or ""}
        for name in fields:
            value = getattr(figure, f"{name}_id" if name in ("metric", "scope") else name)
            row[name] = "" if value is None else value
        rows.append(row)
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "date": page.date.isoformat(),
            "orgunit": page.orgunit_id or "",
            "summary": page.summary,
            "year": page.year,
            "period_kind": page.period_kind,
            "period_start": "",
            "period_end": "",
            "body": streamfield([]),
            "figures": inline_formset(rows, initial=len(rows)),
            "attachments": inline_formset([]),
        }
    )
    data["action-save"] = "1"
    return data


def confirm_table_data(html):
    """The 核对数字 table's own form as the browser would post it after 全选 → 全部确认."""
    from html.parser import HTMLParser

    class Inputs(HTMLParser):
        def __init__(self):
            super().__init__()
            self.data, self.select, self.textarea = {}, None, None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            name = attrs.get("name")
            if tag == "input" and name and (attrs.get("type") != "checkbox" or "checked" in attrs):
                self.data[name] = attrs.get("value", "")
            elif tag == "select" and name:
                self.select = name
                self.data.setdefault(name, "")
            elif tag == "option" and self.select and "selected" in attrs:
                self.data[self.select] = attrs.get("value", "")
            elif tag == "textarea" and name:
                self.textarea = name
                self.data[name] = ""

        def handle_endtag(self, tag):
            if tag == "select":
                self.select = None
            elif tag == "textarea":
                self.textarea = None

        def handle_data(self, data):
            if self.textarea:
                self.data[self.textarea] += data

    parser = Inputs()
    parser.feed(html)
    data = parser.data
    ticked = {f"figures-{n}-selected": "on" for n in range(int(data["figures-TOTAL_FORMS"]))}
    return data | ticked | {"action": "confirm"}


def measure(function, prepare=lambda: None):
    """Median and fastest milliseconds of `function(prepare())` over RUNS runs (prepare is not timed), the queries
    of the last run and its result. The fastest run is the least disturbed by other work on a shared machine."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, result = [], None
    for _ in range(RUNS):
        argument = prepare()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            result = function(argument)
            timings.append((time.perf_counter() - start) * 1000)
    return (statistics.median(timings), min(timings), len(queries)), result


def report(label, timing, response):
    median, fastest, queries = timing
    size = f", {len(response.content) / 1024:,.0f} KB" if response.status_code == 200 else ""
    print(f"  {label}: median {median:.0f} ms (fastest {fastest:.0f}), {queries} queries{size}")


def main():
    setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    page = make_material()
    client = Client()
    client.force_login(get_user_model().objects.get(username=SUBMITTER))
    admin = f"/{settings.WAGTAILADMIN_PATH}"
    print(f"{FIGURES} figures, median of {RUNS} runs, signed in as {SUBMITTER}:")
    client.get(f"{admin}pages/{page.pk}/edit/")  # warm up templates and the URLconf

    edit_url = f"{admin}pages/{page.pk}/edit/"
    report(f"GET  {edit_url}", *measure(lambda _: client.get(edit_url)))
    timing, response = measure(lambda data: client.post(edit_url, data), lambda: editor_form_data(latest(page)))
    assert response.status_code == 302, response.content.decode()[:2000]
    report(f"POST {edit_url} (保存草稿)", timing, response)

    try:
        table_url = reverse("exchange_confirm_figures", args=[page.pk])
    except NoReverseMatch:
        return
    report(f"GET  {table_url}", *measure(lambda _: client.get(table_url)))
    timing, response = measure(
        lambda data: client.post(table_url, data), lambda: confirm_table_data(client.get(table_url).content.decode())
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report(f"POST {table_url} (全部确认)", timing, response)


if __name__ == "__main__":
    main()
