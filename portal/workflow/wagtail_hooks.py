from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from .views import TownshipSubmissionsView, user_townships


@hooks.register("register_admin_urls")
def register_workflow_urls():
    return [path("township-submissions/", TownshipSubmissionsView.as_view(), name="workflow_township_submissions")]


class TownshipSubmissionsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_townships(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_township_submissions_menu_item():
    return TownshipSubmissionsMenuItem(
        "我的乡镇材料", reverse("workflow_township_submissions"), icon_name="tasks", order=150
    )


def may_delete(user, page):
    """Reviewers may edit what they review, but only those who create or publish pages there may delete them."""
    tester = page.permissions_for_user(user)
    return user.is_superuser or bool({"add", "publish"} & tester.permissions)


@hooks.register("before_delete_page")
def refuse_delete_by_reviewers(request, page):
    if not may_delete(request.user, page):
        raise PermissionDenied("审核员不能删除页面")


@hooks.register("before_bulk_action")
def refuse_bulk_delete_by_reviewers(request, action_type, objects, action_class_instance):
    pages = [obj for obj in objects if isinstance(obj, Page)] if action_type == "delete" else []
    if not all(may_delete(request.user, page) for page in pages):
        raise PermissionDenied("审核员不能删除页面")


# --- Review feedback in plain sight (portal/workflow/feedback.py) ---------------------------------------------------

from . import feedback  # noqa: E402

hooks.register("before_edit_page", feedback.warn_about_review_comment)
hooks.register("after_edit_page", feedback.explain_action)
hooks.register("after_create_page", feedback.explain_action)
hooks.register("construct_homepage_panels", feedback.add_sent_back_panel)

# --- 定时发布: the pages approved to go live later (portal/workflow/scheduled.py) ---------------------------------

from .scheduled import ScheduledPagesView, may_see_scheduled_pages  # noqa: E402


@hooks.register("register_admin_urls")
def register_scheduled_pages_url():
    return [path("scheduled-pages/", ScheduledPagesView.as_view(), name="workflow_scheduled_pages")]


class ScheduledPagesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_scheduled_pages(request.user)


@hooks.register("register_reports_menu_item")
def register_scheduled_pages_menu_item():
    return ScheduledPagesMenuItem("定时发布", reverse("workflow_scheduled_pages"), icon_name="time", order=50)


# --- 后台中文: what Wagtail leaves in English outside its translation catalogs --------------------------------------

from wagtail.sites.views import IndexView as SitesIndexView  # noqa: E402

SITE_COLUMN_LABELS = {"port": "端口", "site_name": "站点名称", "root_page": "根页面"}

# Wagtail 8's sites listing names these columns after the field ("Port", "Site name"), not its translated verbose_name
for column in SitesIndexView.columns:
    column.label = SITE_COLUMN_LABELS.get(column.name, column.label)
