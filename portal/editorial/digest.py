"""The weekly e-mail of overdue sections, one message per person responsible, at most once per calendar week."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from .freshness import overdue_by_recipient
from .models import FreshnessDigest


def week_start(day):
    return day - datetime.timedelta(days=day.weekday())


def message_for(user, sections):
    lines = [f"{user.get_full_name() or user.get_username()}，您好：", "", "以下栏目超过更新期限没有发布新内容："]
    for section in sections:
        since = f"已 {section.days_since} 天未更新" if section.days_since is not None else "从未发布"
        lines.append(
            f"- {section.title}（{section.kind.label}）：最近发布 {section.last_published_label}，{since}，"
            f"期限 {section.threshold_days} 天"
        )
    lines += ["", f"栏目更新监测：{settings.WAGTAILADMIN_BASE_URL}{reverse('editorial_freshness')}"]
    return EmailMessage(f"【栏目更新周报】{len(sections)} 个栏目需要更新", "\n".join(lines), to=[user.email])


def send_weekly_digest(today=None):
    """Send this week's digest unless it went out already. Returns the number of messages sent, or None if the
    week's digest had been sent."""
    today = today or timezone.localdate()
    monday = week_start(today)
    if FreshnessDigest.objects.filter(week_start=monday).exists():
        return None
    messages = [message_for(user, sections) for user, sections in overdue_by_recipient(today).items()]
    get_connection().send_messages(messages)
    try:
        with transaction.atomic():
            FreshnessDigest.objects.create(week_start=monday, recipients=len(messages))
    except IntegrityError:  # another runner without the lock; the unique week keeps one row
        pass
    return len(messages)
