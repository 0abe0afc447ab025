"""经验交流 as a township lives it, in the browser with the demo users and a real .docx: 白水镇's submitter imports its
Word material into its folder for 2026年上半年 (a period the demo has no data for, so every total is this material's),
confirms the figures in 核对数字 and submits; 青溪县's reviewer and the city reviewer approve, which publishes. Every
mappable figure is under its metric, the per-household amount and the target count nowhere; extracting or importing
the same file again adds nothing; a second material of the same period is announced as the replacement and, once
approved, is the only one counted; the dashboard, its charts' data and the three exports agree with the confirmed
figures of the material that counts. Another township's submitter cannot import into the folder, and hostile files
are refused in Chinese with nothing created."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from portal.core.models import OrgUnit
from portal.exchange.models import ExperiencePage, ExperienceTownshipPage, MetricDefinition
from portal.exchange.numbers import format_number
from portal.importer.models import ImportRecord
from tests.importer.factories import zip_bomb_docx

from .conftest import ARTIFACTS, screenshot
from .exchange_steps import (
    Stopwatch,
    chart_data,
    confirm_all,
    current_materials,
    dashboard_totals,
    editor_messages,
    expected_totals,
    exports,
    extract_again,
    import_word,
    material_docx,
    upload,
)
from .wagtail_admin import ADMIN, approve_in_editor, submit_for_review

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TOWNSHIP = "qingxi-baishui"
YEAR, KIND, PERIOD_LABEL, PERIOD = 2026, ExperiencePage.PeriodKind.FIRST_HALF, "上半年", "2026-H1"

FIRST_TITLE = "白水镇推进企业计生协会建设工作经验"
FIRST_FILE = material_docx(
    FIRST_TITLE,
    [
        "近年来，白水镇计生协紧紧围绕中心工作，积极探索企业计生协会建设新路子。",
        "全镇建立企业计生协会696个，发展会员2.3万人。",
        "多方筹集生育关怀基金4300余万元，帮扶计生困难家庭120户，户均慰问金800元。",
        "宣传品入户率达95%以上，群众满意率达98.5%。",
        "计划到2027年新建企业计生协会100个。",
    ],
)
# (统计指标 or None, value as written, unit, 性质) of every figure: the per-household amount (户均) and the target
# (计划…新建) get no metric, so nothing counts them.
FIRST_FIGURES = [
    ("企业计生协会", "696", "个", "actual"),
    ("计生协会员", "2.3", "万人", "actual"),
    ("募集资金", "4300", "万元", "actual"),
    ("帮扶困难家庭", "120", "户", "actual"),
    (None, "800", "元", "actual"),
    ("宣传品入户率", "95", "%", "actual"),
    ("群众满意率", "98.5", "%", "actual"),
    (None, "100", "个", "target"),
]
FIRST_DASHBOARD = {
    "企业计生协会": "696个",
    "计生协会员": "23,000人",
    "募集资金": "≥ 4,300万元",
    "帮扶困难家庭": "120户",
    "宣传品入户率": "≥ 95%",
    "群众满意率": "98.5%",
}

SECOND_TITLE = "白水镇2026年上半年企业计生协会工作补充材料"
SECOND_FILE = material_docx(
    SECOND_TITLE,
    [
        "上半年，白水镇计生协继续推进非公企业建会工作。",
        "全镇建立企业计生协会700个，筹集生育关怀基金4500万元。",
    ],
)
SECOND_DASHBOARD = {"企业计生协会": "700个", "募集资金": "4,500万元"}


def rows_of(material):
    """(metric, value as written, unit, role, status) of the material's latest revision, in order."""
    draft = ExperiencePage.objects.get(pk=material.pk).get_latest_revision_as_object()
    return [
        (
            row.metric.label if row.metric_id else None,
            format_number(row.value_as_written, 4, grouping=False),
            row.unit,
            row.role,
            row.status,
        )
        for row in draft.figures.all()
    ]


def township_count():
    return OrgUnit.objects.filter(level=OrgUnit.Level.TOWNSHIP).count()


def review(sign_in, demo, material, *, notice=""):
    """青溪县's reviewer, then the city reviewer, open the material (each sees `notice` if given) and approve it."""
    for reviewer in ("reviewer_qingxi", "city_reviewer"):
        page = sign_in(reviewer)
        if notice:
            assert notice in editor_messages(page, demo, material), reviewer
        approve_in_editor(page, demo, material)
    material = ExperiencePage.objects.get(pk=material.pk)
    assert material.live and not material.workflow_in_progress
    return material


def assert_everything_agrees(page, demo, expected):
    """The dashboard's totals read as `expected`, equal the oracle (the confirmed figures of the material that counts),
    and the charts' data and the JSON, CSV and XLSX exports give the same numbers."""
    counted = list(current_materials(TOWNSHIP, YEAR, KIND))
    oracle = expected_totals(counted)
    assert set(oracle) == set(expected)
    townships = f"1/{township_count()} 个乡镇"

    totals, sources, _notice = dashboard_totals(page, demo, PERIOD)
    assert totals == {label: (shown, townships) for label, shown in expected.items()}
    assert sources == [material.title for material in counted]

    data, csv_totals, xlsx_totals, details = exports(page, demo, PERIOD)
    json_totals = {metric["label"]: metric for metric in data["metrics"]}
    assert set(json_totals) == set(csv_totals) == set(xlsx_totals) == set(oracle)
    for label, value in oracle.items():
        assert Decimal(str(json_totals[label]["total"])) == value, label
        assert isinstance(json_totals[label]["total"], int | float)
        assert json_totals[label]["townships_reported"] == 1
        assert Decimal(csv_totals[label]["数值"]) == value, label
        cell = xlsx_totals[label]["数值"]
        assert cell.data_type == "n" and Decimal(str(cell.value)) == value, label
        assert json_totals[label]["display"] == csv_totals[label]["显示"] == xlsx_totals[label]["显示"].value
        assert json_totals[label]["display"] == expected[label]

    confirmed = {row["status"] for row in data["figures"]}
    assert confirmed == {"confirmed"}, "an export lists figures that do not count"
    assert {row["submission"] for row in data["figures"]} == {material.title for material in counted}
    assert len(details) == len(data["figures"])
    converted = [row[11] for row in details]  # 折算数值
    assert all(cell.data_type == "n" for cell in converted)

    metric_ids = {metric.label: metric.pk for metric in MetricDefinition.objects.filter(label__in=oracle)}
    for label in oracle:
        chart = chart_data(page, demo, PERIOD, metric_ids[label])
        assert chart["metric"] == label and chart["townships"]["labels"] == ["白水镇"]
        (charted,) = chart["townships"]["values"]
        assert f"{format_number(Decimal(str(charted)))}{chart['unit']}" in expected[label], (label, chart)


def test_a_township_material_reaches_the_dashboard_once_confirmed_and_replaced_when_resubmitted(sign_in, demo):
    clock = Stopwatch()
    folder = ExperienceTownshipPage.objects.get(orgunit__code=TOWNSHIP)
    township = sign_in(f"submitter_{TOWNSHIP}")

    # 1. 白水镇 imports its Word file for 2026年上半年: a draft titled from the Heading 1, every figure to confirm.
    with clock.step("import"):
        (result,) = import_word(
            township, demo, folder, [upload("经验材料.docx", FIRST_FILE)], year=YEAR, period_label=PERIOD_LABEL
        )
    assert "已创建草稿" in result and f"{len(FIRST_FIGURES)} 个" in result, result
    first = ExperiencePage.objects.get(title=FIRST_TITLE)
    assert (first.year, first.period_kind, first.live) == (YEAR, KIND, False)
    assert first.get_parent().pk == folder.pk
    assert rows_of(first) == [(*row, "extracted") for row in FIRST_FIGURES]

    # 2. 核对数字: 全选, 全部确认.
    with clock.step("confirm"):
        message = confirm_all(township, demo, first)
    assert f"已确认 {len(FIRST_FIGURES)} 个数字" in message
    screenshot(township, "journey-1-confirmed")
    assert rows_of(first) == [(*row, "confirmed") for row in FIRST_FIGURES]

    # 3. The same file again, into the page and into the folder: nothing doubles, nothing is created.
    with clock.step("re-extract"):
        message = extract_again(township, demo, first, "经验材料.docx", FIRST_FILE)
    assert f"新增 0 个，已有 {len(FIRST_FIGURES)} 个保持不变，移除 0 个" in message, message
    assert rows_of(first) == [(*row, "confirmed") for row in FIRST_FIGURES]
    (result,) = import_word(
        township, demo, folder, [upload("经验材料（再次）.docx", FIRST_FILE)], year=YEAR, period_label=PERIOD_LABEL
    )
    assert "已存在" in result and "同一份文档已导入过" in result, result
    assert ExperiencePage.objects.child_of(folder).filter(year=YEAR, period_kind=KIND).count() == 1

    # 4. Submitted, approved by 青溪县, approved (published) by the city.
    with clock.step("submit and two approvals"):
        township.goto(f"{demo}{ADMIN}pages/{first.pk}/edit/")
        assert "提交审核" in submit_for_review(township)
        first = review(sign_in, demo, first)

    # 5. Dashboard, charts and exports agree with the confirmed figures; the two figures without a metric are told.
    with clock.step("dashboard, charts and exports"):
        assert_everything_agrees(township, demo, FIRST_DASHBOARD)
    _totals, _sources, notice = dashboard_totals(township, demo, PERIOD)
    assert notice == ["本期另有 2 个数字尚未归入统计指标，没有计入上表。"]
    screenshot(township, "journey-2-dashboard")

    # 6. Extracting the published material's file once more changes no total.
    message = extract_again(township, demo, first, "经验材料.docx", FIRST_FILE)
    assert f"新增 0 个，已有 {len(FIRST_FIGURES)} 个保持不变" in message, message
    assert_everything_agrees(township, demo, FIRST_DASHBOARD)

    # 7. Another township's submitter can neither see nor import into 白水镇's folder, nor touch its material.
    with clock.step("wrong user"):
        assert_other_township_is_refused(sign_in, demo, folder, first)

    # 8. Hostile files: refused in Chinese, nothing created.
    with clock.step("hostile files"):
        assert_hostile_files_are_refused(township, demo, folder, first)

    # 9. A second material for the same period: everyone is told it replaces the first; once approved it alone counts.
    with clock.step("second material"):
        (result,) = import_word(
            township, demo, folder, [upload("补充材料.docx", SECOND_FILE)], year=YEAR, period_label=PERIOD_LABEL
        )
        assert "已创建草稿" in result, result
        second = ExperiencePage.objects.get(title=SECOND_TITLE)
        replaces = f"这份材料发布后，将替换《{FIRST_TITLE}》在2026年上半年的数字"
        assert replaces in editor_messages(township, demo, second)
        assert "已确认 2 个数字" in confirm_all(township, demo, second)
        township.goto(f"{demo}{ADMIN}pages/{second.pk}/edit/")
        assert "提交审核" in submit_for_review(township)
        review(sign_in, demo, second, notice=replaces)
        assert ExperiencePage.objects.get(pk=first.pk).live  # still published, no longer counted
        assert_everything_agrees(township, demo, SECOND_DASHBOARD)
    screenshot(township, "journey-3-dashboard-replaced")

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    Path(ARTIFACTS.parent / "exchange-journey-timings.json").write_text(json.dumps(clock.seconds, ensure_ascii=False))
    print("经验交流全程耗时（秒）：", clock.seconds)


def assert_other_township_is_refused(sign_in, demo, folder, material):
    other = sign_in("submitter_baishi-shanmen")
    before = ExperiencePage.objects.count()
    explorer = other.goto(f"{demo}{ADMIN}pages/{folder.pk}/")
    assert explorer.status == 403 or "导入Word文档" not in other.content()
    assert FIRST_TITLE not in other.locator("main").inner_text()
    response = other.goto(f"{demo}{ADMIN}importer/{folder.pk}/")
    assert response.status == 403 and "你没有在这个栏目下添加页面的权限" in other.content()
    token = next(cookie["value"] for cookie in other.context.cookies() if cookie["name"] == "csrftoken")
    posted = other.context.request.post(
        f"{demo}{ADMIN}importer/{folder.pk}/",
        multipart={
            "files": upload("冒名.docx", SECOND_FILE),
            "page_type": "experience",
            "year": "2026",
            "period_kind": "h1",
        },
        headers={"X-CSRFToken": token, "Referer": f"{demo}{ADMIN}"},
    )
    assert posted.status == 403
    for url in (f"importer/experience/{material.pk}/figures/", f"exchange/figures/{material.pk}/"):
        response = other.goto(f"{demo}{ADMIN}{url}")
        assert response.status == 403, url
    assert ExperiencePage.objects.count() == before


def assert_hostile_files_are_refused(township, demo, folder, material):
    pages, records = ExperiencePage.objects.count(), ImportRecord.objects.count()
    revision = ExperiencePage.objects.get(pk=material.pk).latest_revision_id
    hostile = [
        upload("炸弹.docx", zip_bomb_docx(unpacked_mb=60)),
        upload("不是Word.docx", "这不是Word文件，只是改了扩展名的文本。".encode()),
        upload("扫描件.docx", b"%PDF-1.4\n1 0 obj<<>>endobj\n"),
    ]
    results = import_word(township, demo, folder, hostile, year=YEAR, period_label=PERIOD_LABEL)
    assert len(results) == 3
    assert "未导入" in results[0] and "压缩炸弹" in results[0], results[0]
    for result in results[1:]:
        assert "未导入" in result and "不是有效的压缩格式文件" in result, result
    screenshot(township, "journey-hostile-files")
    message = extract_again(township, demo, material, "炸弹.docx", zip_bomb_docx(unpacked_mb=60))
    assert "压缩炸弹" in message, message
    assert (ExperiencePage.objects.count(), ImportRecord.objects.count()) == (pages, records)
    assert ExperiencePage.objects.get(pk=material.pk).latest_revision_id == revision
