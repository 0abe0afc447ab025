"""Aggregation: what counts (latest published submission per township and period, actual rows), how (sum/average/
latest), lower bounds, by county and year over year, custom ranges — with hypothesis property tests."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from portal.exchange import aggregation
from portal.exchange.models import ExperienceFigure, ExperiencePage, MetricDefinition
from portal.exchange.periods import Period, PeriodError

from .factories import MetricDefinitionFactory, figure

pytestmark = pytest.mark.django_db
P2025 = Period(2025)
SPRING = Period.custom(datetime.date(2025, 3, 1), datetime.date(2025, 9, 30))
CAMPAIGN = Period.custom(datetime.date(2025, 5, 1), datetime.date(2025, 6, 30))
TOWNSHIPS = ("jia-yi", "jia-er", "yi-san")


def total_of(metric, period=P2025):
    return next((row.cell for row in aggregation.totals(period) if row.metric_id == metric.pk), None)


def test_the_earlier_value_of_a_change_never_counts_even_confirmed_with_a_metric(world):
    """会员由3000人增加到3200人: the township has 3200, whatever a reviewer did with the 3000's row."""
    earlier = figure(world.materials, 3000, role=ExperienceFigure.Role.EARLIER, metric_text="宣传品(原)")
    world.submit("jia-yi", [earlier, figure(world.materials, 3200)])
    assert total_of(world.materials).value == 3200


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


def test_rows_awaiting_confirmation_and_placeholders_do_not_count(world):
    extracted, placeholder = ExperienceFigure.Status.EXTRACTED, ExperienceFigure.Status.PLACEHOLDER
    world.submit("jia-yi", [figure(world.materials, 100), figure(world.materials, 5000, status=extracted)])
    world.submit("jia-er", [figure(world.materials, 3000, status=placeholder), figure(world.rate, 50, "%")])
    world.submit("yi-san", [figure(world.rate, 90, "%", status=extracted)], year=2024)
    assert total_of(world.materials).value == 100
    townships = aggregation.by_township(P2025, world.materials.pk)
    assert [(row.label, row.cell.value) for row in townships] == [("一镇", 100)]
    assert aggregation.year_over_year(Period(2025), world.rate.pk)[0].period == P2025  # 2024 had no confirmed rate
    assert sorted((row.metric.label, row.value) for row in aggregation.figure_rows(P2025)) == [
        ("宣传品发放", 100),
        ("知晓率", 50),
    ]


def test_a_figure_a_material_states_twice_counts_once(world):
    opening, summary = "上半年，一镇现有宣传品100份……", "全镇共发放宣传品100份，投入经费1.5万元。"
    village = world.units["village"]
    extracted = ExperienceFigure.Status.EXTRACTED
    world.submit(
        "jia-yi",
        [
            figure(world.materials, 100, source_sentence=opening),
            figure(world.materials, 100, source_sentence=summary),  # the same fact again
            figure(world.materials, 100, source_sentence="桃源村发放宣传品100份。", scope=village),  # another village's
            figure(world.funds, "1.5", "万元", status=extracted, source_sentence=opening),  # unconfirmed: not counted,
            figure(world.funds, 15000, "元", source_sentence=summary),  # so this one (1.5万元 = 15000元) is
            figure(world.funds, 15000, "元", qualifier="余", source_sentence="经费15000余元。"),  # ≥: another figure
        ],
    )
    world.submit("jia-er", [figure(world.materials, 100)])  # another township's equal number
    assert total_of(world.materials).display == "300份"
    assert total_of(world.funds).display == "≥ 30,000元"
    townships = {row.label: row.cell.value for row in aggregation.by_township(P2025, world.materials.pk)}
    assert townships == {"一镇": 200, "二镇": 100}
    listed = [(row.metric.label, row.source_sentence) for row in aggregation.figure_rows(P2025)]
    assert listed.count(("宣传品发放", summary)) == 0 and listed.count(("经费", summary)) == 1
    assert len(listed) == 5


def test_each_total_says_how_many_townships_reported_it(world):
    world.submit("jia-yi", [figure(world.materials, 100), figure(world.materials, 20), figure(world.rate, 80, "%")])
    world.submit("jia-er", [figure(world.materials, 5)])
    world.submit("jia-er", [figure(world.materials, 7)])  # a revision: still one township
    totals = {row.label: row for row in aggregation.totals(P2025)}
    assert (totals["宣传品发放"].townships_reported, totals["宣传品发放"].townships_total) == (2, 3)
    assert totals["知晓率"].townships_display == "1/3 个乡镇"


def test_year_over_year_compares_the_townships_that_reported_in_both_periods(world):
    world.submit("jia-yi", [figure(world.materials, 10)], year=2023)
    world.submit("jia-yi", [figure(world.materials, 20)], year=2024)
    world.submit("jia-er", [figure(world.materials, 30), figure(world.rate, 50, "%")], year=2024)
    world.submit("jia-yi", [figure(world.materials, 30)], year=2025)
    world.submit("yi-san", [figure(world.materials, 1000), figure(world.rate, 70, "%")], year=2025)
    years = aggregation.year_over_year(P2025, world.materials.pk)
    assert [(row.period.year, row.cell.value, row.change_display, row.comparison_display) for row in years] == [
        (2023, 10, "—", "—"),
        (2024, 50, "+100%", "按两期都报送的 1 个乡镇比较"),
        (2025, 1030, "+50%", "按两期都报送的 1 个乡镇比较"),
    ]
    rates = aggregation.year_over_year(P2025, world.rate.pk)
    assert [(row.change_display, row.comparison_display) for row in rates] == [
        ("—", "—"),
        ("—", "两期没有都报送的乡镇，不比较"),
    ]


def test_a_material_moved_under_a_protected_page_stops_counting(world):
    PageViewRestriction.objects.create(page=world.folders["yi-san"], restriction_type=PageViewRestriction.LOGIN)
    world.submit("jia-yi", [figure(world.materials, 100)])
    moved = world.submit("jia-er", [figure(world.materials, 7)])
    assert total_of(world.materials).value == 107
    moved.move(world.folders["yi-san"], pos="last-child")
    assert total_of(world.materials).value == 100
    assert moved.pk not in {page.pk for page in aggregation.current_submissions()}


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
    years = aggregation.year_over_year(P2025, world.materials.pk)
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


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2025-H3",
        "25",
        "2025-h1",
        "１２３４",
        "２０２５",
        "2025\x00",
        "9999",
        "2025-H1-x",
        "2025-3-1~2025-9-30",
        "2025-03-01~",
        "2025-03-01～2025-09-30",
        "2025-03-01~2025-09-30~2025-10-01",
        "20250301~20250930",
    ],
)
def test_bad_periods(text):
    with pytest.raises(PeriodError, match="无法识别，请使用如 2025、2025-H1"):
        Period.parse(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-09-30~2025-03-01", "结束日期不能早于开始日期"),
        ("2025-02-29~2025-03-01", "日期不存在"),
        ("2025-13-01~2025-13-02", "日期不存在"),
        ("1999-12-01~2025-01-01", "日期须在2000年至2100年之间"),
    ],
)
def test_bad_custom_ranges(text, message):
    with pytest.raises(PeriodError, match=f"时段“{text}”无法识别：{message}"):
        Period.parse(text)


def test_period_round_trip():
    for text in ("2025", "2025-H1", "2025-H2", "2025-03-01~2025-09-30", "2024-12-01~2025-01-31"):
        assert Period.parse(text).slug == text
    assert Period.parse("2026-H2").label == "2026年下半年"
    assert Period.parse("2025-03-01~2025-09-30") == SPRING
    assert SPRING.year == 2025 and SPRING.label == "2025年3月1日—2025年9月30日"
    assert Period.parse("2025-05-01~2025-05-01").label == "2025年5月1日—2025年5月1日"  # one day is a range too


def test_custom_ranges_are_periods_of_their_own(world):
    world.submit_for(P2025, "jia-yi", [figure(world.materials, 1000)])
    world.submit_for(SPRING, "jia-yi", [figure(world.materials, 300)])
    world.submit_for(CAMPAIGN, "jia-yi", [figure(world.materials, 40)])  # same township, same year, another range
    world.submit_for(CAMPAIGN, "jia-er", [figure(world.materials, 2)])
    world.submit_for(Period(2025, "h1"), "yi-san", [figure(world.materials, 9)])
    assert aggregation.available_periods() == [P2025, Period(2025, "h1"), SPRING, CAMPAIGN]
    assert [total_of(world.materials, period).value for period in (P2025, SPRING, CAMPAIGN)] == [1000, 300, 42]
    assert sorted((row.label, row.cell.value) for row in aggregation.by_township(CAMPAIGN, world.materials.pk)) == [
        ("一镇", 40),
        ("二镇", 2),
    ]
    assert [(row.label, row.cell.value) for row in aggregation.by_county(CAMPAIGN, world.materials.pk)] == [
        ("甲县", 42)
    ]
    assert {figure.page.period_label for figure in aggregation.figure_rows(CAMPAIGN)} == {"2025年5月1日—2025年6月30日"}
    assert total_of(world.materials, Period.custom(datetime.date(2025, 5, 1), datetime.date(2025, 6, 29))) is None


def test_only_the_same_range_supersedes(world):
    first = world.submit_for(CAMPAIGN, "jia-yi", [figure(world.materials, 40)])
    spring = world.submit_for(SPRING, "jia-yi", [figure(world.materials, 300)])
    whole_year = world.submit_for(P2025, "jia-yi", [figure(world.materials, 1000)])
    assert set(ExperiencePage.objects.filter(is_current=True).values_list("pk", flat=True)) == {
        first.pk,
        spring.pk,
        whole_year.pk,
    }
    revised = world.submit_for(CAMPAIGN, "jia-yi", [figure(world.materials, 45)])
    assert total_of(world.materials, CAMPAIGN).value == 45
    assert total_of(world.materials, SPRING).value == 300
    assert not ExperiencePage.objects.get(pk=first.pk).is_current
    revised.unpublish()
    assert total_of(world.materials, CAMPAIGN).value == 40


def test_year_over_year_of_a_custom_range_compares_the_same_dates(world):
    for year, value in ((2023, 10), (2024, 20), (2025, 25)):
        start, end = datetime.date(year, 5, 1), datetime.date(year, 6, 30)
        world.submit_for(Period.custom(start, end), "jia-yi", [figure(world.materials, value)])
    world.submit_for(Period.custom(datetime.date(2024, 5, 1), datetime.date(2024, 6, 29)), "jia-er", [])
    world.submit_for(Period.custom(datetime.date(2024, 5, 2), datetime.date(2024, 6, 30)), "jia-er", [])
    world.submit_for(
        Period.custom(datetime.date(2024, 5, 1), datetime.date(2025, 6, 30)), "jia-er", [figure(world.materials, 7)]
    )
    world.submit_for(Period(2024), "jia-er", [figure(world.materials, 500)])
    years = aggregation.year_over_year(CAMPAIGN, world.materials.pk)
    assert [(row.period.label, row.cell.value, row.change_display) for row in years] == [
        ("2023年5月1日—2023年6月30日", 10, "—"),
        ("2024年5月1日—2024年6月30日", 20, "+100%"),
        ("2025年5月1日—2025年6月30日", 25, "+25%"),
    ]
    assert CAMPAIGN.recurring_label == "同期（5月1日—6月30日）"
    two_years = Period.custom(datetime.date(2024, 5, 1), datetime.date(2025, 6, 30))
    assert [row.cell.value for row in aggregation.year_over_year(two_years, world.materials.pk)] == [7]
    assert two_years.recurring_label == "同期（5月1日—次年6月30日）"


def test_the_migration_recomputes_which_submissions_count(world):
    """Before, two ranges of one township and year superseded each other; migration 0005 recomputes the flags
    with the historical model."""
    campaign = world.submit_for(CAMPAIGN, "jia-yi", [figure(world.materials, 40)])
    spring = world.submit_for(SPRING, "jia-yi", [figure(world.materials, 300)])
    ExperiencePage.objects.filter(pk=campaign.pk).update(is_current=False)
    migration = importlib.import_module("portal.exchange.migrations.0005_current_per_custom_range")
    state = MigrationLoader(connection).project_state(("exchange", "0005_current_per_custom_range"))
    migration.mark_current(state.apps, None)
    assert set(ExperiencePage.objects.filter(is_current=True).values_list("pk", flat=True)) == {campaign.pk, spring.pk}


QUALIFIERS = st.sampled_from(["", "", "余", "多", "以上", "不少于"])
VALUE = st.decimals(min_value=0, max_value=10**7, places=1, allow_nan=False, allow_infinity=False)
RATE = st.floats(0, 100).map(lambda x: Decimal(str(round(x, 1))))
PERIODS = (P2025, SPRING, CAMPAIGN)
STATES = st.sampled_from(["published", "published", "draft", "unpublished"])
SUBMISSION = st.tuples(st.sampled_from(TOWNSHIPS), st.sampled_from(PERIODS), VALUE, QUALIFIERS, RATE, STATES)
PROPERTY = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def expected_current(submissions):
    """By hand: per township and period, the last submission still published."""
    current = {}
    for code, period, value, qualifier, rate, state in submissions:
        if state == "published":
            current[(code, period)] = (value, qualifier, rate)
    return current


@PROPERTY
@given(submissions=st.lists(SUBMISSION, min_size=1, max_size=10))
def test_totals_are_sums_of_current_parts(world, submissions):
    """For every period (year and two overlapping custom ranges of the same year): totals = the sum of the current
    submissions' values, rates averaged, any lower bound → ≥; ranges never mix; superseded, draft and unpublished
    submissions never count."""
    with transaction.atomic():
        for code, period, value, qualifier, rate, state in submissions:
            rows = [figure(world.materials, value, qualifier=qualifier), figure(world.rate, rate, "%")]
            page = world.submit_for(period, code, rows, live=state != "draft")
            if state == "unpublished":
                page.unpublish()
        current = expected_current(submissions)
        for period in PERIODS:
            parts = {code: part for (code, part_period), part in current.items() if part_period == period}
            materials, rate = total_of(world.materials, period), total_of(world.rate, period)
            if not parts:
                assert materials is None and rate is None
                continue
            assert materials.value == sum(value for value, _q, _r in parts.values())
            assert (materials.sign == "≥") == any(qualifier for _v, qualifier, _r in parts.values())
            assert rate.value == pytest.approx(
                sum(r for _v, _q, r in parts.values()) / len(parts), abs=Decimal("0.0001")
            )
            counties = aggregation.by_county(period, world.materials.pk)
            assert sum(row.cell.value for row in counties) == materials.value
            townships = aggregation.by_township(period, world.materials.pk)
            assert {row.code: row.cell.value for row in townships} == {code: v for code, (v, _q, _r) in parts.items()}
            assert len(aggregation.figure_rows(period)) == 2 * len(parts)
        assert set(aggregation.available_periods()) == {period for _code, period in current}
        transaction.set_rollback(True)


def test_vocabulary_metrics_aggregate_per_their_rule(world):
    rate = MetricDefinition.objects.get(label="政策知晓率")
    members = MetricDefinition.objects.get(label="计生协会员")
    world.submit("jia-yi", [figure(rate, 90, "%"), figure(members, "1.2", "万人")])
    world.submit("yi-san", [figure(rate, 100, "%"), figure(members, 800, "名", qualifier="多")])
    assert total_of(rate).display == "95%"
    assert total_of(members).display == "≥ 12,800人"
