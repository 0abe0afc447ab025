from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.core.admin_hooks import REPORTS_MENU, register_after_page_saved, register_menu_item

from .checks import tell_editor
from .models import CommonMistake, SensitiveWord
from .views import CheckRecordReportView, permission_policy

register_after_page_saved(tell_editor)


class SensitiveWordViewSet(SnippetViewSet):
    model = SensitiveWord
    icon = "warning"
    menu_label = "敏感词"
    list_display = ["word", "note", "created_at"]
    search_fields = ["word", "note"]
    search_backend_name = None  # a database filter: a part of a word should match too


class CommonMistakeViewSet(SnippetViewSet):
    model = CommonMistake
    icon = "edit"
    menu_label = "易错词"
    list_display = ["wrong", "correct", "note"]
    search_fields = ["wrong", "correct", "note"]
    search_backend_name = None


class WordListsGroup(SnippetViewSetGroup):
    items = (SensitiveWordViewSet, CommonMistakeViewSet)
    menu_icon = "warning"
    menu_label = "发布前检查"
    menu_name = "prepublish-checks"
    menu_order = 320


register_snippet(WordListsGroup)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/prepublish-checks/", CheckRecordReportView.as_view(), name="checks_report"),
        path(
            "reports/prepublish-checks/results/",
            CheckRecordReportView.as_view(results_only=True),
            name="checks_report_results",
        ),
    ]


def may_view_report(user):
    return permission_policy.user_has_permission(user, "view")


register_menu_item(REPORTS_MENU, "发布前检查记录", "checks_report", may_view_report, icon_name="warning", order=900)
