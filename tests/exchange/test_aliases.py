"""Aliases learnt from reviewers (portal.exchange.aliases) and the count of unassigned figures."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from wagtail.admin.menu import admin_menu

from portal.exchange.aliases import assign_group, learn_aliases, unassigned_count
from portal.exchange.models import ExperienceFigure, MetricAlias, MetricDefinition
from portal.exchange.periods import Period
from portal.importer.experience import figure_rows
from portal.importer.figures import extract_figures
from portal.importer.metrics import normalise_label

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


def test_a_taught_alias_never_gives_the_earlier_value_of_a_change_a_metric(world):
    """会员人数由3000人增加到3200人: the 3000 is what was, so no total may take it, even after a reviewer assigned
    会员人数(原) to 计生协会员 once: a quick confirmation would then count the township twice."""
    members = vocabulary("计生协会员")
    world.submit("jia-yi", [row(members, "会员人数由2800人增加到3000人。", 2800, "人", "会员人数(原)")])
    assert MetricAlias.objects.filter(text="会员人数(原)", metric=members).exists()

    earlier, now = figure_rows(extract_figures("全镇会员人数由3000人增加到3200人。"))
    assert (earlier.value, earlier.metric_text, earlier.metric, earlier.role) == (3000, "会员人数(原)", None, "earlier")
    assert (now.value, now.metric_text, now.metric, now.role) == (3200, "会员人数", members, "actual")


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
    assert unassigned_count(Period(2025, "year")) == 2
    assert unassigned_count(Period(2024, "year")) == 0


# ---------------------------------------------------------------------------- 未归类数字 report


def unassigned(text, value, unit="副"):
    return ExperienceFigure(
        metric_text=text, value_as_written=Decimal(str(value)), unit=unit, source_sentence=f"送{text}{value}{unit}。"
    )


def test_earlier_values_of_changes_want_no_metric_and_cannot_be_assigned_one(world, admin_client):
    """The 未归类数字 report and the dashboard's count leave out 变化前 rows: assigning 会员人数(原) a metric in one
    click would have published the old figures of every township beside their new ones."""
    earlier = ExperienceFigure(
        metric_text="会员人数(原)", value_as_written=Decimal(3000), unit="人", role=ExperienceFigure.Role.EARLIER
    )
    page = world.submit("jia-yi", [earlier, unassigned("对联", 16)])
    assert unassigned_count(Period(2025, "year")) == 1
    report = admin_client.get("/admin/exchange/unassigned/").content.decode()
    assert "对联" in report and "会员人数(原)" not in report
    assert assign_group(normalise_label("会员人数(原)"), world.materials, None).published == []
    assert [row.metric for row in page.figures.all() if row.role == "earlier"] == [None]


def test_report_groups_unassigned_figures_by_label(world, admin_client, admin_user):
    world.submit("jia-yi", [unassigned("对联", 16), unassigned("对联", 8), figure(world.materials, 100)])
    world.submit("jia-er", [unassigned("对联", 5), unassigned("鼠药", 416, "公斤")])
    response = admin_client.get("/admin/exchange/unassigned/")
    assert response.status_code == 200
    groups = {group.label: group for group in response.context["groups"]}
    assert (groups["对联"].count, groups["对联"].pages, groups["对联"].units) == (3, 2, ["副"])
    assert groups["鼠药"].count == 1
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    assert "未归类数字" in [item.label for item in admin_menu.menu_items_for_request(request)]


def test_assigning_a_group_writes_a_revision_per_page(world, admin_client):
    published = world.submit("jia-yi", [unassigned("对联", 16), unassigned("对联", 3, "份")])
    pending = world.submit("jia-er", [unassigned("对联", 5)])
    pending.title = "改了标题还没发布"
    pending.save_revision()
    revisions_before = pending.revisions.count()
    couplets = MetricDefinition.objects.create(
        label="春联", family="materials", canonical_unit="副", allowed_units="副", aggregation="sum"
    )
    response = admin_client.post("/admin/exchange/unassigned/assign/", {"key": "对联", "metric": couplets.pk})
    assert response.status_code == 302
    # the published page without pending changes: published again, its 副 row now counts
    rows = {(row.unit, row.metric_id) for row in type(published).objects.get(pk=published.pk).figures.all()}
    assert rows == {("副", couplets.pk), ("份", None)}  # 份 is not a unit of 春联
    # the page with a pending draft: a new draft revision, the live rows untouched
    pending = type(pending).objects.get(pk=pending.pk)
    assert pending.revisions.count() == revisions_before + 1 and pending.has_unpublished_changes
    assert pending.figures.get().metric_id is None
    draft = pending.get_latest_revision_as_object()
    assert draft.title == "改了标题还没发布" and draft.figures.all()[0].metric_id == couplets.pk
    # and the wording is learnt
    assert MetricAlias.objects.get(normalised="对联").metric == couplets


def test_assigning_to_a_new_metric(world, admin_client):
    page = world.submit("jia-yi", [unassigned("鼠药", 416, "公斤")])
    data = {
        "key": "鼠药",
        "label": "鼠药发放",
        "synonyms": "鼠药",
        "family": "materials",
        "canonical_unit": "公斤",
        "allowed_units": "公斤",
        "aggregation": "sum",
    }
    admin_client.post("/admin/exchange/unassigned/assign/", data)
    metric = MetricDefinition.objects.get(label="鼠药发放")
    assert type(page).objects.get(pk=page.pk).figures.get().metric == metric
    bad = dict(data, label="鼠药2", canonical_unit="吨")  # canonical unit not allowed
    admin_client.post("/admin/exchange/unassigned/assign/", bad)
    assert not MetricDefinition.objects.filter(label="鼠药2").exists()


def test_report_is_for_city_administrators_only(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/exchange/unassigned/").status_code == 403
    assert client.post("/admin/exchange/unassigned/assign/", {"key": "对联", "metric": 1}).status_code == 403
