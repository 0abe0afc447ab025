"""The news workflow (编辑 → 审核) in the browser with the demo users: the editor submits a news item, the city reviewer
sends it back from the dashboard with a comment, the editor reads it, revises and resubmits, the reviewer approves,
which publishes; /news/ and the item's page show the revised text. Each email goes to the right people only."""

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from portal.news.models import NewsIndexPage, NewsPage

from .conftest import screenshot
from .wagtail_admin import (
    ADMIN,
    approve_in_editor,
    current_task,
    dashboard_review_row,
    flash_message,
    open_more_actions,
    recipients,
    request_changes_from_dashboard,
    submit_for_review,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "市计生协召开2026年度优生优育进万家活动推进会"
FIRST_LEAD = "11月20日，市计生协召开推进会。"
REVISED_LEAD = "11月20日上午，市计生协在协会三楼会议室召开优生优育进万家活动推进会，各县（区）计生协分管负责人参加。"
COMMENT = "导语请补充会议地点和参会人员"
EDITOR_EMAIL = ["editor@example.org"]
REVIEWER_EMAIL = ["city_reviewer@example.org"]


def test_news_item_is_sent_back_with_a_comment_then_resubmitted_approved_and_published(sign_in, demo):
    index = NewsIndexPage.objects.get(slug="news")
    mail.outbox.clear()

    # 1. The editor writes a news item and submits it; only the city reviewers are told.
    editor = sign_in("editor")
    editor.goto(f"{demo}{ADMIN}pages/add/news/newspage/{index.pk}/")
    editor.fill("input[name=title]", TITLE)
    editor.fill("textarea[name=lead]", FIRST_LEAD)
    assert "已创建并提交审核" in submit_for_review(editor)
    news = NewsPage.objects.get(title=TITLE)
    assert current_task(news).name == "审核"
    assert recipients(mail.outbox) == [REVIEWER_EMAIL]
    mail.outbox.clear()

    # 2. The city reviewer (no county reviewer) finds it on the dashboard and requests changes with a comment.
    county_reviewer = sign_in("reviewer_qingxi")
    assert dashboard_review_row(county_reviewer, TITLE).count() == 0
    reviewer = sign_in("city_reviewer")
    assert dashboard_review_row(reviewer, TITLE).count() == 1
    screenshot(reviewer, "workflow-news-1-reviewer-dashboard")
    request_changes_from_dashboard(reviewer, TITLE, COMMENT)
    reviewer.reload()
    assert dashboard_review_row(reviewer, TITLE).count() == 0
    news = NewsPage.objects.get(pk=news.pk)
    assert news.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not news.live
    assert recipients(mail.outbox) == [EDITOR_EMAIL]
    assert COMMENT in mail.outbox[0].body
    mail.outbox.clear()

    # 3. The editor sees who sent it back and why, revises the lead and resubmits; review starts again.
    editor.goto(f"{demo}{ADMIN}pages/{news.pk}/edit/")
    editor.click("[data-side-panel-toggle=status]")
    editor.click("[data-a11y-dialog-show=workflow-status-dialog]")
    status = editor.locator("#workflow-status-dialog")
    status.wait_for(state="visible")
    assert "已由市级审核员请求变更" in status.inner_text() and COMMENT in status.inner_text()
    screenshot(editor, "workflow-news-2-editor-sees-comment")
    editor.keyboard.press("Escape")
    editor.fill("textarea[name=lead]", REVISED_LEAD)
    open_more_actions(editor)
    assert editor.locator("button[name=action-submit]").inner_text().strip() == "重新提交给审核"
    editor.click("button[name=action-submit]")
    assert "已提交审核" in flash_message(editor)
    assert current_task(news).name == "审核"
    assert NewsPage.objects.get(pk=news.pk).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert recipients(mail.outbox) == [REVIEWER_EMAIL]
    mail.outbox.clear()

    # 4. The reviewer sees the revised text, approves, which publishes; the editor is told.
    reviewer.goto(f"{demo}{ADMIN}")
    assert dashboard_review_row(reviewer, TITLE).count() == 1
    approve_in_editor(reviewer, demo, news)
    news = NewsPage.objects.get(pk=news.pk)
    assert news.live and not news.workflow_in_progress
    assert recipients(mail.outbox) == [EDITOR_EMAIL]

    # 5. The public news index and the item's page show it with the revised lead, not the first one.
    public = reviewer.context.browser.new_page()
    public.goto(f"{demo}/news/")
    assert TITLE in public.locator("main").inner_text()
    public.click(f"main a:has-text('{TITLE}')")
    public.wait_for_url(f"**{news.url}")
    assert public.locator("h1").inner_text() == TITLE
    body = public.locator("main").inner_text()
    assert REVISED_LEAD in body and FIRST_LEAD not in body
    screenshot(public, "workflow-news-3-published")
    public.close()
