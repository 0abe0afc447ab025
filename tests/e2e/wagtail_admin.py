"""Steps in the Wagtail admin that the workflow browser tests share: submit, approve, request changes."""

from django.conf import settings
from wagtail.models import Page

PASSWORD = "workflow-e2e-2026"
ADMIN = f"/{settings.WAGTAILADMIN_PATH}"


def open_more_actions(page):
    page.locator("footer button", has_text="更多动作").click()


def flash_message(page):
    page.wait_for_selector(".messages")
    return page.locator(".messages").inner_text()


def submit_for_review(page):
    """In the page editor: 更多动作 → 提交审核 (or 重新提交给…); returns the message the admin shows."""
    open_more_actions(page)
    page.click("button[name=action-submit]")
    return flash_message(page)


def approve_in_editor(page, base, obj):
    page.goto(f"{base}{ADMIN}pages/{obj.pk}/edit/")
    open_more_actions(page)
    page.click("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    assert "已批准" in flash_message(page)


def dashboard_review_row(page, title):
    """The row of `title` in the dashboard's 等待你的审查 panel (the page must be on the dashboard)."""
    return page.locator("#awaiting-review-content tr", has_text=title)


def request_changes_from_dashboard(page, title, comment):
    """On the dashboard: the row's actions → 请求修改, write `comment` in the dialog, send it."""
    row = dashboard_review_row(page, title)
    row.locator("button.w-dropdown__toggle").click()
    row.locator("button", has_text="请求修改").click()
    page.locator(".modal-content textarea[name=comment]").fill(comment)
    page.locator(".modal-content button[type=submit]").click()
    page.wait_for_selector(".modal-content", state="detached")


def current_task(obj):
    return Page.objects.get(pk=obj.pk).specific.current_workflow_task


def recipients(outbox):
    return [message.to for message in outbox]
