import datetime

import factory
import wagtail_factories

from portal.activities.models import (
    ActivityIndexPage,
    ActivityMaterial,
    ActivityOrganiser,
    ActivityReportPage,
    ActivityService,
    ActivityTownshipPage,
)


class ActivityIndexPageFactory(wagtail_factories.PageFactory):
    """Pass `parent` (usually the `home` fixture)."""

    class Meta:
        model = ActivityIndexPage

    title = "活动报道"
    slug = "activities"
    show_in_menus = True


class ActivityTownshipPageFactory(wagtail_factories.PageFactory):
    """Pass `parent` (an ActivityIndexPage) and `orgunit` (a township); the slug is the unit's code."""

    class Meta:
        model = ActivityTownshipPage

    title = factory.LazyAttribute(lambda page: f"{page.orgunit.label}活动")
    slug = factory.LazyAttribute(lambda page: page.orgunit.code)


class ActivityReportPageFactory(wagtail_factories.PageFactory):
    """A report with one organiser, one service and one material row; pass `parent`."""

    class Meta:
        model = ActivityReportPage

    title = factory.Sequence(lambda n: f"测试活动{n}")
    slug = factory.Sequence(lambda n: f"report-{n}")
    date = factory.Sequence(lambda n: datetime.date(2025, 6, 30) - datetime.timedelta(days=n % 180))
    activity_name = factory.LazyAttribute(lambda page: page.title)
    start_date = factory.LazyAttribute(lambda page: page.date)
    place = "镇文化广场"
    participants = 120
    organisers = factory.LazyFunction(lambda: [ActivityOrganiser(name="测试镇计生协", role="主办")])
    services = factory.LazyFunction(lambda: [ActivityService(kind="义诊", count=80, unit="人次")])
    materials = factory.LazyFunction(lambda: [ActivityMaterial(item="宣传资料", quantity=500, unit="份")])
