"""The reporting period of 信息报送统计: a year, a quarter, a month or a range of days, in Asia/Shanghai."""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone

from .freshness import chinese_date

KINDS = [("year", "全年"), ("quarter", "季度"), ("month", "月份"), ("range", "日期范围")]
QUARTERS = [(1, "第一季度"), (2, "第二季度"), (3, "第三季度"), (4, "第四季度")]
LEVELS = [("township", "乡镇(街道)"), ("county", "县(区)")]
MONTHS = [(month, f"{month}月") for month in range(1, 13)]


@dataclass(frozen=True)
class DateSpan:
    first: datetime.date
    last: datetime.date  # included
    label: str

    @property
    def start(self):
        """The first moment of the span as an aware datetime in the portal's time zone."""
        return local_midnight(self.first)

    @property
    def end(self):
        """The first moment after the span."""
        return local_midnight(self.last + datetime.timedelta(days=1))


def local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def year_span(year):
    return DateSpan(datetime.date(year, 1, 1), datetime.date(year, 12, 31), f"{year}年")


def quarter_span(year, quarter):
    first = datetime.date(year, 3 * quarter - 2, 1)
    return DateSpan(first, month_end(year, 3 * quarter), f"{year}年{dict(QUARTERS)[quarter]}")


def month_span(year, month):
    return DateSpan(datetime.date(year, month, 1), month_end(year, month), f"{year}年{month}月")


def month_end(year, month):
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label="统计时段", choices=KINDS, initial="year")
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100, required=False)
    quarter = forms.TypedChoiceField(
        label="季度", choices=[("", "请选择"), *QUARTERS], coerce=int, required=False, empty_value=None
    )
    month = forms.TypedChoiceField(
        label="月份", choices=[("", "请选择"), *MONTHS], coerce=int, required=False, empty_value=None
    )
    first = forms.DateField(label="开始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    last = forms.DateField(label="结束日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    level = forms.ChoiceField(label="统计单位", choices=LEVELS, initial="township")

    # which kinds of period each field belongs to (period-form.js shows only those of the chosen kind)
    FIELD_KINDS = {
        "year": "year quarter month",
        "quarter": "quarter",
        "month": "month",
        "first": "range",
        "last": "range",
    }

    def __init__(self, data=None, **kwargs):
        if data is not None and not data.get("kind"):
            data = None  # the first visit: this year, by township
        super().__init__(data, **kwargs)
        self.fields["year"].initial = timezone.localdate().year

    def fields_by_kind(self):
        return [(field, self.FIELD_KINDS.get(field.name, "")) for field in self]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in ("year", "quarter", "month") and not data.get("year"):
            self.add_error("year", "请填写年份")
        if kind == "quarter" and not data.get("quarter"):
            self.add_error("quarter", "请选择季度")
        if kind == "month" and not data.get("month"):
            self.add_error("month", "请选择月份")
        if kind == "range":
            first, last = data.get("first"), data.get("last")
            if not first:
                self.add_error("first", "请填写开始日期")
            if not last:
                self.add_error("last", "请填写结束日期")
            if first and last and last < first:
                self.add_error("last", "结束日期不能早于开始日期")
        return data

    def span(self):
        """The chosen span, or this year when the form was not filled in (or is invalid)."""
        if not self.is_bound or not self.is_valid():
            return year_span(timezone.localdate().year)
        data = self.cleaned_data
        match data["kind"]:
            case "quarter":
                return quarter_span(data["year"], data["quarter"])
            case "month":
                return month_span(data["year"], data["month"])
            case "range":
                label = f"{chinese_date(data['first'])}至{chinese_date(data['last'])}"
                return DateSpan(data["first"], data["last"], label)
        return year_span(data["year"])

    def chosen_level(self):
        return self.cleaned_data["level"] if self.is_bound and self.is_valid() else "township"
