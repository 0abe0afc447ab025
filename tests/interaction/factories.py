import datetime

import factory
from django.utils import timezone

from portal.interaction.models import Message


class MessageFactory(factory.django.DjangoModelFactory):
    """A new 留言 from the public."""

    class Meta:
        model = Message

    kind = Message.Kind.MESSAGE
    subject = factory.Sequence(lambda n: f"咨询事项{n}")
    body = "请问生育关怀救助怎么申请？"
    name = "张三丰"
    phone = "13812341234"
    email = "zhang@example.com"


class ErrorReportFactory(MessageFactory):
    kind = Message.Kind.ERROR_REPORT
    subject = ""
    error_kind = Message.ErrorKind.TYPO
    page_url = "/news/"
    body = "第二段“计生协”写成了“记生协”。"
    name = phone = email = ""


class PublishedMessageFactory(MessageFactory):
    """Answered, consented and shown on 留言选登."""

    consent_to_publish = True
    status = Message.Status.ANSWERED
    reply = "您好，请到户籍所在地的乡镇计生协登记申请。"
    replied_at = factory.LazyFunction(timezone.now)
    publish_reply = True


class OverdueMessageFactory(MessageFactory):
    submitted_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=20))
    due_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
