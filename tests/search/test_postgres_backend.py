"""The PostgreSQL backend writes its rows with modelsearch's own add_items, and ranks only the newest matches and
the newest title matches (search/backends), found through id windows of its GIN indexes: these tests hold the rows
to what modelsearch writes, the ranking to modelsearch's ranking of every match, and the candidates to the plain
"newest N matching entries" that the windows stand for, with small windows so that every round runs."""

from collections import defaultdict

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast
from modelsearch.index import RelatedFields
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.backends import base
from search.backends import postgres as segmenting
from search.results import MAX_HITS, ROW_FIELDS
from search.segment import index_text, query_terms

from .corpus import QUERIES, build_corpus

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend")


@pytest.fixture
def corpus(home):
    return build_corpus(home)


def search(query):
    return get_search_backend().search(query, Page.objects.live().public())


def test_rows_are_ranked_as_modelsearch_ranks_every_match(corpus):
    queries = [query for query, *_expected in QUERIES]
    for query in queries:
        ranked = [row[0] for row in search(query)[:MAX_HITS].rows(ROW_FIELDS)]
        stock = segmenting.postgres.PostgresSearchResults._do_search(search(query).annotate_score("score"))
        scores = {page.pk: page.score for page in stock}
        assert sorted(ranked) == sorted(scores), query
        assert ranked == sorted(ranked, key=lambda pk: (scores[pk], pk), reverse=True), query


def newest_matches(query, count, title_only=False):
    """The oracle: the ids of the `count` newest index entries matching the query, read without any window."""
    vector = "title" if title_only else "(title || body)"
    tsquery = " & ".join(query_terms(query))
    entries = segmenting.IndexEntry.objects.extra(where=[f"{vector} @@ to_tsquery('simple', %s)"], params=[tsquery])
    return set(entries.order_by("-pk").values_list("pk", flat=True)[:count])


@pytest.mark.parametrize("windows", [(2, 4), (3, 50), (1, 1)])
def test_candidates_are_the_newest_matches_and_title_matches(corpus, monkeypatch, windows):
    monkeypatch.setattr(base, "NEWEST_CANDIDATES", 3)
    monkeypatch.setattr(base, "TITLE_CANDIDATES", 2)
    monkeypatch.setattr(segmenting, "WINDOWS", windows)
    found = {}
    original = segmenting.newest_entries
    monkeypatch.setattr(segmenting, "newest_entries", lambda *args: found.setdefault("ids", original(*args)))
    checked = 0
    for query in ("计生", "协会", "会员", "生育关怀", "计生协会", "活动", "示范村"):
        if len(query_terms(query)) != 1:
            continue
        found.clear()
        rows = search(query)[:MAX_HITS].rows(ROW_FIELDS)
        expected = newest_matches(query, 3) | newest_matches(query, 2, title_only=True)
        assert found.get("ids", set()) == expected, query
        assert len(rows) == len(expected), query
        checked += bool(expected)
    assert checked >= 4


def entry_rows():
    columns = ("title", "body", "autocomplete", "title_text", "body_text")
    entries = segmenting.IndexEntry.objects.annotate(**{f"{name}_as_text": Cast(name, TextField()) for name in columns})
    rows = entries.values_list("content_type_id", "object_id", *(f"{name}_as_text" for name in columns))
    return {(content_type_id, object_id): values for content_type_id, object_id, *values in rows}


def test_index_rows_are_modelsearchs_rows_with_segmented_text(corpus, monkeypatch):
    """base.add_items_using runs modelsearch's PostgreSQL add_items with our indexer: the rows must be what its own
    code writes when each field value is segmented."""
    ours = entry_rows()
    assert len(ours) >= len(corpus)

    class SegmentedStockIndexer(segmenting.postgres.ObjectIndexer):
        def prepare_field(self, obj, field):  # each leaf value segmented once, as it is read
            for *field_and_weight, value in super().prepare_field(obj, field):
                yield (*field_and_weight, value if isinstance(field, RelatedFields) else index_text(value))

    by_model = defaultdict(list)
    for content_type_id, object_id in ours:
        by_model[ContentType.objects.get_for_id(content_type_id).model_class()].append(object_id)
    segmenting.IndexEntry.objects.all().delete()
    monkeypatch.setattr(segmenting.postgres, "ObjectIndexer", SegmentedStockIndexer)
    backend = get_search_backend()
    for model, object_ids in by_model.items():
        index = backend.get_index_for_model(model)
        segmenting.postgres.PostgresIndex.add_items(index, model, list(model.objects.filter(pk__in=object_ids)))
    assert entry_rows() == ours
