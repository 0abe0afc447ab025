"""栏目更新监测, its dashboard panel and 信息报送统计 in chromium at desktop and phone widths, on the demo site."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from portal.exchange.models import ExperiencePage

from .conftest import screenshot
from .wagtail_admin import ADMIN

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = (1366, 375)


def review_history():
    """One material of 白水镇 submitted and sent back, so the statistics show every measure."""
    users = get_user_model().objects
    material = ExperiencePage.objects.filter(orgunit__code="qingxi-baishui").first()
    material.save_revision(user=users.get(username="submitter_qingxi-baishui"))
    state = material.get_workflow().start(material, users.get(username="submitter_qingxi-baishui"))
    state.current_task_state.reject(user=users.get(username="reviewer_qingxi"), comment="请补充数字来源")


def test_freshness_report_dashboard_panel_and_statistics(sign_in):
    review_history()
    page = sign_in("city_admin")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})

        page.goto(page.url.split(ADMIN)[0] + ADMIN)
        panel = page.locator("#overdue-sections-section")
        expect(panel).to_contain_text("栏目更新逾期")
        panel.scroll_into_view_if_needed()
        screenshot(page, f"editorial-dashboard-{width}")

        page.goto(page.url.split(ADMIN)[0] + f"{ADMIN}freshness/")
        expect(page.locator("h1")).to_contain_text("栏目更新监测")
        expect(page.locator("tr.editorial-overdue").first).to_be_visible()
        screenshot(page, f"editorial-freshness-{width}")

        page.goto(page.url.split(ADMIN)[0] + f"{ADMIN}reporting-statistics/")
        expect(page.locator("h1")).to_contain_text("信息报送统计")
        expect(page.locator("table.listing")).to_contain_text("白水镇")
        expect(page.get_by_label("季度")).to_be_hidden()  # 全年: only the year
        screenshot(page, f"editorial-statistics-{width}")

    page.get_by_label("统计时段").select_option("quarter")
    page.get_by_label("季度").select_option("4")
    expect(page.get_by_label("开始日期")).to_be_hidden()
    page.get_by_role("button", name="统计").click()
    year = timezone.localdate().year
    expect(page.locator("h2.editorial-span")).to_contain_text(f"{year}年第四季度（{year}年10月1日—{year}年12月31日）")
