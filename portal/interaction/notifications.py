"""Email to the person a message is given to (承办人)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from portal.core.templatetags.portal_tags import cn_date
from portal.workflow.feedback import display_name

logger = logging.getLogger(__name__)


def notify_assignee(message):
    user = message.assignee
    if user is None or not user.email:
        logger.info("留言 #%s 的承办人没有邮箱，未发通知", message.pk)
        return
    context = {
        "message": message,
        "assignee_name": display_name(user),
        "due": cn_date(message.due_date),
        "edit_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("inbox:edit", args=[message.pk]),
    }
    subject = f"【待办】请办理{message.get_kind_display()}：{message.title}"[:120]
    body = render_to_string("interaction/assigned_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=False)
