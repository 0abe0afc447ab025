"""Audit: history with who and when, visible to the page's reviewers; 我的乡镇材料 with each submission's status."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from tests.activities.factories import ActivityReportPageFactory

from .site import act, is_denied, submit

HISTORY_ALLOWED = [
    ("reviewer_jia", "experience_a1", True),
    ("reviewer_jia", "experience_a2", True),
    ("reviewer_yi", "experience_a1", False),
    ("reviewer_yi", "experience_b1", True),
    ("submitter_a1", "experience_b1", False),
    ("submitter_a1", "activity_b1", False),
    ("city_reviewer", "experience_b1", True),
    ("city_reviewer", "policy", True),
    ("editor", "policy", False),
]


@pytest.mark.parametrize(("role", "target", "allowed"), HISTORY_ALLOWED)
def test_history_is_visible_to_the_pages_reviewers_only(site, login, role, target, allowed):
    page = site.page(target)
    submit(page, site.users["city_admin"])
    client = login(role)
    for view in ("wagtailadmin_pages:history", "wagtailadmin_pages:workflow_history"):
        response = client.get(reverse(view, args=(page.pk,)))
        if allowed:
            assert response.status_code == 200
            assert "city_admin" in response.content.decode() or "市级管理员" in response.content.decode()
        else:
            assert is_denied(response)


def test_history_shows_who_submitted_and_who_approved(site, login):
    page = site.page("activity_a1")
    submit(page, site.users["submitter_a1"])
    act(login("city_reviewer"), page, "approve", "同意发布")
    content = login("city_reviewer").get(reverse("wagtailadmin_pages:history", args=(page.pk,))).content.decode()
    for who in ("submitter_a1", "city_reviewer"):
        assert who in content
    assert "同意发布" in content


def submissions(client):
    response = client.get(reverse("workflow_township_submissions"))
    assert response.status_code == 200
    return response.content.decode()


def row_of(content, title):
    start = content.index(title)
    return content[start : content.index("</tr>", start)]


def test_my_township_submissions_lists_own_pages_with_their_status(site, login):
    own = site.page("activity_a1")
    client = login("submitter_a1")
    content = submissions(client)
    assert "<title>我的乡镇材料" in content
    assert "草稿" in row_of(content, own.title)
    for other in ("activity_b1", "experience_a2", "experience_b1", "news"):
        if other in site.pages:
            assert site.page(other).title not in content

    submit(own, site.users["submitter_a1"])
    assert "审核中（审核）" in row_of(submissions(client), own.title)

    act(login("city_reviewer"), own, "reject", "请补充照片")
    assert "已退回" in row_of(submissions(login("submitter_a1")), own.title)

    Page.objects.get(pk=own.pk).specific.current_workflow_state.resume(user=site.users["submitter_a1"])
    act(login("city_reviewer"), own, "approve")
    content = submissions(login("submitter_a1"))
    assert "已发布" in row_of(content, own.title)
    assert "年" in row_of(content, own.title)  # last change as 2026年11月23日


def test_experience_material_shows_the_county_step(site, login):
    page = site.page("experience_a1")
    submit(page, site.users["submitter_a1"])
    assert "审核中（县级审核（甲县））" in row_of(submissions(login("submitter_a1")), page.title)


def test_menu_item_only_for_township_submitters(site, login):
    url = reverse("workflow_township_submissions")
    assert url in login("submitter_a1").get(reverse("wagtailadmin_home")).content.decode()
    assert url not in login("editor").get(reverse("wagtailadmin_home")).content.decode()
    assert "本乡镇还没有提交材料" in submissions(login("editor"))


def test_submissions_view_needs_admin_access(client):
    response = client.get(reverse("workflow_township_submissions"))
    assert response.status_code == 302 and "login" in response.url


def test_my_township_submissions_query_count_does_not_grow_with_the_submissions(site, login):
    client = login("submitter_a1")
    folder = site.folder("activities", "jia-yi")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            submissions(client)
        return len(captured)

    few = queries()
    for number in range(10):
        page = ActivityReportPageFactory(parent=folder, slug=f"more-{number}", live=False)
        submit(page, site.users["submitter_a1"])
    assert queries() == few
