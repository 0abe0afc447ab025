"""The exchange dashboard's charts under the public Content-Security-Policy (no inline styles): hovering a chart shows
its tooltip and chromium reports no violation. ECharts' default HTML tooltip writes style="" attributes through
innerHTML, which the policy blocks on every hover; static/js/dashboard.js draws tooltips in the chart instead."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import screenshot
from .test_csp_admin import collect_csp_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def test_hovering_a_dashboard_chart_shows_its_tooltip_without_csp_violations(live_server, page):
    call_command("load_demo", verbosity=0)
    console = collect_csp_violations(page)
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(live_server.url + "/exchange/")
    metric = page.evaluate("JSON.parse(document.getElementById('dashboard-data').textContent).metric")

    for kind in ("townships", "years"):
        chart = page.locator(f"[data-chart='{kind}']")
        chart.scroll_into_view_if_needed()  # ECharts is fetched and the chart drawn when it nears the viewport
        chart.locator("svg").wait_for()
        tooltip = chart.get_by_text(metric, exact=True)  # the series name: only the tooltip shows it
        expect(tooltip).to_have_count(0)
        chart.hover()
        expect(tooltip).to_be_visible()
        screenshot(page, f"dashboard-tooltip-{kind}")

    assert page.evaluate("window.cspViolations") == []
    assert console == []
