"""The dashboard page and its exports (CSV with BOM, XLSX, JSON): the same numbers from the same functions."""

import csv
import io
from urllib.parse import quote

from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.response import TemplateResponse
from openpyxl import Workbook

from portal.core.cache import remembered

from . import aggregation
from .aggregation import Period, PeriodError
from .models import ExperiencePage

MAX_PARAMETER_LENGTH = 40  # longer than any valid period (2025-05-01~2025-06-30) or metric id: a key for the rest
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
TOTAL_HEADER = ["指标", "汇总方式", "标准单位", "合计", "是否下限", "界限标记", "材料份数", "显示"]
ROW_HEADER = [
    "县(区)",
    "乡镇(街道)",
    "材料",
    "时段",
    "行号",
    "指标",
    "原文指标",
    "原文数值",
    "原文上限",
    "原文单位",
    "限定词",
    "折算数值",
    "折算上限",
    "性质",
    "状态",
    "涉及村(社区)",
    "原文句子",
]


def chosen_period(request, periods):
    """The period asked for (PeriodError when malformed), else the newest one with data, else this year."""
    text = request.GET.get("period", "")
    if text:
        return Period.parse(text)
    if periods:
        return periods[0]
    return Period(ExperiencePage._meta.get_field("year").get_default())


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
        "chart_data": {
            "metric": metric.label,
            "unit": metric.unit,
            "townships": {
                "labels": [row.label for row in detail.townships],
                "values": [float(row.cell.value) for row in detail.townships],
            },
            "years": {
                "labels": [row.period.label for row in detail.years],
                "values": [float(row.cell.value) for row in detail.years],
            },
        },
    }


def export(request, index):
    kind = request.GET.get("format", "")
    if kind not in EXPORT_TYPES:
        return HttpResponseBadRequest("导出格式只能是 csv、xlsx 或 json。", content_type="text/plain; charset=utf-8")
    try:
        period = chosen_period(request, aggregation.available_periods())
    except PeriodError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    totals = aggregation.totals(period)
    rows = [figure_row(figure) for figure in aggregation.figure_rows(period)]
    if kind == "json":
        response = JsonResponse(
            {
                "period": period.slug,
                "period_label": period.label,
                "period_start": period.start.isoformat() if period.start else None,
                "period_end": period.end.isoformat() if period.end else None,
                "totals": [total_record(t) for t in totals],
                "figures": [dict(zip(ROW_HEADER, row, strict=True)) for row in rows],
            },
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
    else:
        content = csv_bytes(totals, rows) if kind == "csv" else xlsx_bytes(totals, rows)
        response = HttpResponse(content, content_type=EXPORT_TYPES[kind])
    filename = f"经验交流数据-{period.label}.{kind}"
    response["Content-Disposition"] = (
        f"attachment; filename=\"exchange-{period.slug}.{kind}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response


def total_row(total):
    cell = total.cell
    return [
        total.label,
        total.aggregation_label,
        total.unit,
        cell.plain,
        "是" if cell.sign == "≥" else "否",
        cell.sign,
        cell.submissions,
        cell.display,
    ]


def total_record(total):
    return dict(zip(TOTAL_HEADER, total_row(total), strict=True))


def plain(number):
    return "" if number is None else f"{number.normalize():f}"


def figure_row(figure):
    page = figure.page
    return [
        page.county.label if page.county_id else "",
        page.orgunit.label if page.orgunit_id else "",
        page.title,
        page.period_label,
        figure.sort_order + 1 if figure.sort_order is not None else "",
        figure.metric.label if figure.metric_id else "",
        figure.metric_text,
        plain(figure.value_as_written),
        plain(figure.value_max_as_written),
        figure.unit,
        figure.qualifier,
        plain(figure.value),
        plain(figure.value_max),
        figure.get_role_display(),
        figure.get_status_display(),
        figure.scope.label if figure.scope_id else "",
        figure.source_sentence,
    ]


def csv_bytes(totals, rows):
    """Two tables in one UTF-8 file with a BOM (so Excel opens the Chinese correctly), separated by a blank line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(TOTAL_HEADER)
    writer.writerows(total_row(total) for total in totals)
    writer.writerow([])
    writer.writerow(ROW_HEADER)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(totals, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "汇总"
    sheet.append(TOTAL_HEADER)
    for total in totals:
        sheet.append(total_row(total))
    details = workbook.create_sheet("明细")
    details.append(ROW_HEADER)
    for row in rows:
        details.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
