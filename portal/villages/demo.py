"""Demo model villages (示范村): invented villages of the demo townships with invented figures. Not real data."""

import datetime
from decimal import Decimal

from portal.core.demo import demo_image, get_or_publish_child, paragraphs
from portal.core.models import OrgUnit

from .models import ModelVillagePage, VillageFacility, VillageFigure, VillageHonour, VillageImage, VillageIndexPage

Item = VillageFigure.Item
Level = VillageHonour.Level
Kind = VillageFacility.Kind

# OrgUnit code: (date, title, summary, location, km, figures {item: (value, unit)}, figure year,
#                honours [(name, level, year, awarded by)], facilities [(kind, description)], practices, story)
VILLAGES = {
    "qingxi-baishui-v1": (
        "2024-06-12",
        "桃源村：会员之家办成了村民的“客厅”",
        "桃源村协会把会员之家和村综合服务中心合在一起，天天有人、周周有活动。",
        "地处白水镇东南，县道穿村而过",
        "4.5",
        {
            Item.POPULATION: (1860, "人"),
            Item.HOUSEHOLDS: (512, "户"),
            Item.VILLAGER_GROUPS: (7, "个"),
            Item.WOMEN: (336, "人"),
            Item.MEMBERS: (298, "人"),
            Item.ASSOCIATION_GROUPS: (7, "个"),
            Item.ANCHOR_HOUSEHOLDS: (21, "户"),
        },
        2024,
        [
            ("示范村计生协会", Level.CITY, 2024, "云溪市计划生育协会"),
            ("五好协会小组", Level.COUNTY, 2023, "青溪县计划生育协会"),
        ],
        [
            (Kind.MEMBERS_HOME, "面积约90平方米，设阅览角和健康角"),
            (Kind.NOTICE_BOARD, "村口和文化广场各一处，每月更新"),
            (Kind.POPULATION_SCHOOL, "每季度开课一次"),
        ],
        [
            "会员之家每天上午开放，由协会理事轮流值班。",
            "每个协会小组由一名中心户长联系十至二十户。",
            "每月第一个周六开展一次主题活动。",
        ],
        "桃源村以种植柑橘为主，外出务工人员较多。村协会把留守老人和儿童作为重点服务对象，组织志愿者定期走访。",
    ),
    "qingxi-huayuan-v1": (
        "2024-09-03",
        "竹林村：青春健康课走进田间课堂",
        "竹林村协会联合村小学开设青春健康课，家长和孩子一起上课。",
        "位于花园镇西北的山脚下",
        "7",
        {
            Item.POPULATION: (1240, "人"),
            Item.HOUSEHOLDS: (386, "户"),
            Item.VILLAGER_GROUPS: (5, "个"),
            Item.WOMEN: (214, "人"),
            Item.MEMBERS: (187, "人"),
            Item.VOLUNTEERS: (26, "人"),
        },
        2024,
        [("示范村计生协会", Level.CITY, 2024, "云溪市计划生育协会")],
        [(Kind.ACTIVITY_ROOM, "与村小学共用多功能教室"), (Kind.LIBRARY, "藏书约1500册")],
        ["聘请两名退休教师担任青春健康课主持人。", "每学期举办一次家长课堂。"],
        "竹林村山多地少，村里年轻人大多在县城工作。协会从孩子入手，带动家长参加活动，会员人数逐年增加。",
    ),
    "qingxi-liushu-v1": (
        "2025-04-18",
        "溪口村：困难家庭结对帮扶全覆盖",
        "溪口村协会组织党员和理事与困难家庭一对一结对，做到户户有人联系。",
        "柳树乡政府所在地以东，溪水汇入河口处",
        "2.5",
        {
            Item.POPULATION: (980, "人"),
            Item.HOUSEHOLDS: (301, "户"),
            Item.WOMEN: (158, "人"),
            Item.MEMBERS: (142, "人"),
            Item.ASSOCIATION_GROUPS: (4, "个"),
        },
        2025,
        [("先进协会", Level.COUNTY, 2025, "青溪县计划生育协会")],
        [(Kind.MEMBERS_HOME, "设在村委会二楼"), (Kind.HEALTH_CORNER, "配有血压计和体重秤，村医每周坐诊一次")],
        ["结对人每月至少电话联系一次，每季度上门一次。", "帮扶情况记入台账，年底在村务公开栏公示。"],
        "溪口村是柳树乡人口最少的村，协会人手不多，但坚持把结对帮扶做细做实。",
    ),
    "baishi-shanmen-v1": (
        "2025-06-25",
        "青山村：一个协会小组带活一片",
        "青山村以村民小组为单位建立协会小组，小组长由群众推选。",
        "山门镇东部丘陵地带，沿乡道分布",
        "6",
        {
            Item.POPULATION: (2150, "人"),
            Item.HOUSEHOLDS: (603, "户"),
            Item.VILLAGER_GROUPS: (9, "个"),
            Item.WOMEN: (402, "人"),
            Item.MEMBERS: (365, "人"),
            Item.ASSOCIATION_GROUPS: (9, "个"),
            Item.ANCHOR_HOUSEHOLDS: (30, "户"),
        },
        2025,
        [
            ("示范村计生协会", Level.PROVINCIAL, 2025, "省计划生育协会"),
            ("示范村计生协会", Level.CITY, 2024, "云溪市计划生育协会"),
            ("五好协会小组", Level.COUNTY, 2024, "白石县计划生育协会"),
        ],
        [
            (Kind.MEMBERS_HOME, "独立院落，面积120平方米"),
            (Kind.NOTICE_BOARD, "每个村民小组一块"),
            (Kind.POPULATION_SCHOOL, "与农民夜校合办"),
            (Kind.ACTIVITY_ROOM, "可容纳60人"),
        ],
        [
            "协会小组长由群众推选，每年述职一次。",
            "小组活动和村民小组会议同步召开，减少群众负担。",
            "建立“小组长—中心户—会员”三级联系网络。",
        ],
        "青山村是白石县最早建立协会小组的村之一。近两年，村协会把健康讲座和农技培训结合起来，参加的群众越来越多。",
    ),
    "baishi-hekou-v1": (
        "2025-10-09",
        "渡口村：会员之家里的读书角",
        "渡口村协会在会员之家开设亲子读书角，周末成了孩子们最爱去的地方。",
        "河口镇北部，临江渡口旁",
        "3.2",
        {
            Item.POPULATION: (1530, "人"),
            Item.HOUSEHOLDS: (448, "户"),
            Item.WOMEN: (271, "人"),
            Item.MEMBERS: (233, "人"),
            Item.VOLUNTEERS: (18, "人"),
        },
        2025,
        [("家庭健康服务示范点", Level.COUNTY, 2025, "白石县计划生育协会")],
        [(Kind.MEMBERS_HOME, "设亲子读书角和健康宣传区"), (Kind.LIBRARY, "绘本约600册，由会员捐赠")],
        ["每周六上午由志愿者组织亲子阅读。", "每季度评选一次“书香家庭”。"],
        "渡口村紧邻集镇，年轻家庭多。协会抓住家庭教育这个群众最关心的问题，把会员之家办成了家庭活动中心。",
    ),
    "meiling-longtan-v1": (
        "2026-03-16",
        "龙泉村：健康小屋守护老人健康",
        "龙泉村协会和村卫生室共建健康小屋，为老人提供日常健康监测。",
        "龙潭镇西南，龙泉水库下游",
        "5",
        {
            Item.POPULATION: (1720, "人"),
            Item.HOUSEHOLDS: (495, "户"),
            Item.VILLAGER_GROUPS: (6, "个"),
            Item.WOMEN: (288, "人"),
            Item.MEMBERS: (260, "人"),
            Item.ASSOCIATION_GROUPS: (6, "个"),
        },
        2025,
        [("示范村计生协会", Level.CITY, 2026, "云溪市计划生育协会")],
        [
            (Kind.HEALTH_CORNER, "与村卫生室共建，每天开放"),
            (Kind.MEMBERS_HOME, "设在村文化礼堂"),
            (Kind.NOTICE_BOARD, "健康知识专栏，每月更新"),
        ],
        ["为六十五岁以上老人建立健康档案。", "志愿者每周为独居老人测一次血压。"],
        "龙泉村老年人口比重较高。协会把健康服务作为主要工作，得到了村民的信任。",
    ),
    "meiling-jinsha-v1": (
        "2026-08-20",
        "沙洲村：文艺小分队唱响新风尚",
        "沙洲村协会组建文艺小分队，把婚育新风和健康知识编成群众爱看的节目。",
        "金沙镇南部沙洲上，有渡船和便桥与镇区相连",
        "8.5",
        {
            Item.POPULATION: (1380, "人"),
            Item.HOUSEHOLDS: (410, "户"),
            Item.WOMEN: (236, "人"),
            Item.MEMBERS: (205, "人"),
            Item.VOLUNTEERS: (32, "人"),
        },
        2026,
        [
            ("示范村计生协会", Level.COUNTY, 2025, "梅岭区计划生育协会"),
            ("先进协会", Level.CITY, 2026, "云溪市计划生育协会"),
        ],
        [
            (Kind.ACTIVITY_ROOM, "排练厅兼活动室"),
            (Kind.NOTICE_BOARD, "渡口和村部各一处"),
            (Kind.OTHER, "流动宣传车一辆"),
        ],
        ["节目由村民自编自演，取材于身边的人和事。", "每年在各村民小组巡演不少于六场。"],
        "沙洲村交通不便，群众文化生活相对单调。文艺小分队成立以来，成了协会联系群众的纽带。",
    ),
}


def practices_html(points):
    return "<ol>" + "".join(f"<li>{point}</li>" for point in points) + "</ol>"


def build_page(code, unit, spec):
    day, title, summary, location, km, figures, figure_year, honours, facilities, points, story = spec
    page = ModelVillagePage(
        title=title,
        slug=code,
        date=datetime.date.fromisoformat(day),
        orgunit=unit,
        summary=summary,
        location=location,
        distance_to_township=Decimal(km),
        practices=practices_html(points),
        body=paragraphs(story),
        listing_image=demo_image(f"示范村配图·{unit.short_name}（演示）", size=(960, 640)),
    )
    page.profile_figures = [
        VillageFigure(item=item, value=value, unit=unit_name, year=figure_year, sort_order=order)
        for order, (item, (value, unit_name)) in enumerate(figures.items())
    ]
    page.honours = [
        VillageHonour(name=name, level=level, year=year, awarded_by=awarded_by, sort_order=order)
        for order, (name, level, year, awarded_by) in enumerate(honours)
    ]
    page.facilities = [
        VillageFacility(kind=kind, description=description, sort_order=order)
        for order, (kind, description) in enumerate(facilities)
    ]
    page.gallery_images = [
        VillageImage(
            image=demo_image(f"{unit.short_name}{caption}（演示）", size=(800, 600)), caption=caption, sort_order=order
        )
        for order, caption in enumerate(("会员之家", "协会活动", "村容村貌"))
    ]
    return page


def load(home, city):
    """≥ 6 model villages under /villages/, in the demo townships of all three counties."""
    index = get_or_publish_child(
        home,
        VillageIndexPage(
            title="示范村",
            slug="villages",
            show_in_menus=True,
            intro="各县(区)的示范村(社区)计生协会：基本情况、所获荣誉和典型做法（演示内容，均为虚构）。",
        ),
    )
    units = {unit.code: unit for unit in OrgUnit.objects.filter(code__in=VILLAGES)}
    for code, spec in VILLAGES.items():
        if code in units:
            get_or_publish_child(index, build_page(code, units[code], spec))
    return index
