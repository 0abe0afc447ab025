"""Demo activity reports (活动报道): original, invented text about the demo townships, 2024–2026. Not real reports."""

import datetime
from decimal import Decimal

from portal.core.demo import demo_image, get_or_publish_child, load_campaigns, paragraphs
from portal.core.models import OrgUnit

from .models import (
    ActivityImage,
    ActivityIndexPage,
    ActivityMaterial,
    ActivityOrganiser,
    ActivityReportPage,
    ActivityService,
    ActivityTownshipPage,
)

# Each report: where it is filed (a township code gets a folder; a county or city code files it under the index),
# then its facts. Organisers are (name, role); services (kind, count, unit); materials (item, quantity, unit).
REPORTS = [
    {
        "code": "qingxi-baishui",
        "title": "白水镇“5·29”会员活动日宣传服务活动",
        "campaign": "5·29会员活动日",
        "start": "2024-05-29",
        "place": "白水镇集镇广场",
        "organisers": [("白水镇计生协", "主办"), ("白水镇卫生院", "协办")],
        "participants": (620, "人次"),
        "services": [("义诊", 180, "人次"), ("咨询", 240, "人次")],
        "materials": [("宣传资料", 1500, "份"), ("健康手册", 300, "本")],
        "funds": "4800",
        "text": "活动现场设置了政策咨询、健康义诊和会员登记三个服务台，镇计生协会员和卫生院医生一起为赶集群众服务。",
    },
    {
        "code": "meiling-longtan",
        "title": "龙潭镇暑期留守儿童关爱课堂",
        "campaign": None,
        "start": "2024-07-15",
        "end": "2024-07-26",
        "place": "龙潭镇潭头村会员之家",
        "organisers": [("龙潭镇计生协", "主办"), ("潭头村计生协会", "承办")],
        "participants": (46, "人"),
        "services": [("讲座", 6, "场"), ("培训", 10, "次")],
        "materials": [("学习用品", 46, "套")],
        "funds": "3200",
        "text": "课堂连续开设两周，志愿者每天上午辅导作业，下午安排安全教育、手工和体育游戏。",
    },
    {
        "code": "baishi",
        "title": "白石县世界人口日集中宣传活动",
        "campaign": "7·11世界人口日",
        "start": "2024-07-11",
        "place": "白石县新城街道文化广场",
        "organisers": [("白石县计生协", "主办"), ("白石县卫生健康局", "协办"), ("新城街道计生协", "承办")],
        "participants": (900, "人次"),
        "services": [("咨询", 320, "人次"), ("义诊", 150, "人次")],
        "materials": [("宣传折页", 2600, "份"), ("环保购物袋", 500, "个")],
        "funds": "8600",
        "text": "现场布置展板20块，介绍人口发展形势和家庭支持政策，县人民医院派出医生开展义诊。",
    },
    {
        "code": "baishi-hekou",
        "title": "河口镇计生特殊家庭健康体检",
        "campaign": "生育关怀行动",
        "start": "2024-10-28",
        "end": "2024-10-30",
        "place": "河口镇卫生院",
        "organisers": [("河口镇计生协", "主办"), ("河口镇卫生院", "承办")],
        "participants": (58, "人"),
        "services": [("体检", 58, "人次"), ("咨询", 58, "人次")],
        "materials": [],
        "funds": "11600",
        "text": "体检分三天进行，镇计生协安排车辆接送行动不便的老人，体检结果由家庭医生上门解读。",
    },
    {
        "code": "meiling-jinsha",
        "title": "金沙镇婚育新风文艺巡演",
        "campaign": "婚育新风进万家",
        "start": "2024-11-18",
        "end": "2024-11-20",
        "place": "金沙镇沙洲村等三个村",
        "organisers": [("金沙镇计生协", "主办"), ("金沙镇文化站", "协办")],
        "participants": (820, "人次"),
        "services": [("文艺演出", 3, "场")],
        "materials": [("宣传资料", 900, "份")],
        "funds": "6000",
        "text": "文艺小分队自编自演快板、小品和三句半，把移风易俗、婚育新风的道理讲进村民心里。",
    },
    {
        "code": "meiling-yangliu",
        "title": "杨柳街道新春走访慰问困难家庭",
        "campaign": "新春走访慰问",
        "start": "2025-01-20",
        "end": "2025-01-24",
        "place": "杨柳街道各社区",
        "organisers": [("杨柳街道计生协", "主办")],
        "participants": (52, "人次"),
        "services": [("入户走访", 35, "户")],
        "materials": [("慰问品", 35, "份"), ("春联", 70, "副")],
        "funds": "17500",
        "text": "街道计生协分四组入户，每户送去慰问金500元和节日物品，并登记了各户的困难和需求。",
    },
    {
        "code": "qingxi-liushu",
        "title": "柳树乡村级协会骨干培训班",
        "campaign": None,
        "start": "2025-04-08",
        "end": "2025-04-09",
        "place": "柳树乡政府会议室",
        "organisers": [("柳树乡计生协", "主办")],
        "participants": (45, "人"),
        "services": [("培训", 4, "场")],
        "materials": [("培训手册", 45, "本")],
        "funds": "2700",
        "text": "培训班邀请县计生协业务骨干授课，第二天安排学员到溪口村观摩会员之家和活动台账。",
    },
    {
        "code": "baishi-meihua",
        "title": "梅花乡会员活动日义诊进梅坞村",
        "campaign": "5·29会员活动日",
        "start": "2025-05-29",
        "place": "梅花乡梅坞村村委会",
        "organisers": [("梅花乡计生协", "主办"), ("梅花乡卫生院", "协办"), ("梅坞村计生协会", "承办")],
        "participants": (260, "人次"),
        "services": [("义诊", 140, "人次"), ("体检", 60, "人次"), ("咨询", 60, "人次")],
        "materials": [("常用药品", 120, "盒"), ("宣传资料", 400, "份")],
        "funds": "3900",
        "text": "医生为村民测量血压、血糖，讲解慢性病用药，协会志愿者帮助行动不便的老人登记和取药。",
    },
    {
        "code": "yunxi",
        "title": "全市世界人口日同步宣传活动",
        "campaign": "7·11世界人口日",
        "start": "2025-07-11",
        "place": "全市36个宣传点",
        "organisers": [("云溪市计生协", "主办"), ("各县(区)计生协", "承办")],
        "participants": (5200, "人次"),
        "services": [("咨询", 2100, "人次"), ("义诊", 860, "人次")],
        "materials": [("宣传资料", 12000, "份"), ("宣传品", 3000, "件")],
        "funds": "42000",
        "text": "市计生协统一设计宣传材料，各县(区)在同一天开展宣传，活动情况当天汇总上报。",
    },
    {
        "code": "qingxi-huayuan",
        "title": "花园镇生育关怀入户走访",
        "campaign": "生育关怀行动",
        "start": "2025-09-15",
        "end": "2025-09-19",
        "place": "花园镇竹林村等",
        "organisers": [("花园镇计生协", "主办"), ("竹林村计生协会", "协办")],
        "participants": (40, "人次"),
        "services": [("入户走访", 28, "户"), ("咨询", 28, "人次")],
        "materials": [],
        "funds": None,
        "text": "走访中逐户核实家庭情况和帮扶需求，为符合条件的11户家庭申报了生育关怀救助金。",
    },
    {
        "code": "meiling-fenghuang",
        "title": "凤鸣社区婚育新风主题讲座",
        "campaign": "婚育新风进万家",
        "start": "2025-10-22",
        "place": "凤凰街道凤鸣社区活动中心",
        "organisers": [("凤凰街道计生协", "主办"), ("凤鸣社区计生协会", "承办")],
        "participants": (85, "人"),
        "services": [("讲座", 1, "场"), ("咨询", 30, "人次")],
        "materials": [("宣传折页", 200, "份")],
        "funds": "1500",
        "text": "讲座以案例分享为主，咨询师结合社区青年关心的问题，讲解婚恋观念和家庭沟通的方法。",
    },
    {
        "code": "qingxi",
        "title": "青溪县新春走访慰问启动仪式",
        "campaign": "新春走访慰问",
        "start": "2026-01-15",
        "place": "青溪县计生协",
        "organisers": [("青溪县计生协", "主办")],
        "participants": (260, "人次"),
        "services": [("入户走访", 120, "户")],
        "materials": [("慰问品", 120, "份")],
        "funds": "60000",
        "text": "启动仪式后，县、乡、村三级协会分12个小组出发，在春节前完成全部走访。",
    },
    {
        "code": "meiling",
        "title": "全市会员活动日主题活动",
        "campaign": "5·29会员活动日",
        "start": "2026-05-29",
        "place": "梅岭区凤凰广场",
        "organisers": [("云溪市计生协", "主办"), ("梅岭区计生协", "承办"), ("凤凰街道计生协", "协办")],
        "participants": (1300, "人次"),
        "services": [("义诊", 420, "人次"), ("咨询", 510, "人次"), ("文艺演出", 1, "场")],
        "materials": [("宣传资料", 3500, "份"), ("健康手册", 800, "本")],
        "funds": "25800",
        "text": "活动表彰了优秀会员和志愿者，随后开展义诊咨询和家庭健康趣味游戏，吸引大批市民参与。",
    },
    {
        "code": "baishi-xincheng",
        "title": "新城街道青年志愿者周末课堂",
        "campaign": None,
        "start": "2026-09-05",
        "end": "2026-10-31",
        "place": "新城街道和平社区",
        "organisers": [("新城街道计生协", "主办"), ("和平社区计生协会", "承办")],
        "participants": (640, "人次"),
        "services": [("讲座", 9, "场"), ("培训", 9, "次")],
        "materials": [("学习用品", 150, "套")],
        "funds": "5400",
        "text": "周末课堂每周六开课，青年志愿者为社区儿童辅导功课，并开展青春健康和安全教育。",
    },
]


def load(home, city):
    """≥ 12 activity reports under /activities/: township folders for township reports, the rest under the index."""
    campaigns = load_campaigns()
    units = {unit.code: unit for unit in OrgUnit.objects.all()}
    index = get_or_publish_child(
        home,
        ActivityIndexPage(
            title="活动报道",
            slug="activities",
            show_in_menus=True,
            intro="各级计生协开展的宣传服务、生育关怀和志愿服务活动（演示内容，均为虚构）。",
        ),
    )
    for number, report in enumerate(REPORTS, start=1):
        unit = units[report["code"]]
        parent = township_folder(index, unit) if unit.level == OrgUnit.Level.TOWNSHIP else index
        get_or_publish_child(parent, report_page(number, report, unit, campaigns))
    return index


def township_folder(index, unit):
    return get_or_publish_child(
        index, ActivityTownshipPage(title=f"{unit.label}活动", slug=unit.code, orgunit=unit, intro="")
    )


def report_page(number, report, unit, campaigns):
    start = datetime.date.fromisoformat(report["start"])
    end = datetime.date.fromisoformat(report["end"]) if "end" in report else None
    participants, participants_unit = report["participants"]
    image = demo_image(f"活动报道配图{number % 6 + 1}（演示）", size=(960, 640))
    return ActivityReportPage(
        title=report["title"],
        slug=f"report-{number:03d}",
        date=end or start,
        summary=report["text"][:120],
        orgunit=unit,
        listing_image=image,
        activity_name=report["title"],
        campaign=campaigns.get(report["campaign"]),
        start_date=start,
        end_date=end,
        place=report["place"],
        participants=participants,
        participants_unit=participants_unit,
        funds=Decimal(report["funds"]) if report["funds"] else None,
        body=paragraphs(report["text"]),
        organisers=[ActivityOrganiser(name=name, role=role) for name, role in report["organisers"]],
        services=[ActivityService(kind=kind, count=count, unit=measure) for kind, count, measure in report["services"]],
        materials=[
            ActivityMaterial(item=item, quantity=quantity, unit=measure)
            for item, quantity, measure in report["materials"]
        ],
        gallery_images=[ActivityImage(image=image, caption=f"{report['place']}活动现场（演示图片）")],
    )
