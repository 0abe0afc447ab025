from modelsearch.backends.database.sqlite import sqlite

from .base import SegmentingBackendMixin, SegmentingIndexerMixin, add_items_using


class SQLiteIndexer(SegmentingIndexerMixin, sqlite.ObjectIndexer):
    pass


class SegmentingSQLiteIndex(sqlite.SQLiteIndex):
    add_items = add_items_using(SQLiteIndexer, sqlite.SQLiteIndex.add_items)


class SegmentingSQLiteSearchBackend(SegmentingBackendMixin, sqlite.SQLiteSearchBackend):
    index_class = SegmentingSQLiteIndex
