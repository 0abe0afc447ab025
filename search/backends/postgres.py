from modelsearch.backends.database.postgres import postgres

from .base import SegmentingBackendMixin, SegmentingIndexerMixin, add_items_using


class PostgresIndexer(SegmentingIndexerMixin, postgres.ObjectIndexer):
    pass


class SegmentingPostgresIndex(postgres.PostgresIndex):
    add_items = add_items_using(PostgresIndexer, postgres.PostgresIndex.add_items)


class PostgresRowsSearchResults(postgres.PostgresSearchResults):
    def rows(self, fields):
        """The matches as values_list tuples of `fields`, best first (the ranked query, without model instances)."""
        return list(self.get_queryset().values_list(*fields))


class SegmentingPostgresSearchBackend(SegmentingBackendMixin, postgres.PostgresSearchBackend):
    index_class = SegmentingPostgresIndex
    results_class = PostgresRowsSearchResults

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "simple", **params})
