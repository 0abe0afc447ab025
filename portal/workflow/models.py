from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models
from wagtail.models import AbstractGroupApprovalTask, Collection

from portal.core.fields import optional_link

from .guards import publish_blockers


class ReviewTask(AbstractGroupApprovalTask):
    """A group approval step that nobody may approve for their own submission (after ONS's GroupReviewTask), nor
    while the page has content that may not be published (an experience material's unconfirmed figures): what would
    block publishing blocks every step, so no reviewer passes on rows nobody has checked."""

    class Meta:
        verbose_name = verbose_name_plural = "审核步骤"

    @classmethod
    def get_description(cls):
        return "所选用户组的成员可以通过或退回；提交人不能审核通过自己提交的内容"

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if self.submitted_by(obj, user) or publish_blockers(obj):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def start(self, workflow_state, user=None):
        """Begin at the earliest step that has not approved the page as it is now. Approvals count only for the
        revision they were given (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT), so a material changed after 县级审核
        approved it, e.g. resubmitted after the city sent it back, goes to 县级审核 again before 市级发布."""
        earliest = workflow_state.get_next_task()
        if earliest is not None and earliest.pk != self.pk:
            return earliest.specific.start(workflow_state, user=user)
        return super().start(workflow_state, user=user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            obj = task_state.workflow_state.content_object
            if self.submitted_by(obj, user):
                raise PermissionDenied("不能审核通过自己提交的内容")
            if blockers := publish_blockers(obj):
                raise PermissionDenied("；".join(blockers))
            self.approve_own_edits(task_state, obj, user)
        return super().on_action(task_state, user, action_name, **kwargs)

    @staticmethod
    def approve_own_edits(task_state, obj, user):
        """A reviewer who corrects the page and approves it approves what they wrote: the approval is for their
        revision, not the one the step started on (which would send the page back to this step, where they may not
        approve their own revision). After anyone else's edit the approval stays on the older revision."""
        latest = obj.get_latest_revision()
        if latest.user_id == user.pk and task_state.revision_id != latest.pk:
            task_state.revision = latest
            task_state.save(update_fields=["revision"])

    @staticmethod
    def submitted_by(obj, user):
        """True if `user` started the review in progress on `obj` or wrote the revision under review."""
        workflow_state = obj.current_workflow_state
        if workflow_state is None:
            return False
        submitters = {workflow_state.requested_by_id}
        task_state = workflow_state.current_task_state
        if task_state is not None and task_state.revision_id:
            submitters.add(task_state.revision.user_id)
        return user.pk in submitters


class UnitGroup(models.Model):
    """The user group (and, for a township, the media collection) that `setup_portal` made for one OrgUnit."""

    class Role(models.TextChoices):
        REVIEWER = "reviewer", "县级审核员"
        SUBMITTER = "submitter", "乡镇提交员"

    orgunit = models.ForeignKey("core.OrgUnit", verbose_name="单位", on_delete=models.CASCADE, related_name="+")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    group = models.OneToOneField(Group, verbose_name="用户组", on_delete=models.CASCADE, related_name="unit_role")
    collection = optional_link(Collection, "图片和文档集合")

    class Meta:
        verbose_name = verbose_name_plural = "单位用户组"
        constraints = [models.UniqueConstraint(fields=["orgunit", "role"], name="unique_unit_role")]

    def __str__(self):
        return f"{self.orgunit.label}（{self.get_role_display()}）"


class JobLock(models.Model):
    """Who runs a periodic job now, on databases without advisory locks (SQLite); see portal/workflow/jobs.py."""

    name = models.CharField("任务", max_length=60, primary_key=True)
    holder = models.CharField("运行者", max_length=120)
    expires_at = models.DateTimeField("过期时间")

    class Meta:
        verbose_name = verbose_name_plural = "定时任务锁"

    def __str__(self):
        return f"{self.name}（{self.holder}）"
