"""What is approved is what is published: an approval counts for the revision the step was given (or its reviewer's
own edits on top), so a page changed mid-review goes back through the steps that have not seen the change, in order."""

from django.contrib.auth import get_user_model
from wagtail.models import Page, PageLogEntry

from .editor import open_editor, post_editor
from .site import act, submit


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def step(page):
    task = fresh(page).current_workflow_task
    return task.name if task else None


def published_title(page):
    page = fresh(page)
    return page.live_revision.as_object().title if page.live else None


def at_city_step(site, login):
    page = site.page("experience_a1")
    submit(page, site.users["submitter_a1"])
    act(login("reviewer_jia"), page, "approve")
    assert step(page) == "市级发布"
    return page


def test_an_edit_after_the_county_approved_goes_back_to_the_county(site, login):
    page = at_city_step(site, login)
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-for-tests-only")
    client = login("city_reviewer")
    client.force_login(boss)
    _response, form = open_editor(client, page)
    assert post_editor(client, page, form, title="县里没看过的标题").status_code == 302

    act(login("city_reviewer"), page, "approve")
    assert not fresh(page).live  # the city's approval did not publish what the county never saw
    assert step(page) == "县级审核（甲县）"

    act(login("reviewer_jia"), page, "approve")
    assert step(page) == "市级发布"
    act(login("city_reviewer"), page, "approve")
    assert published_title(page) == "县里没看过的标题"


def test_a_reviewer_who_corrects_and_approves_in_the_editor_moves_the_material_on(site, login):
    page = site.page("experience_a1")
    submit(page, site.users["submitter_a1"])
    client = login("reviewer_jia")
    _response, form = open_editor(client, page)
    task_state = fresh(page).current_workflow_task_state
    approve = {"workflow-action-name": "approve", "workflow-action-extra-data": "{}"}

    response = post_editor(client, page, form | approve, action="action-workflow-action", title="县里改过的标题")
    assert response.status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == "approved"
    assert step(page) == "市级发布"  # not back to 县级审核, where the reviewer could not approve their own revision

    act(login("city_reviewer"), page, "approve")
    assert published_title(page) == "县里改过的标题"


def test_the_county_sees_what_the_city_changed_before_it_is_published(site, login):
    page = at_city_step(site, login)
    client = login("city_reviewer")
    _response, form = open_editor(client, page)
    assert post_editor(client, page, form, title="市里改过的标题").status_code == 302

    act(client, page, "approve")  # the city approves its own correction…
    assert not fresh(page).live
    assert step(page) == "县级审核（甲县）"  # …which the county approved no version of
    act(login("reviewer_jia"), page, "approve")  # every step has now approved this revision: it is published
    assert published_title(page) == "市里改过的标题"


def test_a_material_sent_back_by_the_city_starts_again_at_the_county(site, login):
    page = at_city_step(site, login)
    act(login("city_reviewer"), page, "reject", "请核对会员人数")
    client = login("submitter_a1")
    _response, form = open_editor(client, page)

    assert post_editor(client, page, form, action="action-submit", title="已核对的标题").status_code == 302
    assert step(page) == "县级审核（甲县）"
    act(login("reviewer_jia"), page, "approve")
    assert step(page) == "市级发布"
    act(login("city_reviewer"), page, "approve")
    assert published_title(page) == "已核对的标题"
    publication = PageLogEntry.objects.get(page=page, action="wagtail.publish")
    assert publication.user == site.users["city_reviewer"]


def test_the_city_approving_in_the_editor_without_a_change_publishes(site, login):
    page = at_city_step(site, login)
    client = login("city_reviewer")
    _response, form = open_editor(client, page)
    revisions = page.revisions.count()
    approve = {"workflow-action-name": "approve", "workflow-action-extra-data": "{}"}

    response = post_editor(client, page, form | approve, action="action-workflow-action")
    assert response.status_code == 302
    assert published_title(page) == fresh(page).title
    assert page.revisions.count() == revisions  # approving without a change saves no revision
