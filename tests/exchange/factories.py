import datetime
from decimal import Decimal

import factory
import wagtail_factories

from portal.exchange.models import (
    ExperienceFigure,
    ExperienceIndexPage,
    ExperiencePage,
    ExperienceTownshipPage,
    MetricDefinition,
)


class MetricDefinitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MetricDefinition

    label = factory.Sequence(lambda n: f"测试指标{n}")
    family = MetricDefinition.Family.MATERIALS
    canonical_unit = "份"
    allowed_units = "份、万份"
    aggregation = MetricDefinition.Aggregation.SUM


class ExperienceIndexPageFactory(wagtail_factories.PageFactory):
    """Pass `parent` (usually the `home` fixture)."""

    class Meta:
        model = ExperienceIndexPage

    title = "经验交流"
    slug = "exchange"


class ExperienceTownshipPageFactory(wagtail_factories.PageFactory):
    """Pass `parent` (an ExperienceIndexPage) and `orgunit` (a township); the slug is the unit's code."""

    class Meta:
        model = ExperienceTownshipPage

    title = factory.LazyAttribute(lambda page: f"{page.orgunit.label}经验交流")
    slug = factory.LazyAttribute(lambda page: page.orgunit.code)


class ExperiencePageFactory(wagtail_factories.PageFactory):
    """A submission for 2025 全年; pass `parent` (a township folder). Figures: pass `figures=[figure(...), ...]`."""

    class Meta:
        model = ExperiencePage

    title = factory.Sequence(lambda n: f"测试经验交流材料{n}")
    slug = factory.Sequence(lambda n: f"experience-{n}")
    date = datetime.date(2025, 12, 20)
    year = 2025
    period_kind = ExperiencePage.PeriodKind.YEAR


def figure(metric, value, unit=None, **fields):
    """An unsaved figure row as written (value 4300, unit 万元)."""
    return ExperienceFigure(
        metric=metric, value_as_written=Decimal(str(value)), unit=unit or metric.canonical_unit, **fields
    )


def publish(page):
    """Publish through a revision, as the admin does; returns the page as now stored."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)
