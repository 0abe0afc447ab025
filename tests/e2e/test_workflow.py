"""The experience-material workflow in the browser with the demo users: a township submits a material with a figure,
its county reviewer approves, the city reviewer approves and so publishes; the public page and the dashboard show it."""

import pytest
from django.core import mail
from wagtail.models import Page

from portal.exchange.models import ExperiencePage, ExperienceTownshipPage

from .conftest import screenshot
from .wagtail_admin import ADMIN, approve_in_editor, current_task, recipients, submit_for_review

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "白水镇会员之家建设经验"


def test_township_material_is_reviewed_by_its_county_and_published_by_the_city(sign_in, demo):
    folder = ExperienceTownshipPage.objects.get(orgunit__code="qingxi-baishui")
    mail.outbox.clear()

    # 1. 白水镇 submits a material with one figure.
    township = sign_in("submitter_qingxi-baishui")
    township.goto(f"{demo}{ADMIN}pages/add/exchange/experiencepage/{folder.pk}/")
    township.fill("input[name=title]", TITLE)
    township.click("text=增加 数字")
    township.locator("[id^='inline_child_figures-0'] button", has_text="选择指标").click()
    township.locator(".modal-content a", has_text="会员之家（个）").click()
    township.wait_for_selector(".modal-content", state="detached")
    township.fill("input[name='figures-0-value_as_written']", "17")
    township.fill("input[name='figures-0-unit']", "个")
    assert "已创建并提交审核" in submit_for_review(township)
    material = ExperiencePage.objects.get(title=TITLE)
    assert current_task(material).name == "县级审核（青溪县）"
    assert recipients(mail.outbox) == [["reviewer_qingxi@example.org"]]

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
    assert TITLE in public.locator("#sources").inner_text()
    screenshot(public, "workflow-4-dashboard")
    township.goto(f"{demo}{ADMIN}township-submissions/")
    assert "已发布" in township.locator("table.listing tr", has_text=TITLE).inner_text()
