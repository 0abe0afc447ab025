"""A visitor searching the demo site finds its pages by what they were given after their first save: a news item
by its tag, a policy text by its issuing body."""

from django.core.cache import cache

from portal.news.models import NewsPage
from portal.policies.models import PolicyPage
from tests.demo import DemoSiteTestCase


class DemoSearch(DemoSiteTestCase):
    def setUp(self):
        cache.clear()

    def found(self, query):
        data = self.client.get("/search/", {"q": query, "format": "json", "limit": "100"}).json()
        return {result["url"] for result in data["results"]}

    def test_a_news_item_is_found_by_a_tag_its_text_does_not_contain(self):
        item = NewsPage.objects.get(title="白水镇桃源村协会活动室投入使用")
        assert "阵地建设" not in item.lead + str(item.body)
        assert item.url in self.found("阵地建设")

    def test_a_policy_text_is_found_by_its_issuing_body(self):
        text = PolicyPage.objects.get(title="生育关怀专项资金管理办法")
        assert "财政局" not in text.overview + str(text.body)
        assert text.url in self.found("云溪市财政局")
