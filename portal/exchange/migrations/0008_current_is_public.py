import datetime

from django.db import migrations
from django.db.models import DateField, Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Length, Substr
from django.db.models.lookups import Exact

NO_DATE = Value(datetime.date(1, 1, 1), output_field=DateField())


def same_as_outer(name):
    return Exact(Coalesce(name, NO_DATE), Coalesce(OuterRef(name), NO_DATE))


def mark_current(apps, schema_editor):
    """A material under a view restriction no longer counts or supersedes: recompute which submissions count.
    A frozen copy of portal.exchange.aggregation.mark_current_submissions as it was at this migration."""
    ExperiencePage = apps.get_model("exchange", "ExperiencePage")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    restrictions = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    live = ExperiencePage.objects.filter(live=True).exclude(Exists(restrictions))
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
        ("exchange", "0007_metric_alias"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(mark_current, migrations.RunPython.noop),
    ]
