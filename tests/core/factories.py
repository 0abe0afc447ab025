import factory
from wagtail.rich_text import RichText

from portal.core.models import Campaign, Holiday, HolidayWorkday, OrgUnit


class OrgUnitFactory(factory.django.DjangoModelFactory):
    """Builds a unit under `parent` (a root city when no parent is given), through treebeard."""

    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"单位{n}")
    short_name = factory.LazyAttribute(lambda unit: unit.name[:4])
    code = factory.Sequence(lambda n: f"unit-{n}")
    level = OrgUnit.Level.CITY

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            return model_class.add_root(**kwargs)
        return parent.add_child(**kwargs)


def build_ladder():
    """市 → 县 → 乡镇 → 村, returned as a dict by level."""
    city = OrgUnitFactory(name="测试市", level=OrgUnit.Level.CITY)
    county = OrgUnitFactory(parent=city, name="测试县", level=OrgUnit.Level.COUNTY)
    township = OrgUnitFactory(parent=county, name="测试镇", level=OrgUnit.Level.TOWNSHIP)
    village = OrgUnitFactory(parent=township, name="测试村", level=OrgUnit.Level.VILLAGE)
    return {"city": city, "county": county, "township": township, "village": village}


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"宣传活动{n}")
    kind = Campaign.Kind.CAMPAIGN


def paragraphs(*texts):
    """A body StreamField value: one rich-text paragraph per text."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


class HolidayFactory(factory.django.DjangoModelFactory):
    """`HolidayFactory(name="国庆节", first_day=…, last_day=…, workdays=[date, …])`."""

    class Meta:
        model = Holiday
        django_get_or_create = ["name", "first_day"]
        skip_postgeneration_save = True

    name = "国庆节"

    @factory.post_generation
    def workdays(holiday, create, dates, **kwargs):
        for date in dates or ():
            HolidayWorkday.objects.get_or_create(holiday=holiday, date=date)
