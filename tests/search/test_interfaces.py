"""/search/?format=json and /search/suggest/: what other programs and the search box's list get."""

import pytest
from django.core.cache import cache

from .factories import build_search_site


@pytest.fixture(autouse=True)
def empty_cache(settings):
    cache.clear()
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600


@pytest.fixture
def site(home):
    return build_search_site(home, filler=25)


def test_json_has_the_documented_shape(site, client):
    data = client.get("/search/", {"q": "生育关怀互助金", "format": "json"}).json()
    assert set(data) == {"query", "corrected", "total", "results", "facets"}
    assert data["query"] == "生育关怀互助金" and data["corrected"] is None and data["total"] >= 1
    first = data["results"][0]
    assert set(first) == {"title", "url", "section", "date", "snippet"}
    assert first["title"] == "莲塘乡设立生育关怀互助金"
    assert first["url"] == site["jijin"].url and first["section"] == "工作动态" and first["date"] == "2024-04-16"
    assert "<mark>" in first["snippet"]
    assert {"section", "type", "year", "township"} <= set(data["facets"])


def test_json_limit_and_page(site, client):
    default = client.get("/search/", {"q": "工作简报", "format": "json"}).json()
    assert default["total"] == 25 and len(default["results"]) == 20
    second = client.get("/search/", {"q": "工作简报", "format": "json", "limit": "10", "page": "3"}).json()
    assert len(second["results"]) == 5
    titles = {
        r["title"]
        for r in client.get("/search/", {"q": "工作简报", "format": "json", "limit": "100"}).json()["results"]
    }
    assert len(titles) == 25


@pytest.mark.parametrize(
    ("name", "value"),
    [("limit", "0"), ("limit", "101"), ("limit", "ten"), ("page", "-1"), ("from", "2025-13-01"), ("to", "昨天")],
)
def test_json_bad_parameters_are_400_in_chinese(site, client, name, value):
    response = client.get("/search/", {"q": "计生协会", "format": "json", name: value})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    message = response.json()["error"]
    assert any("\u4e00" <= char <= "\u9fff" for char in message)


def test_json_filters_and_sort_like_the_page(site, client):
    by_date = client.get("/search/", {"q": "会员管理办法", "format": "json", "sort": "date"}).json()["results"]
    assert [r["date"] for r in by_date] == sorted((r["date"] for r in by_date), reverse=True)
    facets = client.get("/search/", {"q": "计生协会", "format": "json"}).json()["facets"]
    policies = next(value for value in facets["section"] if value["label"] == "政策法规")
    only = client.get("/search/", {"q": "计生协会", "format": "json", "section": policies["key"]}).json()
    assert only["total"] == policies["count"] == 2
    assert {r["section"] for r in only["results"]} == {"政策法规"}


def suggestions(client, prefix):
    response = client.get("/search/suggest/", {"q": prefix})
    assert response.status_code == 200
    return response.json()["suggestions"]


def test_suggest_by_chinese_prefix_pinyin_and_initials(site, client):
    assert "生育关怀" in suggestions(client, "生育")
    assert "莲塘乡设立生育关怀互助金" in suggestions(client, "莲塘乡设")
    assert "示范村" in suggestions(client, "shifan")
    assert "流动人口" in suggestions(client, "liudongr")
    assert "生育关怀" in suggestions(client, "sygh")
    assert suggestions(client, "") == [] and suggestions(client, "！？") == []


def test_wagtail_api_search_still_works(site, client):
    data = client.get("/api/v2/pages/", {"search": "流动人口"}).json()
    assert "河口镇流动人口服务站开通周末门诊" in {item["title"] for item in data["items"]}
