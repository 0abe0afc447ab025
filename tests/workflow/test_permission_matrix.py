"""Who may do what, asked of the admin over HTTP and of the API: every role × every page type × every action.

The portal (tests/workflow/site.py) has one draft of every page type: city sections, and township pages in 一镇 and
二镇 (甲县) and 三镇 (乙县). `submitter_a1` belongs to 一镇.
"""

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, TaskState

from portal.workflow.models import UnitGroup

from .site import ADMIN, TARGETS, is_denied, submit

ROLES = ["city_admin", "editor", "policy_editor", "city_reviewer", "reviewer_jia", "reviewer_yi", "submitter_a1"]
EVERY_TARGET = set(TARGETS)
EDITOR_TARGETS = {"news", "activity_city", "activity_a1", "activity_b1", "village"}
CITY_REVIEW_TARGETS = EDITOR_TARGETS | {"policy"}  # 内容审核 and 政策审核's first step
JIA_TARGETS = {"experience_a1", "experience_a2"}
A1_TARGETS = {"activity_a1", "experience_a1"}

# role → the targets it may open in the editor (and preview as a draft)
EDIT = {
    "city_admin": EVERY_TARGET,
    "editor": EDITOR_TARGETS,
    "policy_editor": {"policy"},
    "city_reviewer": EVERY_TARGET,
    "reviewer_jia": JIA_TARGETS,
    "reviewer_yi": {"experience_b1"},
    "submitter_a1": A1_TARGETS,
}
# Reviewers review: they neither create nor delete pages.
ADD = {**EDIT, "city_reviewer": set(), "reviewer_jia": set(), "reviewer_yi": set()}
DELETE = ADD
PUBLISH = {"city_admin": EVERY_TARGET}
APPROVE = {"city_reviewer": CITY_REVIEW_TARGETS, "reviewer_jia": JIA_TARGETS, "reviewer_yi": {"experience_b1"}}

MATRIX = [(role, target) for role in ROLES for target in TARGETS]


def may(rights, role, target):
    return target in rights.get(role, set())


def assert_answer(response, allowed):
    if allowed:
        assert response.status_code == 200, response
    else:
        assert is_denied(response), response


@pytest.mark.parametrize(("role", "target"), MATRIX)
def test_view_draft(site, login, role, target):
    page = site.page(target)
    response = login(role).get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))
    assert_answer(response, may(EDIT, role, target))


@pytest.mark.parametrize(("role", "target"), MATRIX)
def test_add(site, login, role, target):
    page = site.page(target)
    meta = page._meta
    url = reverse("wagtailadmin_pages:add", args=(meta.app_label, meta.model_name, page.get_parent().pk))
    assert_answer(login(role).get(url), may(ADD, role, target))


@pytest.mark.parametrize(("role", "target"), MATRIX)
def test_edit(site, login, role, target):
    page = site.page(target)
    assert_answer(login(role).get(reverse("wagtailadmin_pages:edit", args=(page.pk,))), may(EDIT, role, target))


@pytest.mark.parametrize(("role", "target"), MATRIX)
def test_delete(site, login, role, target):
    page = site.page(target)
    assert_answer(login(role).get(reverse("wagtailadmin_pages:delete", args=(page.pk,))), may(DELETE, role, target))


@pytest.mark.parametrize(("role", "target"), MATRIX)
def test_delete_through_the_admin_api(site, login, role, target):
    page = site.page(target)
    login(role).post(f"{ADMIN}api/main/pages/{page.pk}/action/delete/", {}, content_type="application/json")
    assert Page.objects.filter(pk=page.pk).exists() != may(DELETE, role, target)


@pytest.mark.parametrize(("role", "target"), MATRIX)
def test_publish(site, login, role, target):
    page = site.page(target)
    login(role).post(f"{ADMIN}bulk/wagtailcore/page/publish/?id={page.pk}", {})
    assert Page.objects.get(pk=page.pk).live == may(PUBLISH, role, target)


@pytest.mark.parametrize(("role", "target"), MATRIX)
def test_approve(site, login, role, target):
    page = site.page(target)
    submit(page, site.users["city_admin"])
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    login(role).post(url, {"comment": ""})
    task_state.refresh_from_db()
    approved = task_state.status == TaskState.STATUS_APPROVED
    assert approved == may(APPROVE, role, target)


# The API ----------------------------------------------------------------------------------------------------------


def api_ids(client, query=""):
    response = client.get(f"/api/v2/pages/?limit=100{query}")
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


def test_api_never_lists_drafts(site, client):
    drafts = {site.page(target).pk for target in site.pages}
    assert not drafts & api_ids(client)
    assert not drafts & api_ids(client, "&search=草稿")
    for section in site.indexes.values():
        assert not drafts & api_ids(client, f"&descendant_of={section.pk}")
    for pk in drafts:
        assert client.get(f"/api/v2/pages/{pk}/").status_code == 404


def test_api_never_lists_private_pages(site, client):
    page = site.page("news")
    page.save_revision().publish()
    assert page.pk in api_ids(client)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    assert page.pk not in api_ids(client)
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404


def test_api_shows_the_live_version_not_a_newer_draft(site, client):
    page = site.page("activity_a1")
    page.save_revision().publish()
    page.title = "尚未审核的新标题"
    page.save_revision()
    detail = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert detail["title"] == "activity_a1草稿"


# A township submitter and other townships' pages, images and documents -----------------------------------------

OTHER_TOWNSHIP_TARGETS = ["experience_a2", "experience_b1", "activity_b1"]


@pytest.mark.parametrize("target", OTHER_TOWNSHIP_TARGETS)
def test_submitter_cannot_change_another_townships_page(site, login, target):
    page = site.page(target)
    revisions = page.revisions.count()
    client = login("submitter_a1")
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert is_denied(client.post(edit, {"title": "篡改", "slug": page.slug, "action-publish": "1"}))
    assert is_denied(client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,))))
    page = Page.objects.get(pk=page.pk)
    assert (page.title, page.live, page.revisions.count()) == (f"{target}草稿", False, revisions)


@pytest.mark.parametrize("target", OTHER_TOWNSHIP_TARGETS)
def test_submitter_does_not_see_another_townships_draft_in_the_explorer(site, login, target):
    page = site.page(target)
    response = login("submitter_a1").get(reverse("wagtailadmin_explore", args=(page.get_parent().pk,)))
    assert is_denied(response) or page.title not in response.content.decode()


def township_media(site, code):
    collection = UnitGroup.objects.get(orgunit__code=code, role=UnitGroup.Role.SUBMITTER).collection
    image = wagtail_factories.ImageFactory(title=f"{code}的照片", collection=collection)
    document = wagtail_factories.DocumentFactory(title=f"{code}的文件", collection=collection)
    return image, document


@pytest.mark.parametrize("code", ["jia-er", "yi-san"])
def test_submitter_cannot_see_or_change_another_townships_images_and_documents(site, login, code):
    own_image, own_document = township_media(site, "jia-yi")
    image, document = township_media(site, code)
    client = login("submitter_a1")

    images = client.get(reverse("wagtailimages:index")).content.decode()
    assert own_image.title in images and image.title not in images
    documents = client.get(reverse("wagtaildocs:index")).content.decode()
    assert own_document.title in documents and document.title not in documents
    assert client.get(reverse("wagtailimages:edit", args=(own_image.pk,))).status_code == 200

    for name, obj in (("wagtailimages", image), ("wagtaildocs", document)):
        assert is_denied(client.get(reverse(f"{name}:edit", args=(obj.pk,))))
        assert is_denied(client.post(reverse(f"{name}:edit", args=(obj.pk,)), {"title": "篡改"}))
        assert is_denied(client.post(reverse(f"{name}:delete", args=(obj.pk,))))
        obj.refresh_from_db()
        assert obj.title == f"{code}的{'照片' if name == 'wagtailimages' else '文件'}"


def test_the_page_chooser_shows_other_townships_drafts_to_nobody_but_their_own(site, login):
    other, own = site.page("experience_b1"), site.page("experience_a1")
    client = login("submitter_a1")
    browsing = client.get(reverse("wagtailadmin_choose_page_child", args=(other.get_parent().pk,))).content.decode()
    searching = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "草稿"}).content.decode()
    assert other.title not in browsing and other.title not in searching
    assert own.title in searching
    assert (
        other.title
        in login("city_admin").get(reverse("wagtailadmin_choose_page_search"), {"q": "草稿"}).content.decode()
    )
