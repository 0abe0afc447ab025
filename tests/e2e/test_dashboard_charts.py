"""The exchange dashboard's charts in Debian's chromium at 1366 and 375 px: the tables come first and ECharts (our
custom build, static/vendor/echarts.min.js) is fetched only when a chart nears the viewport; the charts are then
drawn as SVG in the site's red (yellow under 高对比度), with the coverage and comparison notes beside them, and
without a console error or CSP violation. Without JavaScript the tables stand alone."""

import pytest
from playwright.sync_api import expect

from tests.exchange.conftest import make_world
from tests.exchange.factories import figure

from .conftest import screenshot
from .test_accessibility import axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = {"desktop": {"width": 1366, "height": 500}, "phone": {"width": 375, "height": 667}}
SITE_RED = "#b3261e"  # --brand in portal.css
CONTRAST_YELLOW = "#ffeb3b"


@pytest.fixture
def dashboard(live_server, home):
    """Two years of 宣传品发放: 2024 from 一镇 and 二镇, 2025 from 一镇 and 三镇 (one township in both)."""
    world = make_world(home)
    world.submit("jia-yi", [figure(world.materials, 100)], year=2024)
    world.submit("jia-er", [figure(world.materials, 300)], year=2024)
    world.submit("jia-yi", [figure(world.materials, 150, qualifier="余")])
    world.submit("yi-san", [figure(world.materials, 50)])
    return f"{live_server.url}/exchange/?period=2025&metric={world.materials.pk}"


def watch(page):
    """Console errors, uncaught exceptions and requests for the chart library, as they happen."""
    seen = {"errors": [], "library": []}
    page.on("console", lambda message: seen["errors"].append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("request", lambda request: "/vendor/echarts" in request.url and seen["library"].append(request.url))
    return seen


def series_colours(chart):
    """The fill of the bars or the stroke of the line, as ECharts wrote them into the SVG."""
    return chart.evaluate(
        """element => Array.from(element.querySelectorAll('svg path'))
            .map(path => (path.getAttribute('fill') || '') + ' ' + (path.getAttribute('stroke') || ''))
            .join(' ').toLowerCase()"""
    )


@pytest.mark.parametrize("size", WIDTHS, ids=list(WIDTHS))
def test_charts_load_after_the_tables_in_the_sites_colours(browser, dashboard, size):
    context = browser.new_context(locale="zh-CN", viewport=WIDTHS[size])
    page = context.new_page()
    seen = watch(page)
    page.goto(dashboard)
    page.wait_for_load_state("networkidle")

    townships = page.locator("[data-chart='townships']")
    years = page.locator("[data-chart='years']")
    assert townships.bounding_box()["y"] > WIDTHS[size]["height"] + 200  # below the fold and the preload margin
    expect(page.locator("#totals-heading ~ table")).to_be_visible()
    assert seen["library"] == [] and page.evaluate("typeof window.echarts") == "undefined"

    townships.scroll_into_view_if_needed()
    townships.locator("svg").wait_for()
    assert len(seen["library"]) == 1 and "/static/vendor/echarts.min" in seen["library"][0]
    assert page.evaluate("Object.keys(window.echarts)") == ["init"]  # the custom build, not the whole library
    assert SITE_RED in series_colours(townships)
    expect(page.get_by_text("2/3 个乡镇报送了这项指标")).to_be_visible()

    years.scroll_into_view_if_needed()
    years.locator("svg").wait_for()
    assert SITE_RED in series_colours(years)
    expect(page.get_by_text("2025年全年同比 +50%，按两期都报送的 1 个乡镇比较。")).to_be_visible()
    box = years.bounding_box()
    years.hover(position={"x": box["width"] * 0.85, "y": box["height"] / 2})  # over 2025, the second of two years
    expect(years.get_by_text("同比 +50%（可比乡镇 1 个）")).to_be_visible()
    expect(years.get_by_text("≥ 200份", exact=True)).to_be_visible()
    assert len(seen["library"]) == 1  # fetched once for both charts

    for box in (townships, years):
        assert box.bounding_box()["width"] <= WIDTHS[size]["width"]
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"dashboard-charts-{size}")
    assert seen["errors"] == []  # CSP violations are reported as console errors too
    context.close()


def draw_every_chart(page):
    for chart in page.locator("[data-chart]").all():
        chart.scroll_into_view_if_needed()
        chart.locator("svg").wait_for()


def test_axe_finds_nothing_once_the_charts_are_drawn(browser, dashboard):
    for viewport in WIDTHS.values():
        context = browser.new_context(locale="zh-CN", viewport=viewport, bypass_csp=True)  # axe is an inline script
        page = context.new_page()
        page.goto(dashboard)
        draw_every_chart(page)
        assert axe_violations(page) == []
        context.close()


def test_high_contrast_redraws_the_charts_in_yellow(page, dashboard):
    seen = watch(page)
    page.goto(dashboard)
    draw_every_chart(page)
    chart = page.locator("[data-chart='townships']")
    page.locator(".access-toolbar button", has_text="高对比度").click()
    expect(chart.locator(f"path[fill='{CONTRAST_YELLOW}']").first).to_be_attached()
    assert SITE_RED not in series_colours(chart)
    chart.scroll_into_view_if_needed()
    screenshot(page, "dashboard-charts-contrast")
    assert seen["errors"] == []


def test_without_javascript_the_tables_stand_alone(browser, dashboard):
    context = browser.new_context(locale="zh-CN", viewport=WIDTHS["phone"], java_script_enabled=False)
    page = context.new_page()
    page.goto(dashboard)
    expect(page.locator("[data-chart='townships']")).to_be_hidden()
    expect(page.locator("#by-township table")).to_be_visible()
    expect(page.locator("#by-year table")).to_contain_text("按两期都报送的 1 个乡镇比较")
    context.close()
