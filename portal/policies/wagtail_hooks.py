from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import IssuingAgency, PolicyPage


class IssuingAgencyViewSet(SnippetViewSet):
    model = IssuingAgency
    icon = "group"
    menu_label = "发文机关"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "code", "orgunit"]
    search_fields = ["name", "code"]


register_snippet(IssuingAgencyViewSet)


class PolicyListingViewSet(PageListingViewSet):
    """All policy texts in one flat list, with the stored 文号待核 flag to find numbers that need checking."""

    model = PolicyPage
    icon = "doc-full"
    menu_label = "政策文件"
    menu_order = 110
    add_to_admin_menu = True
    columns = [
        *IndexView.base_columns,
        Column("document_number", label="发文字号", sort_key="document_number"),
        BooleanColumn("document_number_flagged", label="文号待核", sort_key="document_number_flagged"),
        Column("validity", label="有效性", sort_key="validity"),
        DateColumn("date", label="发布日期", sort_key="date"),
    ]
    list_filter = ["document_number_flagged", "validity", "doc_type"]


@hooks.register("register_admin_viewset")
def register_policy_listing():
    return PolicyListingViewSet("policy_texts")
