"""Page routing is Wagtail's own: the page, its ancestors, the sections' sub-URLs and view restrictions answer as
a visitor expects (these tests also held for the one-query router this project used to carry, and show nothing was
lost when it was deleted)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return NewsIndexPageFactory(parent=home)


def test_a_live_page_is_served_with_its_breadcrumbs(index, client):
    NewsPageFactory(parent=index, slug="visit", title="入户走访")
    response = client.get("/news/visit/")
    assert response.status_code == 200
    assert response.context["page"].title == "入户走访"
    crumbs = response.content.decode().split('aria-label="当前位置"')[1].split("</nav>")[0]
    assert '<a href="/">首页</a>' in crumbs and '<a href="/news/">工作动态</a>' in crumbs
    assert '<li aria-current="page">入户走访</li>' in crumbs


@pytest.mark.parametrize("url", ["/news/nothing/", "/news/visit/extra/", "/elsewhere/visit/", "/news//visit/"])
def test_unknown_paths_are_not_found(index, client, url):
    NewsPageFactory(parent=index, slug="visit")
    assert client.get(url).status_code == 404


def test_a_draft_is_not_found_but_its_live_children_are(index, client):
    draft_section = NewsIndexPageFactory(parent=index, slug="archive", live=False)
    NewsPageFactory(parent=draft_section, slug="old", title="旧闻")
    assert client.get("/news/archive/").status_code == 404
    assert client.get("/news/archive/old/").status_code == 200  # as in Wagtail: only the page itself must be live


def test_sub_urls_of_a_section_still_route(index, client):
    NewsPageFactory(parent=index)
    assert client.get("/news/feed/").status_code == 200
    assert client.get("/news/year/2025/").status_code == 200
    assert client.get("/news/year/1999x/").status_code == 404


def test_a_sections_own_sub_urls_come_before_a_child_with_the_same_slug(index, client):
    NewsPageFactory(parent=index, slug="feed", title="名叫订阅的新闻")
    response = client.get("/news/feed/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")


def test_a_page_with_the_same_slug_elsewhere_is_not_confused(home, index, client):
    other = NewsIndexPageFactory(parent=home, slug="other", title="其他")
    NewsPageFactory(parent=other, slug="visit", title="别处")
    NewsPageFactory(parent=index, slug="visit", title="这里")
    assert client.get("/news/visit/").context["page"].title == "这里"
    assert client.get("/other/visit/").context["page"].title == "别处"


def test_view_restrictions_of_any_ancestor_apply(index, client, django_user_model):
    page = NewsPageFactory(parent=index, slug="inside")
    restriction = PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="内部"))
    response = client.get("/news/inside/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    outsider = django_user_model.objects.create_user("outsider", password="x")
    client.force_login(outsider)
    assert client.get(page.url).status_code == 302


def test_an_alias_follows_the_restrictions_of_its_source(home, index, client):
    source = NewsPageFactory(parent=index, slug="source")
    PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.LOGIN)
    source.create_alias(parent=home, update_slug="alias")
    assert client.get("/alias/").status_code == 302
