"""Chinese names for what Wagtail's own migrations create in English and the admin shows: the root page and root
collection ("Root"), the default workflow and its task ("Moderators approval", still used by pages outside the
sections, such as the home page) and the two default groups the portal does not use ("Editors", "Moderators")."""

from django.db import migrations

RENAMES = [
    ("wagtailcore", "Page", {"depth": 1}, {"title": "根目录", "draft_title": "根目录"}),
    ("wagtailcore", "Collection", {"depth": 1}, {"name": "全部集合"}),
    ("wagtailcore", "Workflow", {"name": "Moderators approval"}, {"name": "默认审核"}),
    ("wagtailcore", "Task", {"name": "Moderators approval"}, {"name": "默认审核"}),
    ("auth", "Group", {"name": "Editors"}, {"name": "Wagtail 默认编辑组（门户未使用）"}),
    ("auth", "Group", {"name": "Moderators"}, {"name": "Wagtail 默认审核组（门户未使用）"}),
]


def rename(apps, schema_editor):
    for app_label, model_name, lookup, chinese in RENAMES:
        apps.get_model(app_label, model_name).objects.filter(**lookup).update(**chinese)


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0002_job_lock"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
