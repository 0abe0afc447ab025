"""The demo dashboard: a person choosing a period finds the 5·29 campaign next to the years."""

from tests.demo import DemoSiteTestCase


class DemoDashboard(DemoSiteTestCase):
    def test_the_campaign_is_a_period_to_choose(self):
        html = self.client.get("/exchange/").content.decode()
        assert '<option value="2025-05-01~2025-06-30">2025年5月1日—2025年6月30日</option>' in html
        assert '<option value="2025-07-01~2025-08-31">2025年7月1日—2025年8月31日</option>' in html

    def test_the_campaign_has_totals_and_a_year_over_year_table(self):
        html = self.client.get("/exchange/?period=2025-05-01~2025-06-30").content.decode()
        assert "2025年5月1日—2025年6月30日各项指标全市汇总（4份材料；" in html
        assert "历年同期（5月1日—6月30日）" in html
        assert '<th scope="row">2024年5月1日—2024年6月30日</th>' in html
        assert html.count("白水镇，2025年5月1日—2025年6月30日") == 1  # its summer report is another period
