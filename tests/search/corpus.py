"""A small Chinese corpus (original sentences) and the queries each page must or must not answer."""

import datetime
from pathlib import Path

from portal.core.models import OrgUnit
from tests.core.factories import OrgUnitFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

SEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"  # ../shared beside the repository


def seed_files():
    """The shared sample documents; their absence is an error, never a smaller corpus."""
    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    if not seeds:
        raise FileNotFoundError(f"没有找到样例文档：{SEEDS_DIR}/*.txt（应在仓库旁的 ../shared/seeds）")
    return seeds


SEEDS = seed_files()

# key: (title, lead, body paragraphs, date, township key or None)
PAGES = {
    "daibiao": (
        "白水镇计生协会召开第三次会员代表大会",
        "大会选举产生新一届理事会。",
        ["专职副会长代表常务理事会作工作报告，回顾五年来协会组织建设情况。", "会议通过了新修订的协会章程。"],
        datetime.date(2024, 3, 12),
        "baishui",
    ),
    "guanhuai": (
        "石门镇开展迎新春生育关怀行动",
        "镇计生协走访慰问计生特殊家庭和失独家庭。",
        ["今年共发放生育关怀基金慰问金八万元，惠及一百二十户家庭。"],
        datetime.date(2025, 1, 20),
        "shimen",
    ),
    "huiyuanri": (
        "5·29会员活动日：石门村举办婚育新风进万家文艺演出",
        "村计生协组织会员自编自演节目。",
        ["演出以婚育新风进万家为主题，吸引四百多名群众观看。"],
        datetime.date(2024, 5, 29),
        "shimen-village",
    ),
    "liudong": (
        "流动人口服务站为育龄妇女提供免费孕前检查",
        "工业园区流动人口服务站今年起每月开放两次。",
        ["外来务工的育龄妇女凭居住证即可预约检查。"],
        datetime.date(2023, 9, 3),
        "baishui",
    ),
    "xingfu": (
        "幸福工程救助贫困母亲项目启动",
        "项目帮助贫困母亲发展种养殖业。",
        ["县计生协同时推进少生快富工程，为二女户提供小额贴息贷款。"],
        datetime.date(2022, 4, 8),
        None,
    ),
    "shifancun": (
        "青山村获评省级示范村",
        "青山村地处镇东部，离镇区六公里。",
        ["全村常住人口两千三百人，协会会员三百八十人，村计生协连续三年被评为先进协会。"],
        datetime.date(2024, 11, 2),
        "baishui",
    ),
    "huzhang": (
        "全县中心户长培训班开班",
        "一百五十名中心户长参加为期两天的培训。",
        ["培训内容包括政策宣传、入户随访和信息上报。"],
        datetime.date(2025, 3, 18),
        None,
    ),
    "lianchuang": (
        "计划生育协会三联创工作推进会召开",
        "会议部署三级联创和五好协会小组评选。",
        ["各乡镇计生协会长汇报了合格村协会和一流村协会的创建进度。"],
        datetime.date(2021, 6, 15),
        None,
    ),
    "wuyan": (
        "社区开展世界无烟日戒烟宣传",
        "社区卫生服务站举办戒烟讲座。",
        ["医生讲解吸烟对心血管的危害，并为居民测量血压。"],
        datetime.date(2024, 5, 31),
        "shimen",
    ),
    "cailiao": (
        "关于做好宣传材料发放工作的通知",
        "各村要在月底前完成宣传材料发放。",
        ["县计生协统一印制宣传折页三千份、挂图两百张。"],
        datetime.date(2024, 2, 26),
        None,
    ),
    "qiye": (
        "工业园区企业计生协会成立",
        "园区十二家企业同时成立企业计生协会。",
        ["全市已建立企业计生协会696个，覆盖职工十万余人。"],
        datetime.date(2023, 12, 5),
        "baishui",
    ),
    "jinianri": (
        "“5.29”纪念日系列活动安排",
        "各乡镇围绕纪念日开展会员服务。",
        ["活动包括义诊、法律咨询和会员联谊。"],
        datetime.date(2025, 5, 10),
        None,
    ),
    "wangzhan": (
        "计生协门户网站上线手机版",
        "新网站基于Wagtail开发，支持手机浏览。",
        ["市民可以在网站上查询政策、办理会员登记和下载表格。"],
        datetime.date(2025, 7, 1),
        None,
    ),
    "nanxing": (
        "男性生殖健康日义诊活动",
        "县医院泌尿科专家到镇卫生院坐诊。",
        ["活动当天接诊男性群众九十余人次，发放生殖健康手册。"],
        datetime.date(2024, 10, 28),
        "shimen",
    ),
    "nvhai": (
        "关爱女孩行动宣传月启动",
        "宣传月期间开展女孩家庭走访。",
        ["为品学兼优的女孩发放助学金，倡导男女平等。"],
        datetime.date(2023, 3, 8),
        None,
    ),
    "zhijia": (
        "村级会员之家改造完成",
        "改造后的会员之家设有阅览室和活动室。",
        ["会员可在这里参加健康讲座和技能培训。"],
        datetime.date(2024, 8, 16),
        "baishui",
    ),
    "liushou": (
        "农村留守儿童关爱服务走进校园",
        "志愿者为留守儿童开展心理辅导。",
        ["活动由县妇联和教育局共同组织。"],
        datetime.date(2025, 4, 22),
        "shimen",
    ),
    "fuzhu": (
        "独生子女父母奖励扶助金按时发放",
        "今年全县符合条件的对象全部纳入奖励扶助范围。",
        ["扶助金通过一卡通直接发放到个人账户。"],
        datetime.date(2024, 6, 30),
        None,
    ),
    "yousheng": (
        "优生优育知识讲座进社区",
        "妇幼保健院医生讲解孕期营养与产前检查。",
        ["讲座结束后，医生为新婚夫妇解答了备孕问题。"],
        datetime.date(2023, 11, 11),
        "baishui",
    ),
    "renkouri": (
        "世界人口日主题宣传活动",
        "7月11日，县计生协在人民广场设立宣传咨询台。",
        ["活动主题是关注人口均衡发展。"],
        datetime.date(2024, 7, 11),
        None,
    ),
    "aizibing": (
        "防治艾滋病知识进工地",
        "疾控中心为建筑工人讲解艾滋病预防知识。",
        ["现场发放安全套和宣传手册。"],
        datetime.date(2022, 12, 1),
        None,
    ),
    "baojian": (
        "家庭保健进万家活动总结",
        "全年为八百户家庭建立健康档案。",
        ["家庭医生签约率达到百分之九十五以上。"],
        datetime.date(2021, 12, 20),
        "shimen",
    ),
    "jiaoliu": (
        "2024年全市经验交流材料汇编出版",
        "汇编收录各县乡镇计生协经验交流材料三十篇。",
        ["材料涵盖组织建设、生育关怀和流动人口服务等内容。"],
        datetime.date(2024, 12, 28),
        None,
    ),
    "jiankang": (
        "青春健康教育进校园",
        "县计生协与中学合作开设青春期健康课程。",
        ["课程面向初二学生，每学期四课时。"],
        datetime.date(2025, 9, 10),
        None,
    ),
}

ALL = set(PAGES)

# (query, pages it must find, pages it must not find); "seed:000" etc. are the shared seed documents.
QUERIES = [
    ("计生协会", {"daibiao", "qiye", "seed:000", "seed:004"}, {"wuyan", "liushou", "aizibing"}),
    ("计生", {"daibiao", "guanhuai", "huiyuanri", "qiye", "lianchuang"}, {"wuyan", "liushou", "yousheng"}),
    ("计生协", {"guanhuai", "huiyuanri", "xingfu", "cailiao"}, {"wuyan", "liushou"}),
    ("生育关怀", {"guanhuai", "jiaoliu", "seed:000", "seed:001"}, {"wuyan", "daibiao", "xingfu"}),
    ("生育关怀基金", {"guanhuai"}, {"jiaoliu", "wuyan"}),
    ("迎新春生育关怀行动", {"guanhuai"}, {"jiaoliu", "renkouri"}),
    ("关怀", {"guanhuai", "jiaoliu"}, {"wuyan", "daibiao"}),
    ("5·29", {"huiyuanri", "jinianri"}, {"renkouri", "daibiao"}),
    ("5.29", {"huiyuanri", "jinianri", "seed:004"}, {"renkouri", "seed:001"}),
    ("5・29会员活动日", {"huiyuanri"}, {"renkouri", "jinianri"}),
    ("会员活动日", {"huiyuanri"}, {"zhijia", "renkouri"}),
    ("婚育新风进万家", {"huiyuanri"}, {"baojian", "nvhai"}),
    ("婚育新风", {"huiyuanri"}, {"nvhai"}),
    ("示范村", {"shifancun"}, {"huiyuanri", "lianchuang", "seed:000", "seed:001", "seed:004"}),
    ("流动人口", {"liudong", "jiaoliu", "seed:000", "seed:004"}, {"qiye", "wuyan", "seed:001"}),
    ("育龄妇女", {"liudong"}, {"yousheng", "nvhai"}),
    ("中心户长", {"huzhang", "seed:004"}, {"daibiao", "zhijia", "seed:001"}),
    ("幸福工程", {"xingfu"}, {"baojian", "nvhai"}),
    ("少生快富", {"xingfu"}, {"fuzhu"}),
    ("二女户", {"xingfu"}, {"nvhai"}),
    ("三联创", {"lianchuang", "seed:000"}, {"daibiao", "seed:004"}),
    ("会员代表大会", {"daibiao"}, {"zhijia", "huiyuanri"}),
    ("常务理事会", {"daibiao"}, {"lianchuang"}),
    ("宣传材料", {"cailiao"}, {"renkouri", "nanxing", "aizibing"}),
    ("企业计生协会", {"qiye"}, {"daibiao", "liudong"}),
    ("696", {"qiye"}, {"daibiao"}),
    ("Wagtail", {"wangzhan"}, {"daibiao"}),
    ("wagtail 手机", {"wangzhan"}, {"jiankang"}),
    ("男性生殖健康日", {"nanxing"}, {"jiankang", "aizibing"}),
    ("生殖健康", {"nanxing"}, {"jiankang"}),
    ("关爱女孩行动", {"nvhai"}, {"liushou"}),
    ("会员之家", {"zhijia"}, {"huiyuanri", "daibiao"}),
    ("留守儿童", {"liushou"}, {"nvhai"}),
    ("独生子女", {"fuzhu"}, {"nvhai"}),
    ("奖励扶助金", {"fuzhu"}, {"guanhuai"}),
    ("优生优育", {"yousheng"}, {"jiankang"}),
    ("世界人口日", {"renkouri"}, {"huiyuanri", "wuyan"}),
    ("艾滋病", {"aizibing"}, {"jiankang"}),
    ("家庭保健进万家", {"baojian"}, {"huiyuanri"}),
    ("经验交流材料", {"jiaoliu"}, {"cailiao"}),
    ("2024年 经验交流", {"jiaoliu"}, {"cailiao", "daibiao"}),
    ("青春健康", {"jiankang"}, {"nanxing"}),
    ("世界无烟日", {"wuyan"}, {"renkouri"}),
    ("戒烟讲座", {"wuyan"}, {"yousheng"}),
    ("孕前检查", {"liudong"}, {"yousheng"}),
    ("失独家庭", {"guanhuai"}, {"fuzhu"}),
    ("示范村 青山村", {"shifancun"}, {"huiyuanri"}),
    ("心系国策真情服务", {"seed:000"}, {"daibiao", "seed:004"}),
    ("宜兴埠镇", {"seed:001"}, {"seed:000", "seed:004", "guanhuai"}),
    ("法律进社区", {"seed:004"}, {"seed:000", "seed:001", "daibiao"}),
]


def build_township_units():
    city = OrgUnitFactory(name="云溪市", code="yunxi", level=OrgUnit.Level.CITY)
    county = OrgUnitFactory(parent=city, name="青溪县", code="qingxi", level=OrgUnit.Level.COUNTY)
    baishui = OrgUnitFactory(parent=county, name="白水镇", code="qingxi-baishui", level=OrgUnit.Level.TOWNSHIP)
    shimen = OrgUnitFactory(parent=county, name="石门镇", code="qingxi-shimen", level=OrgUnit.Level.TOWNSHIP)
    village = OrgUnitFactory(parent=shimen, name="石门村", code="qingxi-shimen-cun", level=OrgUnit.Level.VILLAGE)
    return {"baishui": baishui, "shimen": shimen, "shimen-village": village}


def paragraphs(texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def build_corpus(home):
    """Every corpus page and seed as a published NewsPage; returns {key: page}."""
    units = build_township_units()
    index = NewsIndexPageFactory(parent=home)
    pages = {}
    for number, (key, (title, lead, body, date, unit)) in enumerate(PAGES.items()):
        pages[key] = NewsPageFactory(
            parent=index,
            slug=f"corpus-{number}",
            title=title,
            lead=lead,
            summary="",
            body=paragraphs(body),
            date=date,
            orgunit=units.get(unit),
        )
    for seed in SEEDS:
        title, *lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
        pages[f"seed:{seed.name[:3]}"] = NewsPageFactory(
            parent=index, slug=f"seed-{seed.name[:3]}", title=title[:255], summary="", lead="", body=paragraphs(lines)
        )
    return pages
