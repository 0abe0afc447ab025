"""The dashboard's numbers, computed in the database: one grouped query per table.

What counts: the rows (role 实际完成, not placeholders, with a metric whose aggregation is not 不汇总) of the latest
published submission of each township for the period — a later published submission for the same township and period
supersedes the earlier one; drafts and unpublished pages never count. Sums and averages follow the metric (rates are
always averaged); a total built from any lower-bound figure (余、多、以上…) or a range is itself only a lower bound.
"""

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat, LPad

from .models import ExperienceFigure, ExperiencePage, MetricDefinition
from .numbers import (
    APPROXIMATE_QUALIFIERS,
    LOWER_BOUND_QUALIFIERS,
    UPPER_BOUND_QUALIFIERS,
    bound_sign,
    format_number,
    readable_total,
)

Kind = ExperiencePage.PeriodKind
PERIOD_RE = re.compile(r"^(\d{4})(?:-(H1|H2))?$")
KIND_BY_SUFFIX = {None: Kind.YEAR, "H1": Kind.FIRST_HALF, "H2": Kind.SECOND_HALF}
SUFFIX_BY_KIND = {kind: suffix for suffix, kind in KIND_BY_SUFFIX.items()}


class PeriodError(ValueError):
    """A period parameter that is not 2025, 2025-H1 or 2025-H2 (the message is Chinese)."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str = Kind.YEAR

    @classmethod
    def parse(cls, text: str) -> "Period":
        match = PERIOD_RE.match(text or "")
        if not match or not 2000 <= int(match[1]) <= 2100:
            raise PeriodError(
                f"时段“{(text or '')[:20]}”无法识别，请使用如 2025、2025-H1（上半年）或 2025-H2（下半年）的格式"
            )
        return cls(int(match[1]), KIND_BY_SUFFIX[match[2]])

    @property
    def slug(self) -> str:
        suffix = SUFFIX_BY_KIND[self.kind]
        return f"{self.year}-{suffix}" if suffix else str(self.year)

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    @property
    def label(self) -> str:
        return f"{self.year}年{self.kind_label}"


def available_periods() -> list[Period]:
    """Periods with at least one current submission, newest first (one query)."""
    rows = (
        current_submissions(None)
        .exclude(period_kind=Kind.CUSTOM)
        .values_list("year", "period_kind")
        .distinct()
        .order_by("-year", "period_kind")
    )
    return [Period(year, kind) for year, kind in rows]


def latest_live_submissions():
    """Live submissions that no later published submission of the same township and period supersedes."""
    live = ExperiencePage.objects.live()
    later = live.filter(
        Q(first_published_at__gt=OuterRef("first_published_at"))
        | Q(first_published_at=OuterRef("first_published_at"), pk__gt=OuterRef("pk")),
        orgunit=OuterRef("orgunit"),
        year=OuterRef("year"),
        period_kind=OuterRef("period_kind"),
    )
    return live.exclude(Exists(later))


def mark_current_submissions():
    """Store which submissions count (`is_current`), so the dashboard's queries need no correlated subquery."""
    current = set(latest_live_submissions().values_list("pk", flat=True))
    ExperiencePage.objects.filter(is_current=True).exclude(pk__in=current).update(is_current=False)
    ExperiencePage.objects.filter(pk__in=current, is_current=False).update(is_current=True)


def current_submissions(kind: str | None, year: int | None = None):
    """The submissions that count for that period kind (every kind: None) and year."""
    pages = ExperiencePage.objects.filter(is_current=True)
    if kind is not None:
        pages = pages.filter(period_kind=kind)
    return pages if year is None else pages.filter(year=year)


def counted_figures(kind: str | None, year: int | None = None):
    pages = {"page__is_current": True} | ({} if kind is None else {"page__period_kind": kind})
    return ExperienceFigure.objects.filter(
        **pages,
        **({} if year is None else {"page__year": year}),
        role=ExperienceFigure.Role.ACTUAL,
        value__isnull=False,
    ).exclude(Q(metric__isnull=True) | Q(metric__aggregation=MetricDefinition.Aggregation.NONE))


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

    @property
    def aggregation_label(self):
        return MetricDefinition.Aggregation(self.aggregation).label


def totals(period: Period, *, headline_only: bool = False) -> list[MetricTotal]:
    """Every metric's city total for the period (one query)."""
    figures = counted_figures(period.kind, period.year)
    if headline_only:
        figures = figures.filter(metric__headline=True)
    return [_metric_total(row) for row in _metric_rows(figures)]


def _metric_rows(figures, *extra_fields):
    rows = figures.values(*extra_fields, *METRIC_FIELDS).annotate(**_aggregates())
    return rows.order_by("metric__sort_order", "metric__label")


def _metric_total(row) -> MetricTotal:
    return MetricTotal(
        row["metric"], row["metric__label"], row["metric__canonical_unit"], row["metric__aggregation"], _cell(row)
    )


@dataclass
class UnitRow:
    code: str
    label: str
    county: str
    cell: Cell
    url: str | None = None


@dataclass
class YearRow:
    period: Period
    cell: Cell
    change: Decimal | None = field(default=None)

    @property
    def change_display(self):
        if self.change is None:
            return "—"
        return f"{'+' if self.change >= 0 else ''}{format_number(self.change, 1)}%"


@dataclass
class Breakdown:
    """One metric in detail: per township and per county for the chosen year, and the city total of every year."""

    townships: list[UnitRow]
    counties: list[UnitRow]
    years: list[YearRow]


def breakdown(period: Period, metric_id: int) -> Breakdown:
    """One grouped query (metric × year × township, for every year of the period's kind); the county and yearly
    totals then combine those few groups: sums of sums, averages from sums and counts, the newest `latest`."""
    figures = counted_figures(period.kind).filter(metric_id=metric_id)
    groups = list(
        figures.values(
            *METRIC_FIELDS,
            "page__year",
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
    chosen = [group for group in groups if group["page__year"] == period.year]
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
    years = [
        YearRow(Period(year, period.kind), _cell(_combined(parts)))
        for year, parts in _grouped(groups, lambda group: group["page__year"])
    ]
    for previous, current in itertools.pairwise(years):
        if previous.cell.value:
            current.change = (current.cell.value - previous.cell.value) / previous.cell.value * 100
    return Breakdown(townships, counties, years)


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


def year_over_year(kind: str, metric_id: int) -> list[YearRow]:
    """The metric's city total for every year of that period kind, oldest first, with the change."""
    return breakdown(Period(0, kind), metric_id).years


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
        rows = (
            current_submissions(None)
            .exclude(period_kind=Kind.CUSTOM)
            .values_list("pk", "title", "url_path", "year", "period_kind", "orgunit__short_name", "orgunit__name")
            .order_by("-year", "period_kind", "orgunit__path")
        )
        self.rows_by_key = {}
        for row in rows:
            self.rows_by_key.setdefault((row[3], row[4]), []).append(row)
        self.periods = [Period(year, kind) for year, kind in self.rows_by_key]

    def for_period(self, period: Period) -> list[Source]:
        return [
            Source(pk, title, short_name or name or "", period, self.index_url + url_path[len(self.index_path) :])
            for pk, title, url_path, _year, _kind, short_name, name in self.rows_by_key.get(
                (period.year, period.kind), []
            )
        ]


def figure_rows(period: Period):
    """The raw figure rows of the period's current submissions (every role), for exports (one query)."""
    return (
        ExperienceFigure.objects.filter(page__in=current_submissions(period.kind, period.year))
        .select_related("metric", "scope", "page", "page__orgunit", "page__county")
        .order_by("page__orgunit__path", "page_id", "sort_order")
    )


@dataclass(frozen=True)
class HeadlineFigure:
    label: str
    display: str


def headline_figures(limit: int = 4) -> list[HeadlineFigure]:
    """The home page's cards: the newest full-year totals of the metrics marked 首页展示 (one query)."""
    newest_year = current_submissions(Kind.YEAR).order_by("-year").values("year")[:1]
    figures = counted_figures(Kind.YEAR).filter(metric__headline=True, page__year=Subquery(newest_year))
    rows = _metric_rows(figures, "page__year")[:limit]
    return [HeadlineFigure(f"{row['page__year']}年{row['metric__label']}", _cell(row).display) for row in rows]
