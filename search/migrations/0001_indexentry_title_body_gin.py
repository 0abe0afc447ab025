"""A GIN index on title || body of Wagtail's search index (PostgreSQL only).

modelsearch's PostgreSQL compiler filters on `title || body @@ query`; modelsearch's own migrations add the
matching expression index, Wagtail's wagtailsearch migrations do not, so without this every search scans the
whole index table."""

from django.db import migrations

from search.gin import gin_index


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [gin_index("search_indexentry_title_body_gin", "(title || body)")]
