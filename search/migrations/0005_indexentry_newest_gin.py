"""GIN indexes that find the newest matches of a query without reading any vector (PostgreSQL only): the match and
a window of the newest entry ids in one index scan (btree_gin indexes the id; `id + 0` and `id * 1` so that neither
the primary key, which PostgreSQL would walk testing every entry's text, nor the other index can serve the window
alone). See WINDOW_IDS in search/backends/postgres.py."""

from django.db import migrations

from search.gin import gin_index


def create_btree_gin(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")  # a trusted extension since PostgreSQL 13


class Migration(migrations.Migration):
    dependencies = [("search", "0004_indexentry_title_gin")]

    operations = [
        migrations.RunPython(create_btree_gin, migrations.RunPython.noop),
        gin_index("search_indexentry_match_newest_gin", "(title || body), (id + 0)"),
        gin_index("search_indexentry_title_newest_gin", "title, (id * 1)"),
    ]
