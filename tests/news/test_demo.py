from portal.activities.models import ActivityIndexPage, ActivityReportPage, ActivityTownshipPage
from portal.core.models import Campaign
from portal.news.models import NewsIndexPage, NewsPage
from tests.demo import DemoSiteTestCase


class NewsAndActivitiesDemo(DemoSiteTestCase):
    def test_demo_content_for_news_and_activities(self):
        news = NewsPage.objects.live()
        reports = ActivityReportPage.objects.live()
        assert news.count() >= 30
        assert reports.count() >= 12
        assert {page.date.year for page in news} == {2024, 2025, 2026}
        assert {page.date.year for page in reports} == {2024, 2025, 2026}
        assert news.filter(campaign__isnull=False).exists() and news.filter(tagged_items__isnull=False).exists()
        assert news.values("orgunit").distinct().count() >= 12
        assert ActivityTownshipPage.objects.live().count() >= 8
        assert set(Campaign.objects.values_list("name", flat=True)) >= {
            "5·29会员活动日",
            "7·11世界人口日",
            "9·25公开信纪念日",
            "婚育新风进万家",
            "生育关怀行动",
            "新春走访慰问",
        }
        assert NewsIndexPage.objects.get(slug="news").show_in_menus and ActivityIndexPage.objects.get().show_in_menus
        content = self.client.get("/").content.decode()
        latest_news = news.order_by("-date").first()
        latest_report = reports.order_by("-date").first()
        assert latest_news.title in content and latest_report.title in content
        assert 'href="/news/"' in content and 'href="/activities/"' in content
        for url in ("/news/", "/news/feed/", "/activities/", "/activities/feed/", latest_news.url, latest_report.url):
            assert self.client.get(url).status_code == 200, url
