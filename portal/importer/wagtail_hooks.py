from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from portal.workflow.guards import lock_refusal

from . import views
from .importing import importable_types


@hooks.register("register_admin_urls")
def register_importer_urls():
    return [
        path("importer/<int:parent_id>/", views.import_documents, name="importer_import_documents"),
        path(
            "importer/experience/<int:page_id>/figures/",
            views.import_experience_figures,
            name="importer_experience_figures",
        ),
    ]


def _import_button(page, user, priority):
    if importable_types(page) and page.permissions_for_user(user).can_add_subpage():
        yield Button(
            "导入Word文档",
            reverse("importer_import_documents", args=[page.id]),
            icon_name="doc-full",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def page_header_import_button(page, user, view_name=None, next_url=None):
    yield from _import_button(page, user, priority=16)
    may_edit = page.permissions_for_user(user).can_edit() and not lock_refusal(page, user)
    if views.is_experience_page(page) and may_edit:
        yield Button(
            "从Word提取数字",
            reverse("importer_experience_figures", args=[page.id]),
            icon_name="table",
            priority=17,
        )


@hooks.register("register_page_listing_more_buttons")
def page_listing_import_button(page, user, next_url=None):
    yield from _import_button(page, user, priority=9)
