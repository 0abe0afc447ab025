"""我为网站找错, 我要留言 and 留言选登 in Debian's chromium at 1366 and 375 px: reached from the footer of any page,
errors announced and tied to their fields, usable from the keyboard, sent, and free of axe findings in every state."""

import shutil

import pytest
from django.core.cache import caches

from portal.interaction.models import Message
from tests.interaction.factories import PublishedMessageFactory

from .conftest import screenshot
from .test_accessibility import MODES, axe_violations, in_mode, nu_errors

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 375, "height": 800}}


@pytest.fixture
def site(live_server, home):
    caches["default"].clear()  # the per-address submission counts of earlier tests (the live server's cache)
    PublishedMessageFactory(subject="独生子女父母奖励怎么申请？", body="请问要准备哪些材料？电话13812341234")
    PublishedMessageFactory(subject="社区能否开展青春期健康讲座？", reply="可以，请通过社区居委会提出需求。" * 6)
    return live_server.url


def width_fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_report_an_error_from_the_footer_and_leave_a_message(browser, site, width):
    context = browser.new_context(locale="zh-CN", viewport=WIDTHS[width], bypass_csp=True)  # axe is injected inline
    page = context.new_page()
    problems = []

    def check(state):
        problems.extend(f"{width} {state}: {problem}" for problem in axe_violations(page))
        assert width_fits(page), f"{width} {state}: wider than the screen"
        screenshot(page, f"interaction-{state}-{width}")

    page.goto(site + "/sitemap/")
    page.locator(".site-footer a", has_text="我为网站找错").click()
    assert page.locator("#id_page_url").input_value() == "/sitemap/"
    check("report")
    page.get_by_role("button", name="提交").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_error_kind-error").inner_text().endswith("请选择错误类型。")
    check("report-errors")
    page.get_by_label("链接错误").check()
    page.get_by_label("错误描述").fill("网站地图里“政策法规”的链接打不开。")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url("**/interaction/thanks/")
    assert "提交成功" in page.locator("h1").inner_text()
    check("thanks")

    page.goto(site + "/interaction/message/")
    page.get_by_label("留言主题").fill("会员活动日可以报名当志愿者吗？")
    page.get_by_role("button", name="提交留言").click()
    assert page.get_by_text("没有提交成功，请修改以下 2 处").is_visible()
    assert page.locator("#id_body").get_attribute("aria-invalid") == "true"
    check("message-errors")
    page.get_by_label("留言内容").fill("我是退休教师，想参加会员活动日的志愿服务。")
    page.get_by_label("姓名或称呼").fill("王老师")
    page.get_by_label("电话").fill("13812341234")
    page.get_by_label("同意在“留言选登”中公开").check()
    page.get_by_role("button", name="提交留言").click()
    page.wait_for_url("**/interaction/thanks/")

    page.goto(site + "/interaction/replies/")
    assert page.locator(".reply-item").count() == 2
    assert "138****1234" in page.content() and "13812341234" not in page.content()
    check("replies")
    context.close()

    assert problems == [], "\n".join(problems)
    report, message = Message.objects.filter(publish_reply=False).order_by("submitted_at")
    assert (report.kind, report.page_url, report.error_kind) == ("error", "/sitemap/", "broken_link")
    assert (message.kind, message.name, message.consent_to_publish) == ("message", "王老师", True)


def test_the_message_form_works_from_the_keyboard(page, site):
    page.goto(site + "/interaction/message/")
    page.get_by_role("button", name="提交留言").focus()
    page.keyboard.press("Enter")
    page.locator(".error-summary a", has_text="留言主题").focus()
    page.keyboard.press("Enter")  # the summary's link takes the visitor to the field
    assert page.evaluate("document.activeElement.id") == "id_subject"
    page.keyboard.type("咨询生育关怀")
    page.keyboard.press("Tab")
    page.keyboard.type("家里有困难，想了解生育关怀救助。")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_name"  # no hidden field in the way
    page.keyboard.type("李")
    for _ in range(3):  # phone, email, consent
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.locator("#id_consent_to_publish").is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "提交留言"
    page.keyboard.press("Enter")
    page.wait_for_url("**/interaction/thanks/")
    assert Message.objects.filter(subject="咨询生育关怀", name="李", consent_to_publish=True).exists()


def test_every_reading_mode_passes_axe_and_the_nu_checker(browser, site, tmp_path):
    """字号, 高对比度 and 长者模式 on the forms (in their error state too) and 留言选登."""
    if shutil.which("java") is None:
        pytest.fail("Nu HTML checker 需要 Java：apt-get install default-jre-headless")
    problems, files = [], []
    for mode, preferences in MODES.items():
        for width, viewport in WIDTHS.items():
            context, page = in_mode(browser, viewport, preferences)
            for state in ("message", "message-errors", "report-errors", "replies"):
                url = "/interaction/replies/" if state == "replies" else f"/interaction/{state.split('-')[0]}/"
                page.goto(site + url)
                if state.endswith("errors"):
                    page.locator(".public-form button[type=submit]").click()
                    page.wait_for_selector(".error-summary")
                if width == "phone":
                    path = tmp_path / f"{mode}-{state}.html"
                    path.write_text(page.content())
                    files.append(str(path))
                    screenshot(page, f"interaction-{state}-{mode}-phone")
                problems += [f"{mode} {width} {state}: {problem}" for problem in axe_violations(page)]
                if not width_fits(page):
                    problems.append(f"{mode} {width} {state}: wider than the screen")
            context.close()
    problems += nu_errors(files)
    assert problems == [], "\n".join(problems)
