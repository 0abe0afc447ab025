"""Steps of the 经验交流 journey in the browser (tests/e2e/test_exchange_journey.py): a .docx built with python-docx,
the admin Word import, 核对数字, the dashboard, its charts' data and its three exports, and a by-hand oracle of what
the dashboard should count."""

import csv
import io
import json
import time
from collections import defaultdict
from contextlib import contextmanager
from decimal import Decimal

import docx
import openpyxl

from portal.exchange.models import ExperienceFigure, ExperiencePage, MetricDefinition
from portal.exchange.numbers import multiplier_for

from .wagtail_admin import ADMIN, flash_message


def material_docx(title, paragraphs) -> bytes:
    """A real .docx: the title in Heading 1, then one Normal paragraph each."""
    document = docx.Document()
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(name, data):
    return {
        "name": name,
        "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "buffer": data,
    }


class Stopwatch:
    """Seconds per step of the journey, printed at the end (the report quotes them)."""

    def __init__(self):
        self.seconds = {}

    @contextmanager
    def step(self, name):
        start = time.perf_counter()
        yield
        self.seconds[name] = round(time.perf_counter() - start, 2)


# --- The admin -----------------------------------------------------------------------------------------------------


def header_action(page, label):
    """A button of the page header's 动作 (⋯) menu, where Wagtail puts the register_page_header_buttons ones."""
    page.locator("#w-slim-header-buttons button.w-dropdown__toggle").click()
    page.locator("a", has_text=label).click()


def import_word(page, base, folder, files, *, year, period_label):
    """From the folder's page listing: 导入Word文档, choose year and period, upload `files`; returns the result rows'
    texts (one per file)."""
    page.goto(f"{base}{ADMIN}pages/{folder.pk}/")
    header_action(page, "导入Word文档")
    page.wait_for_selector("input[name=files]")
    page.fill("input[name=year]", str(year))
    page.select_option("select[name=period_kind]", label=period_label)
    page.set_input_files("input[name=files]", files=files)
    page.locator("form button[type=submit]", has_text="导入").click()
    page.wait_for_selector("text=导入结果")
    return page.locator("table.listing tbody tr").all_inner_texts()


def confirm_all(page, base, material):
    """核对数字 from the page editor: 全选, 全部确认; returns the message."""
    page.goto(f"{base}{ADMIN}pages/{material.pk}/edit/")
    page.locator("a", has_text="核对数字").first.click()
    page.wait_for_selector("table.confirm-table")
    page.locator("label", has_text="全选").click()
    page.locator("button", has_text="全部确认").click()
    return flash_message(page)


def extract_again(page, base, material, name, data):
    """从Word提取数字 on the material (the header button); returns the message shown after it."""
    page.goto(f"{base}{ADMIN}pages/{material.pk}/edit/")
    header_action(page, "从Word提取数字")
    page.wait_for_selector("input[name=file]")
    page.set_input_files("input[name=file]", files=[upload(name, data)])
    page.locator("button[type=submit]", has_text="提取").click()
    page.wait_for_selector(".messages li, .w-field__errors .error-message")
    return page.locator(".messages li, .w-field__errors .error-message").first.inner_text()


def editor_messages(page, base, material):
    page.goto(f"{base}{ADMIN}pages/{material.pk}/edit/")
    return page.locator(".messages").inner_text() if page.locator(".messages").count() else ""


# --- What the public sees ------------------------------------------------------------------------------------------


def dashboard_totals(page, base, period_slug):
    """The dashboard's 全市汇总 table: {metric: (value shown, 报送乡镇)}; and the materials it says count."""
    page.goto(f"{base}/exchange/?period={period_slug}")
    totals = {}
    for row in page.locator("section[aria-labelledby=totals-heading] tbody tr").all():
        value = row.locator("td .value").inner_text().strip()  # the number, without its 合计/平均 label
        townships = row.locator("td").nth(1).inner_text().strip()
        totals[row.locator("th").inner_text().strip()] = (value, townships)
    sources = [text.strip() for text in page.locator("#sources li a").all_inner_texts()]
    notice = page.locator("section[aria-labelledby=totals-heading] .notice").all_inner_texts()
    return totals, sources, notice


def chart_data(page, base, period_slug, metric_id):
    page.goto(f"{base}/exchange/?period={period_slug}&metric={metric_id}")
    return json.loads(page.locator("#dashboard-data").text_content())


def exports(page, base, period_slug):
    """The three downloads of the period, parsed: (JSON, CSV totals table, XLSX 汇总 sheet) keyed by metric label."""
    request = page.context.request

    def get(kind):
        response = request.get(f"{base}/exchange/export/?format={kind}&period={period_slug}")
        assert response.status == 200, (kind, response.status)
        return response.body()

    data = json.loads(get("json"))
    text = get("csv").decode("utf-8-sig")
    table = text.split("\r\n\r\n")[0]
    csv_totals = {row["指标"]: row for row in csv.DictReader(io.StringIO(table))}
    workbook = openpyxl.load_workbook(io.BytesIO(get("xlsx")))
    sheet = workbook["汇总"]
    header = [cell.value for cell in sheet[1]]
    xlsx_totals = {}
    for cells in sheet.iter_rows(min_row=2):
        row = dict(zip(header, cells, strict=True))
        xlsx_totals[row["指标"].value] = row
    details = list(workbook["明细"].iter_rows(min_row=2))
    return data, csv_totals, xlsx_totals, details


# --- The oracle: what should count, worked out from the rows by hand -----------------------------------------------


def current_materials(township_code, year, kind):
    """The township's live materials of the period, the one first published last (the one that counts)."""
    live = ExperiencePage.objects.live().filter(orgunit__code=township_code, year=year, period_kind=kind)
    return live.order_by("-first_published_at", "-pk")[:1]


def expected_totals(materials):
    """{metric label: total in its canonical unit} from the confirmed actual figures of `materials`: sums, rates
    and averaged metrics averaged over their rows."""
    values = defaultdict(list)
    for material in materials:
        for row in ExperienceFigure.objects.filter(page=material).select_related("metric"):
            counts = row.metric_id and row.status == "confirmed" and row.role == "actual"
            if counts and row.metric.aggregation != MetricDefinition.Aggregation.NONE:
                values[row.metric].append(Decimal(row.value_as_written) * multiplier_for(row.unit))
    totals = {}
    for metric, parts in values.items():
        averaged = metric.is_rate or metric.aggregation == MetricDefinition.Aggregation.AVERAGE
        totals[metric.label] = sum(parts) / len(parts) if averaged else sum(parts)
    return totals
