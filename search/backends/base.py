"""What the SQLite and PostgreSQL segmenting backends share: segmented index values and segmented queries."""

import types

from modelsearch.backends.base import EmptySearchResults
from modelsearch.index import RelatedFields
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

from search.segment import index_text, query_terms

# Ranking reads every match's text (on PostgreSQL a body vector of several kB, out of line): 2–3 s when a query
# matches most of 50,000 pages. So the search page ranks only the newest matches and the newest title matches
# (the highest index entry ids: pages most recently added to the index), found through the full-text indexes without
# reading any text; a query matching fewer pages than that is ranked whole, as before.
NEWEST_CANDIDATES = 500
TITLE_CANDIDATES = 500


class SegmentingIndexerMixin:
    """Segments each leaf field value once (related fields recurse back into this method for their leaves)."""

    def prepare_field(self, obj, field):
        if isinstance(field, RelatedFields):
            yield from super().prepare_field(obj, field)
            return
        for *field_and_weight, value in super().prepare_field(obj, field):
            yield (*field_and_weight, index_text(value))


def add_items_using(indexer_class, add_items):
    """modelsearch's `add_items` builds `ObjectIndexer(obj, backend)` from its module's globals and has no hook for
    another class. Rather than copy its 50–80 lines per vendor, run the same code with `ObjectIndexer` bound to ours."""
    namespace = {**add_items.__globals__, "ObjectIndexer": indexer_class}
    return types.FunctionType(add_items.__code__, namespace, add_items.__name__, add_items.__defaults__)


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
