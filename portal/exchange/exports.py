"""The dashboard's exports of one period: the city totals and every figure row of the submissions that count.

One record per total and per figure row (ASCII keys, numbers as Decimal), written three ways:
- CSV for a Chinese Excel: UTF-8 with a BOM, CRLF line ends, numbers unquoted; text that Excel would run as a
  formula (starting with = + - @, tab or carriage return) gets a leading ' (OWASP CSV injection).
- XLSX: numbers are number cells with a number format, text cells are always strings (never formulas).
- JSON: ASCII keys, numbers as numbers, Chinese labels as values (the layout is in README, 经验交流数据导出).
"""

import csv
import io
import json
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from . import aggregation
from .numbers import RATE_UNITS, base_unit

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
BOUNDS = {"": "exact", "≥": "lower", "≤": "upper", "约": "approximate"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# {record key: header}: the columns of the CSV tables and the XLSX sheets.
TOTAL_COLUMNS = {
    "label": "指标",
    "aggregation_label": "汇总方式",
    "total": "数值",
    "unit": "单位",
    "sign": "限定",
    "townships_reported": "报送乡镇数",
    "townships_total": "乡镇总数",
    "submissions": "材料份数",
    "display": "显示",
}
FIGURE_COLUMNS = {
    "county": "县(区)",
    "township": "乡镇(街道)",
    "submission": "材料",
    "period": "时段",
    "row": "行号",
    "metric": "指标",
    "metric_text": "原文指标",
    "value_as_written": "原文数值",
    "value_max_as_written": "原文上限",
    "unit_as_written": "原文单位",
    "qualifier": "限定词",
    "value": "折算数值",
    "value_max": "折算上限",
    "unit": "折算单位",
    "role_label": "性质",
    "status_label": "状态",
    "scope": "涉及村(社区)",
    "source_sentence": "原文句子",
}
# The columns whose number is in the row's unit (a rate's gets one decimal in XLSX), and that unit's key.
UNIT_OF = {
    "total": "unit",
    "value_as_written": "unit_as_written",
    "value_max_as_written": "unit_as_written",
    "value": "unit",
    "value_max": "unit",
}


def number(value):
    """A stored Decimal without its trailing zeros (15000.0000 → 15000, 95.5000 → 95.5); None stays None."""
    if value is None:
        return None
    return value.quantize(1) if value == value.to_integral_value() else value.normalize()


def total_record(total):
    cell = total.cell
    return {
        "id": total.metric_id,
        "label": total.label,
        "unit": total.unit,
        "aggregation": total.aggregation,
        "aggregation_label": total.aggregation_label,
        "total": Decimal(cell.plain),  # rounded as on the page (two decimals at most)
        "bound": BOUNDS[cell.sign],
        "sign": cell.sign,
        "submissions": cell.submissions,
        "townships_reported": total.townships_reported,
        "townships_total": total.townships_total,
        "display": cell.display,
    }


def figure_record(figure):
    page = figure.page
    return {
        "county": page.county.label if page.county_id else "",
        "township": page.orgunit.label if page.orgunit_id else "",
        "township_code": page.orgunit.code if page.orgunit_id else "",
        "submission": page.title,
        "submission_id": page.pk,
        "period": page.period_label,
        "row": figure.sort_order + 1 if figure.sort_order is not None else None,
        "metric_id": figure.metric_id,
        "metric": figure.metric.label if figure.metric_id else "",
        "metric_text": figure.metric_text,
        "value_as_written": number(figure.value_as_written),
        "value_max_as_written": number(figure.value_max_as_written),
        "unit_as_written": figure.unit,
        "qualifier": figure.qualifier,
        "value": number(figure.value),
        "value_max": number(figure.value_max),
        "unit": base_unit(figure.unit),
        "role": figure.role,
        "role_label": figure.get_role_display(),
        "status": figure.status,
        "status_label": figure.get_status_display(),
        "scope": figure.scope.label if figure.scope_id else "",
        "source_sentence": figure.source_sentence,
    }


def records(period):
    """(totals, figure rows) of the period, as records."""
    totals = aggregation.totals(period)
    figures = [figure_record(figure) for figure in aggregation.figure_rows(period)]
    return [total_record(total) for total in totals], figures


def period_record(period):
    return {
        "slug": period.slug,
        "label": period.label,
        "kind": period.kind,
        "start": period.start.isoformat() if period.start else None,
        "end": period.end.isoformat() if period.end else None,
    }


def json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def json_bytes(period, totals, figures):
    data = {
        "period": period_record(period),
        "metrics": [{key: json_value(value) for key, value in total.items()} for total in totals],
        "figures": [{key: json_value(value) for key, value in row.items()} for row in figures],
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def csv_text(value):
    """Numbers as they are; text that a spreadsheet would run as a formula behind a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def csv_rows(columns, rows):
    yield list(columns.values())
    for row in rows:
        yield [csv_text(row[key]) for key in columns]


def csv_bytes(totals, figures):
    """Two tables in one file, separated by a blank line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(csv_rows(TOTAL_COLUMNS, totals))
    writer.writerow([])
    writer.writerows(csv_rows(FIGURE_COLUMNS, figures))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def number_format(value, unit):
    if unit in RATE_UNITS:
        return "0.0"
    return "#,##0" if value == value.to_integral_value() else "#,##0.00"


def xlsx_cell(sheet, value, unit):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would make "=…" a formula
        cell.quotePrefix = value.startswith(FORMULA_STARTS)  # and Excel keeps it text when the cell is edited
    elif isinstance(value, int | Decimal):
        cell.number_format = number_format(Decimal(value), unit)
    return cell


def xlsx_bytes(totals, figures):
    workbook = Workbook(write_only=True)
    for title, columns, rows in (("汇总", TOTAL_COLUMNS, totals), ("明细", FIGURE_COLUMNS, figures)):
        sheet = workbook.create_sheet(title)
        sheet.freeze_panes = "A2"
        sheet.append(list(columns.values()))
        for row in rows:
            sheet.append([xlsx_cell(sheet, row[key], row[UNIT_OF[key]] if key in UNIT_OF else None) for key in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(kind, period):
    """The download of `kind` (csv, xlsx or json) for the period."""
    totals, figures = records(period)
    if kind == "json":
        content = json_bytes(period, totals, figures)
    elif kind == "csv":
        content = csv_bytes(totals, figures)
    else:
        content = xlsx_bytes(totals, figures)
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    filename = f"经验交流数据-{period.label}.{kind}"
    response["Content-Disposition"] = (
        f"attachment; filename=\"exchange-{period.slug}.{kind}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
