"""Demo 留言: a few answered and published (for 留言选登), one still open and one overdue error report, for the inbox.
Invented text, no real people; the names and numbers are placeholders."""

import datetime

from django.utils import timezone

from .models import Message

ZONE = timezone.get_default_timezone()

# (subject, question, reply, asked on, answered on)
PUBLISHED = [
    (
        "独生子女父母奖励怎么申请？",
        "我和爱人只有一个孩子，今年都满六十岁了。听说有独生子女父母奖励扶助，请问要准备哪些材料，到哪里办理？",
        "您好！符合条件的独生子女父母，可持户口簿、身份证和独生子女父母光荣证（或相关证明），到户籍所在地的乡镇"
        "（街道）卫生健康办或计生协登记申请，由村（社区）核实、乡镇审核后上报县级审批。具体条件和标准以当地最新政策为准，"
        "也可以拨打本网站底部的电话咨询。",
        "2026-10-13",
        "2026-10-16",
    ),
    (
        "社区能否开展青春期健康讲座？",
        "孩子上初二，最近情绪波动比较大，家长也不知道怎么沟通。请问计生协能不能到我们社区给家长和孩子讲一讲青春期健康？",
        "感谢您的建议！青春健康教育是计生协的常年工作。请您通过所在社区居委会向街道计生协提出需求，街道计生协会同"
        "志愿者讲师安排时间，一般每学期都可以组织一次面向家长和学生的讲座，讲座和咨询均免费。",
        "2026-11-02",
        "2026-11-05",
    ),
    (
        "计生特殊家庭的帮扶有哪些？",
        "我们村有一户计生特殊家庭，老人年纪大了，平时看病不方便。请问协会有哪些帮扶措施？",
        "谢谢您对特殊家庭的关心。各级计生协通过“生育关怀行动”为计生特殊家庭提供节日走访慰问、健康体检、家庭医生签约"
        "和就医绿色通道等帮扶，部分乡镇还安排了结对联系人。请告知村计生协会长，由其登记需求后报乡镇计生协跟进。",
        "2026-11-16",
        "2026-11-19",
    ),
]

OPEN = [
    (
        Message.Kind.MESSAGE,
        {
            "subject": "会员活动日可以报名当志愿者吗？",
            "body": "我是退休教师，想参加今年会员活动日的志愿服务，请问怎么报名？",
            "name": "王老师",
            "phone": "13800000000",
        },
    ),
    (
        Message.Kind.ERROR_REPORT,
        {
            "error_kind": Message.ErrorKind.BROKEN_LINK,
            "page_url": "/policies/",
            "body": "政策法规栏目里有一个附件下载后打不开，请核查。",
            "submitted_at": timezone.now() - datetime.timedelta(days=14),  # past its due date: the overdue report
        },
    ),
]


def at_nine(day):
    return datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(9), tzinfo=ZONE)


def load(home, city):
    for subject, question, reply, asked, answered in PUBLISHED:
        Message.objects.get_or_create(
            subject=subject,
            defaults={
                "kind": Message.Kind.MESSAGE,
                "body": question,
                "name": "（演示）",
                "consent_to_publish": True,
                "submitted_at": at_nine(asked),
                "status": Message.Status.ANSWERED,
                "reply": reply,
                "replied_at": at_nine(answered),
                "publish_reply": True,
            },
        )
    for kind, fields in OPEN:
        Message.objects.get_or_create(kind=kind, body=fields["body"], defaults=fields)
