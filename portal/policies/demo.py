"""Demo policy texts (政策法规): invented documents of invented bodies, 2024–2026. Original text, not real policy."""

import datetime
import hashlib

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.rich_text import RichText

from portal.core.demo import get_or_publish_child

from .models import DocType, IssuingAgency, PolicyAttachment, PolicyIndexPage, PolicyIssuer, PolicyPage, Validity

AGENCIES = {
    "市计生协": ("云溪市计划生育协会", "云计生协"),
    "市卫健委": ("云溪市卫生健康委员会", "云卫健"),
    "市民政局": ("云溪市民政局", "云民"),
    "市财政局": ("云溪市财政局", "云财"),
    "市妇联": ("云溪市妇女联合会", "云妇联"),
    "青溪县计生协": ("青溪县计划生育协会", "青计生协"),
    "梅岭区计生协": ("梅岭区计划生育协会", "梅计生协"),
    "白石县计生协": ("白石县计划生育协会", "白计生协"),
}


def section(number, heading, text=""):
    return ("section", number, heading, text)


def subsection(number, heading, text=""):
    return ("subsection", number, heading, text)


def chapter(number, heading):
    return ("chapter", number, heading, "")


def article(number, text):
    return ("article", number, "", text)


WORK_POINTS_BODY = [
    section(
        "一、", "总体要求", "围绕家庭发展和群众需求，突出生育关怀、健康促进和基层协会建设，做到任务到人、责任到岗。"
    ),
    section("二、", "重点任务"),
    subsection("(一)", "加强基层组织", "年内完成村级协会规范化建设年度任务，每个村(社区)协会至少开展四次会员活动。"),
    subsection("(二)", "做实生育关怀", "对计划生育特殊家庭做到节日必访、生病必探、困难必帮。"),
    subsection("(三)", "开展健康促进", "结合5·29会员活动日和世界人口日，组织义诊、讲座和咨询服务。"),
    section("三、", "工作要求", "各县(区)协会于每季度末报送工作进展，市计生协年底组织考核。"),
]

# key: (date, document number, issuers, doc type, subject, title, overview, body, options)
POLICIES = [
    (
        "2024-01",
        "2024-01-10",
        "云计生协发〔2024〕1号",
        ["市计生协"],
        DocType.NOTICE,
        "综合政务",
        "关于印发《云溪市计划生育协会2024年工作要点》的通知",
        "印发全市计生协2024年工作要点，明确基层组织建设、生育关怀和健康促进三项重点。",
        WORK_POINTS_BODY,
        {"effective": "2024-01-10"},
    ),
    (
        "2024-02",
        "2024-03-05",
        "云计生协发〔2024〕5号",
        ["市计生协"],
        DocType.MEASURES,
        "协会建设",
        "云溪市计划生育协会会员管理办法（试行）",
        "规定会员的条件、入会程序、权利义务和会员档案管理，试行一年。",
        [
            chapter("第一章", "总则"),
            article("第一条", "为规范会员管理，发挥会员在协会工作中的作用，制定本办法。"),
            article("第二条", "本办法适用于全市各级计划生育协会的个人会员。"),
            chapter("第二章", "入会和退会"),
            article("第三条", "年满十八周岁、承认协会章程、自愿参加协会活动的居民，可以申请入会。"),
            article("第四条", "申请入会的，向所在村(社区)协会提交申请，经理事会同意后登记发证。"),
            chapter("第三章", "附则"),
            article("第五条", "本办法由市计生协负责解释，自发布之日起试行。"),
        ],
        {"effective": "2024-03-05"},
    ),
    (
        "2024-03",
        "2024-03-20",
        "",
        ["市计生协"],
        DocType.INTERPRETATION,
        "协会建设",
        "《云溪市计划生育协会会员管理办法（试行）》解读",
        "用问答的方式说明试行办法出台的背景、适用范围和入会程序。",
        [
            section("一、", "为什么要制定这个办法", "过去各地会员登记标准不一，台账不全，需要统一规范。"),
            section("二、", "谁可以成为会员", "年满十八周岁、承认协会章程、愿意参加协会活动的居民都可以申请。"),
            section("三、", "怎样申请入会", "向所在村(社区)协会提出申请，填写登记表，理事会同意后发放会员证。"),
        ],
        {"interprets": "2024-02"},
    ),
    (
        "2024-04",
        "2024-04-15",
        "云计生协〔2024〕8号",
        ["市计生协", "市卫健委"],
        DocType.NOTICE,
        "宣传教育",
        "关于开展2024年“5·29会员活动日”宣传服务活动的通知",
        "市计生协与市卫健委联合部署会员活动日活动：主题宣传、健康义诊、走访慰问同步开展。",
        [
            section("一、", "活动主题", "关爱家庭健康，服务幸福生活。"),
            section("二、", "活动内容"),
            subsection("(一)", "集中宣传", "各县(区)在5月29日前后组织一次集中宣传服务活动。"),
            subsection("(二)", "健康服务", "协调医疗机构开展义诊和健康咨询。"),
            section("三、", "信息报送", "活动结束后五个工作日内报送活动情况和图片。"),
        ],
        {"effective": "2024-04-15"},
    ),
    (
        "2024-05",
        "2024-06-18",
        "云计生协发〔2024〕12号",
        ["市计生协"],
        DocType.PLAN,
        "生育关怀",
        "计划生育特殊家庭帮扶工作实施方案",
        "明确特殊家庭帮扶对象、联系人制度、走访频次和经费来源。",
        [
            section("一、", "帮扶对象", "辖区内登记在册的计划生育特殊家庭。"),
            section("二、", "帮扶措施"),
            subsection("(一)", "联系人制度", "每户确定一名村(社区)协会联系人，每季度至少上门一次。"),
            subsection("(二)", "节日慰问", "春节、中秋节前开展走访慰问。"),
            section("三、", "经费保障", "帮扶经费从生育关怀专项资金中列支。"),
        ],
        {"effective": "2024-07-01"},
    ),
    (
        "2024-06",
        "2024-08-30",
        "云计生协〔2024〕15号",
        ["市计生协", "市民政局"],
        DocType.OPINION,
        "协会建设",
        "关于加强村级计生协会会员之家建设的意见",
        "提出会员之家的场地、设施、制度和活动四项标准，鼓励与村级综合服务设施共建共用。",
        [
            section("一、", "建设标准", "有固定场地、有基本设施、有管理制度、有经常性活动。"),
            section("二、", "共建共用", "会员之家可以设在村级综合服务中心内，与其他群众活动场所统筹使用。"),
            section("三、", "组织保障", "乡镇(街道)协会负责指导，县级协会每年抽查。"),
        ],
        {"effective": "2024-09-01"},
    ),
    (
        "2024-07",
        "2024-10-12",
        "云计生协发〔2024〕19号",
        ["市计生协"],
        DocType.DETAILED_RULES,
        "协会建设",
        "基层计生协会工作考核细则",
        "规定县(区)、乡镇(街道)协会年度考核的项目、分值和方法，附评分表。",
        [
            chapter("第一章", "考核内容"),
            article("第一条", "考核内容包括组织建设、宣传教育、生育关怀、健康服务和信息报送五项。"),
            article("第二条", "考核实行百分制，各项分值见附件评分表。"),
            chapter("第二章", "考核方法"),
            article("第三条", "考核采取听取汇报、查阅台账和实地抽查相结合的方式。"),
            article("第四条", "考核结果分为优秀、良好、合格和不合格四个等次。"),
        ],
        {"effective": "2024-11-01", "attachments": [("附件：基层协会年度考核评分表", "csv")]},
    ),
    (
        "2024-08",
        "2024-11-20",
        "云计生协〔2024〕22号",
        ["市计生协"],
        DocType.DECISION,
        "协会建设",
        "关于表彰2024年度示范村(社区)计生协会的决定",
        "对年度工作成绩突出的村(社区)协会予以表彰，并提出学习推广要求。",
        [
            section("一、", "表彰名单", "桃源村、竹林村、青山村等村(社区)计生协会被评为年度示范协会。"),
            section("二、", "工作要求", "各地要学习示范协会的经验，推动基层协会整体提升。"),
        ],
        {},
    ),
    (
        "2025-01",
        "2025-01-08",
        "云计生协发〔2025〕1号",
        ["市计生协"],
        DocType.NOTICE,
        "综合政务",
        "关于印发《云溪市计划生育协会2025年工作要点》的通知",
        "印发2025年工作要点，在上年基础上增加青春健康教育和流动人口服务两项任务。",
        WORK_POINTS_BODY[:4]
        + [
            subsection("(三)", "推进青春健康教育", "每个县(区)至少建立两所青春健康教育基地学校。"),
            subsection("(四)", "做好流动人口服务", "在流动人口较多的街道建立流动人口计生协会。"),
            WORK_POINTS_BODY[-1],
        ],
        {"effective": "2025-01-08", "replaces": ("2024-01", Validity.EXPIRED, "2024-12-31")},
    ),
    (
        "2025-02",
        "2025-03-18",
        "云计生协发〔2025〕4号",
        ["市计生协"],
        DocType.MEASURES,
        "协会建设",
        "云溪市计划生育协会会员管理办法",
        "在一年试行基础上修订形成，增加会员退会和会员档案电子化的规定。",
        [
            chapter("第一章", "总则"),
            article("第一条", "为规范会员管理，制定本办法。"),
            article("第二条", "本办法适用于全市各级计划生育协会的个人会员。"),
            chapter("第二章", "入会和退会"),
            article("第三条", "年满十八周岁、承认协会章程、自愿参加协会活动的居民，可以申请入会。"),
            article("第四条", "会员可以书面申请退会；连续两年不参加活动的，经提醒后视为自动退会。"),
            chapter("第三章", "会员档案"),
            article("第五条", "会员档案实行电子化管理，由乡镇(街道)协会统一录入和更新。"),
            chapter("第四章", "附则"),
            article("第六条", "本办法自2025年4月1日起施行。"),
        ],
        {
            "effective": "2025-04-01",
            "replaces": ("2024-02", Validity.REPEALED, "2025-04-01"),
            "attachments": [("附件：会员入会申请表", "txt")],
        },
    ),
    (
        "2025-03",
        "2025-03-25",
        "",
        ["市计生协"],
        DocType.INTERPRETATION,
        "协会建设",
        "《云溪市计划生育协会会员管理办法》解读",
        "说明正式办法与试行办法相比的三处主要变化。",
        [
            section("一、", "增加了退会规定", "会员可以申请退会，长期不参加活动的会员经提醒后视为自动退会。"),
            section("二、", "会员档案电子化", "档案由乡镇(街道)协会统一录入，村级协会不再另建纸质台账。"),
            section("三、", "施行时间", "办法自2025年4月1日起施行，试行办法同时废止。"),
        ],
        {"interprets": "2025-02"},
    ),
    (
        "2025-04",
        "2025-05-06",
        "云计生协〔2025〕9号",
        ["市计生协", "市卫健委", "市民政局"],
        DocType.PLAN,
        "生育关怀",
        "计划生育特殊家庭帮扶工作实施方案（2025年修订）",
        "三部门联合修订帮扶方案：增加就医绿色通道和家庭医生签约服务。",
        [
            section("一、", "帮扶对象", "辖区内登记在册的计划生育特殊家庭。"),
            section("二、", "帮扶措施"),
            subsection("(一)", "联系人制度", "每户确定一名联系人，每季度至少上门一次。"),
            subsection("(二)", "就医绿色通道", "二级以上医疗机构为帮扶对象提供优先挂号和陪诊服务。"),
            subsection("(三)", "家庭医生签约", "帮扶对象家庭医生签约实现应签尽签。"),
            section("三、", "部门分工", "协会负责联系走访，卫健部门负责医疗服务，民政部门负责救助衔接。"),
        ],
        {"effective": "2025-06-01", "replaces": ("2024-05", Validity.AMENDED, None)},
    ),
    (
        "2025-05",
        "2025-05-12",
        "",
        ["市计生协"],
        DocType.INTERPRETATION,
        "生育关怀",
        "图解：特殊家庭帮扶方案修订了什么",
        "用三个问题说明修订后的帮扶方案新增的服务内容。",
        [
            section("一、", "新增了哪些服务", "就医绿色通道和家庭医生签约服务。"),
            section("二、", "由谁负责", "协会联系走访，卫健部门提供医疗服务，民政部门做好救助衔接。"),
            section("三、", "什么时候开始", "2025年6月1日起执行。"),
        ],
        {"interprets": "2025-04"},
    ),
    (
        "2025-06",
        "2025-07-02",
        "青计生协〔2025〕6号",
        ["青溪县计生协"],
        DocType.NOTICE,
        "青春健康",
        "关于开展青春健康教育进校园活动的通知",
        "青溪县计生协部署新学年青春健康教育进校园活动，明确课时、师资和安全要求。",
        [
            section("一、", "活动对象", "全县初中一、二年级学生。"),
            section("二、", "活动安排", "每所学校每学期安排不少于两课时，由经过培训的主持人授课。"),
            section("三、", "工作要求", "活动内容事先报学校审核，注意保护学生隐私。"),
        ],
        {"effective": "2025-09-01"},
    ),
    (
        "2025-07",
        "2025-09-10",
        "云计生协〔2025〕14号",
        ["市计生协", "市财政局"],
        DocType.MEASURES,
        "财务管理",
        "生育关怀专项资金管理办法",
        "规定生育关怀专项资金的来源、使用范围、审批程序和监督检查。",
        [
            chapter("第一章", "总则"),
            article("第一条", "为管好用好生育关怀专项资金，制定本办法。"),
            chapter("第二章", "使用范围"),
            article("第二条", "专项资金用于特殊家庭帮扶、困难家庭救助和健康服务项目。"),
            article("第三条", "专项资金不得用于发放工作人员补贴和购置公务用车。"),
            chapter("第三章", "监督检查"),
            article("第四条", "资金使用情况每年公开一次，接受会员和群众监督。"),
        ],
        {"effective": "2025-10-01", "attachments": [("附件：专项资金使用申请表", "txt")]},
    ),
    (
        "2026-01",
        "2026-01-06",
        "云计生协发〔2026〕1号",
        ["市计生协"],
        DocType.NOTICE,
        "综合政务",
        "关于印发《云溪市计划生育协会2026年工作要点》的通知",
        "印发2026年工作要点，重点推进会员之家提质和家庭健康服务。",
        WORK_POINTS_BODY,
        {"effective": "2026-01-06", "replaces": ("2025-01", Validity.EXPIRED, "2025-12-31")},
    ),
    (
        "2026-02",
        "2026-01-20",
        "",
        ["市计生协"],
        DocType.INTERPRETATION,
        "综合政务",
        "一图读懂2026年工作要点",
        "概括2026年工作要点的三项重点任务和考核安排。",
        [
            section("一、", "三项重点", "基层组织、生育关怀、健康促进。"),
            section("二、", "怎样考核", "每季度报送进展，年底统一考核。"),
        ],
        {"interprets": "2026-01"},
    ),
    (
        "2026-03",
        "2026-03-02",
        "梅计生协〔2026〕3号",
        ["梅岭区计生协"],
        DocType.RULES,
        "流动人口",
        "梅岭区流动人口计生协会服务工作规定",
        "规定流动人口计生协会的服务内容、服务时间和信息登记要求。",
        [
            article("第一条", "流动人口计生协会为辖区流动人口提供政策咨询、健康讲座和子女入学信息服务。"),
            article("第二条", "服务点每周至少开放两个半天，节假日前后适当延长。"),
            article("第三条", "服务登记只记录服务所需信息，不得收集与服务无关的个人信息。"),
        ],
        {"effective": "2026-04-01"},
    ),
    (
        "2026-04",
        "2026-05-15",
        "白计生协〔2026〕 号",
        ["白石县计生协"],
        DocType.CHARTER,
        "协会建设",
        "白石县计划生育协会章程（2026年修订）",
        "县计生协会员代表大会通过的章程修订稿。文号待县计生协办公室核定。",
        [
            chapter("第一章", "总则"),
            article("第一条", "本会是在县委领导下、由会员组成的群众团体。"),
            chapter("第二章", "会员"),
            article("第二条", "承认本章程、愿意参加本会活动的个人，可以申请成为会员。"),
            chapter("第三章", "组织机构"),
            article("第三条", "本会的最高权力机构是会员代表大会，每五年召开一次。"),
        ],
        {"effective": "2026-05-15"},
    ),
]


def clause_body(clauses):
    return [
        (
            "clause",
            {"level": level, "number": number, "heading": heading, "text": RichText(f"<p>{text}</p>" if text else "")},
        )
        for level, number, heading, text in clauses
    ]


def load_agencies():
    agencies = {}
    for key, (name, code) in AGENCIES.items():
        agencies[key], _created = IssuingAgency.objects.get_or_create(name=name, defaults={"code": code})
    return agencies


def attachment_document(title, extension):
    """A small generated file, saved once per title."""
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    if extension == "csv":
        content = "项目,分值\n组织建设,30\n宣传教育,20\n生育关怀,20\n健康服务,20\n信息报送,10\n"
    else:
        content = f"{title}\n\n（演示附件，内容为虚构）\n姓名：\n单位：\n联系电话：\n申请事项：\n"
    return Document.objects.create(
        title=title,
        file=ContentFile(
            content.encode("utf-8"), name=f"demo-{hashlib.sha1(title.encode()).hexdigest()[:10]}.{extension}"
        ),
    )


def build_page(
    serial, key, day, number, issuers, doc_type, subject, title, overview, clauses, options, agencies, pages
):
    published = datetime.date.fromisoformat(day)
    page = PolicyPage(
        title=title,
        slug=f"policy-{key}",
        date=published,
        written_date=published - datetime.timedelta(days=2),
        effective_date=datetime.date.fromisoformat(options["effective"]) if "effective" in options else None,
        index_number=f"YXJSX-{published.year}-{serial:05d}",
        document_number=number,
        doc_type=doc_type,
        subject=subject,
        summary=overview[:120],
        overview=overview,
        body=clause_body(clauses),
        interprets=pages.get(options.get("interprets")),
    )
    page.issuers = [
        PolicyIssuer(agency=agencies[name], name=agencies[name].name, sort_order=order)
        for order, name in enumerate(issuers)
    ]
    page.attachments = [
        PolicyAttachment(document=attachment_document(name, extension), sort_order=order)
        for order, (name, extension) in enumerate(options.get("attachments", []))
    ]
    return page


def mark_replaced(old, new, validity, repealed_on):
    """The older text is amended, repealed or expired by `new`; republished once."""
    if old.replaced_by_id == new.pk:
        return
    old.validity = validity
    old.replaced_by = new
    old.repealed_date = datetime.date.fromisoformat(repealed_on) if repealed_on else None
    old.save_revision().publish()


def load(home, city):
    """≥ 15 policy texts under /policies/, 2024–2026: joint issuance, 解读, amended/repealed/expired texts, 附件."""
    agencies = load_agencies()
    index = get_or_publish_child(
        home,
        PolicyIndexPage(
            title="政策法规",
            slug="policies",
            show_in_menus=True,
            intro="市、县(区)计生协及有关部门发布的文件和政策解读（演示内容，均为虚构）。",
        ),
    )
    pages = {}
    for serial, (key, *fields, options) in enumerate(POLICIES, start=1):
        page = get_or_publish_child(index, build_page(serial, key, *fields, options, agencies, pages))
        pages[key] = page
        if "replaces" in options:
            old_key, validity, repealed_on = options["replaces"]
            mark_replaced(pages[old_key], page, validity, repealed_on)
    return index
