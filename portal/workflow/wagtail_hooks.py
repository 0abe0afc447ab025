from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path
from rest_framework import exceptions
from wagtail import hooks
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal.core.admin_hooks import ADMIN_MENU, REPORTS_MENU, register_after_page_saved, register_menu_item

from .guards import lock_refusal, publish_blockers
from .templatetags.workflow_notices import superseded_notice
from .views import TownshipSubmissionsView, user_townships


@hooks.register("register_admin_urls")
def register_workflow_urls():
    return [path("township-submissions/", TownshipSubmissionsView.as_view(), name="workflow_township_submissions")]


def has_townships(user):
    return user_townships(user).exists()


register_menu_item(
    ADMIN_MENU, "我的乡镇材料", "workflow_township_submissions", has_townships, icon_name="tasks", order=150
)


@hooks.register("construct_page_chooser_queryset")
def choose_published_or_own_pages(pages, request):
    """The page chooser (links, related pages) lists published pages and the drafts the user may edit: a township's
    submitter no longer sees the titles of other townships' drafts there, or in its search."""
    if request.user.is_superuser:
        return pages
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(request.user, ["change", "publish"])
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_blocked_content(request, action_type, objects, action_class_instance):
    """Bulk 发布 publishes each page's latest revision (and, if asked, its draft descendants): the same rule as the
    editor's 发布 applies to each of them."""
    if action_type != "publish":
        return None
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if action_class_instance.cleaned_form.cleaned_data.get("include_descendants"):
        pages += [descendant for page in pages for descendant in page.get_descendants().not_live()]
    refusals = [
        f"《{page.get_admin_display_title()}》：{'；'.join(blockers)}"
        for page in pages
        if (blockers := publish_blockers(page))
    ]
    if not refusals:
        return None
    messages.error(request, "没有发布任何页面。" + " ".join(refusals))
    return redirect(action_class_instance.next_url)


class GuardedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """The admin API's page actions that write a revision or publish one obey the locks the editor obeys, and
    publishing obeys the page type's publish rules."""

    locked_actions = {"revert_to_page_revision", "publish"}

    def action_view(self, request, pk, action_name):
        page = self.get_object()
        if action_name in self.locked_actions and (refusal := lock_refusal(page, request.user)):
            raise exceptions.PermissionDenied(refusal)
        if action_name == "publish" and (blockers := publish_blockers(page)):
            raise exceptions.ValidationError({"detail": "；".join(blockers)})
        return super().action_view(request, pk, action_name)


@hooks.register("construct_admin_api")
def guard_admin_api_page_actions(router):
    router.register_endpoint("pages", GuardedPagesAdminAPIViewSet)


@hooks.register("before_edit_page")
def warn_reviewers_of_blocked_approval(request, page):
    """Whoever opens a page under review sees why it cannot be approved yet, row by row."""
    if request.method == "GET" and page.current_workflow_task and (blockers := publish_blockers(page)):
        messages.warning(request, "审核暂不能通过：" + "；".join(blockers))


@hooks.register("before_edit_page")
def warn_of_superseded_material(request, page):
    """The editor and every reviewer see which published material this one will replace in the totals."""
    if request.method == "GET" and (notice := superseded_notice(page)):
        messages.warning(request, notice)


# --- Review feedback in plain sight (portal/workflow/feedback.py) ---------------------------------------------------

from . import feedback  # noqa: E402

hooks.register("before_edit_page", feedback.warn_about_review_comment)
register_after_page_saved(feedback.explain_action)
hooks.register("construct_homepage_panels", feedback.add_sent_back_panel)

# --- 定时发布: the pages approved to go live later (portal/workflow/scheduled.py) ---------------------------------

from .scheduled import ScheduledPagesView, may_see_scheduled_pages  # noqa: E402


@hooks.register("register_admin_urls")
def register_scheduled_pages_url():
    return [path("scheduled-pages/", ScheduledPagesView.as_view(), name="workflow_scheduled_pages")]


register_menu_item(
    REPORTS_MENU, "定时发布", "workflow_scheduled_pages", may_see_scheduled_pages, icon_name="time", order=50
)


# --- 后台中文: what Wagtail leaves in English outside its translation catalogs --------------------------------------

from wagtail.sites.views import IndexView as SitesIndexView  # noqa: E402

SITE_COLUMN_LABELS = {"port": "端口", "site_name": "站点名称", "root_page": "根页面"}

# Wagtail 8's sites listing names these columns after the field ("Port", "Site name"), not its translated verbose_name
for column in SitesIndexView.columns:
    column.label = SITE_COLUMN_LABELS.get(column.name, column.label)
