"""我的乡镇材料: a township submitter's own pages and where each stands in review."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page, WorkflowState

from .models import UnitGroup
from .setup import TOWNSHIP_FOLDERS, model_or_none


@dataclass
class Submission:
    page: Page
    status: str
    changed_at: object


def user_townships(user):
    return UnitGroup.objects.filter(role=UnitGroup.Role.SUBMITTER, group__in=user.groups.all()).values("orgunit")


def township_folders(user):
    townships = user_townships(user)
    folders = []
    for spec in TOWNSHIP_FOLDERS:
        model = model_or_none(spec.folder)
        if model is not None:
            folders += model.objects.filter(orgunit__in=townships).order_by("path")
    return folders


def pages_below(folders):
    if not folders:
        return Page.objects.none()
    below = Q()
    for folder in folders:
        below |= Q(path__startswith=folder.path, depth__gt=folder.depth)
    return Page.objects.filter(below)


def open_workflow_states(pages):
    """The in-review or sent-back workflow state of each page, by page id, in one query."""
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(page.pk) for page in pages],
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
    ).select_related("current_task_state__task")
    return {int(state.object_id): state for state in states}


def submission_status(page, workflow_state):
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        return f"审核中（{workflow_state.current_task_state.task.name}）"
    if workflow_state is not None:
        return "已退回"
    if page.live:
        return "已发布（有未发布的修改）" if page.has_unpublished_changes else "已发布"
    return "草稿"


def township_submissions(user):
    pages = list(pages_below(township_folders(user)).order_by("-latest_revision_created_at", "-pk"))
    states = open_workflow_states(pages)
    return [
        Submission(page, submission_status(page, states.get(page.pk)), page.latest_revision_created_at)
        for page in pages
    ]


class UserListingView(WagtailAdminTemplateMixin, TemplateView):
    """An admin page listing, as `rows` (workflow/user_listing.html), the pages `rows_for(user)` finds for its user."""

    rows_for = None

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=self.rows_for(self.request.user), **kwargs)


class TownshipSubmissionsView(UserListingView):
    page_title = "我的乡镇材料"
    header_icon = "tasks"
    template_name = "workflow/township_submissions.html"
    rows_for = staticmethod(township_submissions)
