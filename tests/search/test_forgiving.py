"""Queries a visitor gets wrong or half right: typos, pinyin, synonyms, quoted phrases, dates, 热门搜索."""

import re

import pytest
from django.core.cache import cache

from search.models import HiddenSearchTerm, SearchSynonym

from .factories import build_search_site, searched


@pytest.fixture(autouse=True)
def empty_cache(settings):
    cache.clear()
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600


@pytest.fixture
def site(home):
    return build_search_site(home)


def titles(client, query, **params):
    data = client.get("/search/", {"q": query, "format": "json", "limit": "100", **params}).json()
    return data, [result["title"] for result in data["results"]]


def visible_text(response):
    return re.sub(r"<[^>]+>", "", response.content.decode())


@pytest.mark.parametrize(("typed", "meant"), [("示犯村", "示范村"), ("流动人扣", "流动人口"), ("互助今", "互助金")])
def test_a_homophone_typo_is_corrected(site, client, typed, meant):
    data, found = titles(client, typed)
    assert data["corrected"] == meant
    assert found and all(meant in title or meant in " ".join(r["snippet"] for r in data["results"]) for title in found)


@pytest.mark.parametrize(("typed", "meant"), [("示范材", "示范村"), ("流动人囗", "流动人口")])
def test_a_typo_of_like_shape_is_corrected(site, client, typed, meant):
    data, found = titles(client, typed)
    assert data["corrected"] == meant
    assert found and all(meant in title for title in found)


def test_a_two_character_word_one_character_off_is_left_as_typed(site, client):
    assert titles(client, "门谂")[0]["corrected"] is None  # 门诊 is known; 谂 is neither its sound nor a 3-char word


def test_the_page_says_what_it_corrected_and_offers_the_original(site, client):
    html = client.get("/search/", {"q": "示犯村"}).content.decode()
    text = re.sub(r"<[^>]+>", "", html)
    assert "已显示“示范村”的结果，仍然搜索“示犯村”" in text
    link = re.search(r'仍然搜索“<a href="([^"]+)">', html).group(1).replace("&amp;", "&")
    original = visible_text(client.get("/search/" + link))
    assert "已显示" not in original
    assert "没有找到与“示犯村”相关的内容" in original or "没有同时包含全部关键词" in original  # as typed


def test_a_known_word_with_results_is_not_corrected(site, client):
    assert titles(client, "门诊")[0]["corrected"] is None
    assert titles(client, "示犯村", exact="1")[0]["corrected"] is None


@pytest.mark.parametrize(
    ("typed", "meant"), [("shifancun", "示范村"), ("liudong renkou", "流动人口"), ("LiuDongRenKou", "流动人口")]
)
def test_pinyin_finds_the_chinese_word(site, client, typed, meant):
    data, found = titles(client, typed)
    assert data["corrected"] == meant and found


@pytest.mark.parametrize(("typed", "meant"), [("shengyu", "生育"), ("sheng yu", "生育"), ("liudong", "流动")])
def test_pinyin_of_the_start_of_a_known_word_finds_those_characters(site, client, typed, meant):
    data, found = titles(client, typed)
    assert data["corrected"] == meant and found
    assert all(meant in title or meant in " ".join(r["snippet"] for r in data["results"]) for title in found)


def test_pinyin_that_stops_inside_a_syllable_is_not_guessed(site, client):
    assert titles(client, "shengy")[0]["corrected"] is None


def test_synonyms_find_each_other(site, client):
    found = titles(client, "生育关爱")[1]
    assert "莲塘乡开展生育关爱进家庭活动" in found and "莲塘乡设立生育关怀互助金" in found
    assert "莲塘乡开展生育关爱进家庭活动" in titles(client, "生育关怀")[1]
    assert "清溪县计生协会员管理办法" in titles(client, "计划生育协会")[1]


def test_an_editors_synonym_group_works_at_once(site, client):
    before = visible_text(client.get("/search/", {"q": "坝坝舞"}))
    assert "没有同时包含全部关键词" in before or "没有找到" in before
    SearchSynonym.objects.create(words="广场舞、坝坝舞")
    after = visible_text(client.get("/search/", {"q": "坝坝舞"}))
    assert "河口镇举办广场舞比赛" in after and "没有同时包含全部关键词" not in after


def test_quoted_words_must_stand_together_in_order(site, client):
    loose = titles(client, "关怀生育")[1]
    assert "河口镇举办广场舞比赛" in loose and "莲塘乡设立生育关怀互助金" in loose
    quoted = titles(client, '"关怀生育"')[1]
    assert quoted == ["河口镇举办广场舞比赛"]
    assert "河口镇举办广场舞比赛" not in titles(client, "“生育关怀”")[1]


def test_date_range(site, client):
    found = titles(client, "河口镇", **{"from": "2025-01-01", "to": "2025-08-31"})[1]
    assert found == ["河口镇流动人口服务站开通周末门诊"]
    assert "河口镇举办广场舞比赛" in titles(client, "河口镇", to="2023-12-31")[1]


@pytest.mark.parametrize("value", ["2025-02-30", "20250101", "明天", "2025-1-1"])
def test_a_bad_date_is_explained_not_an_error(site, client, value):
    response = client.get("/search/", {"q": "河口镇", "from": value})
    assert response.status_code == 200
    assert "不是有效的日期" in visible_text(response)
    assert "河口镇举办广场舞比赛" in visible_text(response)  # searched without the bad date


def test_reversed_dates_are_explained(site, client):
    assert "开始日期不能晚于结束日期" in visible_text(
        client.get("/search/", {"q": "河口镇", "from": "2025-01-01", "to": "2024-01-01"})
    )


def test_popular_searches_are_what_visitors_found_minus_hidden_terms(site, client):
    searched("周末门诊", 9)
    searched("互助金", 4)
    searched("张三13812345678", 50)
    searched("某某不雅词", 30)
    searched("偶然一次", 1)
    HiddenSearchTerm.objects.create(term="某某不雅词")
    text = visible_text(client.get("/search/"))
    popular = text[text.index("热门搜索") :]
    assert popular.index("周末门诊") < popular.index("互助金")
    for never in ("某某不雅词", "13812345678", "偶然一次"):
        assert never not in text


def test_popular_searches_only_list_terms_that_find_something(site, client):
    searched("周末门诊", 5)
    searched("火星移民计划", 40)
    searched("示犯村", 20)  # found something only through its correction
    popular = visible_text(client.get("/search/")).split("热门搜索")[1]
    assert "周末门诊" in popular and "火星移民计划" not in popular and "示犯村" not in popular
