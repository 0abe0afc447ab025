"""What the SQLite and PostgreSQL segmenting backends share: segmented index values and segmented queries."""

import operator
import types
from functools import reduce

from modelsearch.backends.base import EmptySearchResults
from modelsearch.index import RelatedFields
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

from search.models import PageText
from search.segment import index_text, query_terms

# Ranking reads every match's text (on PostgreSQL a body vector of several kB, out of line): 2–3 s when a query
# matches most of 50,000 pages. So the search page ranks only the newest matches and the newest title matches
# (the highest index entry ids: pages most recently added to the index), found through the full-text indexes without
# reading any text; a query matching fewer pages than that is ranked whole, as before.
NEWEST_CANDIDATES = 500
TITLE_CANDIDATES = 500


class SegmentingIndexerMixin:
    """Segments each leaf field value (related fields recurse back into this method for their leaves).

    modelsearch's indexer walks every search field once for the title, once for the body and once for autocomplete
    (and PostgreSQL's once more for each plain-text column): the object's own fields are read and segmented once
    and reused, which is most of the indexing time (a StreamField's text, then rjieba)."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.prepared_fields = {}

    def prepare_field(self, obj, field):
        if isinstance(field, RelatedFields):
            yield from super().prepare_field(obj, field)
        elif obj is self.obj:
            yield from self.own_field(field)
        else:
            yield from self.segmented(obj, field)

    def own_field(self, field):
        if field not in self.prepared_fields:
            self.prepared_fields[field] = list(self.segmented(self.obj, field))
        return self.prepared_fields[field]

    def segmented(self, obj, field):
        for *field_and_weight, value in super().prepare_field(obj, field):
            yield (*field_and_weight, index_text(value))


class StoringTextsMixin:
    """Stores each indexed page's snippet text (search.models.PageText) with its index entries: `update_index`, and
    modelsearch's signal handlers on save, all index through add_items."""

    def add_items(self, model, objs):
        self.add_segmented_items(model, objs)
        PageText.store(objs)


def add_items_using(indexer_class, add_items):
    """modelsearch's `add_items` builds `ObjectIndexer(obj, backend)` from its module's globals and has no hook for
    another class. Rather than copy its 50–80 lines per vendor, run the same code with `ObjectIndexer` bound to ours
    (tests/search/test_backend_equivalence.py for SQLite, test_postgres_backend.py for PostgreSQL: the rows are
    modelsearch's, with segmented text)."""
    namespace = {**add_items.__globals__, "ObjectIndexer": indexer_class}
    return types.FunctionType(add_items.__code__, namespace, add_items.__name__, add_items.__defaults__)


def rank_expression(compiler, vectors, config):
    """modelsearch's relevance: each vector's rank for the query (the compiler's public build_tsrank) times the
    vector's boost, summed, as its compilers sum them in their search()."""
    ranks = [compiler.build_tsrank(vector, compiler.query, config=config) * boost for vector, boost in vectors]
    return reduce(operator.add, ranks)


def segmented_query(query):
    """The query object with its text replaced by words; None when nothing searchable is left."""
    if isinstance(query, PlainText | Phrase):
        terms = query_terms(query.query_string)
        if not terms:
            return None
        if isinstance(query, Phrase):  # words of a phrase are not adjacent in a search-mode index: require all
            return PlainText(" ".join(terms), operator="and")
        return PlainText(" ".join(terms), operator=query.operator, boost=query.boost)
    if isinstance(query, And | Or):
        subqueries = [sub for sub in map(segmented_query, query.subqueries) if sub is not None]
        return type(query)(subqueries) if subqueries else None
    if isinstance(query, Not):
        subquery = segmented_query(query.subquery)
        return Not(subquery) if subquery is not None else None
    if isinstance(query, Boost):
        subquery = segmented_query(query.subquery)
        return Boost(subquery, query.boost) if subquery is not None else None
    return query  # MatchAll, Fuzzy: nothing to segment


class SegmentingBackendMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, str):
            query = " ".join(query_terms(query))
        elif query is not None:
            query = segmented_query(query)
            if query is None:
                return EmptySearchResults()
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
