"""Aliases learnt from reviewers (portal.exchange.aliases) and the count of unassigned figures."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from portal.exchange import aggregation
from portal.exchange.aliases import learn_aliases, unassigned_count
from portal.exchange.models import ExperienceFigure, MetricAlias, MetricDefinition
from portal.importer.experience import figure_rows
from portal.importer.figures import extract_figures

from .factories import figure

pytestmark = pytest.mark.django_db


def vocabulary(label):
    return MetricDefinition.objects.get(label=label)


def row(metric, sentence, value, unit, text, **fields):
    return ExperienceFigure(
        metric=metric,
        metric_text=text,
        value_as_written=Decimal(str(value)),
        unit=unit,
        source_sentence=sentence,
        **fields,
    )


def test_publishing_records_what_a_person_chose(world):
    couplets = vocabulary("宣传品")
    leaflets = vocabulary("宣传品")
    page = world.submit(
        "jia-yi",
        [
            # the matcher proposes nothing for 对联: the reviewer's choice is learnt
            row(couplets, "组织春节慰问活动,送对联162份。", 162, "份", "对联"),
            # the matcher proposes 宣传品 here anyway: nothing to learn
            row(leaflets, "发放宣传资料2600份。", 2600, "份", "宣传资料"),
            # no metric: nothing to learn
            row(None, "发放鼠药416公斤。", 416, "公斤", "鼠药"),
        ],
    )
    aliases = list(MetricAlias.objects.all())
    assert [(alias.text, alias.metric, alias.source_page_id) for alias in aliases] == [("对联", couplets, page.pk)]
    # a later import proposes it for the same wording, within the unit filter
    rows = figure_rows(extract_figures("送对联300份,对联20副。"))
    assert [r.metric for r in rows] == [couplets, None]


def test_a_later_decision_replaces_an_earlier_one(world):
    world.submit("jia-yi", [row(vocabulary("宣传品"), "送对联162份。", 162, "份", "对联")])
    readers = vocabulary("健康读本")
    page = world.submit("jia-er", [row(readers, "送对联30份。", 30, "份", "对联")])
    assert [(a.text, a.metric) for a in MetricAlias.objects.all()] == [("对联", readers)]
    assert learn_aliases(page) == []  # the same choice again changes nothing


def test_alias_text_is_unique_when_normalised():
    metric = vocabulary("宣传品")
    MetricAlias.objects.create(text="宣传资料（折页）", metric=metric)
    duplicate = MetricAlias(text=" 宣传资料(折页)", metric=vocabulary("健康读本"))
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_alias_snippet_listing_filters_by_metric(admin_client):
    metric = vocabulary("宣传品")
    MetricAlias.objects.create(text="对联", metric=metric)
    MetricAlias.objects.create(text="挂历", metric=vocabulary("健康读本"))
    response = admin_client.get("/admin/snippets/exchange/metricalias/", {"metric": metric.pk})
    assert response.status_code == 200
    content = response.content.decode()
    assert "对联" in content and "挂历" not in content


def test_unassigned_count(world):
    world.submit(
        "jia-yi",
        [
            figure(world.materials, 100),
            ExperienceFigure(metric_text="鼠药", value_as_written=Decimal(416), unit="公斤"),
            ExperienceFigure(metric_text="对联", value_as_written=Decimal(16), unit="副"),
            ExperienceFigure(metric_text="XX", unit="份", status=ExperienceFigure.Status.PLACEHOLDER),
        ],
    )
    world.submit("jia-er", [ExperienceFigure(metric_text="鼠药", value_as_written=Decimal(3), unit="公斤")], live=False)
    assert unassigned_count(aggregation.Period(2025, "year")) == 2
    assert unassigned_count(aggregation.Period(2024, "year")) == 0
