import datetime

import factory
import wagtail_factories

from portal.news.models import NewsIndexPage, NewsPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    """Pass `parent` (usually the `home` fixture)."""

    class Meta:
        model = NewsIndexPage

    title = "工作动态"
    slug = "news"
    show_in_menus = True


class NewsPageFactory(wagtail_factories.PageFactory):
    """A news item; pass `parent` (a NewsIndexPage). Tags: `NewsPageFactory(tags=["义诊"])`."""

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"测试新闻{n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    date = factory.Sequence(lambda n: datetime.date(2025, 6, 30) - datetime.timedelta(days=n % 180))
    summary = "测试摘要"
    lead = "测试导语"

    @factory.post_generation
    def tags(page, create, names):
        if create and names:
            page.tags.add(*names)
            page.save()
