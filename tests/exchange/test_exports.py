"""The dashboard's exports as a user opens them: CSV in a Chinese Excel, XLSX with numbers and no formulas, JSON."""

import csv
import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from portal.exchange.exports import csv_text, xlsx_cell
from portal.exchange.models import ExperienceFigure

from .factories import figure

pytestmark = pytest.mark.django_db
RISKY_SENTENCES = [
    '=HYPERLINK("http://evil.example/","点击查看")',
    "+SUM(A1:A9)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
]


def submit_2025(world):
    """2025: 一镇 and 三镇 report 宣传品发放 (2 of the 3 townships), only 三镇 reports 知晓率 (an average); 一镇's
    sentences start like formulas; 三镇 has a negative target. 2024: 二镇."""
    # counted rows: 1 + 2 + … + 6 = 21 份 more (one value each: a value repeated in a material is one figure)
    risky = [figure(world.materials, n, source_sentence=s) for n, s in enumerate(RISKY_SENTENCES, start=1)]
    one = world.submit(
        "jia-yi",
        [
            figure(world.materials, 15000, qualifier="余", metric_text="=宣传品"),
            figure(world.funds, 4300, "万元"),
            *risky,
        ],
    )
    three = world.submit(
        "yi-san",
        [
            figure(world.materials, 500),
            figure(world.rate, 90, "%"),
            figure(world.funds, 2, "万元", role=ExperienceFigure.Role.TARGET, source_sentence="经费比上年减少2万元"),
        ],
    )
    world.submit("jia-er", [figure(world.materials, 800)], year=2024)
    return one, three


def export(client, kind, period="2025"):
    response = client.get(f"/exchange/export/?format={kind}&period={period}")
    assert response.status_code == 200
    return response


def csv_tables(response):
    """The totals and the figure rows, each row a dict by header."""
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    blank = rows.index([])
    totals, details = rows[:blank], rows[blank + 1 :]
    return [dict(zip(totals[0], row, strict=True)) for row in totals[1:]], [
        dict(zip(details[0], row, strict=True)) for row in details[1:]
    ]


def xlsx_sheets(response):
    """{sheet name: [{header: cell}]}."""
    workbook = load_workbook(io.BytesIO(response.content))
    sheets = {}
    for sheet in workbook:
        header, *rows = sheet.iter_rows()
        sheets[sheet.title] = [{title.value: cell for title, cell in zip(header, row, strict=True)} for row in rows]
    return sheets


def test_csv_opens_in_a_chinese_excel(world, client):
    submit_2025(world)
    content = export(client, "csv").content
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    text = content.decode("utf-8-sig")
    assert text.count("\r\n") == text.count("\n")  # CRLF line ends only
    assert '\r\n宣传品发放,合计,15521,份,≥,2,3,2,"≥ 15,521份"\r\n' in text  # numbers unquoted
    assert '\r\n经费,合计,43000000,元,,1,3,1,"4,300万元"\r\n' in text


def test_csv_text_never_starts_a_formula(world, client):
    submit_2025(world)
    _totals, details = csv_tables(export(client, "csv"))
    sentences = [row["原文句子"] for row in details]
    for risky in RISKY_SENTENCES:
        assert "'" + risky in sentences
    assert {row["原文指标"] for row in details} >= {"'=宣传品"}
    assert "经费比上年减少2万元" not in sentences  # a target is not counted, so not listed
    assert csv_text(-20000) == -20000  # a negative number stays a number


def test_xlsx_text_is_text_and_numbers_are_numbers(world, client):
    submit_2025(world)
    sheets = xlsx_sheets(export(client, "xlsx"))
    details = sheets["明细"]
    sentences = {row["原文句子"].value: row["原文句子"] for row in details}
    for risky in RISKY_SENTENCES:
        assert sentences[risky].data_type == "s"  # the text as written, never a formula
    assert xlsx_cell(Workbook(write_only=True).create_sheet(), -20000, "元").data_type == "n"
    assert all(row["行号"].data_type == "n" and row["原文数值"].data_type == "n" for row in details)

    totals = {row["指标"].value: row for row in sheets["汇总"]}
    materials, rate = totals["宣传品发放"], totals["知晓率"]
    assert (materials["数值"].value, materials["数值"].data_type, materials["数值"].number_format) == (
        15521,
        "n",
        "#,##0",
    )
    assert (materials["单位"].value, materials["限定"].value) == ("份", "≥")
    assert (rate["数值"].value, rate["数值"].data_type, rate["数值"].number_format) == (90, "n", "0.0")
    assert totals["经费"]["数值"].value == 43000000
    assert all(
        row[header].data_type == "n" for row in totals.values() for header in ("报送乡镇数", "乡镇总数", "材料份数")
    )


def test_averages_say_average_and_coverage_is_shown(world, client):
    submit_2025(world)
    totals, _details = csv_tables(export(client, "csv"))
    by_metric = {row["指标"]: row for row in totals}
    assert "合计" not in totals[0]  # the value column does not call an average a total
    assert by_metric["知晓率"]["汇总方式"] == "平均"
    assert (by_metric["知晓率"]["报送乡镇数"], by_metric["知晓率"]["乡镇总数"]) == ("1", "3")
    assert by_metric["宣传品发放"]["汇总方式"] == "合计"
    assert (by_metric["宣传品发放"]["报送乡镇数"], by_metric["宣传品发放"]["乡镇总数"]) == ("2", "3")


def ascii_keys(value):
    if isinstance(value, dict):
        return all(key.isascii() and ascii_keys(item) for key, item in value.items())
    if isinstance(value, list):
        return all(ascii_keys(item) for item in value)
    return True


def test_json_has_ascii_keys_and_numeric_values(world, client):
    one, _three = submit_2025(world)
    response = export(client, "json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert ascii_keys(data)
    assert data["period"] == {"slug": "2025", "label": "2025年全年", "kind": "year", "start": None, "end": None}
    metrics = {metric["label"]: metric for metric in data["metrics"]}
    assert metrics["宣传品发放"] == {
        "id": world.materials.pk,
        "label": "宣传品发放",
        "unit": "份",
        "aggregation": "sum",
        "aggregation_label": "合计",
        "total": 15521,
        "bound": "lower",
        "sign": "≥",
        "submissions": 2,
        "townships_reported": 2,
        "townships_total": 3,
        "display": "≥ 15,521份",
    }
    assert (metrics["知晓率"]["aggregation"], metrics["知晓率"]["aggregation_label"]) == ("average", "平均")
    assert metrics["经费"]["total"] == 43000000 and metrics["经费"]["bound"] == "exact"
    assert all(type(metric["total"]) in (int, float) for metric in data["metrics"])
    materials = next(row for row in data["figures"] if row["qualifier"] == "余")  # the factories leave no row order
    assert materials["township"] == "一镇" and materials["township_code"] == "jia-yi" and materials["county"] == "甲县"
    assert (materials["submission"], materials["submission_id"]) == (one.title, one.pk)
    assert (materials["value_as_written"], materials["unit_as_written"], materials["qualifier"]) == (15000, "份", "余")
    assert (materials["value"], materials["unit"], materials["role"], materials["role_label"]) == (
        15000,
        "份",
        "actual",
        "实际完成",
    )
    assert materials["metric_text"] == "=宣传品"  # JSON is data: the text as written
    funds = next(row for row in data["figures"] if row["unit_as_written"] == "万元" and row["role"] == "actual")
    assert (funds["value_as_written"], funds["value"], funds["unit"]) == (4300, 43000000, "元")


def test_csv_totals_match_the_page(world, client):
    submit_2025(world)
    response = export(client, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "filename*=UTF-8''%E7%BB%8F%E9%AA%8C" in response["Content-Disposition"]
    totals, details = csv_tables(response)
    page = client.get("/exchange/?period=2025").content.decode()
    assert all(row["显示"] in page for row in totals)
    # 一镇: two rows and the risky ones; 三镇: two counted rows (its target is not counted)
    assert len(details) == 2 + len(RISKY_SENTENCES) + 2 and details[0]["县(区)"] == "甲县"


def test_xlsx_has_a_totals_and_a_details_sheet(world, client):
    submit_2025(world)
    response = export(client, "xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheets = xlsx_sheets(response)
    assert list(sheets) == ["汇总", "明细"]
    assert {row["指标"].value: row["显示"].value for row in sheets["汇总"]}["宣传品发放"] == "≥ 15,521份"
    assert len(sheets["明细"]) == 2 + len(RISKY_SENTENCES) + 2


@pytest.mark.parametrize(
    "query",
    [
        "format=pdf",
        "",
        "format=csv&period=20x5",
        "format=json&period=2025-H3",
        "format=xlsx&period=2025-06-30~2025-05-01",
        "format=csv&period=2025-02-30~2025-03-01",
    ],
)
def test_bad_export_is_a_400(world, client, query):
    response = client.get(f"/exchange/export/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert any(word in response.content.decode() for word in ("导出格式", "无法识别"))
