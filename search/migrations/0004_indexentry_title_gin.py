"""A GIN index on the title vector of Wagtail's search index (PostgreSQL only): the search page ranks the newest
pages whose title matches, found through it (see search/backends/postgres.py)."""

from django.db import migrations

INDEX = "search_indexentry_title_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin (title)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_seed_synonyms")]

    operations = [migrations.RunPython(create_index, drop_index)]
