from django.db import migrations


def mark_current(apps, schema_editor):
    """Custom periods with different dates no longer supersede each other: recompute which submissions count."""
    from portal.exchange.aggregation import mark_current_submissions

    mark_current_submissions(apps.get_model("exchange", "ExperiencePage"))


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0004_submission_county"),
    ]

    operations = [
        migrations.RunPython(mark_current, migrations.RunPython.noop),
    ]
