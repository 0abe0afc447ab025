from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from .panels import OverdueSectionsPanel
from .views import FreshnessReportView, StatisticsView, is_city_admin


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [
        path("freshness/", FreshnessReportView.as_view(), name="editorial_freshness"),
        path("reporting-statistics/", StatisticsView.as_view(), name="editorial_statistics"),
    ]


class FreshnessMenuItem(MenuItem):
    def is_shown(self, request):
        # A cheap test for the menu of every admin page; the report itself checks each section.
        policy = PagePermissionPolicy()
        return policy.instances_user_has_any_permission_for(request.user, ["add", "change", "publish"]).exists()


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_city_admin(request.user)


@hooks.register("register_reports_menu_item")
def register_freshness_menu_item():
    return FreshnessMenuItem("栏目更新监测", reverse("editorial_freshness"), icon_name="time", order=60)


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem("信息报送统计", reverse("editorial_statistics"), icon_name="table", order=70)


@hooks.register("construct_homepage_panels")
def add_overdue_sections_panel(request, panels):
    panels.append(OverdueSectionsPanel(request.user))


@hooks.register("insert_global_admin_css")
def editorial_css():
    return format_html('<link rel="stylesheet" href="{}">', static("editorial/editorial.css"))
