"""Saving a material in the editor: one figure entered twice is refused (it would count twice), and a save from an
editor opened before someone else saved is refused instead of silently overwriting their work. Which published
material a new one replaces in the totals."""

import datetime

import pytest
from django.test import Client
from wagtail.models import Page

from portal.exchange.models import ExperiencePage
from tests.workflow.editor import form_fields, open_editor, post_editor

from .factories import figure

SENTENCE = "全年发放宣传品120份，投入经费5万元。"


def editor(django_user_model, username):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser(username, f"{username}@example.org", "pw-for-tests"))
    return client


def draft(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


@pytest.fixture
def material(world):
    """A draft of 一镇 with its figures 120份 and 5万元 from one sentence."""
    rows = [
        figure(world.materials, 120, source_sentence=SENTENCE),
        figure(world.funds, 5, "万元", source_sentence=SENTENCE),
    ]
    page = world.submit("jia-yi", rows, live=False)
    page.save_revision()
    return page


def test_the_same_figure_twice_is_refused_naming_the_rows(world, material, admin_client):
    copy = figure(world.materials, 120, source_sentence=SENTENCE, sort_order=2)  # the third row, as an editor adds it
    material.figures = [*material.figures.all(), copy]
    material.save_revision()
    _response, form = open_editor(admin_client, material)

    response = post_editor(admin_client, material, form)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"第1行、第3行是同一个数字（宣传品发放 120份，原句“{SENTENCE}”），汇总时会重复计算，请只保留一行" in html
    assert "和第1行重复" in html

    assert post_editor(admin_client, material, form, **{"figures-2-DELETE": "1"}).status_code == 302
    assert [row.value for row in draft(material).figures.all()] == [120, 50000]


def test_a_target_and_its_result_are_two_figures(world, material, admin_client):
    target = figure(world.materials, 120, source_sentence=SENTENCE, role="target")
    material.figures = [*material.figures.all(), target]
    material.save_revision()
    _response, form = open_editor(admin_client, material)
    assert post_editor(admin_client, material, form).status_code == 302


def test_a_save_from_a_stale_editor_is_refused_until_repeated(material, django_user_model):
    first, second = editor(django_user_model, "editor_one"), editor(django_user_model, "editor_two")
    _response, first_form = open_editor(first, material)
    _response, second_form = open_editor(second, material)
    assert post_editor(first, material, first_form, title="一号编辑的标题").status_code == 302

    response = post_editor(second, material, second_form, title="二号编辑的标题")
    assert response.status_code == 200
    html = response.content.decode()
    assert "没有保存：你打开这个页面之后，editor_one于" in html
    assert draft(material).title == "一号编辑的标题"

    # The refusal is a fresh editor that still holds the second editor's text: saving it again overwrites knowingly.
    again = form_fields(html)
    assert again["title"] == ["二号编辑的标题"]
    assert post_editor(second, material, again).status_code == 302
    assert draft(material).title == "二号编辑的标题"


def new_material(world, code, **fields):
    """A draft of township `code` (2025 全年 unless `fields` say otherwise), its township set as the editor does."""
    return world.submit(code, [], live=False, orgunit=world.units[code], **fields)


def test_a_material_replaces_the_current_one_of_its_township_and_period(world):
    current = world.submit("jia-yi", [])
    assert new_material(world, "jia-yi").superseded_material() == current
    assert new_material(world, "jia-er").superseded_material() is None
    assert new_material(world, "jia-yi", kind="h1").superseded_material() is None
    assert ExperiencePage.objects.get(pk=current.pk).superseded_material() is None


def test_a_custom_period_replaces_only_the_same_dates(world):
    may_june = {"kind": "custom", "period_start": datetime.date(2025, 5, 1), "period_end": datetime.date(2025, 6, 30)}
    current = world.submit("jia-yi", [], **may_june)
    assert new_material(world, "jia-yi", **may_june).superseded_material() == current
    longer = may_june | {"period_end": datetime.date(2025, 7, 31)}
    assert new_material(world, "jia-yi", **longer).superseded_material() is None


def test_correcting_an_older_material_replaces_nothing(world):
    older = world.submit("jia-yi", [])
    world.submit("jia-yi", [])
    older = ExperiencePage.objects.get(pk=older.pk)
    older.title = "改过的旧材料"
    older.save_revision()
    assert older.get_latest_revision_as_object().superseded_material() is None  # the newer one keeps counting
