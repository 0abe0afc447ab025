"""发布前检查记录: every word the checks caught, newest first, filterable and exportable (Wagtail's ReportView)."""

import django_filters
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import CheckRecord

permission_policy = ModelPermissionPolicy(CheckRecord)


def chinese_datetime(moment):
    local = timezone.localtime(moment)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def edit_url(record):
    return reverse("wagtailadmin_pages:edit", args=(record.page_id,)) if record.page_id else None


class CheckRecordFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(label="时间", widget=DateRangePickerWidget)
    kind = django_filters.ChoiceFilter(label="类别", choices=CheckRecord.Kind.choices, empty_label="全部")
    blocked = django_filters.BooleanFilter(label="已拦截")
    word = django_filters.CharFilter(label="词", lookup_expr="icontains")

    class Meta:
        model = CheckRecord
        fields = ["created_at", "kind", "blocked", "word"]


class CheckRecordReportView(ReportView):
    page_title = "发布前检查记录"
    header_icon = "warning"
    index_url_name = "checks_report"
    index_results_url_name = "checks_report_results"
    filterset_class = CheckRecordFilterSet
    permission_policy = permission_policy
    any_permission_required = ["view"]
    model = CheckRecord
    columns = [
        Column("when", label="时间", width="15%"),
        TitleColumn("page_title", label="页面", width="19%", get_url=edit_url),
        Column("finding", label="发现", width="17%"),
        Column("where", label="位置和上下文", width="33%"),
        Column("outcome", label="结果", width="16%"),
    ]
    export_headings = {
        "when": "时间",
        "page_title": "页面",
        "kind_label": "类别",
        "word": "词表中的词",
        "found": "原文写法",
        "suggestion": "建议",
        "place": "位置",
        "excerpt": "上下文",
        "outcome": "结果",
        "who": "操作人",
    }
    list_export = list(export_headings)
    export_filename = "发布前检查记录"

    def get_queryset(self):
        return CheckRecord.objects.select_related("user").order_by("-created_at", "-pk")

    def decorate_paginated_queryset(self, records):
        for record in records:
            record.when = chinese_datetime(record.created_at)
            record.kind_label = record.get_kind_display()
            action = record.get_action_display()
            record.outcome = f"{action}被拦截" if record.blocked else f"{action}时提醒"
            record.who = (record.user.get_full_name() or record.user.get_username()) if record.user else ""
            correction = f" → {record.suggestion}" if record.suggestion else ""
            record.finding = f"{record.kind_label}：{record.found}{correction}"
            record.where = f"{record.place}：{record.excerpt}"
            if record.who and not self.is_export:
                record.outcome = f"{record.outcome}（{record.who}）"
        return records

    def as_spreadsheet(self, records, spreadsheet_format):
        return super().as_spreadsheet(self.decorate_paginated_queryset(list(records)), spreadsheet_format)
