"""The review workflows end to end: who is asked, who may approve, rejection and resubmission, publication, emails."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from portal.workflow.models import ReviewTask

from .site import act, is_denied, submit


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def recipients():
    addresses = sorted(address for message in mail.outbox for address in message.to)
    mail.outbox.clear()
    return addresses


def test_township_material_goes_to_its_county_then_the_city(site, login, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-for-tests-only")
    page = site.page("experience_a1")
    submitter = site.users["submitter_a1"]
    mail.outbox.clear()

    submit(page, submitter)
    assert fresh(page).current_workflow_task.name == "县级审核（甲县）"
    assert recipients() == ["reviewer_jia@example.org"]  # not 乙县, not the city, not the superuser

    response = act(login("reviewer_jia"), page, "approve", "数字已核对")
    assert response.status_code == 302
    assert fresh(page).current_workflow_task.name == "市级发布"
    assert not fresh(page).live
    assert recipients() == ["city_reviewer@example.org", "submitter_a1@example.org"]  # 市级 asked; submitter told

    act(login("city_reviewer"), page, "approve")
    page = fresh(page)
    assert page.live and not page.workflow_in_progress
    assert recipients() == ["submitter_a1@example.org"]  # “已通过” to the submitter

    log = PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
    trail = [
        (entry.action, entry.user.username)
        for entry in log
        if entry.action.startswith(("wagtail.workflow", "wagtail.publish"))
    ]
    assert trail == [
        ("wagtail.workflow.start", "submitter_a1"),
        ("wagtail.workflow.approve", "reviewer_jia"),
        ("wagtail.workflow.approve", "city_reviewer"),
        ("wagtail.publish", "city_reviewer"),
    ]
    assert all(entry.timestamp for entry in log)
    approval = log.get(action="wagtail.workflow.approve", user=site.users["reviewer_jia"])
    assert approval.data["comment"] == "数字已核对"


def test_another_countys_reviewer_can_neither_see_nor_approve(site, login):
    page = site.page("experience_a1")
    submit(page, site.users["submitter_a1"])
    client = login("reviewer_yi")
    task_state = fresh(page).current_workflow_task_state
    assert is_denied(client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))))
    assert is_denied(act(client, page, "approve"))
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_nobody_approves_their_own_submission(site, login, django_user_model):
    page = site.page("news")
    reviewer = site.users["city_reviewer"]
    submit(page, reviewer)  # a reviewer who also writes: the same group reviews their submission
    client = login("city_reviewer")

    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert edit.status_code == 200
    assert 'data-workflow-action-name="approve"' not in edit.content.decode()
    assert 'data-workflow-action-name="reject"' in edit.content.decode()
    assert is_denied(act(client, page, "approve"))
    assert fresh(page).current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS

    with pytest.raises(Exception, match="不能审核通过自己提交的内容"):
        fresh(page).current_workflow_task.on_action(fresh(page).current_workflow_task_state, reviewer, "approve")

    colleague = django_user_model.objects.create_user("reviewer2", "reviewer2@example.org", "pw-for-tests-only")
    colleague.groups.add(*reviewer.groups.all())
    client.force_login(colleague)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert 'data-workflow-action-name="approve"' in edit.content.decode()
    act(client, page, "approve")
    assert fresh(page).live


def test_rejection_returns_with_a_comment_and_resubmission_restarts_the_task(site, login):
    page = site.page("activity_a1")
    submitter = site.users["submitter_a1"]
    submit(page, submitter)
    mail.outbox.clear()

    act(login("city_reviewer"), page, "reject", "请补充参与人数的来源")
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert recipients() == ["submitter_a1@example.org"]
    assert "请补充参与人数的来源" in state.current_task_state.comment
    rejection = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")
    assert rejection.user == site.users["city_reviewer"] and rejection.data["comment"] == "请补充参与人数的来源"

    # The submitter edits and resubmits: the same task starts again, and the reviewers are asked again.
    page.title = "activity_a1 已补充"
    page.save_revision(user=submitter)
    state.resume(user=submitter)
    task_states = TaskState.objects.filter(workflow_state=state).order_by("pk")
    assert [task_state.status for task_state in task_states] == ["rejected", "in_progress"]
    assert task_states[0].task_id == task_states[1].task_id
    assert recipients() == ["city_reviewer@example.org"]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.resume", user=submitter).exists()


def test_policy_needs_legality_review_then_publication(site, login):
    page = site.page("policy")
    submit(page, site.users["policy_editor"])
    assert fresh(page).current_workflow_task.name == "合法性审核"
    act(login("city_reviewer"), page, "approve")
    assert fresh(page).current_workflow_task.name == "发布"
    assert is_denied(act(login("city_reviewer"), page, "approve"))  # 发布 belongs to 市级管理员
    act(login("city_admin"), page, "approve")
    assert fresh(page).live


def test_review_task_describes_itself_in_chinese():
    assert "提交人不能审核通过自己提交的内容" in ReviewTask.get_description()
    assert ReviewTask._meta.verbose_name == "审核步骤"


def test_material_with_placeholder_figures_cannot_be_approved_at_any_step(site, login):
    from portal.exchange.models import ExperienceFigure, MetricDefinition

    page = site.page("experience_a1")
    metric = MetricDefinition.objects.order_by("pk").first()
    page.figures = [
        ExperienceFigure(metric=metric, unit=metric.canonical_unit, status=ExperienceFigure.Status.PLACEHOLDER)
    ]
    submit(page, site.users["submitter_a1"])

    client = login("reviewer_jia")
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert 'data-workflow-action-name="approve"' not in edit
    assert 'data-workflow-action-name="reject"' in edit
    assert is_denied(act(client, page, "approve"))
    assert fresh(page).current_workflow_task.name == "县级审核（甲县）"
    with pytest.raises(Exception, match="占位数字"):
        fresh(page).current_workflow_task.on_action(
            fresh(page).current_workflow_task_state, site.users["reviewer_jia"], "approve"
        )
