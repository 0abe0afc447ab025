"""The admin inbox (收件箱) for 留言 and 找错: who may see it, its columns, and the overdue report (逾期未办)."""

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from portal.core.templatetags.portal_tags import cn_date
from portal.workflow.feedback import chinese_datetime, display_name

from .models import Message


class InboxPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions (superusers and 市级管理员 have them), except that nobody adds or copies a
    message in the admin: they come from the public."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


permission_policy = InboxPermissionPolicy(Message)


def inbox_users():
    """Who can be given a message to answer: active users who may change messages."""
    return permission_policy.users_with_any_permission(["change"]).order_by("username")


class AssigneeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return display_name(user)


class MessageAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assignee" in self.fields:
            field = self.fields["assignee"]
            self.fields["assignee"] = AssigneeChoiceField(
                queryset=inbox_users(),
                required=False,
                label=field.label,
                help_text=field.help_text,
                widget=forms.Select,
                empty_label="（未指定）",
            )


def due_text(message):
    if message.due_date is None:
        return ""
    return cn_date(message.due_date) + ("（已逾期）" if message.is_overdue else "")


def assignee_text(message):
    return display_name(message.assignee) if message.assignee_id else "（未指定）"


def days_overdue(message):
    return f"{(timezone.localdate() - message.due_date).days} 天"


def inbox_columns(edit_url_name):
    return [
        TitleColumn("title", label="标题", url_name=edit_url_name),
        Column("kind", label="类型", accessor="get_kind_display"),
        Column("status", label="状态", accessor="get_status_display", sort_key="status"),
        Column("assignee", label="承办人", accessor=assignee_text),
        Column(
            "submitted_at",
            label="提交时间",
            accessor=lambda m: chinese_datetime(m.submitted_at),
            sort_key="submitted_at",
        ),
        Column("due_date", label="答复期限", accessor=due_text, sort_key="due_date"),
    ]


LIST_COLUMNS = [*inbox_columns("inbox:edit"), BooleanColumn("publish_reply", label="留言选登")]


class OverdueReportView(ReportView):
    """逾期未办: messages and error reports still 新 or 处理中 after their due date, the longest overdue first."""

    page_title = "逾期未办的留言与找错"
    header_icon = "warning"
    index_url_name = "inbox:overdue"
    index_results_url_name = "inbox:overdue_results"
    permission_policy = permission_policy
    permission_required = "change"
    list_export = ["pk", "get_kind_display", "title", "get_status_display", "assignee_name", "submitted", "due"]
    export_headings = {
        "pk": "编号",
        "get_kind_display": "类型",
        "title": "标题",
        "get_status_display": "状态",
        "assignee_name": "承办人",
        "submitted": "提交时间",
        "due": "答复期限",
    }

    @property
    def columns(self):
        return [*inbox_columns("inbox:edit"), Column("overdue", label="逾期", accessor=days_overdue)]

    def get_queryset(self):
        return Message.objects.overdue().select_related("assignee").order_by("due_date", "submitted_at")

    def decorate_paginated_queryset(self, object_list):
        for message in object_list:
            message.assignee_name = assignee_text(message)
            message.submitted = chinese_datetime(message.submitted_at)
            message.due = cn_date(message.due_date)
        return object_list

    def get_filename(self):
        return f"逾期未办-{timezone.localdate():%Y-%m-%d}"


def submitted_rows(message):
    """What the visitor sent, as (label, value) rows, leaving out what this kind of message does not have."""
    rows = [
        ("类型", message.get_kind_display()),
        ("提交时间", chinese_datetime(message.submitted_at)),
        ("主题", message.subject),
        ("错误类型", message.get_error_kind_display() if message.error_kind else ""),
        ("出错网页", message.page_url),
        ("内容", message.body),
        ("姓名", message.name),
        ("电话", message.phone),
        ("电子邮箱", message.email),
        ("联系方式", message.contact),
    ]
    if message.kind == Message.Kind.MESSAGE:
        rows.append(("同意公开", "同意在“留言选登”公开" if message.consent_to_publish else "不同意公开"))
    return [(label, value) for label, value in rows if value]


class SubmittedPanel(Panel):
    """The visitor's message, read-only: an administrator answers it but never rewrites it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "interaction/admin/submitted_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["rows"] = submitted_rows(self.instance)
            return context
