"""The segmenting backend runs modelsearch's own indexing and ranking code (search/backends), and the results read
specific pages their own way (search/results.py): these tests hold both to what modelsearch and Wagtail answer on
the test corpus, so an upgrade that changes either shows here."""

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from search.results import MAX_HITS, ROW_FIELDS, Hit, PageRow, specific_pages
from search.segment import index_text

from .corpus import QUERIES, build_corpus

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="compares with modelsearch's SQLite backend")


@pytest.fixture
def corpus(home):
    return build_corpus(home)


@pytest.fixture
def sqlite():
    """modelsearch's stock SQLite backend module (importing it needs the SQLite FTS tables: not on PostgreSQL)."""
    from modelsearch.backends.database.sqlite import sqlite

    return sqlite


def test_index_rows_are_modelsearchs_rows_with_segmented_text(corpus, sqlite):
    backend = get_search_backend()
    entries = IndexEntry.objects.select_related("content_type")
    assert entries.count() >= len(corpus)
    for entry in entries:
        stock = sqlite.ObjectIndexer(entry.content_type.get_object_for_this_type(pk=entry.object_id), backend)
        assert entry.title.split() == index_text(stock.title).split()
        assert entry.body.split() == index_text(stock.body).split()
        assert entry.autocomplete.split() == index_text(stock.autocomplete).split()


def test_pages_are_ranked_with_modelsearchs_scores(corpus, sqlite):
    queries = [query for query, *_expected in QUERIES]
    assert len(queries) >= 10
    for query in queries:
        results = get_search_backend().search(query, Page.objects.live()).annotate_score("score")
        ranked = [(page.pk, round(page.score, 9)) for page in results]
        stock = [(page.pk, round(page.score, 9)) for page in sqlite.SQLiteSearchResults._do_search(results)]
        assert len(ranked) == len(stock) and dict(ranked) == dict(stock), query
        assert [score for _pk, score in ranked] == sorted(score for _pk, score in stock), query  # best (lowest) first


def test_specific_pages_are_wagtails_specific_pages(corpus, django_assert_num_queries):
    pages = Page.objects.live().public().search("计生协会")[:MAX_HITS]
    hits = [Hit(page=PageRow(*row), rank=rank) for rank, row in enumerate(pages.rows(ROW_FIELDS))]
    assert len(hits) >= 4
    with django_assert_num_queries(len({hit.page.content_type_id for hit in hits})):
        found = [(type(page), page.pk, page.title) for _hit, page in specific_pages(hits)]
    wagtail = Page.objects.filter(pk__in=[hit.page.pk for hit in hits]).specific().in_bulk()
    assert found == [(type(wagtail[hit.page.pk]), hit.page.pk, wagtail[hit.page.pk].title) for hit in hits]
