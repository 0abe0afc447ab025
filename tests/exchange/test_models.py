"""Figure rows: written vs multiplied-out values, Chinese validation messages, 其中 checks, folders, vocabulary, API."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ReferenceIndex

from portal.exchange.forms import breakdown_errors
from portal.exchange.models import ExperienceFigure, ExperiencePage, ExperienceTownshipPage, MetricDefinition
from portal.exchange.numbers import bound_sign, format_number, written
from tests.workflow.editor import open_editor, post_editor

from .factories import ExperiencePageFactory, MetricDefinitionFactory, figure

pytestmark = pytest.mark.django_db


def messages(error):
    return [message for messages in error.value.message_dict.values() for message in messages]


def test_value_is_multiplied_out_and_shown_as_written(world):
    row = figure(world.funds, "4300", "万元", qualifier="余")
    row.full_clean(exclude=["page"])
    assert (row.value, row.multiplier) == (Decimal("43000000"), 10_000)
    assert row.display == "4300余万元"


def test_saved_row_keeps_what_is_written_and_derives_the_rest(world):
    page = world.submit("jia-yi", [figure(world.funds, "1.5", "万元")], live=False)
    row = page.figures.get()
    assert (row.value_as_written, row.unit, row.value, row.display) == (Decimal("1.5"), "万元", 15000, "1.5万元")
    row.unit = "元"
    row.save()
    row.refresh_from_db()
    assert (row.value_as_written, row.value, row.multiplier) == (Decimal("1.5"), Decimal("1.5"), 1)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value_as_written": Decimal(10), "value_max_as_written": Decimal(5)}, "上限不能小于数值"),
        ({"value_as_written": Decimal(10), "unit": "人"}, "“宣传品发放”的单位只能是：份、万份（填的是“人”）"),
        ({"value_as_written": None}, "请填写数值；原文是“XX”等占位数字时，状态选“占位”"),
        ({"value_as_written": Decimal(-1)}, "数值不能是负数"),
    ],
)
def test_figure_messages(world, fields, message):
    row = ExperienceFigure(metric=world.materials, **({"unit": "份"} | fields))
    with pytest.raises(ValidationError) as error:
        row.full_clean(exclude=["page"])
    assert message in messages(error)


def test_rate_above_100_percent_is_flagged(world):
    row = ExperienceFigure(metric=world.rate, value_as_written=Decimal("105"), unit="%")
    with pytest.raises(ValidationError) as error:
        row.full_clean(exclude=["page"])
    assert "比率不能超过100%，请核对原文（填的是105%）" in messages(error)


def test_placeholder_may_have_no_value(world):
    row = ExperienceFigure(metric=world.materials, unit="份", status=ExperienceFigure.Status.PLACEHOLDER)
    row.full_clean(exclude=["page"])
    assert row.display == "（占位）"


def test_breakdown_parts_must_not_exceed_their_total(world):
    total = figure(world.funds, 3400, "元")
    part = figure(world.materials, 10, "份", part_of=1)
    other_funds = ExperienceFigure(metric=world.rate, value_as_written=Decimal(2000), unit="元", part_of=1)
    rows = [total, figure(world.rate, 50, "%", part_of=3), other_funds, part]
    for row in rows:
        row.derive_values()
    errors = breakdown_errors(rows)
    assert errors[1] == "第3行本身也是分项，请填写总数所在的行"
    assert errors[3] == "分项的单位“份”和总数的单位“元”不一致"
    rows = [total, figure(world.materials, 1400, "元", part_of=1), figure(world.rate, 2100, "元", part_of=1)]
    for row in rows:
        row.derive_values()
    assert breakdown_errors(rows)[1] == "第1行的“其中”分项合计（3500）超过了总数（3400）"
    assert breakdown_errors([rows[0], figure(world.funds, 1, "元", part_of=1)])[1].startswith(
        "分项不能和总数使用同一个指标"
    )
    assert breakdown_errors([figure(world.funds, 1, "元", part_of=5)])[0] == "“其中”所属的第5行不存在"


def test_lower_bound_total_allows_larger_parts(world):
    rows = [figure(world.materials, 15000, qualifier="余"), figure(world.funds, 15200, "份", part_of=1)]
    for row in rows:
        row.derive_values()
    assert breakdown_errors(rows) == {}


def test_submission_belongs_to_its_folders_township(world):
    page = ExperiencePageFactory(parent=world.folders["jia-er"], orgunit=world.units["yi-san"])
    assert ExperiencePage.objects.get(pk=page.pk).orgunit == world.units["jia-er"]
    assert page.url == "/exchange/jia-er/" + page.slug + "/"


def test_custom_period_needs_both_dates(world):
    page = ExperiencePageFactory.build(period_kind="custom", period_start=datetime.date(2025, 3, 1))
    with pytest.raises(ValidationError) as error:
        page.clean_period()
    assert "自定义时段需要填写开始日期和结束日期" in messages(error)
    page.period_end = datetime.date(2025, 2, 1)
    with pytest.raises(ValidationError) as error:
        page.clean_period()
    assert "结束日期不能早于开始日期" in messages(error)
    page.period_end = datetime.date(2025, 9, 30)
    page.clean_period()
    assert page.period_label == "2025年3月1日—2025年9月30日"


def test_one_folder_per_township(world):
    folder = ExperienceTownshipPage(title="重复", slug="x", orgunit=world.units["jia-yi"])
    with pytest.raises(ValidationError) as error:
        world.index.add_child(instance=folder)
    assert "“一镇”已经有经验交流栏目了" in messages(error)


def test_starting_vocabulary():
    metrics = MetricDefinition.objects.all()
    assert metrics.count() >= 30
    assert set(metrics.values_list("family", flat=True)) == set(MetricDefinition.Family.values)
    assert not metrics.filter(family=MetricDefinition.Family.RATES, aggregation=MetricDefinition.Aggregation.SUM)
    for metric in metrics:
        metric.full_clean()


def test_rates_cannot_be_summed():
    metric = MetricDefinition(label="x率", family="rates", canonical_unit="%", allowed_units="%", aggregation="sum")
    with pytest.raises(ValidationError) as error:
        metric.full_clean()
    assert "比率不能求和，请选择“求平均”或“取最新值”" in messages(error)


def test_number_helpers():
    assert format_number(Decimal("12345.600")) == "12,345.6"
    assert written(Decimal(500), "元", "", Decimal(1000)) == "500-1000元"
    assert written(Decimal(95), "%", "以上") == "95%以上"
    assert written(Decimal(500), "人", "近+余") == "近500余人"
    assert written(Decimal(3), "万元", "近") == "近3万元"
    assert bound_sign(lower=True, upper=False, approximate=False) == "≥"
    assert bound_sign(lower=True, upper=True, approximate=False) == "约"


def test_api_lists_figures(world, client):
    page = world.submit("jia-yi", [figure(world.funds, 4300, "万元", qualifier="余", scope=world.units["village"])])
    response = client.get(f"/api/v2/pages/{page.pk}/?fields=figures,period_label")
    assert response.status_code == 200
    data = response.json()
    assert data["period_label"] == "2025年全年"
    row = data["figures"][0]
    assert row["display"] == "4300余万元"
    assert (row["value_as_written"], row["unit"], row["multiplier"]) == ("4300.0000", "万元", 10_000)
    assert row["value"] == "43000000.0000"
    assert row["scope"]["code"] == "taoyuan"


def saved_draft(client, page, **changes):
    """Open the page editor, post its form back with `changes` (保存草稿); returns the number of queries of the POST."""
    _response, data = open_editor(client, page)
    with CaptureQueriesContext(connection) as queries:
        response = post_editor(client, page, data, **changes)
    assert response.status_code == 302, response.content.decode()[:2000]
    return len(queries)


@pytest.mark.parametrize("live", [False, True])
def test_saving_in_the_editor_costs_as_many_queries_for_30_figures_as_for_10(world, admin_client, live):
    queries = {}
    for size in (10, 30):
        page = world.submit("jia-yi", [figure(world.materials, 100 + n) for n in range(size)], live=live)
        saved_draft(admin_client, page)  # the first save of a factory-made page writes its revision
        queries[size] = saved_draft(admin_client, page)
    assert queries[10] == queries[30]


def test_saving_in_the_editor_stores_changed_deleted_and_derived_rows(world, admin_client):
    page = world.submit("jia-yi", [figure(world.funds, 4300, "万元"), figure(world.materials, 500)], live=False)
    saved_draft(admin_client, page, **{"figures-0-value_as_written": "4400", "figures-1-DELETE": "1"})
    rows = [(row.metric, row.value_as_written, row.unit, row.value) for row in page.figures.all()]
    assert rows == [(world.funds, Decimal(4400), "万元", Decimal(44_000_000))]
    assert [page.pk] == [int(ref.object_id) for ref in ReferenceIndex.get_references_to(world.funds)]
    assert not ReferenceIndex.get_references_to(world.materials).exists()


def test_revision_naming_a_deleted_village_or_metric_opens_without_it(world):
    metric = MetricDefinitionFactory(label="已删除的指标", canonical_unit="个", allowed_units="个")
    page = world.submit("jia-yi", [figure(metric, 3, scope=world.units["village"])], live=False)
    page.save_revision()
    page.figures.all().delete()
    metric.delete()
    world.units["village"].delete()
    row = ExperiencePage.objects.get(pk=page.pk).get_latest_revision_as_object().figures.get()
    assert (row.metric_id, row.scope_id, row.value_as_written) == (None, None, 3)
