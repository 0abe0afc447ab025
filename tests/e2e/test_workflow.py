"""The experience-material workflow in the browser with the demo users: a township submits a material with a figure,
its county reviewer approves, the city reviewer approves and so publishes; the public page and the dashboard show it."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from wagtail.models import Page

from portal.exchange.models import ExperiencePage, ExperienceTownshipPage
from portal.workflow.demo import ensure_demo_users

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "workflow-e2e-2026"
ADMIN = f"/{settings.WAGTAILADMIN_PATH}"
TITLE = "白水镇会员之家建设经验"


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)
    ensure_demo_users(PASSWORD)
    return live_server.url


@pytest.fixture
def sign_in(browser, demo):
    """`sign_in("reviewer_qingxi")` → a browser page logged in to the admin as that demo user."""
    contexts = []

    def as_user(username):
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{demo}{ADMIN}login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"**{ADMIN}")
        return page

    yield as_user
    for context in contexts:
        context.close()


def open_more_actions(page):
    page.locator("footer button", has_text="更多动作").click()


def approve_in_editor(page, base, material):
    page.goto(f"{base}{ADMIN}pages/{material.pk}/edit/")
    open_more_actions(page)
    page.click("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    page.wait_for_selector(".messages")
    assert "已被更新" in page.locator(".messages").inner_text()


def current_task(material):
    return Page.objects.get(pk=material.pk).specific.current_workflow_task


def test_township_material_is_reviewed_by_its_county_and_published_by_the_city(sign_in, demo):
    folder = ExperienceTownshipPage.objects.get(orgunit__code="qingxi-baishui")
    mail.outbox.clear()

    # 1. 白水镇 submits a material with one figure.
    township = sign_in("submitter_qingxi-baishui")
    township.goto(f"{demo}{ADMIN}pages/add/exchange/experiencepage/{folder.pk}/")
    township.fill("input[name=title]", TITLE)
    township.click("text=增加 数字")
    township.locator("[id^='inline_child_figures-0'] button", has_text="选择 统计指标").click()
    township.locator(".modal-content a", has_text="会员之家（个）").click()
    township.wait_for_selector(".modal-content", state="detached")
    township.fill("input[name='figures-0-value_as_written']", "17")
    township.fill("input[name='figures-0-unit']", "个")
    open_more_actions(township)
    township.click("button[name=action-submit]")
    township.wait_for_selector(".messages")
    assert "已创建并提交审核" in township.locator(".messages").inner_text()
    material = ExperiencePage.objects.get(title=TITLE)
    assert current_task(material).name == "县级审核（青溪县）"
    assert [message.to for message in mail.outbox] == [["reviewer_qingxi@example.org"]]

    township.goto(f"{demo}{ADMIN}township-submissions/")
    row = township.locator("table.listing tr", has_text=TITLE)
    assert "审核中（县级审核（青溪县））" in row.inner_text()
    screenshot(township, "workflow-1-township-submitted")

    # 2. 青溪县's reviewer finds it on the dashboard and approves it; 白石县's reviewer is not asked.
    county = sign_in("reviewer_qingxi")
    assert TITLE in county.locator("main").inner_text()
    approve_in_editor(county, demo, material)
    assert current_task(material).name == "市级发布"
    assert not Page.objects.get(pk=material.pk).live
    other_county = sign_in("reviewer_baishi")
    assert TITLE not in other_county.locator("main").inner_text()

    # 3. The city reviewer approves, which publishes.
    city = sign_in("city_reviewer")
    screenshot(city, "workflow-2-city-dashboard")
    approve_in_editor(city, demo, material)
    material = ExperiencePage.objects.get(pk=material.pk)
    assert material.live and not material.workflow_in_progress

    # 4. The public page and the dashboard show it; the township sees it as published.
    public = city.context.new_page()
    public.goto(f"{demo}{material.url}")
    assert TITLE in public.locator("h1").inner_text()
    assert "会员之家" in public.content() and "17" in public.content()
    screenshot(public, "workflow-3-published-material")
    public.goto(f"{demo}/exchange/")
    assert TITLE in public.locator("#sources-heading + *").inner_text()
    screenshot(public, "workflow-4-dashboard")
    township.goto(f"{demo}{ADMIN}township-submissions/")
    assert "已发布" in township.locator("table.listing tr", has_text=TITLE).inner_text()
