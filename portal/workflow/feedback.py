"""Review feedback where the editor looks: the reviewer's comment on the edit form and on the dashboard, and messages
that say what an action did (退回修改, 批准并发布, 定时于…发布) instead of Wagtail's "页面已保存". The hooks that use
these functions are registered at the end of wagtail_hooks.py."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState

from portal.core.dashboard import DashboardTable


def chinese_datetime(moment):
    local = timezone.localtime(moment)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def display_name(user):
    return (user.get_full_name() or user.get_username()) if user else "审核员"


def sent_back_task_state(page):
    """The rejected step of the page's workflow while it waits for the editor's changes, else None."""
    workflow_state = page.current_workflow_state
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = workflow_state.current_task_state
    return task_state if task_state and task_state.status == TaskState.STATUS_REJECTED else None


def review_comment_message(task_state):
    comment = task_state.get_comment() or "（未填写意见）"
    reviewer = display_name(task_state.finished_by)
    return f"需修改。审核意见（{reviewer}，{chinese_datetime(task_state.finished_at)}）：{comment}"


def warn_about_review_comment(request, page):
    """before_edit_page: opening a page that was sent back shows the reviewer's comment above the form."""
    task_state = sent_back_task_state(page) if request.method == "GET" else None
    if task_state:
        messages.warning(request, review_comment_message(task_state))


def outcome_of_workflow_action(page, action_name):
    """What a reviewer's 批准/请求修改 in the editor did to `page`, in words."""
    title = page.get_admin_display_title()
    if action_name == "reject":
        return f"已退回修改：“{title}”，审核意见已通知提交人。"
    scheduled = page.scheduled_revision
    if scheduled:
        return f"已批准，定时于{chinese_datetime(scheduled.approved_go_live_at)}发布：“{title}”。"
    workflow_state = page.current_workflow_state
    if workflow_state and workflow_state.current_task_state:
        return f"已批准：“{title}”，转到下一步“{workflow_state.current_task_state.task.name}”。"
    if page.live and not page.has_unpublished_changes:
        return f"已批准并发布：“{title}”。"
    return f"已批准：“{title}”。"


def outcome_of_publishing(page):
    """After 发布 with a go-live time in the future: when it will go live, or None when it is live now."""
    scheduled = page.scheduled_revision
    if scheduled is None:
        return None
    return f"已定时于{chinese_datetime(scheduled.approved_go_live_at)}发布：“{page.get_admin_display_title()}”。"


def replace_success_messages(request, text):
    """Put `text` in place of the success message Wagtail's view has just queued for this request."""
    storage = messages.get_messages(request)
    storage._queued_messages = [m for m in storage._queued_messages if m.level != messages.SUCCESS]
    messages.success(request, text)


def explain_action(request, page):
    """after_create_page / after_edit_page: say what a review or a scheduled publication did (other saves keep
    Wagtail's own message, translated in locale/)."""
    action_name = request.POST.get("workflow-action-name")
    if not action_name and "action-publish" not in request.POST:
        return
    page = Page.objects.get(pk=page.pk).specific  # as the action left it: published, scheduled or moved on
    if action_name:
        replace_success_messages(request, outcome_of_workflow_action(page, action_name))
    elif scheduled := outcome_of_publishing(page):
        replace_success_messages(request, scheduled)


class SentBackPanel(DashboardTable):
    """Dashboard: the user's pages that reviewers sent back, with their comments, newest first."""

    name = "sent_back_pages"
    template_name = "workflow/sent_back_panel.html"
    panel_id = "sent-back-pages"
    heading = "退回给我修改的页面"
    order = 205  # just above Wagtail's "your pages in a workflow"

    def get_context_data(self, parent_context):
        states = list(
            WorkflowState.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page),  # pages only, not snippets
                status=WorkflowState.STATUS_NEEDS_CHANGES,
                requested_by=self.user,
            )
            .select_related("current_task_state__finished_by")
            .order_by("-current_task_state__finished_at")[:20]
        )
        pages = Page.objects.in_bulk([int(state.object_id) for state in states])
        rows = [
            {"page": pages[int(state.object_id)], "message": review_comment_message(state.current_task_state)}
            for state in states
            if int(state.object_id) in pages and state.current_task_state
        ]
        return self.table_context(rows)


def add_sent_back_panel(request, panels):
    """construct_homepage_panels."""
    panels.append(SentBackPanel(request.user))
