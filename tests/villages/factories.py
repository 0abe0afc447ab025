import datetime

import factory
import wagtail_factories

from portal.core.models import OrgUnit
from portal.villages.models import (
    ModelVillagePage,
    VillageFacility,
    VillageFigure,
    VillageHonour,
    VillageImage,
    VillageIndexPage,
)


class VillageIndexPageFactory(wagtail_factories.PageFactory):
    """Pass `parent` (usually the `home` fixture)."""

    class Meta:
        model = VillageIndexPage

    title = "示范村"
    slug = "villages"
    show_in_menus = True


def default_village():
    """One village (市 → 县 → 乡镇 → 村) shared by the pages that do not name their own."""
    existing = OrgUnit.objects.filter(code="factory-village").first()
    if existing:
        return existing
    city = OrgUnit.add_root(name="工厂市", code="factory-city", level=OrgUnit.Level.CITY)
    county = city.add_child(name="工厂县", code="factory-county", level=OrgUnit.Level.COUNTY)
    township = county.add_child(name="工厂镇", code="factory-township", level=OrgUnit.Level.TOWNSHIP)
    return township.add_child(name="工厂村", code="factory-village", level=OrgUnit.Level.VILLAGE)


class ModelVillagePageFactory(wagtail_factories.PageFactory):
    """A model village; pass `parent` (a VillageIndexPage) and usually `orgunit` (a village-level OrgUnit)."""

    class Meta:
        model = ModelVillagePage

    title = factory.Sequence(lambda n: f"测试示范村{n}")
    slug = factory.Sequence(lambda n: f"village-{n}")
    date = factory.Sequence(lambda n: datetime.date(2025, 6, 30) - datetime.timedelta(days=n % 180))
    summary = "测试摘要"
    orgunit = factory.LazyFunction(default_village)


class VillageFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VillageFigure

    item = VillageFigure.Item.常住人口
    value = 2300
    unit = "人"
    year = 2025


class VillageHonourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VillageHonour

    name = "示范村"
    level = VillageHonour.Level.省级
    year = 2024


class VillageFacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VillageFacility

    kind = VillageFacility.Kind.会员之家


class VillageImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VillageImage

    image = factory.SubFactory(wagtail_factories.ImageFactory)
    caption = factory.Sequence(lambda n: f"图片说明{n}")
