"""What every public page tells a visitor (and a 政府网站 checker) about the site: the footer's 主办/承办单位,
标识码 and 备案 links, the 网站地图, robots.txt, icons, and the government meta tags in the page head."""

import datetime
import re

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import Site

from portal.core.models import PortalSettings
from tests.core.budget import queries_for
from tests.home.factories import StandardPageFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.policies.factories import PolicyIndexPageFactory, PolicyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(home):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.org_name = "青溪县计划生育协会"
    settings.description = "青溪县计生协的门户网站"
    settings.sponsor = "青溪县计划生育协会"
    settings.organizer = "青溪县计生协办公室"
    settings.site_code = "3611000001"
    settings.icp_number = "赣ICP备12345678号-1"
    settings.police_number = "赣公网安备 36110202000001号"
    settings.about_page = StandardPageFactory(parent=home, title="协会概况", slug="about")
    settings.contact_page = StandardPageFactory(parent=home, title="联系我们", slug="contact")
    settings.address = "青溪县人民路1号"
    settings.save()
    return settings


def meta(content, name):
    """The content of <meta name=…> (or property=…), or None."""
    found = re.search(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)">', content)
    return found.group(1) if found else None


def test_footer_names_the_site_owner_and_links_the_filings(portal, client):
    content = client.get("/").content.decode()
    footer = content[content.index('<footer class="site-footer">') :]
    assert "主办单位：青溪县计划生育协会" in footer and "承办单位：青溪县计生协办公室" in footer
    assert "网站标识码：3611000001" in footer
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener" target="_blank">赣ICP备12345678号-1' in footer
    assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=36110202000001"' in footer
    assert "police-emblem" in footer and "赣公网安备 36110202000001号" in footer
    assert '<a href="/sitemap/">网站地图</a>' in footer
    assert '<a href="/about/">关于我们</a>' in footer and '<a href="/contact/">联系我们</a>' in footer


def test_contact_page_shows_the_contact_details_from_settings(portal, client):
    content = client.get("/contact/").content.decode()
    assert "<dt>地址</dt><dd>青溪县人民路1号</dd>" in content


def test_site_map_lists_sections_and_folders_but_not_articles(portal, client):
    news = NewsIndexPageFactory(parent=portal.site.root_page)
    NewsPageFactory(parent=news, title="一条新闻")
    response = client.get("/sitemap/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>网站地图</h1>" in content
    main = content[content.index("<main") : content.index("</main>")]
    assert '<a href="/news/">工作动态</a>' in main and '<a href="/about/">协会概况</a>' in main
    assert main.index("工作动态") < main.index("协会概况")  # the sections of the main navigation first
    assert "一条新闻" not in main
    assert meta(content, "ColumnName") == "网站地图"
    assert queries_for(client, "/sitemap/") <= 12


def test_search_results_name_their_column(portal, client):
    content = client.get("/search/", {"q": "计生"}).content.decode()
    assert meta(content, "ColumnName") == "站内搜索"
    assert meta(content, "description") == "青溪县计生协的门户网站"


def test_robots_txt_points_at_the_xml_sitemap(home, client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_favicon_and_the_icons_the_pages_link_exist(home, client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    content = client.get("/").content.decode()
    icons = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="/static/([^"]+)"', content)
    assert {"img/favicon.svg", "img/favicon-32.png", "img/apple-touch-icon.png"} <= set(icons)
    assert all(finders.find(icon) for icon in icons)


def test_home_head_carries_the_site_name_and_description(portal, client):
    content = client.get("/").content.decode()
    assert meta(content, "og:title") == "青溪县计划生育协会"
    assert meta(content, "description") == "测试导语"  # the home page's intro
    assert meta(content, "SiteName") == "青溪县计划生育协会"
    assert meta(content, "SiteDomain") == "localhost"  # SITE_URL's host (test settings), whatever Host was asked
    assert meta(content, "SiteIDCode") == "3611000001"
    assert meta(content, "ColumnName") == "首页"
    assert meta(content, "ArticleTitle") is None


def test_an_article_carries_its_column_and_article_metadata(portal, client):
    news = NewsIndexPageFactory(parent=portal.site.root_page, intro="市县计生协的工作动态")
    page = NewsPageFactory(parent=news, title="入户走访", date=datetime.date(2026, 3, 8), source="白水镇计生协")
    page.first_published_at = datetime.datetime(2026, 3, 7, 17, 30, tzinfo=datetime.UTC)  # 3月8日 01:30 in Beijing
    page.save()
    content = client.get(page.url).content.decode()
    assert meta(content, "ColumnName") == "工作动态"
    assert meta(content, "ColumnType") == "工作动态"
    assert meta(content, "ColumnKeywords") == "工作动态，青溪县计划生育协会"
    assert meta(content, "ArticleTitle") == "入户走访"
    assert meta(content, "PubDate") == "2026-03-08 01:30"
    assert meta(content, "ContentSource") == "白水镇计生协"
    assert meta(content, "og:title") == "入户走访"
    index = client.get(news.url).content.decode()
    assert meta(index, "ColumnDescription") == "市县计生协的工作动态"


def test_an_article_without_a_summary_still_has_a_description(portal, client):
    policies = PolicyIndexPageFactory(parent=portal.site.root_page)
    page = PolicyPageFactory(parent=policies, summary="", date=datetime.date(2026, 1, 5))
    content = client.get(page.url).content.decode()
    assert meta(content, "description") == "青溪县计生协的门户网站"
    assert meta(content, "PubDate") == "2026-01-05 00:00"
    assert meta(content, "ContentSource") == "青溪县计划生育协会"
