"""留言咨询 and 我为网站找错: what the public sends, and how the association answers it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from portal.core.fields import optional_link
from portal.core.workdays import add_working_days, holiday_calendar

REPLY_WORKING_DAYS = 5  # default for settings.INTERACTION_REPLY_WORKING_DAYS


def reply_working_days():
    return getattr(settings, "INTERACTION_REPLY_WORKING_DAYS", REPLY_WORKING_DAYS)


class MessageQuerySet(models.QuerySet):
    def published(self):
        """The answered 留言 the association chose to show on 留言选登, with the writer's consent."""
        return self.filter(
            kind=Message.Kind.MESSAGE,
            status=Message.Status.ANSWERED,
            publish_reply=True,
            consent_to_publish=True,
        ).exclude(reply="")

    def open(self):
        return self.filter(status__in=[Message.Status.NEW, Message.Status.IN_PROGRESS])

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Message(models.Model):
    class Kind(models.TextChoices):
        MESSAGE = "message", "留言咨询"
        ERROR_REPORT = "error", "网站找错"

    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.MESSAGE)
    subject = models.CharField("主题", max_length=60, blank=True)
    body = models.TextField("内容", max_length=2000)

    class ErrorKind(models.TextChoices):
        TYPO = "typo", "错别字"
        OUTDATED = "outdated", "内容过时"
        BROKEN_LINK = "broken_link", "链接错误"
        OTHER = "other", "其他"

    error_kind = models.CharField("错误类型", max_length=20, choices=ErrorKind.choices, blank=True)
    page_url = models.CharField("出错网页", max_length=500, blank=True)
    name = models.CharField("姓名", max_length=30, blank=True)
    phone = models.CharField("电话", max_length=20, blank=True)
    email = models.EmailField("电子邮箱", max_length=254, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True, help_text="找错时留下的电话或邮箱")
    consent_to_publish = models.BooleanField(
        "同意公开", default=False, help_text="留言人同意在“留言选登”公开问题和答复"
    )
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)

    class Status(models.TextChoices):
        NEW = "new", "新"
        IN_PROGRESS = "in_progress", "处理中"
        ANSWERED = "answered", "已答复"
        REJECTED = "rejected", "不予处理"

    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.NEW)
    assignee = optional_link(
        settings.AUTH_USER_MODEL, "承办人", related_name="assigned_messages", help_text="指定后系统给承办人发邮件"
    )
    due_date = models.DateField(
        "答复期限",
        blank=True,
        null=True,
        help_text="提交时按规定的工作日数（默认 5 个）和“节假日安排”自动算出，可以手动改",
    )
    reply = models.TextField("答复内容", max_length=4000, blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    publish_reply = models.BooleanField(
        "在“留言选登”公开", default=False, help_text="公开问题和答复，不公开姓名、电话和邮箱"
    )
    note = models.TextField("内部备注", max_length=2000, blank=True, help_text="只在后台显示")

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "留言与找错"
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.title}"

    def save(self, *args, **kwargs):
        if self.due_date is None:
            submitted = timezone.localdate(self.submitted_at)
            self.due_date = add_working_days(submitted, reply_working_days(), holiday_calendar(submitted))
        if self.status == self.Status.ANSWERED and self.replied_at is None:
            self.replied_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def title(self):
        if self.subject:
            return self.subject
        if self.kind == self.Kind.ERROR_REPORT:
            return f"{self.get_error_kind_display() or '网页错误'}：{self.body[:24]}"
        return self.body[:30]

    @property
    def is_public(self):
        return (
            self.kind == self.Kind.MESSAGE
            and self.status == self.Status.ANSWERED
            and self.publish_reply
            and self.consent_to_publish
            and bool(self.reply)
        )

    @property
    def is_overdue(self):
        open_statuses = (self.Status.NEW, self.Status.IN_PROGRESS)
        return self.status in open_statuses and self.due_date is not None and self.due_date < timezone.localdate()

    def clean(self):
        errors = {}
        if self.status == self.Status.ANSWERED and not self.reply.strip():
            errors["reply"] = "状态为“已答复”时须填写答复内容。"
        if self.publish_reply:
            if self.kind != self.Kind.MESSAGE:
                errors["publish_reply"] = "只有留言咨询可以在“留言选登”公开，找错不公开。"
            elif not self.consent_to_publish:
                errors["publish_reply"] = "留言人没有同意公开，不能选登。"
            elif self.status != self.Status.ANSWERED:
                errors["publish_reply"] = "答复后（状态为“已答复”）才能公开。"
        if errors:
            raise ValidationError(errors)
