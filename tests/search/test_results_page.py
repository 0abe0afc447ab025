"""What a visitor reads on /search/: each result's title line and a snippet from the page's own text."""

import re

import pytest
from django.core.cache import cache
from wagtail.models import Page

from search.models import PageText
from search.results import ROW_FIELDS, Hit, PageRow, page_facts
from search.snippets import page_text
from tests.core.factories import paragraphs

from .factories import build_search_site


@pytest.fixture(autouse=True)
def empty_cache(settings):
    cache.clear()
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600


@pytest.fixture
def site(home):
    return build_search_site(home)


def results(response):
    """Each result's visible text, in order."""
    html = response.content.decode()
    return [re.sub(r"<[^>]+>", "", item) for item in re.findall(r'<li class="search-result">(.*?)</li>', html, re.S)]


def test_snippet_shows_each_sentence_once(site, client):
    first = results(client.get("/search/", {"q": "走访慰问"}))[0]
    assert "重阳节走访慰问活动" in first
    assert first.count("为独居老人和困难家庭送去米面油") == 1


def test_snippet_has_no_block_settings(site, client):
    text = " ".join(results(client.get("/search/", {"q": "会员管理办法"})))
    assert "会员应当按时参加会员小组活动" in text or "为规范会员管理" in text
    for label in ("条（第X条）", "一级（一、）", "二级（(一)）", "章（第X章）", "二级标题"):
        assert label not in text


def test_snippet_keeps_a_heading_apart_from_the_text_after_it(site, client):
    text = " ".join(results(client.get("/search/", {"q": "会员管理办法"})))
    assert "第一章 总则 为规范会员管理" in text
    assert "总则为规范" not in text


def test_snippet_is_around_the_best_match(site, client):
    html = client.get("/search/", {"q": "就医需求"}).content.decode()
    assert "登记了他们的<mark>就医需求</mark>" in html


def test_result_line_has_section_date_township(site, client):
    first = results(client.get("/search/", {"q": "生育关怀互助金"}))[0]
    assert "工作动态" in first and "2024年4月16日" in first and "莲塘乡" in first


def test_policy_result_shows_document_number_and_repealed_label(site, client):
    html = client.get("/search/", {"q": "会员管理办法"}).content.decode()
    found = results(client.get("/search/", {"q": "会员管理办法"}))
    old = next(text for text in found if "清计生协〔2019〕3号" in text)
    new = next(text for text in found if "清计生协〔2025〕1号" in text)
    assert "已废止" in old and "已废止" not in new and "政策法规" in old
    assert '<span class="validity-label">已废止</span>' in html


def test_section_facet_filters(site, client):
    html = client.get("/search/", {"q": "计生协会"}).content.decode()
    assert "栏目" in html and "政策法规（" in html and "工作动态（" in html
    policy_link = re.search(r'href="([^"]*section=\d+[^"]*)">政策法规', html).group(1).replace("&amp;", "&")
    only_policies = results(client.get("/search/" + policy_link))
    assert only_policies and all("政策法规" in text for text in only_policies)


def test_a_repealed_policy_comes_after_the_one_in_force(site, client):
    found = results(client.get("/search/", {"q": "清溪县计生协会员管理办法"}))
    assert "（修订）" in found[0] and "已废止" in found[1]


def test_snippets_come_from_the_texts_stored_when_pages_were_indexed(site, client, django_assert_num_queries):
    pages = [site["zoufang"], site["old_rules"]]  # a news item and a policy text: two page types, one query
    for page in pages:
        assert PageText.objects.get(page=page).text == page_text(page.specific)
    rows = [PageRow(*row) for row in Page.objects.filter(pk__in=[page.pk for page in pages]).values_list(*ROW_FIELDS)]
    with django_assert_num_queries(1):
        facts = page_facts([Hit(page=row, rank=0) for row in rows])
    assert facts[site["old_rules"].pk].text.startswith("第一章 总则 为规范会员管理")
    assert facts[site["zoufang"].pk].link.url == site["zoufang"].url


def test_a_republished_page_is_found_and_shown_with_its_new_text(site, client, settings):
    settings.FRAGMENT_CACHE = True  # as in production: this process keeps what it read until a publish
    assert "健康小屋" in " ".join(results(client.get("/search/", {"q": "东坪村"})))
    page = site["shifan"].specific
    page.body = paragraphs("东坪村新建了母婴室和儿童之家。")
    page.save_revision().publish()
    shown = " ".join(results(client.get("/search/", {"q": "东坪村"})))
    assert "母婴室和儿童之家" in shown and "健康小屋" not in shown


def test_pages_indexed_without_a_stored_text_still_show_their_snippet(site, client):
    before = results(client.get("/search/", {"q": "会员管理办法"}))
    PageText.objects.all().delete()  # as after an upgrade, before update_index, or under another backend
    assert results(client.get("/search/", {"q": "会员管理办法"})) == before
