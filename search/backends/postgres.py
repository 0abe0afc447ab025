from modelsearch.backends.database.postgres import postgres

from .base import SegmentingBackendMixin, SegmentingIndexerMixin, add_items_using


class PostgresIndexer(SegmentingIndexerMixin, postgres.ObjectIndexer):
    pass


class SegmentingPostgresIndex(postgres.PostgresIndex):
    add_items = add_items_using(PostgresIndexer, postgres.PostgresIndex.add_items)


class SegmentingPostgresSearchBackend(SegmentingBackendMixin, postgres.PostgresSearchBackend):
    index_class = SegmentingPostgresIndex

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "simple", **params})
