"""GIN indexes on Wagtail's search index table that modelsearch's PostgreSQL queries need (for the migrations)."""

from django.db import migrations


def gin_index(name, expression):
    """A migration operation: CREATE INDEX name … USING gin (expression) on PostgreSQL, nothing elsewhere."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON wagtailsearch_indexentry USING gin ({expression})"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop)
