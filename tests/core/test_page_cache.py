"""The anonymous page cache: what is cached, what never is, and that every kind of change shows on the next request.

Runs on whichever `pages` cache the settings give: memory, or Redis when REDIS_URL is set."""

import datetime

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction, Site

from home.models import HomePage
from portal.core import cache, cache_backends
from portal.core.cache import invalidate
from portal.core.models import PageCacheGeneration, PortalSettings
from search.querylog import query_log
from tests.core.factories import CampaignFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.policies.factories import PolicyIndexPageFactory


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True
    invalidate()  # a fresh generation instead of clear(): clearing a shared Redis database hits other runs


@pytest.fixture
def news(home, page_cache):
    index = NewsIndexPageFactory(parent=home)
    item = NewsPageFactory(parent=index, title="义诊进村")
    return index, item


def anonymous_get(url, **headers):
    return Client().get(url, **headers)


def publish_title(page, title):
    page = page.specific_class.objects.get(pk=page.pk)
    page.title = title
    page.save_revision().publish()
    return page


def assert_all_fresh(urls, text):
    for url in urls:
        response = anonymous_get(url)
        assert response["X-Cache"] == "MISS", url
        assert text in response.content.decode(), url


def test_second_anonymous_request_is_a_hit_with_the_same_body(home, page_cache):
    first = anonymous_get("/")
    second = anonymous_get("/")
    assert (first.status_code, first["X-Cache"]) == (200, "MISS")
    assert (second.status_code, second["X-Cache"]) == (200, "HIT")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "public" in second["Cache-Control"] and "max-age=60" in second["Cache-Control"]
    assert second["ETag"] == first["ETag"]
    assert second["X-Frame-Options"] and second["Content-Security-Policy"]  # security headers survive the cache


def test_etag_and_last_modified_give_304(home, page_cache):
    first = anonymous_get("/")
    assert anonymous_get("/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert anonymous_get("/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert anonymous_get("/", HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_head_is_answered_from_the_cached_get(home, page_cache):
    assert Client().head("/")["X-Cache"] == "BYPASS"  # a HEAD alone does not fill the cache
    anonymous_get("/")
    head = Client().head("/")
    assert (head.status_code, head["X-Cache"], head.content) == (200, "HIT", b"")


def test_query_string_variants_are_cached_apart(news, page_cache):
    assert anonymous_get("/news/?page=1")["X-Cache"] == "MISS"
    assert anonymous_get("/news/?page=2")["X-Cache"] == "MISS"
    assert anonymous_get("/news/")["X-Cache"] == "MISS"
    assert anonymous_get("/news/?page=2")["X-Cache"] == "HIT"


def test_logged_in_editor_never_gets_or_fills_the_cache(home, page_cache, admin_client):
    editor_page = admin_client.get("/")
    assert "X-Cache" not in editor_page
    assert "private" in editor_page["Cache-Control"]
    assert anonymous_get("/")["X-Cache"] == "MISS"  # the editor's visit stored nothing
    assert anonymous_get("/")["X-Cache"] == "HIT"
    editor_again = admin_client.get("/")
    assert "X-Cache" not in editor_again
    assert b"wagtail-userbar" in editor_again.content


def test_preview_is_never_cached_and_never_shown_to_visitors(home, page_cache, admin_client):
    anonymous_get("/")
    edit_url = f"/admin/pages/{home.pk}/edit/preview/"
    data = {"title": "预览中的标题", "slug": "home", "intro": "预览导语", "latest_count": 5}
    assert admin_client.post(edit_url, data).json()["is_valid"]
    preview = admin_client.get(edit_url)
    assert "预览导语" in preview.content.decode()  # home shows its intro; its title is the association's name
    assert "X-Cache" not in preview
    visitor = anonymous_get("/")
    assert visitor["X-Cache"] == "HIT" and "预览导语" not in visitor.content.decode()


def test_a_draft_never_leaks(news, page_cache):
    _index, item = news
    item = type(item).objects.get(pk=item.pk)
    item.title = "草稿标题"
    item.save_revision()  # saved, not published
    for url in ["/", "/news/", "/news/feed/", item.url]:
        assert "草稿标题" not in anonymous_get(url).content.decode(), url
        assert "草稿标题" not in anonymous_get(url).content.decode(), url


def test_a_preview_never_fills_or_reads_the_fragment_cache(news, admin_client, settings):
    settings.PAGE_CACHE = False  # fragments alone
    _index, item = news
    assert "义诊进村" in anonymous_get(item.url).content.decode()  # the live text is now a remembered fragment
    edit_url = f"/admin/pages/{item.pk}/edit/preview/"
    data = {"title": "预览中的新闻", "slug": item.slug, "date": "2025-06-01", "lead": "预览导语", "body-count": 0}
    data |= {"related_links-TOTAL_FORMS": 0, "related_links-INITIAL_FORMS": 0, "tags": ""}
    assert admin_client.post(edit_url, data).json()["is_valid"]
    assert "预览导语" in admin_client.get(edit_url).content.decode()
    assert "预览导语" not in anonymous_get(item.url).content.decode()


def test_post_is_not_cached(home, page_cache):
    assert "X-Cache" not in Client().post("/", {"q": "x"})
    assert anonymous_get("/")["X-Cache"] == "MISS"


def test_response_setting_a_cookie_is_not_cached(home, page_cache, monkeypatch):
    serve = HomePage.serve

    def serve_with_cookie(self, request, *args, **kwargs):
        response = serve(self, request, *args, **kwargs)
        response.set_cookie("seen", "1")
        return response

    monkeypatch.setattr(HomePage, "serve", serve_with_cookie)
    assert anonymous_get("/")["X-Cache"] == "BYPASS"
    assert anonymous_get("/")["X-Cache"] == "BYPASS"


def test_private_page_is_not_cached(news, page_cache):
    _index, item = news
    PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.PASSWORD, password="口令123")
    for _ in range(2):
        response = anonymous_get(item.url)
        assert response["X-Cache"] == "BYPASS"
        assert "义诊进村" not in response.content.decode().split("<main", 1)[-1]


@pytest.mark.parametrize("url", ["/no-such-page/", "/api/v2/pages/", "/admin/login/", "/sitemap.xml"])
def test_errors_api_and_admin_are_not_cached(home, page_cache, url):
    responses = [anonymous_get(url) for _ in range(2)]
    if url == "/sitemap.xml":
        assert [response["X-Cache"] for response in responses] == ["MISS", "HIT"]  # public: cached
    else:
        assert all(response.get("X-Cache") != "HIT" for response in responses)


def test_publishing_a_news_item_refreshes_home_index_feed_and_item(news):
    _index, item = news
    urls = ["/", "/news/", "/news/feed/", item.url]
    assert_all_fresh(urls, "义诊进村")
    assert all(anonymous_get(url)["X-Cache"] == "HIT" for url in urls)
    publish_title(item, "义诊进村（更新）")
    assert_all_fresh(urls, "义诊进村（更新）")


def test_unpublishing_removes_the_item_everywhere(news):
    _index, item = news
    assert_all_fresh(["/news/", item.url], "义诊进村")
    item.unpublish()
    assert "义诊进村" not in anonymous_get("/news/").content.decode()
    assert anonymous_get(item.url).status_code == 404


def test_deleting_a_page_invalidates(news):
    _index, item = news
    assert_all_fresh(["/news/"], "义诊进村")
    item.delete()
    response = anonymous_get("/news/")
    assert response["X-Cache"] == "MISS" and "义诊进村" not in response.content.decode()


def test_moving_a_page_invalidates(news):
    index, item = news
    other = NewsPageFactory(parent=index, title="另一条")
    assert_all_fresh(["/news/"], "义诊进村")
    item.move(other, pos="right")
    assert anonymous_get("/news/")["X-Cache"] == "MISS"


def test_site_settings_change_invalidates(home, page_cache):
    anonymous_get("/")
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal.org_name = "新的协会名称"
    portal.save()
    assert_all_fresh(["/"], "新的协会名称")


def test_snippet_change_invalidates(home, page_cache):
    anonymous_get("/")
    CampaignFactory()
    assert anonymous_get("/")["X-Cache"] == "MISS"


def test_scheduled_page_going_live_invalidates(news):
    index, _item = news
    assert_all_fresh(["/news/"], "义诊进村")
    scheduled = NewsPageFactory(parent=index, title="定时发布的新闻", live=False)
    scheduled.go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    scheduled.save_revision(approved_go_live_at=scheduled.go_live_at)
    assert "定时发布的新闻" not in anonymous_get("/news/").content.decode()
    call_command("publish_scheduled")
    assert_all_fresh(["/news/"], "定时发布的新闻")


def test_publishing_purges_listings_from_the_frontend_cache(news, settings, monkeypatch):
    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://cdn"}
    }
    purged = []
    monkeypatch.setattr(HTTPBackend, "purge", lambda self, url: purged.append(url))
    monkeypatch.setattr(HTTPBackend, "purge_batch", lambda self, urls: purged.extend(urls))
    _index, item = news
    publish_title(item, "义诊进村（CDN）")
    assert {"http://localhost/", "http://localhost/news/", item.full_url} <= set(purged)


@pytest.fixture
def unreachable_redis(settings, page_cache):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "portal.core.cache_backends.FailSafeRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    yield
    cache_backends._Outage.until = 0.0


def test_pages_are_served_uncached_when_redis_is_unreachable(news, unreachable_redis):
    _index, item = news
    for url in ["/", "/news/", item.url, "/", "/news/"]:
        response = anonymous_get(url)
        assert response.status_code == 200 and response["X-Cache"] == "MISS"
    publish_title(item, "Redis 不在时发布")  # invalidation must not fail either
    assert "Redis 不在时发布" in anonymous_get(item.url).content.decode()


class FlakyCache(LocMemCache):
    """An in-memory cache that fails every call while `broken` (Redis paused, the cache disk full)."""

    broken = False

    def check(self):
        if FlakyCache.broken:
            raise ConnectionError("缓存暂停")

    def get(self, *args, **kwargs):
        self.check()
        return super().get(*args, **kwargs)

    def set(self, *args, **kwargs):
        self.check()
        return super().set(*args, **kwargs)

    def add(self, *args, **kwargs):
        self.check()
        return super().add(*args, **kwargs)


@pytest.fixture
def flaky_cache(settings, page_cache):
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": f"{__name__}.FlakyCache", "LOCATION": "flaky"}}
    yield FlakyCache
    FlakyCache.broken = False


def test_an_unpublish_during_a_cache_outage_is_not_lost(news, flaky_cache):
    _index, item = news
    assert_all_fresh(["/news/", item.url], "义诊进村")
    assert anonymous_get(item.url)["X-Cache"] == "HIT"
    flaky_cache.broken = True
    item.unpublish()
    assert anonymous_get(item.url).status_code == 404  # served without the cache meanwhile
    flaky_cache.broken = False
    assert anonymous_get(item.url).status_code == 404
    listing = anonymous_get("/news/")
    assert listing["X-Cache"] == "MISS" and "义诊进村" not in listing.content.decode()


def test_a_new_view_restriction_is_not_answered_by_the_cached_public_copy(news):
    _index, item = news
    assert_all_fresh([item.url], "义诊进村")
    restriction = PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.LOGIN)
    response = anonymous_get(item.url)
    assert (response.status_code, response["X-Cache"]) == (302, "BYPASS")  # Wagtail's login redirect
    restriction.delete()
    assert_all_fresh([item.url], "义诊进村")


def test_a_collection_restriction_invalidates(home, page_cache):
    assert anonymous_get("/")["X-Cache"] == "MISS"
    assert anonymous_get("/")["X-Cache"] == "HIT"
    restriction = CollectionViewRestriction.objects.create(
        collection=Collection.get_first_root_node(), restriction_type=CollectionViewRestriction.LOGIN
    )
    assert anonymous_get("/")["X-Cache"] == "MISS"
    restriction.delete()
    assert anonymous_get("/")["X-Cache"] == "MISS"


def test_a_cached_page_needs_no_query(home, page_cache):
    anonymous_get("/")
    with CaptureQueriesContext(connection) as hit:
        assert anonymous_get("/")["X-Cache"] == "HIT"
    assert hit.captured_queries == []


def test_another_workers_change_shows_here_within_a_second(news, monkeypatch):
    """A publish in another process replaces the token in the database; this process re-reads it at most once
    every GENERATION_RECHECK_SECONDS, so its cached copies stop being served within that time."""
    _index, item = news
    assert_all_fresh([item.url], "义诊进村")
    PageCacheGeneration.objects.update(token="another-worker-published")
    assert anonymous_get(item.url)["X-Cache"] == "HIT"  # within the second
    monkeypatch.setattr(cache.Generation, "read_at", cache.Generation.read_at - cache.GENERATION_RECHECK_SECONDS)
    assert anonymous_get(item.url)["X-Cache"] == "MISS"


def test_a_page_the_previous_release_cached_is_not_served_by_the_next(news, monkeypatch):
    """After a deploy, or while a rolling restart runs old and new workers on one cache, each release serves only
    the pages it rendered itself."""
    _index, item = news
    assert_all_fresh([item.url], "义诊进村")
    assert anonymous_get(item.url)["X-Cache"] == "HIT"
    monkeypatch.setattr(cache, "release_digest", lambda: "the-next-release")
    monkeypatch.setattr(cache.Generation, "token", None)  # a worker started after the deploy
    assert anonymous_get(item.url)["X-Cache"] == "MISS"
    assert anonymous_get(item.url)["X-Cache"] == "HIT"


@pytest.fixture
def release_of(settings):
    def release_of(checkout):
        settings.BASE_DIR = checkout
        cache.release_digest.cache_clear()
        return cache.release_digest()

    yield release_of
    cache.release_digest.cache_clear()


@pytest.mark.parametrize("changed", ["templates/base.html", "requirements.lock", "portal/core/cache.py"])
def test_the_release_is_the_same_code_on_every_server_and_changes_with_any_of_it(tmp_path, release_of, changed):
    for server in ("one", "other"):
        for name in ("templates/base.html", "requirements.lock", "portal/core/cache.py"):
            (tmp_path / server / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / server / name).write_text(f"{name} 第一版\n", encoding="utf-8")
    (tmp_path / "other" / "portal" / "core" / "__pycache__").mkdir()
    (tmp_path / "other" / "portal" / "core" / "__pycache__" / "cache.cpython-311.pyc").write_bytes(b"\x00compiled")
    assert release_of(tmp_path / "one") == release_of(tmp_path / "other")  # other file times, compiled files
    (tmp_path / "other" / changed).write_text(f"{changed} 第二版\n", encoding="utf-8")
    assert release_of(tmp_path / "one") != release_of(tmp_path / "other")


def test_a_search_served_from_the_cache_still_counts(home, page_cache, monkeypatch):
    recorded = []
    monkeypatch.setattr(query_log, "record", recorded.append)
    assert [anonymous_get("/search/?q=计生协")["X-Cache"] for _ in range(2)] == ["MISS", "HIT"]
    assert recorded == ["计生协", "计生协"]


def test_nav_is_remembered_until_something_is_published(home, news):
    _index, item = news
    anonymous_get(item.url + "?v=1")  # a page miss computes the nav and remembers it
    with CaptureQueriesContext(connection) as warm:
        assert anonymous_get(item.url + "?v=2")["X-Cache"] == "MISS"
    assert not any("show_in_menus" in query["sql"].split("WHERE")[-1] for query in warm.captured_queries)
    PolicyIndexPageFactory(parent=home, live=False).save_revision().publish()
    nav = anonymous_get(item.url + "?v=3").content.decode().split('class="site-nav"')[1].split("</nav>")[0]
    assert "政策法规" in nav


def rendered_queries(url):
    """The queries of a page the page cache did not answer (a MISS, or no page cache at all)."""
    with CaptureQueriesContext(connection) as context:
        response = anonymous_get(url)
    assert response.status_code == 200 and response.get("X-Cache", "MISS") == "MISS"
    return len(context.captured_queries)


def test_filter_choices_and_home_sections_are_remembered_until_something_is_published(home, news, monkeypatch):
    # the token re-read once a second would add a query to whichever request crosses the second (seen under CI load)
    monkeypatch.setattr(cache, "GENERATION_RECHECK_SECONDS", 10**6)
    index, _item = news
    cold = {url: rendered_queries(url + "?v=1") for url in ("/", index.url)}
    warm = {url: rendered_queries(url + "?v=2") for url in ("/", index.url)}
    assert warm["/"] <= cold["/"] - 3 and warm[index.url] <= cold[index.url] - 2
    NewsPageFactory(parent=index, title="二〇一九年的旧闻", date=datetime.date(2019, 5, 29)).save_revision().publish()
    listing = anonymous_get(index.url + "?v=3").content.decode()
    assert '<option value="2019">2019年</option>' in listing
    assert "二〇一九年的旧闻" in anonymous_get("/?v=3").content.decode()


def test_a_listing_is_rendered_once_per_filter_until_something_is_published(news, settings):
    settings.PAGE_CACHE = False  # fragments alone: what a page-cache miss (a new query string) gets
    index, _item = news
    NewsPageFactory(parent=index, title="去年的旧闻", date=datetime.date(2024, 3, 1))
    first = rendered_queries(index.url + "?year=2025")
    again = rendered_queries(index.url + "?year=2025")
    assert again < first and "义诊进村" in anonymous_get(index.url + "?year=2025").content.decode()
    other_year = anonymous_get(index.url + "?year=2024").content.decode()  # another filter, its own block
    assert "去年的旧闻" in other_year and "义诊进村" not in other_year
    NewsPageFactory(parent=index, title="新发布的新闻", date=datetime.date(2025, 6, 1)).save_revision().publish()
    assert "新发布的新闻" in anonymous_get(index.url + "?year=2025").content.decode()


def test_the_dashboard_is_computed_once_per_period_and_metric_until_something_is_published(home, settings):
    from tests.core.factories import build_ladder
    from tests.exchange.factories import (
        ExperienceIndexPageFactory,
        ExperiencePageFactory,
        ExperienceTownshipPageFactory,
        MetricDefinitionFactory,
        figure,
        publish,
    )

    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = True
    township = build_ladder()["township"]
    folder = ExperienceTownshipPageFactory(parent=ExperienceIndexPageFactory(parent=home), orgunit=township)
    first = rendered_queries("/exchange/?period=2025")
    assert rendered_queries("/exchange/?period=2025") < first
    assert anonymous_get("/exchange/?period=20x5").status_code == 400
    metric = MetricDefinitionFactory(label="缓存测试指标")
    publish(ExperiencePageFactory(parent=folder, orgunit=township, figures=[figure(metric, 17)]))
    assert "缓存测试指标" in anonymous_get("/exchange/?period=2025").content.decode()
