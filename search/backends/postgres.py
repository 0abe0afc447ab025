from django.db.models import BooleanField, CharField, ExpressionWrapper, F, IntegerField, OuterRef, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres import postgres
from modelsearch.query import And, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from . import base

RANKED_QUERIES = PlainText | Phrase | And | Or | Not
DENSITY_PROBE = 100
DENSE_SHARE = 0.4
IndexEntry = postgres.IndexEntry


class PostgresIndexer(base.SegmentingIndexerMixin, postgres.ObjectIndexer):
    pass


class SegmentingPostgresIndex(postgres.PostgresIndex):
    add_items = base.add_items_using(PostgresIndexer, postgres.PostgresIndex.add_items)


class PostgresRowsSearchResults(postgres.PostgresSearchResults):
    def ranked_candidates(self, compiler):
        """The live, public candidates (see NEWEST_CANDIDATES in base.py), ranked as modelsearch ranks, in one query."""
        config = compiler.get_config(self.backend)
        search_query = compiler.build_tsquery(compiler.query, config=config)
        entries = IndexEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(compiler.queryset.model)
        )
        matching = entries.annotate(_vector_=F("title")._combine(F("body"), "||", False)).filter(_vector_=search_query)
        page_id = Cast("object_id", IntegerField())
        newest = matching.order_by(self.newest_first(entries, matching)).annotate(page_id=page_id)
        titled = entries.filter(title=search_query).order_by("-pk").annotate(page_id=page_id)
        candidates = list(
            newest.values_list("page_id", flat=True)[: base.NEWEST_CANDIDATES].union(
                titled.values_list("page_id", flat=True)[: base.TITLE_CANDIDATES]
            )
        )
        rank = base.rank_expression(compiler, [(F("title"), F("title_norm")), (F("body"), 1.0)], config)
        entry = IndexEntry.objects.filter(
            content_type_id=OuterRef("content_type_id"), object_id=Cast(OuterRef("pk"), CharField())
        ).annotate(score=rank)
        model = compiler.queryset.model
        # = ANY(one array), not IN (a thousand parameters): the planner looks the candidates up by primary key
        candidate = RawSQL(f'"{model._meta.db_table}"."{model._meta.pk.column}" = ANY(%s)', (candidates,))
        return (
            compiler.queryset.filter(ExpressionWrapper(candidate, output_field=BooleanField()))
            .annotate(_score=Subquery(entry.values("score")[:1]))
            .order_by("-_score", "-pk")
        )

    @staticmethod
    def newest_first(entries, matching):
        """How to find the newest matches. Walking the primary key backwards tests each entry's text (tens of µs
        to read a body vector), which pays only when most entries match; otherwise the GIN index's matches sorted
        are far cheaper, but PostgreSQL does not count the reading and walks the key for a query matching one page
        in ten (150 ms at 10,000 pages). So the newest DENSITY_PROBE entries decide: the key when at least
        DENSE_SHARE of them match, else an expression the key cannot serve."""
        probe = matching.filter(pk__in=entries.order_by("-pk").values("pk")[:DENSITY_PROBE]).count()
        return "-pk" if probe >= DENSITY_PROBE * DENSE_SHARE else (F("pk") + 0).desc()

    def rows(self, fields):
        """The matches as values_list tuples of `fields`, best first (ranked candidates, without model instances)."""
        compiler = self.query_compiler
        if not compiler.order_by_relevance or compiler.fields or not isinstance(compiler.query, RANKED_QUERIES):
            return list(self.get_queryset().values_list(*fields))
        return list(self.ranked_candidates(compiler).values_list(*fields)[self.start : self.stop])


class SegmentingPostgresSearchBackend(base.SegmentingBackendMixin, postgres.PostgresSearchBackend):
    index_class = SegmentingPostgresIndex
    results_class = PostgresRowsSearchResults

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "simple", **params})
