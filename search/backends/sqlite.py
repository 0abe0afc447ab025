import json

from django.db.models import BooleanField, ExpressionWrapper, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from . import base


class SQLiteIndexer(base.SegmentingIndexerMixin, sqlite.ObjectIndexer):
    pass


class SegmentingSQLiteIndex(base.StoringTextsMixin, sqlite.SQLiteIndex):
    add_segmented_items = base.add_items_using(SQLiteIndexer, sqlite.SQLiteIndex.add_items)


def candidate_rowids(rowids):
    """`rowid IN (rowids)` for the full-text table, as a filter SQLite applies to the MATCH's rows: a plain `rowid IN`
    makes FTS5 re-run the MATCH once per value (12 s for 1,000 candidates of a query matching 40,000 pages). The
    unary + keeps the constraint away from the virtual table; the ids are one JSON parameter."""
    table = sqlite.SQLiteFTSIndexEntry._meta.db_table
    condition = RawSQL(f"+{table}.rowid IN (SELECT value FROM json_each(%s))", (json.dumps(sorted(rowids)),))
    return ExpressionWrapper(condition, output_field=BooleanField())


class RankedSQLiteSearchResults(sqlite.SQLiteSearchResults):
    """Relevance-ordered results in one pass over the full-text match.

    modelsearch ranks with a correlated subquery per candidate row, and SQLite answers it by re-running the
    MATCH for every row: quadratic (5 s for 2,000 pages that all contain 计生). Here the match runs once, restricted
    to the filtered queryset, ordered by bm25 and sliced in SQL; then the objects (or, with `rows`, only the
    columns asked for) are fetched by primary key. `rows` (the search page) ranks only the candidates, as the
    PostgreSQL backend does (see NEWEST_CANDIDATES in base.py).
    Counting and facets keep modelsearch's queries (they carry no score)."""

    def candidate_entries(self, columns, search_query):
        """Index entry ids of the newest matches and the newest title matches (FTS5 walks rowids backwards)."""
        entries = sqlite.SQLiteFTSIndexEntry.objects.order_by("-index_entry_id").values_list(
            "index_entry_id", flat=True
        )
        return {
            *entries.filter(MatchExpression(columns, search_query))[: base.NEWEST_CANDIDATES],
            *entries.filter(MatchExpression(["title"], search_query))[: base.TITLE_CANDIDATES],
        }

    def ranked_matches(self, candidates_only=False):
        """[(object_id, score)] best first, or None when this query is not ranked here."""
        compiler = self.query_compiler
        query = normalize(compiler.query)
        if not compiler.order_by_relevance or not isinstance(query, PlainText | Phrase | And | Or):
            return None
        model = compiler.queryset.model
        columns = compiler.fields or compiler.FTS_TABLE_FIELDS
        search_query = compiler.build_search_query(query)
        entries = sqlite.SQLiteFTSIndexEntry.objects.filter(MatchExpression(columns, search_query))
        if candidates_only and not compiler.fields:
            entries = entries.filter(candidate_rowids(self.candidate_entries(columns, search_query)))
        return list(
            entries.filter(
                index_entry__content_type__in=get_descendants_content_types_pks(model),
                index_entry__object_id__in=compiler.queryset.order_by().values(object_id=Cast("pk", TextField())),
            )
            .annotate(score=base.rank_expression(compiler, compiler.get_search_vectors(), None))
            .order_by("score", "index_entry_id")
            .values_list("index_entry__object_id", "score")[self.start : self.stop]
        )

    def rows(self, fields):
        """The matches as values_list tuples of `fields` (the first is the primary key), best first: for callers
        that need a few columns of hundreds of matches, not model instances."""
        ranked = self.ranked_matches(candidates_only=True)
        if ranked is None:
            return [tuple(getattr(obj, name) for name in fields) for obj in self]
        model = self.query_compiler.queryset.model
        pks = [model._meta.pk.to_python(object_id) for object_id, _score in ranked]
        found = {row[0]: row for row in self.query_compiler.queryset.filter(pk__in=pks).values_list(*fields)}
        return [found[pk] for pk in pks if pk in found]

    def _do_search(self):
        ranked = self.ranked_matches()
        if ranked is None:
            return super()._do_search()
        compiler = self.query_compiler
        model = compiler.queryset.model
        pks = [model._meta.pk.to_python(object_id) for object_id, _score in ranked]
        objects = compiler.queryset.in_bulk(pks)
        results = []
        for pk, (_object_id, score) in zip(pks, ranked, strict=True):
            if pk in objects:
                if self._score_field:
                    setattr(objects[pk], self._score_field, score)
                results.append(objects[pk])
        return results


class SegmentingSQLiteSearchBackend(base.SegmentingBackendMixin, sqlite.SQLiteSearchBackend):
    index_class = SegmentingSQLiteIndex
    results_class = RankedSQLiteSearchResults
