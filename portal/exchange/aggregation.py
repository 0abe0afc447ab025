"""The dashboard's numbers, computed in the database: one grouped query per table.

What counts: the confirmed rows (role 实际完成, status 已确认 — not 自动提取，待确认, not placeholders — with a metric
whose aggregation is not 不汇总) of the latest
published, public submission of each township for the period — a later one for the same township and period
supersedes the earlier one; drafts, unpublished pages and pages under a view restriction (password, login or groups,
on the page or an ancestor) never count, and a restricted submission supersedes nothing: what counts is always a
page an anonymous visitor can open. Sums and averages follow the metric (rates are
always averaged); a total built from any lower-bound figure (余、多、以上…) or a range is itself only a lower bound.
"""

import datetime
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, LPad
from django.db.models.lookups import Exact

from portal.core.models import OrgUnit

from .models import ExperienceFigure, ExperiencePage, MetricDefinition
from .numbers import (
    APPROXIMATE_QUALIFIERS,
    LOWER_BOUND_QUALIFIERS,
    RATE_UNITS,
    UPPER_BOUND_QUALIFIERS,
    bound_sign,
    format_number,
    readable_total,
)
from .periods import Period, PeriodKind

KIND_ORDER = Case(
    When(period_kind=PeriodKind.YEAR, then=Value(0)),
    When(period_kind=PeriodKind.FIRST_HALF, then=Value(1)),
    When(period_kind=PeriodKind.SECOND_HALF, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)
NEWEST_PERIOD_FIRST = ("-year", KIND_ORDER.asc(), "period_start", "period_end")


def available_periods() -> list[Period]:
    """Periods with at least one current submission, newest year first; in a year 全年, 上半年, 下半年, then the
    custom ranges by date (one query)."""
    rows = (
        current_submissions()
        .values_list("year", "period_kind", "period_start", "period_end")
        .distinct()
        .order_by(*NEWEST_PERIOD_FIRST)
    )
    return [Period.of(*row) for row in rows]


NO_DATE = Value(datetime.date(1, 1, 1), output_field=DateField())


def _same_as_outer(name):
    """The field equals the outer row's, NULL counting as equal to NULL (only custom periods have dates)."""
    return Exact(Coalesce(name, NO_DATE), Coalesce(OuterRef(name), NO_DATE))


def latest_public_submissions():
    """Live, public submissions that no later live, public submission of the same township and period supersedes
    (for a custom period: the same start and end)."""
    live = ExperiencePage.objects.filter(live=True).public()
    later = live.filter(
        Q(first_published_at__gt=OuterRef("first_published_at"))
        | Q(first_published_at=OuterRef("first_published_at"), pk__gt=OuterRef("pk")),
        _same_as_outer("period_start"),
        _same_as_outer("period_end"),
        orgunit=OuterRef("orgunit"),
        year=OuterRef("year"),
        period_kind=OuterRef("period_kind"),
    )
    return live.exclude(Exists(later))


def mark_current_submissions():
    """Store which submissions count (`is_current`), so the dashboard's queries need no correlated subquery."""
    current = set(latest_public_submissions().values_list("pk", flat=True))
    ExperiencePage.objects.filter(is_current=True).exclude(pk__in=current).update(is_current=False)
    ExperiencePage.objects.filter(pk__in=current, is_current=False).update(is_current=True)


def current_submissions():
    """The submissions that count, of every period."""
    return ExperiencePage.objects.filter(is_current=True)


def counted_figures(*page_conditions, **page_lookups):
    """The rows that count, of the current submissions matching the conditions (written from the figure: page__…,
    metric…; given here, not filtered afterwards, so that finding each figure's first row reads only those rows):
    confirmed actual figures with a value, of a metric that is aggregated, each figure once: a material that gives a
    figure again ("全镇共有企业计生协会12个" in its opening and in its summary) states one fact, not two
    (shared/domain.md), so of its rows that are the same figure (ExperienceFigure.SAME_FIGURE) only the first
    counts."""
    rows = ExperienceFigure.objects.filter(
        *page_conditions,
        **page_lookups,
        page__is_current=True,
        role=ExperienceFigure.Role.ACTUAL,
        status=ExperienceFigure.Status.CONFIRMED,
        value__isnull=False,
    ).exclude(Q(metric__isnull=True) | Q(metric__aggregation=MetricDefinition.Aggregation.NONE))
    figures = rows.order_by().values("page", *ExperienceFigure.SAME_FIGURE).annotate(first_row=Min("pk"))
    return rows.filter(pk__in=Subquery(figures.values("first_row")))


def _flag(condition):
    return Max(Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField()))


def _newest_value():
    """Max over "material date#page id#row#value" strings: the value of the newest submission's row, without a subquery
    (a subquery annotation would join the GROUP BY and run once per row). Built only for `latest` metrics' rows."""
    newest = Concat(
        Cast("page__first_published_at", CharField()),
        Value("#"),
        LPad(Cast("page_id", CharField()), 12, Value("0")),
        Value("#"),
        LPad(Cast("sort_order", CharField()), 6, Value("0")),
        Value("#"),
        Cast("value", CharField()),
        output_field=CharField(),
    )
    latest = Q(metric__aggregation=MetricDefinition.Aggregation.LATEST)
    return Max(Case(When(latest, then=newest), default=Value(""), output_field=CharField()))


def _aggregates():
    """The annotations every table uses."""
    return {
        "total": Sum("value"),
        "rows": Count("id"),
        "submissions": Count("page", distinct=True),
        "lower": _flag(Q(qualifier__in=LOWER_BOUND_QUALIFIERS) | Q(value_max__isnull=False)),
        "upper": _flag(Q(qualifier__in=UPPER_BOUND_QUALIFIERS)),
        "approximate": _flag(Q(qualifier__in=APPROXIMATE_QUALIFIERS)),
        "newest": _newest_value(),
        "page_id": Max("page_id"),
    }


METRIC_FIELDS = ("metric", "metric__label", "metric__canonical_unit", "metric__aggregation", "metric__family")


AGGREGATION_WORDS = {
    MetricDefinition.Aggregation.SUM: "合计",
    MetricDefinition.Aggregation.AVERAGE: "平均",
    MetricDefinition.Aggregation.LATEST: "最新值",
}


@dataclass
class Cell:
    """One aggregated number: its value in the metric's unit and how it is shown (≥ 4,300万元)."""

    value: Decimal
    unit: str
    sign: str = ""
    submissions: int = 0
    page_id: int | None = None

    @property
    def display(self) -> str:
        number, unit = readable_total(self.value, self.unit)
        sign = f"{self.sign} " if self.sign else ""
        return f"{sign}{format_number(number)}{unit}"

    @property
    def plain(self) -> str:
        """The number without separators, in the metric's unit (exports)."""
        return format_number(self.value).replace(",", "")


def _cell(row) -> Cell:
    aggregation = row["metric__aggregation"]
    if aggregation == MetricDefinition.Aggregation.LATEST:
        value = Decimal(row["newest"].rsplit("#", 1)[1])
    elif aggregation == MetricDefinition.Aggregation.AVERAGE or row["metric__family"] == MetricDefinition.Family.RATES:
        value = row["total"] / row["rows"]
    else:
        value = row["total"]
    sign = bound_sign(lower=bool(row["lower"]), upper=bool(row["upper"]), approximate=bool(row["approximate"]))
    if aggregation == MetricDefinition.Aggregation.LATEST and sign:
        sign = "约" if sign != "≥" else sign
    return Cell(Decimal(value or 0), row["metric__canonical_unit"], sign, row["submissions"], row["page_id"])


@dataclass
class MetricTotal:
    metric_id: int
    label: str
    unit: str
    aggregation: str
    cell: Cell
    townships_reported: int = 0
    townships_total: int = 0

    @property
    def aggregation_label(self):
        """What the number is, in plain words (合计, 平均, 最新值), not the setting's name (求和, 求平均)."""
        return AGGREGATION_WORDS.get(self.aggregation, "")

    @property
    def townships_display(self):
        return f"{self.townships_reported}/{self.townships_total} 个乡镇"


def township_count():
    """How many townships exist, as a subquery (so the totals need no query of their own)."""
    townships = OrgUnit.objects.filter(level=OrgUnit.Level.TOWNSHIP).order_by().values("level")
    return Subquery(townships.annotate(count=Count("pk")).values("count"), output_field=IntegerField())


def totals(period: Period) -> list[MetricTotal]:
    """Every metric's city total for the period, and how many of the townships reported it (one query)."""
    rows = _metric_rows(counted_figures(**period.lookups("page__"))).annotate(
        townships_reported=Count("page__orgunit", distinct=True), townships_total=township_count()
    )
    return [
        MetricTotal(
            row["metric"],
            row["metric__label"],
            row["metric__canonical_unit"],
            row["metric__aggregation"],
            _cell(row),
            row["townships_reported"],
            row["townships_total"] or 0,
        )
        for row in rows
    ]


def _metric_rows(figures, *extra_fields):
    rows = figures.values(*extra_fields, *METRIC_FIELDS).annotate(**_aggregates())
    return rows.order_by("metric__sort_order", "metric__label")


@dataclass
class UnitRow:
    code: str
    label: str
    county: str
    cell: Cell
    url: str | None = None


@dataclass
class YearRow:
    """The city total of one period; the change from the previous period with data is computed over the townships
    that reported in both (compared_townships of them; None for the first period)."""

    period: Period
    cell: Cell
    change: Decimal | None = field(default=None)
    compared_townships: int | None = None

    @property
    def change_display(self):
        if self.change is None:
            return "—"
        unit = "个百分点" if self.cell.unit == "%" else "个千分点" if self.cell.unit == "‰" else "%"
        return f"{'+' if self.change >= 0 else ''}{format_number(self.change, 1)}{unit}"

    @property
    def comparison_display(self):
        if self.compared_townships is None:
            return "—"
        if not self.compared_townships:
            return "两期没有都报送的乡镇，不比较"
        return f"按两期都报送的 {self.compared_townships} 个乡镇比较"


@dataclass
class Breakdown:
    """One metric in detail: per township and per county for the chosen period, and the city total of that period
    in every year (for a custom range: the same months and days)."""

    townships: list[UnitRow]
    counties: list[UnitRow]
    years: list[YearRow]


def breakdown(period: Period, metric_id: int) -> Breakdown:
    """One grouped query (metric × period × township, for the period in every year); the county and yearly
    totals then combine those few groups: sums of sums, averages from sums and counts, the newest `latest`."""
    figures = counted_figures(period.every_year("page__"), metric_id=metric_id)
    groups = list(
        figures.values(
            *METRIC_FIELDS,
            "page__year",
            "page__period_start",
            "page__period_end",
            "page__orgunit",
            "page__orgunit__code",
            "page__orgunit__short_name",
            "page__orgunit__name",
            "page__county__path",
            "page__county__short_name",
            "page__county__name",
        )
        .annotate(
            **_aggregates(),
        )
        .order_by("page__year", "page__orgunit__path")
    )
    chosen = [group for group in groups if _period_of(group, period.kind) == period]
    townships = [
        UnitRow(
            group["page__orgunit__code"],
            group["page__orgunit__short_name"] or group["page__orgunit__name"],
            _county_label(group),
            _cell(group),
        )
        for group in chosen
    ]
    counties = [
        UnitRow("", label, label, _cell(_combined(parts)))
        for (_path, label), parts in _grouped(
            chosen, lambda group: (group["page__county__path"] or "", _county_label(group))
        )
    ]
    by_year = _grouped(groups, lambda group: _period_of(group, period.kind))
    years = [YearRow(year, _cell(_combined(parts))) for year, parts in by_year]
    parts_by_year = [parts for _year, parts in by_year]
    for (before, after), row in zip(itertools.pairwise(parts_by_year), years[1:], strict=True):
        _compare(row, before, after)
    return Breakdown(townships, counties, years)


def _compare(row, before, after):
    """The change from `before` to `after` (one group per township each), over the townships in both only: a
    township that reports for the first time, or stops reporting, does not make the city's figure jump."""
    earlier = {group["page__orgunit"]: group for group in before}
    later = [group for group in after if group["page__orgunit"] in earlier]
    row.compared_townships = len(later)
    if not later:
        return
    old = _cell(_combined([earlier[group["page__orgunit"]] for group in later])).value
    new = _cell(_combined(later)).value
    if row.cell.unit in RATE_UNITS:
        row.change = new - old  # a rate changes by percentage points, not by a percentage of itself
    elif old:
        row.change = (new - old) / old * 100


def _period_of(group, kind):
    return Period.of(group["page__year"], kind, group["page__period_start"], group["page__period_end"])


def _county_label(group):
    return group["page__county__short_name"] or group["page__county__name"] or ""


def _grouped(groups, key):
    return [(value, list(parts)) for value, parts in itertools.groupby(sorted(groups, key=key), key=key)]


def _combined(parts):
    """Several aggregated groups of one metric as one: what the database would give for their rows together."""
    total = sum(part["total"] for part in parts)
    rows = sum(part["rows"] for part in parts)
    return parts[0] | {
        "total": total,
        "rows": rows,
        "submissions": sum(part["submissions"] for part in parts),
        "lower": max(part["lower"] for part in parts),
        "upper": max(part["upper"] for part in parts),
        "approximate": max(part["approximate"] for part in parts),
        "newest": max(part["newest"] for part in parts),
        "page_id": None,
    }


def by_township(period: Period, metric_id: int) -> list[UnitRow]:
    return breakdown(period, metric_id).townships


def by_county(period: Period, metric_id: int) -> list[UnitRow]:
    return breakdown(period, metric_id).counties


def year_over_year(period: Period, metric_id: int) -> list[YearRow]:
    """The metric's city total for the period in every year, oldest first, with the change over the townships that
    reported in both periods."""
    return breakdown(period, metric_id).years


@dataclass(frozen=True)
class Source:
    """A current submission as the dashboard links it: title, township, period and address."""

    pk: int
    title: str
    township: str
    period: Period
    url: str


class Sources:
    """Every current submission (all periods) in one query: the periods that have data, newest first, and the
    submissions of one period as links. Addresses come from url_path below the index, so no page is loaded."""

    def __init__(self, index, request):
        self.index_url = index.get_url(request) or "/"
        self.index_path = index.url_path
        rows = current_submissions().values_list(
            "pk",
            "title",
            "url_path",
            "year",
            "period_kind",
            "period_start",
            "period_end",
            "orgunit__short_name",
            "orgunit__name",
        )
        self.rows_by_period = {}
        for pk, title, url_path, *period, short_name, name in rows.order_by(*NEWEST_PERIOD_FIRST, "orgunit__path"):
            self.rows_by_period.setdefault(Period.of(*period), []).append((pk, title, url_path, short_name or name))
        self.periods = list(self.rows_by_period)

    def for_period(self, period: Period) -> list[Source]:
        return [
            Source(pk, title, township or "", period, self.index_url + url_path[len(self.index_path) :])
            for pk, title, url_path, township in self.rows_by_period.get(period, [])
        ]


def figure_rows(period: Period):
    """The rows the period's totals are built from, for exports: each listed row counts and each counted row is
    listed (one query)."""
    return (
        counted_figures(**period.lookups("page__"))
        .select_related("metric", "scope", "page", "page__orgunit", "page__county")
        .order_by("page__orgunit__path", "page_id", "sort_order")
    )


@dataclass(frozen=True)
class HeadlineFigure:
    label: str
    display: str


def headline_figures(limit: int = 4) -> list[HeadlineFigure]:
    """The home page's cards: the newest full-year totals of the metrics marked 首页展示 (one query)."""
    newest_year = current_submissions().filter(period_kind=PeriodKind.YEAR).order_by("-year").values("year")[:1]
    figures = counted_figures(
        page__period_kind=PeriodKind.YEAR, page__year=Subquery(newest_year), metric__headline=True
    )
    rows = _metric_rows(figures, "page__year")[:limit]
    return [HeadlineFigure(f"{row['page__year']}年{row['metric__label']}", _cell(row).display) for row in rows]
