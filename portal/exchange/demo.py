"""Demo 经验交流: the dashboard, a folder per demo township and three years of submissions (2024–2026).

Original invented text and figures, internally consistent (其中 parts within their totals, rates ≤ 100%, growth from
year to year). 2026 submissions of three townships are unpublished drafts; 白水镇 resubmitted its 2025 material.
Four townships also reported on the 5·29 association-day campaign (1 May – 30 June, 2024 and 2025: a custom period
the dashboard compares year over year), and 白水镇 on a summer campaign of 2025 as well (a second custom range).
"""

import datetime
import hashlib
from decimal import Decimal

from portal.core.demo import get_or_publish_child
from portal.core.models import OrgUnit

from .models import ExperienceFigure, ExperienceIndexPage, ExperiencePage, ExperienceTownshipPage, MetricDefinition

YEARS = (2024, 2025, 2026)
DRAFT_2026 = {"baishi-meihua", "meiling-yangliu", "qingxi-liushu"}
RESUBMITTED = ("qingxi-baishui", 2025)
CAMPAIGN_TOWNSHIPS = {"qingxi-baishui", "qingxi-huayuan", "baishi-shanmen", "meiling-longtan"}
CAMPAIGNS = (
    # slug, title, start, end
    ("529-2024", "“5·29”会员活动日宣传服务月", datetime.date(2024, 5, 1), datetime.date(2024, 6, 30)),
    ("529-2025", "“5·29”会员活动日宣传服务月", datetime.date(2025, 5, 1), datetime.date(2025, 6, 30)),
)
SUMMER_CAMPAIGN = ("summer-2025", "暑期青春健康教育", datetime.date(2025, 7, 1), datetime.date(2025, 8, 31))
Role = ExperienceFigure.Role


def _seed(code: str) -> int:
    return int(hashlib.sha1(code.encode()).hexdigest()[:6], 16)


def figures_for(code: str, year: int, villages: list[OrgUnit], *, corrected: bool = False) -> list[ExperienceFigure]:
    """Plausible rows for one township and year: size from the code, about 8% growth a year."""
    seed = _seed(code)
    growth = Decimal("1.08") ** (year - YEARS[0])
    associations = 8 + seed % 14 + (year - YEARS[0])
    members = int((900 + seed % 1600) * growth)
    funds = (Decimal(12 + seed % 30) * growth).quantize(Decimal("0.1"))
    materials = int((3000 + seed % 9000) * growth) // 100 * 100
    visits = 60 + seed % 90 + (year - YEARS[0]) * 12
    hardship = visits // 3
    events = 6 + seed % 10 + (year - YEARS[0])
    awareness = min(Decimal(88 + seed % 8 + (year - YEARS[0])), Decimal(99))
    if corrected:
        members += 120
    rows = [
        ("村(社区)计生协会", associations, None, "个", "", Role.ACTUAL, None, None),
        ("计生协会员", members // 10 * 10, None, "人", "余", Role.ACTUAL, None, None),
        ("投入经费", funds, None, "万元", "", Role.ACTUAL, None, None),
        ("宣传品", materials, None, "份", "多", Role.ACTUAL, None, None),
        ("宣传活动", events, None, "次", "", Role.ACTUAL, None, None),
        ("走访慰问家庭", visits, None, "户", "", Role.ACTUAL, None, None),
        ("帮扶困难家庭", hardship, None, "户", "", Role.ACTUAL, 6, None),
        ("政策知晓率", awareness, None, "%", "以上", Role.ACTUAL, None, None),
        ("参与群众", 600 + seed % 400, 900 + seed % 400, "人次", "", Role.ACTUAL, None, None),
        ("会员之家", 1, None, "个", "", Role.ACTUAL, None, villages[0] if villages else None),
        ("政策知晓率", 95, None, "%", "", Role.TARGET, None, None),
    ]
    metrics = MetricDefinition.objects.in_bulk([row[0] for row in rows], field_name="label")
    return [
        ExperienceFigure(
            metric=metrics[label],
            value_as_written=Decimal(value),
            value_max_as_written=None if value_max is None else Decimal(value_max),
            unit=unit,
            qualifier=qualifier,
            role=role,
            part_of=part_of,
            scope=scope,
            status=ExperienceFigure.Status.CONFIRMED,
            source_sentence=f"（演示）{label}{value}{unit}",
        )
        for label, value, value_max, unit, qualifier, role, part_of, scope in rows
    ]


def campaign_figures(code: str, year: int) -> list[ExperienceFigure]:
    """Rows of a campaign report: a few weeks' share of the year's activity."""
    seed = _seed(code)
    growth = year - YEARS[0]
    rows = [
        ("宣传活动", 2 + seed % 4 + growth, "次", ""),
        ("宣传品", (800 + seed % 2000) // 100 * 100 + growth * 200, "份", "余"),
        ("走访慰问家庭", 20 + seed % 30 + growth * 5, "户", ""),
        ("参与群众", 300 + seed % 300 + growth * 50, "人次", ""),
    ]
    metrics = MetricDefinition.objects.in_bulk([row[0] for row in rows], field_name="label")
    return [
        ExperienceFigure(
            metric=metrics[label],
            value_as_written=Decimal(value),
            unit=unit,
            qualifier=qualifier,
            role=Role.ACTUAL,
            status=ExperienceFigure.Status.CONFIRMED,
            source_sentence=f"（演示）活动期间{label}{value}{unit}",
        )
        for label, value, unit, qualifier in rows
    ]


def narrative(name: str, year: int) -> list:
    """Themes → measures → cases, original demo text."""
    return [
        (
            "theme",
            {
                "title": "从阵地建设入手，推进服务载体创新",
                "measures": [
                    {
                        "text": f"一是{year}年{name}计生协把会员之家建在村民家门口，每月固定开放两个下午。",
                        "cases": [{"place": f"{name}中心村", "text": "利用闲置村部改建活动室，配备图书角和健康小屋。"}],
                    },
                    {"text": "二是建立“协会小组长 + 中心户长”两级联系制度，重点家庭每季度走访一次。", "cases": []},
                ],
            },
        ),
        (
            "theme",
            {
                "title": "从关怀帮扶入手，推进生育关怀常态化",
                "measures": [
                    {
                        "text": "一是对计生困难家庭逐户建档，帮扶责任落实到人。",
                        "cases": [
                            {"place": f"{name}计生协", "text": "联合卫生院为困难家庭老人提供上门体检和用药指导。"}
                        ],
                    }
                ],
            },
        ),
    ]


def ensure_folder(index, township):
    folder = ExperienceTownshipPage.objects.filter(orgunit=township).first()
    if folder is None:
        folder = get_or_publish_child(
            index, ExperienceTownshipPage(title=f"{township.label}经验交流", slug=township.code, orgunit=township)
        )
    return folder


def add_submission(folder, township, year, *, slug, publish, corrected=False):
    if ExperiencePage.objects.child_of(folder).filter(slug=slug).exists():
        return
    villages = list(township.get_children())
    page = ExperiencePage(
        title=f"{township.label}{year}年计生协工作经验交流材料" + ("（修订稿）" if corrected else ""),
        slug=slug,
        date=datetime.date(year, 12, 20) if year < 2026 else datetime.date(2026, 11, 10),
        year=year,
        period_kind=ExperiencePage.PeriodKind.YEAR,
        summary=f"{township.label}计生协{year}年在阵地建设和生育关怀方面的做法和成效（演示材料）。",
        body=narrative(township.label, year),
        orgunit=township,
        live=False,
    )
    page.figures = figures_for(township.code, year, villages, corrected=corrected)
    add_page(folder, page, publish=publish)


def add_campaign_submission(folder, township, campaign):
    slug, name, start, end = campaign
    if ExperiencePage.objects.child_of(folder).filter(slug=slug).exists():
        return
    page = ExperiencePage(
        title=f"{township.label}{start.year}年{name}活动总结",
        slug=slug,
        date=end + datetime.timedelta(days=10),
        year=start.year,
        period_kind=ExperiencePage.PeriodKind.CUSTOM,
        period_start=start,
        period_end=end,
        summary=f"{township.label}计生协{start.year}年{name}期间的活动和成效（演示材料）。",
        body=narrative(township.label, start.year)[:1],
        orgunit=township,
        live=False,
    )
    page.figures = campaign_figures(township.code, start.year)
    add_page(folder, page, publish=True)


def add_page(folder, page, *, publish):
    folder.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()


def load(home, city):
    index = home.get_children().type(ExperienceIndexPage).first()
    if index is None:
        index = get_or_publish_child(
            home,
            ExperienceIndexPage(
                title="经验交流",
                slug="exchange",
                intro="各乡镇(街道)计生协报送的经验交流材料及其中的统计数字（演示数据）。",
                show_in_menus=True,
            ),
        )
    index = index.specific
    for township in OrgUnit.objects.filter(level=OrgUnit.Level.TOWNSHIP, path__startswith=city.path).order_by("path"):
        folder = ensure_folder(index, township)
        for year in YEARS:
            publish = not (year == 2026 and township.code in DRAFT_2026)
            add_submission(folder, township, year, slug=f"{year}", publish=publish)
            if (township.code, year) == RESUBMITTED:
                add_submission(folder, township, year, slug=f"{year}-revised", publish=True, corrected=True)
        if township.code in CAMPAIGN_TOWNSHIPS:
            for campaign in CAMPAIGNS:
                add_campaign_submission(folder, township, campaign)
        if township.code == RESUBMITTED[0]:
            add_campaign_submission(folder, township, SUMMER_CAMPAIGN)
