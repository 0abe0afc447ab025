"""What editors manage in the admin: synonym groups (seeded) and the terms kept out of 热门搜索."""

from django.core.cache import cache

from search.models import HiddenSearchTerm, SearchSynonym
from search.popular import popular_searches

from .factories import build_search_site, searched


def test_the_seeded_synonym_groups_are_listed(admin_client, settings):
    html = admin_client.get(f"/{settings.WAGTAILADMIN_PATH}snippets/search/searchsynonym/").content.decode()
    assert "计生协、计生协会、计划生育协会" in html and "生育关怀、生育关爱" in html


def test_a_group_needs_two_different_words(admin_client, settings):
    url = f"/{settings.WAGTAILADMIN_PATH}snippets/search/searchsynonym/add/"
    response = admin_client.post(url, {"words": "健身舞\n健身舞", "note": ""})
    assert "一组同义词至少要有两个不同的词" in response.content.decode()
    admin_client.post(url, {"words": "健身舞、 广场舞\n坝坝舞", "note": ""})
    assert SearchSynonym.objects.get(words__contains="坝坝舞").word_list() == ["健身舞", "广场舞", "坝坝舞"]


def test_hiding_a_term_takes_effect_at_once(admin_client, settings, home):
    build_search_site(home)
    cache.clear()
    searched("流动人口", 8)
    assert popular_searches() == ["流动人口"]
    url = f"/{settings.WAGTAILADMIN_PATH}snippets/search/hiddensearchterm/add/"
    admin_client.post(url, {"term": " 流动人口 ", "note": "测试"})
    assert HiddenSearchTerm.objects.get().term == "流动人口"
    assert popular_searches() == []
