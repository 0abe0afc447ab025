"""The search results page read in chromium on a wide screen and on a phone."""

import pytest

from search.models import HiddenSearchTerm
from tests.search.factories import build_search_site, searched

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCREENS = [("desktop", 1366, 768), ("phone", 375, 667)]


@pytest.mark.parametrize(("name", "width", "height"), SCREENS)
def test_first_result_is_readable_above_the_fold(live_server, browser, home, name, width, height):
    build_search_site(home, filler=12)
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{live_server.url}/search/?q=计生协会")

    title = page.locator(".search-result-title").first
    box = title.bounding_box()
    font_size = float(title.evaluate("element => getComputedStyle(element).fontSize").removesuffix("px"))
    assert box["y"] < height, f"第一条结果的标题在首屏以下（{box['y']:.0f} px）"
    assert box["width"] >= 20 * font_size, f"标题只有 {box['width']:.0f} px 宽"
    assert page.locator(".search-result mark").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "页面横向溢出"

    facets = page.locator(".search-facets")
    results = page.locator(".search-results")
    if name == "desktop":  # filters beside the list
        assert facets.bounding_box()["x"] + facets.bounding_box()["width"] <= results.bounding_box()["x"]
        assert page.get_by_role("link", name="政策法规（").first.is_visible()
    else:  # filters above the list, folded until asked for
        assert facets.bounding_box()["y"] < results.bounding_box()["y"]
        assert not page.get_by_role("link", name="政策法规（").first.is_visible()
        page.get_by_text("筛选和排序").click()
        assert page.get_by_role("link", name="政策法规（").first.is_visible()
        page.get_by_text("筛选和排序").click()
    screenshot(page, f"search-{name}")
    context.close()


def test_suggestions_are_usable_by_keyboard(live_server, page, home):
    build_search_site(home)
    page.goto(f"{live_server.url}/search/")
    box = page.locator("#search-q")
    box.press_sequentially("sygh", delay=30)
    options = page.locator(f"#{box.get_attribute('aria-controls')} [role=option]")
    options.first.wait_for()
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "true"
    assert "生育关怀" in options.all_inner_texts()
    screenshot(page, "search-suggest")
    chosen = options.all_inner_texts().index("生育关怀")
    for _ in range(chosen + 1):
        box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.nth(chosen).get_attribute("id")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert box.input_value() == "生育关怀"
    assert "莲塘乡设立生育关怀互助金" in page.locator(".search-results").inner_text()
    box.fill("")
    box.press_sequentially("莲塘", delay=30)
    options.first.wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and not options.first.is_visible()


def test_a_corrected_query_says_so_above_the_results_on_a_phone(live_server, browser, home):
    build_search_site(home)
    searched("周末门诊", 5)
    searched("互助金", 3)
    HiddenSearchTerm.objects.create(term="互助金")
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 667})
    page = context.new_page()
    page.goto(f"{live_server.url}/search/?q=示犯村")
    notice = page.locator(".search-correction")
    assert "已显示“示范村”的结果，仍然搜索“示犯村”" in notice.inner_text()
    first = page.locator(".search-result-title").first
    assert notice.bounding_box()["y"] < first.bounding_box()["y"] < 667
    assert "周末门诊" in page.locator(".popular-searches").inner_text()
    assert "互助金" not in page.locator(".popular-searches").inner_text()
    screenshot(page, "search-corrected-phone")
    page.get_by_role("link", name="示犯村").click()
    page.wait_for_url("**exact=1*")
    assert page.locator(".search-correction").count() == 0
    context.close()
