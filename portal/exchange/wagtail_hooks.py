"""核对数字: its admin URL and the button to it in an experience material's header (portal/exchange/confirm.py)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from .confirm import confirm_figures, edit_refusal
from .models import ExperiencePage


@hooks.register("register_admin_urls")
def register_confirm_figures_url():
    return [path("exchange/figures/<int:page_id>/", confirm_figures, name="exchange_confirm_figures")]


@hooks.register("register_page_header_buttons")
def confirm_figures_button(page, user, view_name=None, next_url=None):
    is_material = page.specific_class is not None and issubclass(page.specific_class, ExperiencePage)
    if is_material and edit_refusal(page, user) is None:
        yield Button("核对数字", reverse("exchange_confirm_figures", args=[page.id]), icon_name="tasks", priority=18)
