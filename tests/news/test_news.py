import datetime

import pytest
from django.conf import settings
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_factories import ImageFactory

from portal.core.models import Campaign
from portal.news.models import NewsIndexPage, NewsPage, NewsPageRelatedLink
from tests.core.budget import queries_for
from tests.core.factories import CampaignFactory, build_ladder
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.page_types import creatable_under

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return NewsIndexPageFactory(parent=home)


def test_news_is_added_only_in_a_news_section(home, index):
    item = NewsPageFactory(parent=index)
    assert NewsIndexPage in creatable_under(home) and NewsPage not in creatable_under(home)
    assert creatable_under(index) == {NewsPage}
    assert creatable_under(item) == set()
    assert NewsPage._meta.verbose_name == "新闻"


def test_full_news_page_renders_every_field(index, client):
    ladder = build_ladder()
    other = NewsPageFactory(parent=index, title="相关的新闻")
    page = NewsPageFactory(
        parent=index,
        title="完整的新闻",
        lead="这是导语。",
        body=[("paragraph", RichText("<p>正文第一段。</p>"))],
        author="李明",
        photographer="王芳",
        source="测试镇计生协",
        orgunit=ladder["township"],
        campaign=CampaignFactory(name="5·29会员活动日", kind=Campaign.Kind.DAY, month=5, day=29),
        tags=["义诊", "会员活动日"],
    )
    NewsPageRelatedLink.objects.create(page=page, related_page=other)
    content = client.get(page.url).content.decode()
    for text in (
        "完整的新闻",
        "这是导语。",
        "正文第一段。",
        "文/李明",
        "图/王芳",
        "来源：测试镇计生协",
        "测试镇",
        "5·29会员活动日",
    ):
        assert text in content
    assert 'href="/news/?tag=%E4%B9%89%E8%AF%8A" rel="tag">义诊</a>' in content
    assert f'<a href="{other.url}">相关的新闻</a>' in content
    assert '<nav class="breadcrumbs' in content and 'href="/news/">工作动态</a>' in content


def test_news_page_without_optional_fields_renders(index, client):
    page = NewsPageFactory(parent=index, title="最简单的新闻", lead="", summary="")
    response = client.get(page.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "最简单的新闻" in content
    for absent in ("byline", 'class="tags"', "相关阅读", "来源：", 'class="lead"'):
        assert absent not in content


def test_unpublished_related_pages_are_not_linked(index, client):
    draft = NewsPageFactory(parent=index, title="未发布的新闻", live=False)
    page = NewsPageFactory(parent=index)
    NewsPageRelatedLink.objects.create(page=page, related_page=draft)
    assert page.related_pages() == []
    assert "未发布的新闻" not in client.get(page.url).content.decode()


def test_api_exposes_every_field(index, client):
    ladder = build_ladder()
    campaign = CampaignFactory(name="7·11世界人口日", kind=Campaign.Kind.DAY, month=7, day=11)
    page = NewsPageFactory(
        parent=index,
        title="接口新闻",
        body=[("paragraph", RichText("<p>正文</p>"))],
        author="李明",
        orgunit=ladder["village"],
        campaign=campaign,
        tags=["世界人口日"],
        listing_image=ImageFactory(),
    )
    response = client.get("/api/v2/pages/?type=news.NewsPage&fields=*")
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["id"] == page.pk and item["title"] == "接口新闻"
    assert item["date"] == page.date.isoformat()
    assert item["lead"] == "测试导语" and item["author"] == "李明"
    assert item["body"][0]["type"] == "paragraph" and "正文" in item["body"][0]["value"]
    assert item["tags"] == ["世界人口日"]
    assert item["orgunit"]["code"] == ladder["village"].code and item["orgunit"]["name"] == "测试村"
    assert item["campaign"]["name"] == "7·11世界人口日" and item["campaign"]["kind_display"] == "纪念日"
    assert item["listing_image"]["id"] == page.listing_image_id
    assert item["related_links"] == []
    assert {"photographer", "source", "summary"} <= item.keys()


def test_api_with_optional_fields_missing(index, client):
    NewsPageFactory(parent=index)
    [item] = client.get("/api/v2/pages/?type=news.NewsPage&fields=*").json()["items"]
    assert item["orgunit"] is None and item["campaign"] is None and item["tags"] == []


def test_editor_can_create_a_news_page_in_the_admin(index, admin_client):
    url = f"/{settings.WAGTAILADMIN_PATH}pages/add/news/newspage/{index.pk}/"
    data = nested_form_data(
        {
            "title": "后台新建的新闻",
            "slug": "from-admin",
            "date": "2025-05-29",
            "summary": "",
            "lead": "导语",
            "body": streamfield([]),
            "tags": "义诊, 讲座",
            "related_links": inline_formset([]),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(slug="from-admin")
    assert sorted(tag.name for tag in page.tags.all()) == ["义诊", "讲座"]


def add_news(index, count, image, campaign, unit):
    for _ in range(count):
        NewsPageFactory(
            parent=index,
            date=datetime.date(2025, 5, 1),
            listing_image=image,
            campaign=campaign,
            orgunit=unit,
            tags=["义诊", "讲座"],
        )


def test_query_counts_do_not_grow_with_the_number_of_news(index, client):
    image, campaign, unit = ImageFactory(), CampaignFactory(), build_ladder()["township"]
    add_news(index, 5, image, campaign, unit)
    detail = NewsPageFactory(parent=index, tags=["义诊"], listing_image=image, campaign=campaign, orgunit=unit)
    for other in NewsPage.objects.exclude(pk=detail.pk)[:3]:
        NewsPageRelatedLink.objects.create(page=detail, related_page=other)
    urls = ["/news/", "/news/?tag=义诊&year=2025", detail.url, "/news/feed/", "/news/year/2025/", "/"]
    with_5 = {url: queries_for(client, url) for url in urls}
    add_news(index, 45, image, campaign, unit)
    with_50 = {url: queries_for(client, url) for url in urls}
    assert with_5 == with_50  # the site-wide budget is tests/core/test_query_budget.py
