import datetime

from django.db import migrations
from django.db.models import DateField, Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact

NO_DATE = Value(datetime.date(1, 1, 1), output_field=DateField())


def same_as_outer(name):
    return Exact(Coalesce(name, NO_DATE), Coalesce(OuterRef(name), NO_DATE))


def mark_current(apps, schema_editor):
    """Custom periods with different dates no longer supersede each other: recompute which submissions count.
    A frozen copy of portal.exchange.aggregation.mark_current_submissions as it was at this migration."""
    ExperiencePage = apps.get_model("exchange", "ExperiencePage")
    live = ExperiencePage.objects.filter(live=True)
    later = live.filter(
        Q(first_published_at__gt=OuterRef("first_published_at"))
        | Q(first_published_at=OuterRef("first_published_at"), pk__gt=OuterRef("pk")),
        same_as_outer("period_start"),
        same_as_outer("period_end"),
        orgunit=OuterRef("orgunit"),
        year=OuterRef("year"),
        period_kind=OuterRef("period_kind"),
    )
    current = set(live.exclude(Exists(later)).values_list("pk", flat=True))
    ExperiencePage.objects.filter(is_current=True).exclude(pk__in=current).update(is_current=False)
    ExperiencePage.objects.filter(pk__in=current, is_current=False).update(is_current=True)


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0004_submission_county"),
    ]

    operations = [
        migrations.RunPython(mark_current, migrations.RunPython.noop),
    ]
