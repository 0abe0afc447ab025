"""Registering the admin hooks several apps use: menu items only some users see, what to do after a page is saved."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

ADMIN_MENU = "register_admin_menu_item"
REPORTS_MENU = "register_reports_menu_item"


class UserMenuItem(MenuItem):
    """A menu item shown to the users `shown_to(user)` accepts."""

    def __init__(self, label, url, *, shown_to, **kwargs):
        super().__init__(label, url, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return self.shown_to(request.user)


def register_menu_item(menu, label, url_name, shown_to, *, icon_name, order):
    """Add a UserMenuItem linking to the admin view `url_name` to `menu` (ADMIN_MENU or REPORTS_MENU)."""

    @hooks.register(menu)
    def menu_item():
        return UserMenuItem(label, reverse(url_name), shown_to=shown_to, icon_name=icon_name, order=order)


def register_after_page_saved(function):
    """Run `function(request, page)` after the editor creates or edits a page."""
    hooks.register("after_create_page", function)
    hooks.register("after_edit_page", function)
