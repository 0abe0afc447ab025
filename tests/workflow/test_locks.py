"""While a page is in review, only that step's reviewers change it: every write path a township submitter can reach
refuses them (the editor, revert, 从Word提取数字, the admin API), and a refusal changes nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page

from tests.importer.factories import make_docx

from .editor import open_editor, post_editor
from .site import act, submit


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def revision_ids(page):
    return list(fresh(page).revisions.order_by("pk").values_list("pk", flat=True))


def at_city_step(site, login):
    """experience_a1 submitted by 一镇's submitter and approved by 甲县: it waits for 市级发布."""
    page = site.page("experience_a1")
    submit(page, site.users["submitter_a1"])
    act(login("reviewer_jia"), page, "approve")
    assert fresh(page).current_workflow_task.name == "市级发布"
    return page


def figures_url(page):
    return reverse("importer_experience_figures", args=(page.pk,))


def upload(client, page):
    return client.post(figures_url(page), {"file": SimpleUploadedFile("材料.docx", make_docx())})


def test_submitter_cannot_extract_figures_into_a_material_under_review(site, login):
    page = at_city_step(site, login)
    before = revision_ids(page)
    client = login("submitter_a1")

    for response in (client.get(figures_url(page)), upload(client, page)):
        assert response.status_code == 403
        assert "正在审核（市级发布）" in response.content.decode()
    assert revision_ids(page) == before
    assert not fresh(page).get_latest_revision_as_object().figures.exists()


def test_the_reviewer_of_the_current_step_may_extract_figures(site, login):
    page = at_city_step(site, login)
    response = upload(login("city_reviewer"), page)
    assert response.status_code == 302
    assert fresh(page).get_latest_revision_as_object().figures.count() > 0


def test_a_material_sent_back_can_be_extracted_into_again(site, login):
    page = at_city_step(site, login)
    act(login("city_reviewer"), page, "reject", "请补充数字")
    response = upload(login("submitter_a1"), page)
    assert response.status_code == 302
    assert fresh(page).get_latest_revision_as_object().figures.count() > 0


def test_the_editor_refuses_the_submitter_while_in_review(site, login):
    page = at_city_step(site, login)
    before = revision_ids(page)
    client = login("submitter_a1")
    _response, form = open_editor(client, page)

    response = post_editor(client, page, form, title="审核中偷偷改的标题")
    assert response.status_code == 200
    assert revision_ids(page) == before
    assert fresh(page).get_latest_revision_as_object().title == "experience_a1草稿"


def test_reverting_to_an_old_revision_is_refused_while_in_review(site, login):
    page = at_city_step(site, login)
    first = revision_ids(page)[0]
    before = revision_ids(page)
    client = login("submitter_a1")
    url = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, first))
    _response, form = open_editor(client, page)

    client.post(url, {**form, "action-save": ["1"]})
    assert revision_ids(page) == before


def test_the_admin_api_refuses_reverting_a_page_under_review(site, login):
    page = at_city_step(site, login)
    first = revision_ids(page)[0]
    before = revision_ids(page)
    url = f"/admin/api/main/pages/{page.pk}/action/revert_to_page_revision/"

    response = login("submitter_a1").post(url, {"revision_id": first}, content_type="application/json")
    assert response.status_code == 403
    assert "正在审核（市级发布）" in response.json()["detail"]
    assert revision_ids(page) == before


def test_the_extract_button_is_offered_only_to_who_may_use_it(site, login):
    page = at_city_step(site, login)
    button = f'href="{figures_url(page)}"'
    assert button not in login("submitter_a1").get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert button in login("city_reviewer").get(f"/admin/pages/{page.pk}/edit/").content.decode()
