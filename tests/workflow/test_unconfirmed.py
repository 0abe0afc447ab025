"""Figures nobody has confirmed (自动提取，待确认) or placeholders (XX) count nowhere: no review step approves a
material with them, and no way of publishing (the editor's 发布, bulk 发布, the admin API) publishes it; the reviewer
is told which rows."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page

from portal.exchange.models import ExperienceFigure, MetricDefinition
from tests.importer.factories import make_docx

from .editor import open_editor, post_editor
from .site import ADMIN, act, is_denied, submit

APPROVE_BUTTON = 'data-workflow-action-name="approve"'


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def with_rows(page, *statuses):
    """The page with one row per status, values 1, 2, 3…, all of the first metric; returns (page, metric label)."""
    metric = MetricDefinition.objects.order_by("pk").first()
    page.figures = [
        ExperienceFigure(metric=metric, value_as_written=Decimal(number), unit=metric.canonical_unit, status=status)
        for number, status in enumerate(statuses, start=1)
    ]
    return page, metric.label


def test_no_step_approves_a_material_with_unconfirmed_rows(site, login):
    page, label = with_rows(site.page("experience_a1"), "confirmed", "extracted")
    submit(page, site.users["submitter_a1"])
    client = login("reviewer_jia")

    response, form = open_editor(client, page)
    html = response.content.decode()
    assert APPROVE_BUTTON not in html
    assert f"审核暂不能通过：第2行“{label}”是自动提取、尚未确认的数字" in html
    assert is_denied(act(client, page, "approve"))
    assert fresh(page).current_workflow_task.name == "县级审核（甲县）"

    # The reviewer checks the row against its sentence and confirms it: now the county may approve.
    assert post_editor(client, page, form, **{"figures-1-status": "confirmed"}).status_code == 302
    response, _form = open_editor(client, page)
    assert APPROVE_BUTTON in response.content.decode()
    act(client, page, "approve")
    assert fresh(page).current_workflow_task.name == "市级发布"


def test_the_city_step_refuses_placeholders_too(site, login):
    page, label = with_rows(site.page("experience_a1"), "placeholder")
    submit(page, site.users["submitter_a1"])
    assert is_denied(act(login("reviewer_jia"), page, "approve"))
    html = open_editor(login("city_reviewer"), page)[0].content.decode()
    assert f"第1行“{label}”仍是占位数字" in html and APPROVE_BUTTON not in html
    assert fresh(page).current_workflow_task.name == "县级审核（甲县）"


def test_figures_the_city_reviewer_extracts_block_the_city_step(site, login):
    page, _label = with_rows(site.page("experience_a1"), "confirmed")
    submit(page, site.users["submitter_a1"])
    act(login("reviewer_jia"), page, "approve")
    client = login("city_reviewer")
    upload = SimpleUploadedFile("材料.docx", make_docx())
    client.post(reverse("importer_experience_figures", args=(page.pk,)), {"file": upload})

    html = open_editor(client, page)[0].content.decode()
    assert "审核暂不能通过：第2行" in html and APPROVE_BUTTON not in html
    assert is_denied(act(client, page, "approve"))
    assert not fresh(page).live


def test_the_city_admin_cannot_publish_unconfirmed_rows_from_the_editor(site, login):
    page, label = with_rows(site.page("experience_a1"), "extracted")
    page.save_revision()
    client = login("city_admin")
    _response, form = open_editor(client, page)

    response = post_editor(client, page, form, action="action-publish")
    assert response.status_code == 200
    assert f"第1行“{label}”是自动提取、尚未确认的数字" in response.content.decode()
    assert not fresh(page).live


def test_bulk_publishing_refuses_unconfirmed_rows(site, login):
    page, label = with_rows(site.page("experience_a1"), "confirmed", "extracted")
    page.save_revision()
    url = f"{ADMIN}bulk/wagtailcore/page/publish/?id={page.pk}&next={ADMIN}"

    response = login("city_admin").post(url, {}, follow=True)
    assert f"没有发布任何页面。《experience_a1草稿》：第2行“{label}”是自动提取" in response.content.decode()
    assert not fresh(page).live

    folder = page.get_parent()
    url = f"{ADMIN}bulk/wagtailcore/page/publish/?id={folder.pk}&next={ADMIN}"
    login("city_admin").post(url, {"include_descendants": "on"})
    assert not fresh(page).live


def test_the_admin_api_refuses_publishing_unconfirmed_rows(site, login):
    page, label = with_rows(site.page("experience_a1"), "extracted")
    page.save_revision()
    url = f"/admin/api/main/pages/{page.pk}/action/publish/"

    response = login("city_admin").post(url, {}, content_type="application/json")
    assert response.status_code == 400
    assert f"第1行“{label}”是自动提取、尚未确认的数字" in response.json()["detail"]
    assert not fresh(page).live


def test_confirmed_rows_publish_as_before(site, login):
    page, _label = with_rows(site.page("experience_a1"), "confirmed")
    page.save_revision()
    response = login("city_admin").post(f"/admin/api/main/pages/{page.pk}/action/publish/", {})
    assert response.status_code == 200
    assert fresh(page).live
