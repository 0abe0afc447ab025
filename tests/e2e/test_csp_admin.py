"""The Wagtail admin works under our Content-Security-Policy: no violation reported by chromium on the main screens."""

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "csp-admin-password-2026"


def collect_csp_violations(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def page_editor_screens(admin):
    """The edit view of one page of every page type, and the add view of every type allowed under each."""
    screens = []
    for content_type_id in Page.objects.filter(depth__gt=1).values_list("content_type", flat=True).distinct():
        page = Page.objects.filter(content_type_id=content_type_id).first().specific
        screens.append(f"{admin}pages/{page.pk}/edit/")
        for model in page.specific_class.allowed_subpage_models():
            if not model.can_create_at(page):
                continue
            meta = model._meta
            screens.append(f"{admin}pages/add/{meta.app_label}/{meta.model_name}/{page.pk}/")
    return sorted(set(screens))


def admin_screens(home):
    admin = f"/{settings.WAGTAILADMIN_PATH}"
    return [
        admin,
        f"{admin}pages/{home.pk}/",
        *page_editor_screens(admin),
        f"{admin}images/",
        f"{admin}images/multiple/add/",
        f"{admin}documents/multiple/add/",
        f"{admin}snippets/",
        f"{admin}users/",
        f"{admin}reports/site-history/",
    ]


def test_admin_screens_load_without_csp_violations(live_server, page, django_user_model):
    call_command("load_demo", verbosity=0)
    django_user_model.objects.create_superuser("csp-admin", "csp@example.com", PASSWORD)
    home = Page.objects.get(depth=2)
    violations = collect_csp_violations(page)

    page.goto(f"{live_server.url}/{settings.WAGTAILADMIN_PATH}login/")
    page.fill("input[name=username]", "csp-admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/{settings.WAGTAILADMIN_PATH}")

    for path in admin_screens(home):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    # The page editor's JavaScript really ran: Draftail/StreamField widgets and the side panel toggles exist.
    page.goto(f"{live_server.url}/{settings.WAGTAILADMIN_PATH}pages/{home.pk}/edit/")
    page.wait_for_selector("[data-side-panel-toggle]", timeout=10_000)
    page.click("[data-side-panel-toggle='preview']")
    page.wait_for_selector("iframe[data-w-preview-target='iframe']", timeout=10_000)
    page.wait_for_load_state("networkidle")
    assert violations == [], "\n".join(violations)
