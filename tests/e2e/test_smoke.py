import pytest
from django.core.management import call_command

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_home_and_admin_login_open_in_chromium(live_server, page, django_user_model):
    call_command("load_demo", verbosity=0)
    django_user_model.objects.create_superuser("e2e-admin", "e2e@example.com", "e2e-password-2026")
    page.goto(live_server.url + "/")
    assert page.locator("h1").first.inner_text() == "云溪市计划生育协会"
    assert page.locator("main#main").count() == 1
    screenshot(page, "home-desktop")

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/")
    screenshot(page, "home-phone")

    page.goto(live_server.url + "/admin/login/")
    assert "登录" in page.content()
    page.fill("input[name=username]", "e2e-admin")
    page.fill("input[name=password]", "e2e-password-2026")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    screenshot(page, "admin-dashboard")
