"""Wagtail's database search backend (modelsearch, SQLite FTS5 / PostgreSQL tsvector) with Chinese segmentation.

Both stock backends split text on spaces and punctuation, so unspaced Chinese becomes one token per sentence and
计生协会 never matches. This backend changes exactly two things and leaves ranking, filtering, facets and the index
tables to modelsearch:

- **Index time**: every indexed field value passes through `segment.index_text` (search-mode cut: 计生协会 is stored
  as 计生 协会 计生协 计生协会), so the FTS5 unicode61 tokenizer and PostgreSQL's parser see words.
- **Query time**: the query string (or every PlainText/Phrase in a query object) becomes its precise-mode words
  joined by spaces; the stock compilers then AND (or OR, with `operator="or"`) them. A query with no words left
  (punctuation, emoji, FTS syntax) returns no results instead of reaching the database.

PostgreSQL uses the `simple` text-search configuration unless SEARCH_CONFIG says otherwise: segmentation does the
language work, and English stemming would only blur Latin words. Configured in portal/settings/base.py with
`WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}`.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    """The segmenting backend for the default database's vendor (what `wagtail.search.backends.database` does).

    Imported lazily: modelsearch's SQLite module only loads when the SQLite FTS model exists, and vice versa."""
    if connection.vendor == "postgresql":
        from .postgres import SegmentingPostgresSearchBackend

        return SegmentingPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from .sqlite import SegmentingSQLiteSearchBackend

        return SegmentingSQLiteSearchBackend(params)
    raise ImproperlyConfigured(f"中文分词搜索只支持 SQLite 和 PostgreSQL，当前数据库是 {connection.vendor}")
