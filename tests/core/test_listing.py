"""The shared index page (portal.core.listing), exercised through the news index."""

import datetime
import re

import feedparser
import pytest
from wagtail.models import PageViewRestriction
from wagtail_factories import ImageFactory

from portal.core.models import OrgUnit
from tests.core.factories import CampaignFactory, OrgUnitFactory, build_ladder
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return NewsIndexPageFactory(parent=home)


def titles(response):
    return re.findall(r'<h2 class="card-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_lists_live_public_descendants_newest_first(index, client):
    NewsPageFactory(parent=index, title="旧新闻", date=datetime.date(2024, 1, 1))
    NewsPageFactory(parent=index, title="新新闻", date=datetime.date(2026, 1, 1))
    NewsPageFactory(parent=index, title="草稿", live=False)
    private = NewsPageFactory(parent=index, title="内部新闻")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/news/")
    assert response.status_code == 200
    assert titles(response) == ["新新闻", "旧新闻"]
    assert list(index.latest_items(5)) == list(index.listing_queryset()[:5])
    assert [page.title for page in index.latest_items(1)] == ["新新闻"]


def test_same_date_falls_back_to_first_published_at(index):
    day = datetime.date(2025, 3, 1)
    first = NewsPageFactory(
        parent=index, date=day, first_published_at=datetime.datetime(2025, 3, 1, 8, tzinfo=datetime.UTC)
    )
    second = NewsPageFactory(
        parent=index, date=day, first_published_at=datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC)
    )
    assert list(index.listing_queryset()) == [second, first]


def test_paginates_twelve_per_page(index, client):
    for _ in range(13):
        NewsPageFactory(parent=index)
    first = client.get("/news/")
    assert len(titles(first)) == 12
    assert "第 1 / 2 页" in first.content.decode()
    assert len(titles(client.get("/news/?page=2"))) == 1
    assert len(titles(client.get("/news/?page=999"))) == 1  # out of range: the last page
    assert len(titles(client.get("/news/?page=abc"))) == 12  # not a number: the first page


def test_pagination_links_keep_the_filters(index, client):
    for _ in range(13):
        NewsPageFactory(parent=index, date=datetime.date(2025, 5, 1), tags=["义诊"])
    content = client.get("/news/?year=2025&tag=义诊&bogus=1").content.decode()
    assert 'href="?year=2025&amp;tag=%E4%B9%89%E8%AF%8A&amp;page=2"' in content
    assert "bogus" not in content


def test_year_filter(index, client):
    NewsPageFactory(parent=index, title="二四年", date=datetime.date(2024, 6, 1))
    NewsPageFactory(parent=index, title="二五年", date=datetime.date(2025, 6, 1))
    assert titles(client.get("/news/?year=2024")) == ["二四年"]
    content = client.get("/news/").content.decode()
    assert '<option value="2025">2025年</option>' in content


def test_tag_filter(index, client):
    NewsPageFactory(parent=index, title="义诊新闻", tags=["义诊", "健康"])
    NewsPageFactory(parent=index, title="讲座新闻", tags=["讲座"])
    assert titles(client.get("/news/?tag=义诊")) == ["义诊新闻"]
    assert titles(client.get("/news/?tag=讲座")) == ["讲座新闻"]


def test_orgunit_filter_includes_units_below(index, client):
    ladder = build_ladder()
    other_county = OrgUnitFactory(parent=ladder["city"], name="别的县", level=OrgUnit.Level.COUNTY)
    NewsPageFactory(parent=index, title="村里的事", orgunit=ladder["village"])
    NewsPageFactory(parent=index, title="县里的事", orgunit=ladder["county"])
    NewsPageFactory(parent=index, title="别县的事", orgunit=other_county)
    assert set(titles(client.get(f"/news/?orgunit={ladder['county'].code}"))) == {"村里的事", "县里的事"}
    assert titles(client.get(f"/news/?orgunit={ladder['township'].code}")) == ["村里的事"]
    assert len(titles(client.get(f"/news/?orgunit={ladder['city'].code}"))) == 3
    # the village itself is not offered (too fine-grained), so it is ignored rather than an error
    assert len(titles(client.get(f"/news/?orgunit={ladder['village'].code}"))) == 3


def test_campaign_filter(index, client):
    day = CampaignFactory(name="5·29会员活动日")
    NewsPageFactory(parent=index, title="活动日新闻", campaign=day)
    NewsPageFactory(parent=index, title="其他新闻")
    response = client.get(f"/news/?campaign={day.pk}")
    assert titles(response) == ["活动日新闻"]
    assert f'<option value="{day.pk}" selected>5·29会员活动日</option>' in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?year=abc&page=999&tag=<script>alert(1)</script>",
        "?year=99999999999999999999&orgunit=../../etc&campaign=1%20OR%201=1",
        "?campaign=-1&year=-5&page=-1&tag=",
        "?orgunit=%00&tag=%E4%B9",
    ],
)
def test_junk_filters_are_ignored(index, client, query):
    NewsPageFactory(parent=index, title="唯一的新闻")
    response = client.get("/news/" + query)
    assert response.status_code in (200, 400)  # a NUL byte may be refused by the security middleware
    if response.status_code == 200:
        content = response.content.decode()
        assert titles(response) == ["唯一的新闻"]
        assert "<script>alert" not in content


def test_filter_form_is_get_with_a_label_for_each_control(index, client):
    NewsPageFactory(parent=index, tags=["义诊"], campaign=CampaignFactory())
    content = client.get("/news/").content.decode()
    form = content[content.index('<form class="filters"') : content.index("</form>", content.index('class="filters"'))]
    assert 'method="get"' in form and "csrfmiddlewaretoken" not in form
    for name in ("year", "tag", "orgunit", "campaign"):
        assert f'<label for="id_{name}">' in form
        assert f'id="id_{name}"' in form


def test_empty_index_and_empty_results_say_so(index, client):
    assert "暂无内容" in client.get("/news/").content.decode()
    NewsPageFactory(parent=index, date=datetime.date(2025, 1, 1))
    assert "暂无内容" not in client.get("/news/").content.decode()


def test_year_archive(index, client):
    NewsPageFactory(parent=index, title="二四年", date=datetime.date(2024, 6, 1))
    NewsPageFactory(parent=index, title="二五年", date=datetime.date(2025, 6, 1))
    response = client.get("/news/year/2024/")
    assert response.status_code == 200
    assert titles(response) == ["二四年"]
    assert "2024年" in response.content.decode()
    assert client.get("/news/year/2019/").status_code == 404
    assert 'href="/news/year/2025/"' in client.get("/news/").content.decode()


def test_feed_is_rss_with_absolute_links_and_shanghai_dates(index, client):
    first = NewsPageFactory(parent=index, title="第一条", summary="摘要一", date=datetime.date(2025, 5, 29))
    NewsPageFactory(parent=index, title="第二条", date=datetime.date(2025, 5, 28))
    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.version == "rss20"
    assert feed.feed.title == "工作动态"
    assert feed.feed.link == "http://localhost/news/"
    assert [entry.title for entry in feed.entries] == ["第一条", "第二条"]
    assert feed.entries[0].link == f"http://localhost/news/{first.slug}/"
    assert feed.entries[0].description == "摘要一"
    assert feed.entries[0].published.endswith("+0800")
    assert feed.entries[0].published_parsed[:3] == (2025, 5, 28)  # 2025-05-29 00:00 +08:00 is the 28th in UTC


def test_index_links_its_feed(index, client):
    content = client.get("/news/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in content
    assert 'href="http://localhost/news/feed/"' in content


def test_sitemap_lists_every_live_page_once(index, client):
    pages = [NewsPageFactory(parent=index) for _ in range(3)]
    NewsPageFactory(parent=index, live=False, slug="draft")
    content = client.get("/sitemap.xml").content.decode()
    assert content.count("<loc>http://localhost/news/</loc>") == 1
    for page in pages:
        assert f"<loc>http://localhost/news/{page.slug}/</loc>" in content
    assert "/news/draft/" not in content
    assert "/news/feed/" not in content


def test_home_shows_the_latest_items(index, client):
    NewsPageFactory(parent=index, title="首页可见的新闻")
    content = client.get("/").content.decode()
    assert "首页可见的新闻" in content and 'href="/news/"' in content


def test_social_meta(index, client):
    page = NewsPageFactory(parent=index, title="分享的新闻", summary="分享摘要", listing_image=ImageFactory())
    content = client.get(page.url).content.decode()
    assert '<meta property="og:title" content="分享的新闻">' in content
    assert '<meta property="og:description" content="分享摘要">' in content
    assert f'<meta property="og:url" content="http://localhost{page.url}">' in content
    assert re.search(r'<meta property="og:image" content="http://testserver/media/images/[^"]+\.jpg">', content)
    assert '<meta name="twitter:card" content="summary_large_image">' in content
    plain = NewsPageFactory(parent=index, summary="")
    content = client.get(plain.url).content.decode()
    assert "og:image" not in content and '<meta name="twitter:card" content="summary">' in content


def test_listing_cards_show_thumbnails_dates_and_units(index, client):
    ladder = build_ladder()
    NewsPageFactory(
        parent=index, date=datetime.date(2025, 5, 29), orgunit=ladder["township"], listing_image=ImageFactory()
    )
    content = client.get("/news/").content.decode()
    assert re.search(r'<img alt="" class="card-image"[^>]+fill-240x160\.format-webp\.webp', content)
    assert "2025年5月29日" in content
    assert '<span class="card-orgunit">测试镇</span>' in content
