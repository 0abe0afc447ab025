from django.db.models import BooleanField, ExpressionWrapper, F, IntegerField, Subquery, Value
from django.db.models.expressions import RawSQL
from modelsearch.backends.database.postgres import postgres
from modelsearch.query import And, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from . import base

RANKED_QUERIES = PlainText | Phrase | And | Or | Not
WINDOWS = (2_000, 16_000)  # newest_entries: the first window of newest ids looked at, and the widest before all
MAX_ROUNDS = 4  # queries at most; the last one looks at all the matches
# The id as each GIN index of migration 0005 holds it: two expressions, so that neither index can serve the other's
# window alone (PostgreSQL took the small title index for the id window of 计生, then tested 2,000 body vectors).
WINDOW_IDS = {"body": '"id" + 0', "title": '"id" * 1'}
IndexEntry = postgres.IndexEntry


class PostgresIndexer(base.SegmentingIndexerMixin, postgres.ObjectIndexer):
    pass


class SegmentingPostgresIndex(base.StoringTextsMixin, postgres.PostgresIndex):
    add_segmented_items = base.add_items_using(PostgresIndexer, postgres.PostgresIndex.add_items)


class PostgresRowsSearchResults(postgres.PostgresSearchResults):
    def ranked_rows(self, compiler, fields):
        """The live, public candidates (see NEWEST_CANDIDATES in base.py) as values_list tuples of `fields` (the
        first is the primary key), ranked as modelsearch ranks (score, then the highest id first): the candidates'
        index entries scored by their ids (only their vectors are read), then their pages' rows."""
        config = compiler.get_config(self.backend)
        search_query = compiler.build_tsquery(compiler.query, config=config)
        entries = IndexEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(compiler.queryset.model)
        )
        matching = entries.annotate(_vector_=F("title")._combine(F("body"), "||", False)).filter(_vector_=search_query)
        titled = entries.filter(title=search_query)
        candidates = newest_entries(matching, titled)
        if not candidates:
            return []
        rank = base.rank_expression(compiler, [(F("title"), F("title_norm")), (F("body"), 1.0)], config)
        scored = IndexEntry.objects.filter(any_of("id", candidates)).annotate(score=rank)
        model = compiler.queryset.model
        scores = {
            model._meta.pk.to_python(object_id): score for object_id, score in scored.values_list("object_id", "score")
        }
        pages = compiler.queryset.filter(any_of(model._meta.pk.column, scores, model._meta.db_table))
        ranked = sorted(pages.values_list(*fields), key=lambda row: (scores[row[0]], row[0]), reverse=True)
        return ranked[self.start : self.stop]

    def rows(self, fields):
        """The matches as values_list tuples of `fields`, best first (ranked candidates, without model instances)."""
        compiler = self.query_compiler
        if not compiler.order_by_relevance or compiler.fields or not isinstance(compiler.query, RANKED_QUERIES):
            return list(self.get_queryset().values_list(*fields))
        return self.ranked_rows(compiler, fields)


def any_of(column, values, table=IndexEntry._meta.db_table):
    """`column = ANY(one array)`, not IN (a thousand parameters): the planner looks the rows up by the index."""
    condition = RawSQL(f'"{table}"."{column}" = ANY(%s)', (sorted(values),))
    return ExpressionWrapper(condition, output_field=BooleanField())


def newest_entries(matching, titled):
    """The ids of the NEWEST_CANDIDATES newest index entries in `matching` and the TITLE_CANDIDATES newest in
    `titled` (base.py): one query, unless a query matches so few of the newest entries that wider windows are needed.

    Testing an entry's vector means reading it (a body vector is ~2.4 kB, compressed, out of line: tens of µs, a
    ms on a loaded machine), and PostgreSQL does not count that reading: it walks the primary key backwards testing
    each entry (a broad query read ~900 bodies: 55 ms; a narrow one would read them all). The GIN indexes of
    migration 0005 hold the match and the id (WINDOW_IDS), so one index scan finds the matches among the newest
    WINDOWS[0] ids without reading a vector; a wider window only if that holds too few, and all the matches (few,
    then) when even the widest would not."""
    wanted = {"body": (matching, base.NEWEST_CANDIDATES), "title": (titled, base.TITLE_CANDIDATES)}  # see WINDOW_IDS
    windows = dict.fromkeys(wanted, WINDOWS[0])
    found, top = {}, None
    for round_number in range(MAX_ROUNDS):
        if round_number == MAX_ROUNDS - 1:
            windows = dict.fromkeys(windows, None)
        parts = [
            newest(entries, count, windows[name], top, WINDOW_IDS[name])
            .annotate(part=Value(name))
            .values_list("part", "pk")
            for name, (entries, count) in wanted.items()
        ]
        if top is None:
            newest_id = IndexEntry.objects.order_by("-pk").annotate(part=Value("top"))
            parts.append(newest_id.values_list("part", "pk")[:1])
        rows = list(parts[0].union(*parts[1:], all=True))
        top = next((pk for part, pk in rows if part == "top"), top)
        for name in list(wanted):
            found[name] = [pk for part, pk in rows if part == name]
            window, count = windows[name], wanted[name][1]
            if len(found[name]) >= count or window is None or top is None or window >= top:
                del wanted[name]
            else:
                windows[name] = next_window(window, len(found[name]), count)
        if not wanted:
            break
    return {pk for pks in found.values() for pk in pks}


def next_window(window, found, count):
    """A window that should hold `count` matches at the density the last one had (a quarter more), or None (all
    the matches) when that would be wider than WINDOWS[1]: scanning a wide window's matches costs about what scanning
    all of a narrow query's does."""
    if not found:
        return None
    wider = int(window * count / found * 1.25) + 1
    return wider if wider <= WINDOWS[1] else None


def newest(entries, count, window, top, id_expression):
    """The newest `count` of `entries` among the newest `window` ids (all of them for None), ordered by the id
    expression of their GIN index: an order the primary key cannot give, so PostgreSQL uses that index."""
    window_id = RawSQL(f'"{IndexEntry._meta.db_table}".{id_expression}', (), output_field=IntegerField())
    entries = entries.alias(window_id=window_id)
    if window is not None:
        highest = Value(top) if top is not None else Subquery(IndexEntry.objects.order_by("-pk").values("pk")[:1])
        entries = entries.filter(window_id__gt=highest - window)
    return entries.order_by(window_id.desc())[:count]


class SegmentingPostgresSearchBackend(base.SegmentingBackendMixin, postgres.PostgresSearchBackend):
    index_class = SegmentingPostgresIndex
    results_class = PostgresRowsSearchResults

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "simple", **params})
