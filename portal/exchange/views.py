"""The dashboard page and its exports (written by exports.py): the same numbers from the same functions."""

from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse

from portal.core.cache import remembered

from . import aggregation, exports
from .aliases import unassigned_count
from .numbers import chart_scale
from .periods import Period, PeriodError, current_year

MAX_PARAMETER_LENGTH = 40  # longer than any valid period (2025-05-01~2025-06-30) or metric id: a key for the rest


def chosen_period(request, periods):
    """The period asked for (PeriodError when malformed), else the newest one with data, else this year."""
    text = request.GET.get("period", "")
    if text:
        return Period.parse(text)
    if periods:
        return periods[0]
    return Period(current_year())


def dashboard(request, index):
    """The dashboard's numbers are remembered per period and metric until the next publish (FRAGMENT_CACHE)."""
    asked = [request.GET.get(name, "")[:MAX_PARAMETER_LENGTH] for name in ("period", "metric")]
    try:
        data = remembered(f"dashboard:{index.pk}:{':'.join(asked)}", lambda: dashboard_data(request, index))
    except PeriodError as error:
        return TemplateResponse(
            request, "exchange/bad_request.html", {"page": index, "message": str(error)}, status=400
        )
    return TemplateResponse(request, "exchange/experience_index_page.html", index.get_context(request) | data)


def dashboard_data(request, index):
    sources = aggregation.Sources(index, request)
    periods = sources.periods
    period = chosen_period(request, periods)
    totals = aggregation.totals(period)
    metric = chosen_metric(request, totals)
    data = {
        "period": period,
        "periods": periods if period in periods else [period, *periods],
        "totals": totals,
        "metric": metric,
        "submissions": sources.for_period(period),
        "unassigned": unassigned_count(period),
    }
    if metric is not None:
        data |= metric_context(period, metric, data["submissions"])
    return data


def chosen_metric(request, totals):
    """The metric shown by township, by county and over the years: ?metric=<id>, else the first with data."""
    by_id = {str(row.metric_id): row for row in totals}
    return by_id.get(request.GET.get("metric", ""), totals[0] if totals else None)


def metric_context(period, metric, submissions):
    detail = aggregation.breakdown(period, metric.metric_id)
    urls = {submission.pk: submission.url for submission in submissions}
    for row in detail.townships:
        row.url = urls.get(row.cell.page_id)
    return {
        "townships": detail.townships,
        "counties": detail.counties,
        "years": detail.years,
        "chart_data": chart_data(metric, detail),
    }


def chart_data(metric, detail):
    """The charts' series in one unit, the one the tables show for the largest value (万元 rather than 5,000,000 元)."""
    values = [row.cell.value for row in [*detail.townships, *detail.years]]
    divisor, unit = chart_scale(values, metric.unit)
    return {
        "metric": metric.label,
        "unit": unit,
        "townships": series([row.label for row in detail.townships], detail.townships, divisor),
        "years": series([row.period.label for row in detail.years], detail.years, divisor),
        "displays": {
            "townships": [row.cell.display for row in detail.townships],
            "years": [row.cell.display for row in detail.years],
        },
        "changes": [year_change(row) for row in detail.years],
    }


def year_change(row):
    """The year's change over the townships that can compare, as the chart's tooltip says it ("" for the first)."""
    if row.change is None:
        return ""
    return f"同比 {row.change_display}（可比乡镇 {row.compared_townships} 个）"


def series(labels, rows, divisor):
    return {"labels": labels, "values": [float(row.cell.value / divisor) for row in rows]}


def export(request, index):
    """/exchange/export/?format=csv|xlsx|json&period=…: the period's totals and figure rows (exports.py)."""
    kind = request.GET.get("format", "")
    if kind not in exports.CONTENT_TYPES:
        return HttpResponseBadRequest("导出格式只能是 csv、xlsx 或 json。", content_type="text/plain; charset=utf-8")
    try:
        period = chosen_period(request, aggregation.available_periods())
    except PeriodError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    return exports.export_response(kind, period)
