"""留言 (interaction.toml): answered messages shown on 留言选登, an open message and an overdue report, and the
节假日安排 their due dates count by."""

import datetime

from django.utils import timezone

from portal.interaction.models import Message
from tests.core.factories import HolidayFactory
from tests.interaction.factories import ErrorReportFactory, MessageFactory, PublishedMessageFactory

from .build import read

OPEN_FACTORIES = {Message.Kind.MESSAGE: MessageFactory, Message.Kind.ERROR_REPORT: ErrorReportFactory}


def at_nine(day):
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=timezone.get_default_timezone())


def load_messages():
    data = read("interaction")
    for fields in data["holidays"]:
        HolidayFactory(**fields)
    for item in data["published"]:
        if not Message.objects.filter(subject=item["subject"]).exists():
            PublishedMessageFactory(
                subject=item["subject"],
                body=item["question"],
                name="（演示）",
                phone="",
                email="",
                submitted_at=at_nine(item["asked"]),
                reply=item["reply"],
                replied_at=at_nine(item["answered"]),
            )
    for item in data["open"]:
        fields = dict(item)
        kind = fields.pop("kind")
        if "overdue_days" in fields:
            fields["submitted_at"] = timezone.now() - datetime.timedelta(days=fields.pop("overdue_days"))
        if not Message.objects.filter(kind=kind, body=fields["body"]).exists():
            OPEN_FACTORIES[kind](email="", **fields)
