"""Search test content: a news section and a policy section with townships, written for these tests."""

import datetime

from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.rich_text import RichText

from portal.core.models import OrgUnit
from portal.policies.models import Validity
from tests.core.factories import OrgUnitFactory, paragraphs
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.policies.factories import PolicyIndexPageFactory, PolicyPageFactory


def clause(level, number, text, heading=""):
    """A policy body clause block (层级 level: chapter, article, section, subsection, item)."""
    return ("clause", {"level": level, "number": number, "heading": heading, "text": RichText(f"<p>{text}</p>")})


def townships():
    city = OrgUnitFactory(name="云溪市", level=OrgUnit.Level.CITY)
    county = OrgUnitFactory(parent=city, name="清溪县", level=OrgUnit.Level.COUNTY)
    return {
        "hekou": OrgUnitFactory(parent=county, name="河口镇", code="qx-hekou", level=OrgUnit.Level.TOWNSHIP),
        "liantang": OrgUnitFactory(parent=county, name="莲塘乡", code="qx-liantang", level=OrgUnit.Level.TOWNSHIP),
    }


def build_search_site(home, filler=0):
    """A news section and a policy section. `filler` adds that many extra news items about 计生协会 so the
    results page has more than one screen of results."""
    units = townships()
    news = NewsIndexPageFactory(parent=home)
    policies = PolicyIndexPageFactory(parent=home)
    repeated = "河口镇计生协会组织志愿者走进十二个行政村，为独居老人和困难家庭送去米面油。"
    pages = {
        "zoufang": NewsPageFactory(
            parent=news,
            title="河口镇计生协会开展重阳节走访慰问活动",
            summary=repeated,
            lead=repeated,
            body=[
                ("heading", {"text": "走访情况", "level": "h2"}),
                *paragraphs(repeated, "志愿者还帮助老人打扫庭院、检查用电安全，并登记了他们的就医需求。"),
            ],
            date=datetime.date(2025, 10, 29),
            orgunit=units["hekou"],
        ),
        "jijin": NewsPageFactory(
            parent=news,
            title="莲塘乡设立生育关怀互助金",
            summary="乡计生协会筹集互助金十五万元。",
            lead="",
            body=paragraphs("互助金用于帮扶遭遇重病的计生家庭，每户最多可申请五千元。"),
            date=datetime.date(2024, 4, 16),
            orgunit=units["liantang"],
        ),
        "wenti": NewsPageFactory(
            parent=news,
            title="河口镇举办广场舞比赛",
            summary="十六支队伍参加比赛。",
            lead="",
            body=paragraphs("比赛间隙，工作人员向观众讲解关怀生育家庭的政策。"),
            date=datetime.date(2023, 7, 2),
            orgunit=units["hekou"],
        ),
        "shifan": NewsPageFactory(
            parent=news,
            title="莲塘乡东坪村获评省级示范村",
            summary="东坪村的村民自治经验在全省推广。",
            lead="",
            body=paragraphs("东坪村建起了会员之家和健康小屋。"),
            date=datetime.date(2025, 2, 11),
            orgunit=units["liantang"],
        ),
        "menzhen": NewsPageFactory(
            parent=news,
            title="河口镇流动人口服务站开通周末门诊",
            summary="在外务工人员周末也能做免费检查。",
            lead="",
            body=paragraphs("门诊每周六上午开放，需提前电话预约。"),
            date=datetime.date(2025, 6, 7),
            orgunit=units["hekou"],
        ),
        "guanai": NewsPageFactory(
            parent=news,
            title="莲塘乡开展生育关爱进家庭活动",
            summary="志愿者为三十户家庭送去育儿书籍。",
            lead="",
            body=paragraphs("活动还邀请儿科医生讲解婴幼儿喂养。"),
            date=datetime.date(2024, 9, 20),
            orgunit=units["liantang"],
        ),
        "old_rules": PolicyPageFactory(
            parent=policies,
            title="清溪县计生协会员管理办法",
            summary="",
            document_number="清计生协〔2019〕3号",
            date=datetime.date(2019, 5, 6),
            validity=Validity.已废止,
            repealed_date=datetime.date(2025, 1, 1),
            body=[
                clause("chapter", "第一章", "为规范会员管理，制定本办法。", heading="总则"),
                clause("article", "第二条", "会员应当按时参加会员小组活动。"),
                clause("section", "一、", "会员登记由村计生协负责。"),
                clause("subsection", "(一)", "会员退出须书面申请。"),
            ],
        ),
        "new_rules": PolicyPageFactory(
            parent=policies,
            title="清溪县计生协会员管理办法（修订）",
            summary="",
            document_number="清计生协〔2025〕1号",
            date=datetime.date(2025, 1, 1),
            body=[clause("article", "第一条", "会员管理实行属地负责，乡镇计生协会统一建档。")],
        ),
    }
    for number in range(filler):
        NewsPageFactory(
            parent=news,
            title=f"河口镇计生协会第{number + 1}期工作简报：志愿服务与会员活动情况",
            summary=f"本期简报介绍计生协会第{number + 1}批志愿者的服务情况。",
            lead="",
            body=paragraphs("简报由镇计生协会秘书处编写，每月一期。"),
            date=datetime.date(2025, 9, 1) - datetime.timedelta(days=number),
            orgunit=units["hekou"],
        )
    return pages


def searched(term, times):
    """Search statistics as if visitors had searched for term `times` times today (and found something)."""
    query = Query.objects.create(query_string=term)
    QueryDailyHits.objects.create(query=query, date=timezone.localdate(), hits=times)
