"""A GIN index on the title vector of Wagtail's search index (PostgreSQL only): the search page ranks the newest
pages whose title matches, found through it (see search/backends/postgres.py)."""

from django.db import migrations

from search.gin import gin_index


class Migration(migrations.Migration):
    dependencies = [("search", "0003_seed_synonyms")]

    operations = [gin_index("search_indexentry_title_gin", "title")]
