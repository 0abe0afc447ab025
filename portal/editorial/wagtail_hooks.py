from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal.core.admin_hooks import REPORTS_MENU, register_menu_item

from .panels import OverdueSectionsPanel
from .views import FreshnessReportView, StatisticsView, is_city_admin


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [
        path("freshness/", FreshnessReportView.as_view(), name="editorial_freshness"),
        path("reporting-statistics/", StatisticsView.as_view(), name="editorial_statistics"),
    ]


def edits_any_page(user):
    # A cheap test for the menu of every admin page; the report itself checks each section.
    policy = PagePermissionPolicy()
    return policy.instances_user_has_any_permission_for(user, ["add", "change", "publish"]).exists()


register_menu_item(REPORTS_MENU, "栏目更新监测", "editorial_freshness", edits_any_page, icon_name="time", order=60)
register_menu_item(REPORTS_MENU, "信息报送统计", "editorial_statistics", is_city_admin, icon_name="table", order=70)


@hooks.register("construct_homepage_panels")
def add_overdue_sections_panel(request, panels):
    panels.append(OverdueSectionsPanel(request.user))


@hooks.register("insert_global_admin_css")
def editorial_css():
    return format_html('<link rel="stylesheet" href="{}">', static("editorial/editorial.css"))
