"""Admin for the figures: 核对数字 (portal/exchange/confirm.py), 指标别名 (MetricAlias) and the 未归类数字 report."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.core.admin_hooks import ADMIN_MENU, register_menu_item
from portal.importer.metrics import normalise_label

from . import aliases
from .confirm import confirm_figures, edit_refusal
from .models import ExperiencePage, MetricAlias, MetricDefinition


class MetricAliasViewSet(SnippetViewSet):
    """原文指标 → 统计指标 learnt from reviewers; filter by metric to see one metric's aliases."""

    model = MetricAlias
    icon = "link"
    menu_label = "指标别名"
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["text", "metric", "source_page", "updated_at"]
    list_filter = ["metric"]
    search_fields = ["text"]


register_snippet(MetricAliasViewSet)


# --------------------------------------------------------------------------------------------------
# 未归类数字 (figures without a 统计指标), for city administrators
# --------------------------------------------------------------------------------------------------


class NewMetricForm(forms.ModelForm):
    class Meta:
        model = MetricDefinition
        fields = ["label", "synonyms", "family", "canonical_unit", "allowed_units", "aggregation"]


FORBIDDEN = "只有市级管理员可以查看和归类未归类数字。"


def unassigned_report(request):
    # A plain 403, not Wagtail's redirect-with-message: the check is server-side whatever the menu showed.
    if not aliases.may_assign(request.user):
        return HttpResponseForbidden(FORBIDDEN)
    groups = aliases.unassigned_groups()
    return TemplateResponse(
        request,
        "exchange/admin/unassigned.html",
        {
            "groups": groups,
            "metrics": MetricDefinition.objects.all(),
            "families": MetricDefinition.Family.choices,
            "aggregations": MetricDefinition.Aggregation.choices,
            "total": sum(group.count for group in groups),
        },
    )


@require_POST
def assign_unassigned(request):
    if not aliases.may_assign(request.user):
        return HttpResponseForbidden(FORBIDDEN)
    key = normalise_label(request.POST.get("key", ""))
    if not key:
        messages.error(request, "缺少原文指标。")
        return redirect("exchange_unassigned")
    if request.POST.get("metric"):
        metric = MetricDefinition.objects.filter(pk=request.POST["metric"]).first()
        if metric is None:
            messages.error(request, "找不到这个统计指标。")
            return redirect("exchange_unassigned")
    else:
        form = NewMetricForm(request.POST)
        if not form.is_valid():
            problems = "；".join(
                f"{form.fields[name].label}：{'、'.join(errors)}" for name, errors in form.errors.items()
            )
            messages.error(request, f"不能新建指标：{problems}")
            return redirect("exchange_unassigned")
        metric = form.save()
    done = aliases.assign_group(key, metric, request.user)
    parts = [f"{done.rows} 个数字归入“{metric.label}”", f"{len(done.published)} 份材料已发布新版本"]
    if done.drafted:
        parts.append(f"{len(done.drafted)} 份材料有未发布的修改，新版本存为草稿")
    if done.skipped_units:
        parts.append(f"{done.skipped_units} 个数字的单位不在该指标允许的单位里，未归入")
    if done.locked:
        parts.append(f"{len(done.locked)} 份材料已锁定，未修改")
    messages.success(request, "，".join(parts) + "。")
    return redirect("exchange_unassigned")


@hooks.register("register_admin_urls")
def register_unassigned_urls():
    return [
        path("exchange/unassigned/", unassigned_report, name="exchange_unassigned"),
        path("exchange/unassigned/assign/", assign_unassigned, name="exchange_unassigned_assign"),
    ]


register_menu_item(ADMIN_MENU, "未归类数字", "exchange_unassigned", aliases.may_assign, icon_name="table", order=335)


# --------------------------------------------------------------------------------------------------
# 核对数字: the compact table to confirm an experience material's figures
# --------------------------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_confirm_figures_url():
    return [path("exchange/figures/<int:page_id>/", confirm_figures, name="exchange_confirm_figures")]


@hooks.register("register_page_header_buttons")
def confirm_figures_button(page, user, view_name=None, next_url=None):
    is_material = page.specific_class is not None and issubclass(page.specific_class, ExperiencePage)
    if is_material and edit_refusal(page, user) is None:
        yield Button("核对数字", reverse("exchange_confirm_figures", args=[page.id]), icon_name="tasks", priority=18)
