from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

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
