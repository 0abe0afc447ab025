"""Aggregation: what counts (latest published submission per township and period, actual rows), how (sum/average/
latest), lower bounds, by county and year over year — with hypothesis property tests."""

from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.exchange import aggregation
from portal.exchange.aggregation import Period, PeriodError
from portal.exchange.models import ExperienceFigure, MetricDefinition

from .factories import MetricDefinitionFactory, figure

pytestmark = pytest.mark.django_db
P2025 = Period(2025)
TOWNSHIPS = ("jia-yi", "jia-er", "yi-san")


def total_of(metric, period=P2025):
    return next((row.cell for row in aggregation.totals(period) if row.metric_id == metric.pk), None)


def test_sums_averages_and_multipliers(world):
    world.submit(
        "jia-yi", [figure(world.materials, 100), figure(world.funds, "1.5", "万元"), figure(world.rate, 90, "%")]
    )
    world.submit("jia-er", [figure(world.materials, 250), figure(world.funds, 3000, "元"), figure(world.rate, 80, "%")])
    assert total_of(world.materials).display == "350份"
    assert total_of(world.funds).value == Decimal(18000)
    assert total_of(world.rate).display == "85%"


def test_lower_bounds_and_ranges_make_a_lower_bound_total(world):
    world.submit("jia-yi", [figure(world.materials, 15000, qualifier="余"), figure(world.funds, 4300, "万元")])
    world.submit("jia-er", [figure(world.materials, 500), figure(world.funds, 100, "万元", value_max_as_written=200)])
    assert total_of(world.materials).display == "≥ 15,500份"
    assert total_of(world.funds).display == "≥ 4,400万元"


def test_only_actual_confirmed_rows_of_live_latest_submissions_count(world):
    world.submit(
        "jia-yi", [figure(world.materials, 100), figure(world.materials, 999, role=ExperienceFigure.Role.TARGET)]
    )
    world.submit("jia-er", [figure(world.materials, 7)], live=False)  # a draft
    unpublished = world.submit("yi-san", [figure(world.materials, 40)])
    unpublished.unpublish()
    world.submit("jia-yi", [figure(world.materials, 5)], year=2024)  # another period
    world.submit("jia-er", [figure(world.materials, 3)], kind="h1")
    assert total_of(world.materials).value == 100
    superseding = world.submit("jia-yi", [figure(world.materials, 120)])
    assert total_of(world.materials).value == 120
    assert [row.cell.page_id for row in aggregation.by_township(P2025, world.materials.pk)] == [superseding.pk]


def test_by_township_by_county_and_year_over_year(world):
    for year, values in ((2024, (10, 20, 30)), (2025, (15, 25, 40))):
        for code, value in zip(TOWNSHIPS, values, strict=True):
            world.submit(code, [figure(world.materials, value)], year=year)
    townships = aggregation.by_township(P2025, world.materials.pk)
    assert sorted((row.county, row.label, row.cell.display) for row in townships) == [
        ("乙县", "三镇", "40份"),
        ("甲县", "一镇", "15份"),
        ("甲县", "二镇", "25份"),
    ]
    counties = aggregation.by_county(P2025, world.materials.pk)
    assert [(row.label, row.cell.value, row.cell.submissions) for row in counties] == [("甲县", 40, 2), ("乙县", 40, 1)]
    years = aggregation.year_over_year("year", world.materials.pk)
    assert [(row.period.year, row.cell.value, row.change_display) for row in years] == [
        (2024, 60, "—"),
        (2025, 80, "+33.3%"),
    ]


def test_latest_takes_the_newest_submission(world):
    latest = MetricDefinitionFactory(label="补贴标准", canonical_unit="元", allowed_units="元", aggregation="latest")
    world.submit("jia-yi", [figure(latest, 30)])
    world.submit("yi-san", [figure(latest, 50)])
    assert total_of(latest).value == 50


def test_metrics_not_aggregated_are_left_out(world):
    scores = MetricDefinitionFactory(label="得分", canonical_unit="分", allowed_units="分", aggregation="none")
    world.submit("jia-yi", [figure(scores, 60)])
    assert total_of(scores) is None


@pytest.mark.parametrize("text", ["", "2025-H3", "25", "2025-h1", "１２３４", "2025\x00", "9999", "2025-H1-x"])
def test_bad_periods(text):
    if text == "":
        with pytest.raises(PeriodError):
            Period.parse(text)
        return
    with pytest.raises(PeriodError, match="无法识别"):
        Period.parse(text)


def test_period_round_trip():
    for text in ("2025", "2025-H1", "2025-H2"):
        assert Period.parse(text).slug == text
    assert Period.parse("2026-H2").label == "2026年下半年"


QUALIFIERS = st.sampled_from(["", "", "余", "多", "以上", "不少于"])
VALUE = st.decimals(min_value=0, max_value=10**7, places=1, allow_nan=False, allow_infinity=False)
SUBMISSION = st.tuples(VALUE, QUALIFIERS, st.floats(0, 100).map(lambda x: Decimal(str(round(x, 1)))))
PROPERTY = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(
    current=st.lists(SUBMISSION, min_size=3, max_size=3),
    superseded=st.lists(SUBMISSION, min_size=3, max_size=3),
    drafts=st.lists(SUBMISSION, min_size=0, max_size=3),
)
def test_totals_are_sums_of_current_parts(world, current, superseded, drafts):
    """Totals = the sum of the current submissions' values; rates averaged; any lower bound → ≥; older, draft and
    unpublished submissions never change the result."""
    with transaction.atomic():
        for code, (value, qualifier, _rate) in zip(TOWNSHIPS, superseded, strict=True):
            world.submit(code, [figure(world.materials, value + 1, qualifier=qualifier), figure(world.rate, 100, "%")])
        for code, (value, _qualifier, rate) in zip(TOWNSHIPS, drafts, strict=False):
            world.submit(code, [figure(world.materials, value + 7), figure(world.rate, rate, "%")], live=False)
        for code, (value, qualifier, rate) in zip(TOWNSHIPS, current, strict=True):
            world.submit(code, [figure(world.materials, value, qualifier=qualifier), figure(world.rate, rate, "%")])
        materials, rate = total_of(world.materials), total_of(world.rate)
        assert materials.value == sum(value for value, _q, _r in current)
        assert (materials.sign == "≥") == any(qualifier for _v, qualifier, _r in current)
        assert rate.value == pytest.approx(sum(r for _v, _q, r in current) / 3, abs=Decimal("0.0001"))
        counties = aggregation.by_county(P2025, world.materials.pk)
        assert sum(row.cell.value for row in counties) == materials.value
        townships = aggregation.by_township(P2025, world.materials.pk)
        by_code = {row.code: row.cell.value for row in townships}
        assert by_code == {code: value for code, (value, _q, _r) in zip(TOWNSHIPS, current, strict=True)}
        transaction.set_rollback(True)


def test_vocabulary_metrics_aggregate_per_their_rule(world):
    rate = MetricDefinition.objects.get(label="政策知晓率")
    members = MetricDefinition.objects.get(label="计生协会员")
    world.submit("jia-yi", [figure(rate, 90, "%"), figure(members, "1.2", "万人")])
    world.submit("yi-san", [figure(rate, 100, "%"), figure(members, 800, "名", qualifier="多")])
    assert total_of(rate).display == "95%"
    assert total_of(members).display == "≥ 12,800人"
