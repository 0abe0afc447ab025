"""Figure rows: written vs multiplied-out values, Chinese validation messages, 其中 checks, folders, vocabulary, API."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from portal.exchange.forms import breakdown_errors
from portal.exchange.models import ExperienceFigure, ExperiencePage, ExperienceTownshipPage, MetricDefinition
from portal.exchange.numbers import bound_sign, format_number, written

from .factories import ExperiencePageFactory, figure

pytestmark = pytest.mark.django_db


def messages(error):
    return [message for messages in error.value.message_dict.values() for message in messages]


def test_value_is_multiplied_out_and_shown_as_written(world):
    row = figure(world.funds, "4300", "万元", qualifier="余")
    row.full_clean(exclude=["page"])
    assert (row.value, row.multiplier) == (Decimal("43000000"), 10_000)
    assert row.display == "4300余万元"


def test_imported_row_gets_its_written_value(world):
    row = ExperienceFigure(metric=world.funds, value=Decimal("15000"), unit="万元", multiplier=10_000)
    assert row.value_as_written == Decimal("1.5")
    assert row.display == "1.5万元"


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
        row.normalise()
    errors = breakdown_errors(rows)
    assert errors[1] == "第3行本身也是分项，请填写总数所在的行"
    assert errors[3] == "分项的单位“份”和总数的单位“元”不一致"
    rows = [total, figure(world.materials, 1400, "元", part_of=1), figure(world.rate, 2100, "元", part_of=1)]
    for row in rows:
        row.normalise()
    assert breakdown_errors(rows)[1] == "第1行的“其中”分项合计（3500）超过了总数（3400）"
    assert breakdown_errors([rows[0], figure(world.funds, 1, "元", part_of=1)])[1].startswith(
        "分项不能和总数使用同一个指标"
    )
    assert breakdown_errors([figure(world.funds, 1, "元", part_of=5)])[0] == "“其中”所属的第5行不存在"


def test_lower_bound_total_allows_larger_parts(world):
    rows = [figure(world.materials, 15000, qualifier="余"), figure(world.funds, 15200, "份", part_of=1)]
    for row in rows:
        row.normalise()
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
    assert row["value"] == "43000000.0000"
    assert row["scope"]["code"] == "taoyuan"
