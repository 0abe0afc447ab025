"""What a visitor sees of the 适老化 toolbar and the article tools in Debian's chromium, on the demo site:
choices work from the keyboard and survive a reload, 长者模式 lays the home page out in one column, 高对比度 is
white on black, the system's "more contrast" preference turns it on, and a printed article keeps what a reader
needs (site name, title, date, URL, print date) without the navigation."""

import pytest

from .conftest import screenshot
from .test_accessibility import WIDTHS, axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEWS_ITEM = "/news/news-031/"


def html_classes(page):
    return page.evaluate("document.documentElement.className").split()


def test_text_size_is_chosen_by_keyboard_and_remembered(page, demo):
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.goto(demo + "/")
    button = page.locator(".access-toolbar button", has_text="特大")
    button.focus()
    page.keyboard.press("Enter")
    assert "text-xlarge" in html_classes(page)
    assert button.get_attribute("aria-pressed") == "true"
    assert page.locator(".access-toolbar button", has_text="标准").get_attribute("aria-pressed") == "false"
    page.goto(demo + NEWS_ITEM)
    assert "text-xlarge" in html_classes(page)
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "22px"
    assert page.locator(".article-tools button", has_text="特大").get_attribute("aria-pressed") == "true"
    assert failed == []  # favicon and icons included


def test_elder_mode_puts_the_home_sections_in_one_column(page, demo):
    page.goto(demo + "/")
    sections = page.locator(".home-sections .home-section")  # not the 通知公告 beside the headline
    assert sections.nth(0).bounding_box()["y"] == sections.nth(1).bounding_box()["y"]  # side by side at first
    page.locator(".access-toolbar button", has_text="长者模式").click()
    assert "elder-mode" in html_classes(page)
    first, second = sections.nth(0).bounding_box(), sections.nth(1).bounding_box()
    assert first["x"] == second["x"] and second["y"] > first["y"]
    toolbar_button = page.locator(".access-toolbar button", has_text="长者模式").bounding_box()
    assert toolbar_button["height"] >= 44
    screenshot(page, "public-home-elder")


def test_high_contrast_is_white_on_black_and_follows_the_system_preference(browser, demo):
    context = browser.new_context(locale="zh-CN", contrast="more")
    page = context.new_page()
    page.goto(demo + "/")
    assert "contrast-high" in html_classes(page)
    assert page.locator(".access-toolbar button", has_text="高对比度").get_attribute("aria-pressed") == "true"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") == "rgb(0, 0, 0)"
    page.locator(".access-toolbar button", has_text="高对比度").click()  # the visitor's choice wins
    page.reload()
    assert "contrast-high" not in html_classes(page)
    context.close()


def test_printed_article_keeps_title_date_and_url_but_not_the_navigation(page, demo):
    page.goto(demo + NEWS_ITEM)
    page.emulate_media(media="print")
    for hidden in [".access-toolbar", ".site-nav", ".breadcrumbs", ".article-tools", ".footer-links", ".header-search"]:
        assert not page.locator(hidden).first.is_visible(), hidden
    for shown in [".brand-name", "h1", ".article-meta time", ".print-info"]:
        assert page.locator(shown).first.is_visible(), shown
    print_info = page.locator(".print-info").inner_text()
    canonical = page.locator("link[rel=canonical]").get_attribute("href")  # the site's public address (SITE_URL)
    assert canonical.endswith(NEWS_ITEM) and canonical in print_info and "打印日期：" in print_info
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") in {
        "rgb(255, 255, 255)",
        "rgba(0, 0, 0, 0)",
    }
    screenshot(page, "public-news-print")


def test_site_map_and_contact_page_pass_axe(browser, demo):
    problems = []
    for width_name, viewport in WIDTHS.items():
        context = browser.new_context(locale="zh-CN", viewport=viewport, bypass_csp=True)  # axe is an inline script
        page = context.new_page()
        for url in ["/sitemap/", "/contact/", "/about/"]:
            page.goto(demo + url)
            problems += [f"{width_name} {url}: {problem}" for problem in axe_violations(page)]
        context.close()
    assert problems == [], "\n".join(problems)
