"""Review emails in Chinese that carry the reviewer's comment, to the submitter after every step.

Wagtail tells the submitter only when the whole workflow is approved or sent back, and its approval email has
neither the comment nor a link that works behind a port (it uses the Site record). Its approval email keeps its
notifier with our template (templates/wagtailadmin/notifications/workflow_state_approved.txt); this module adds
an email for each intermediate step.
"""

from django.conf import settings
from wagtail.admin.mail import EmailNotificationMixin, Notifier
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import task_approved


def absolute_admin_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def live_url(page) -> str:
    """The public address of a page, on the portal's own base URL (not the Site record's host and port)."""
    site = page.get_site()
    path = page.relative_url(site) if site else page.url
    return absolute_admin_url(path) if path else ""


def published_url(page) -> str:
    """The live address of a page as the database has it now (the workflow's cached object predates publishing)."""
    live = Page.objects.filter(pk=page.pk, live=True).first()
    return live_url(live) if live else ""


def submitters(workflow_state: WorkflowState, acting_user) -> set:
    """Who submitted the content under review, never the reviewer who just acted."""
    people = {workflow_state.requested_by}
    task_state = workflow_state.current_task_state
    if task_state is not None and task_state.revision_id:
        people.add(task_state.revision.user)
    return {person for person in people if person is not None and person != acting_user}


class StepApprovedNotifier(EmailNotificationMixin, Notifier):
    """Tells the submitter that a step passed and the review goes on (县级审核 → 市级发布), with the comment."""

    notification = "approved"  # honours each user's "审核通过" email preference
    template_directory = "workflow/notifications/"

    def __init__(self):
        super().__init__((TaskState,))

    def can_handle(self, instance, **kwargs):
        # The last step's approval finishes the workflow; Wagtail's workflow approval email tells of that one.
        in_progress = instance.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        return super().can_handle(instance, **kwargs) and in_progress

    def get_template_base_prefix(self, instance, **kwargs):
        return "step_"

    def get_recipient_users(self, instance, **kwargs):
        return submitters(instance.workflow_state, kwargs.get("user"))

    def get_context(self, instance, **kwargs):
        state = instance.workflow_state
        page = state.content_object
        return super().get_context(instance, **kwargs) | {
            "page": page,
            "task": instance.task,
            "comment": instance.comment,
            "reviewer": instance.finished_by,
            "next_task": state.current_task_state.task if state.current_task_state else None,
            "edit_url": absolute_admin_url(f"/{settings.WAGTAILADMIN_PATH.strip('/')}/pages/{page.pk}/edit/"),
        }


step_approved_notifier = StepApprovedNotifier()


def last_approval(page):
    """The approved step that finished the page's latest review: its reviewer and comment for the approval email."""
    return (
        TaskState.objects.filter(
            workflow_state__base_content_type=page.get_base_content_type(),
            workflow_state__object_id=str(page.pk),
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("task", "finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )


def register_review_emails():
    task_approved.connect(step_approved_notifier, dispatch_uid="portal_step_approved")
