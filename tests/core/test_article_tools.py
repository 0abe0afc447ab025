"""The tools under every article a visitor reads: 上一篇/下一篇 in its own section, 字号 and 打印 buttons, the
page's URL with a QR code made on the server, and no 导语 that only repeats the body's first paragraph."""

import datetime
import re

import pytest
from wagtail.rich_text import RichText

from portal.core.models import OrgUnit
from tests.activities.factories import ActivityIndexPageFactory, ActivityReportPageFactory, ActivityTownshipPageFactory
from tests.core.factories import OrgUnitFactory, build_ladder
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.policies.factories import PolicyIndexPageFactory, PolicyPageFactory
from tests.villages.factories import ModelVillagePageFactory, VillageIndexPageFactory

pytestmark = pytest.mark.django_db


def neighbours(content):
    """{"上一篇": title or "没有了", "下一篇": …} as the page shows them."""
    found = re.findall(r"<li>(上一篇|下一篇)：(?:<a [^>]*>([^<]+)</a>|(没有了))", content)
    return {label: title or none for label, title, none in found}


def day(number):
    return datetime.date(2026, 5, number)


def test_previous_and_next_are_the_neighbours_by_date_in_the_same_section(home, client):
    news = NewsIndexPageFactory(parent=home)
    other = NewsIndexPageFactory(parent=home, title="通知公告", slug="notices")
    oldest = NewsPageFactory(parent=news, title="五月一日", date=day(1))
    middle = NewsPageFactory(parent=news, title="五月九日", date=day(9))
    NewsPageFactory(parent=other, title="另一栏目五月十日", date=day(10))
    draft = NewsPageFactory(parent=news, title="未发布的草稿", date=day(12))
    draft.unpublish()
    newest = NewsPageFactory(parent=news, title="五月二十日", date=day(20))
    assert neighbours(client.get(middle.url).content.decode()) == {"上一篇": "五月一日", "下一篇": "五月二十日"}
    assert neighbours(client.get(oldest.url).content.decode()) == {"上一篇": "没有了", "下一篇": "五月九日"}
    assert neighbours(client.get(newest.url).content.decode()) == {"上一篇": "五月九日", "下一篇": "没有了"}


def test_pages_of_the_same_day_follow_each_other(home, client):
    policies = PolicyIndexPageFactory(parent=home)
    first = PolicyPageFactory(parent=policies, title="同日甲", date=day(3))
    second = PolicyPageFactory(parent=policies, title="同日乙", date=day(3))
    assert neighbours(client.get(first.url).content.decode()) == {"上一篇": "没有了", "下一篇": "同日乙"}
    assert neighbours(client.get(second.url).content.decode()) == {"上一篇": "同日甲", "下一篇": "没有了"}


def test_activity_reports_link_across_townships_of_the_section(home, client):
    ladder = build_ladder()
    townships = [ladder["township"], OrgUnitFactory(parent=ladder["county"], level=OrgUnit.Level.TOWNSHIP)]
    activities = ActivityIndexPageFactory(parent=home)
    folders = [ActivityTownshipPageFactory(parent=activities, orgunit=unit, slug=unit.code) for unit in townships]
    early = ActivityReportPageFactory(parent=folders[0], title="甲镇活动", date=day(2), orgunit=townships[0])
    ActivityReportPageFactory(parent=folders[1], title="乙镇活动", date=day(4), orgunit=townships[1])
    assert neighbours(client.get(early.url).content.decode())["下一篇"] == "乙镇活动"


def test_article_offers_text_size_print_and_a_qr_code_of_its_url(home, client):
    news = NewsIndexPageFactory(parent=home)
    page = NewsPageFactory(parent=news)
    content = client.get(page.url).content.decode()
    tools = content[content.index('<aside class="article-tools"') :]
    assert '<button type="button" class="print-button">打印本页</button>' in tools
    assert 'data-pref="size" data-value="xlarge"' in tools
    assert f'<span class="share-url">http://localhost{page.url}</span>' in tools
    assert re.search(r'<img class="share-qr" src="data:image/svg\+xml[^"]+"[^>]* alt="本页网址的二维码">', tools)
    assert f"本页网址：http://localhost{page.url}" in tools  # printed at the foot of the page
    assert re.search(r'<script src="/static/js/article-tools\.js" defer></script>', content)


def test_qr_codes_differ_per_page(home, client):
    news = NewsIndexPageFactory(parent=home)
    codes = {
        re.search(r'class="share-qr" src="([^"]+)"', client.get(page.url).content.decode()).group(1)
        for page in [
            NewsPageFactory(parent=news),
            NewsPageFactory(parent=news),
        ]
    }
    assert len(codes) == 2


def body(*texts):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def test_a_lead_that_repeats_the_first_paragraph_is_not_shown_twice(home, client):
    news = NewsIndexPageFactory(parent=home)
    repeated = NewsPageFactory(
        parent=news, lead="5月29日，白水镇计生协开展会员活动。", body=body("5月29日，白水镇计生协开展会员活动。现场…")
    )
    distinct = NewsPageFactory(
        parent=news, lead="会员活动日走进社区。", body=body("5月29日，白水镇计生协开展会员活动。")
    )
    assert '<p class="lead">' not in client.get(repeated.url).content.decode()
    assert '<p class="lead">会员活动日走进社区。</p>' in client.get(distinct.url).content.decode()


def test_a_village_page_links_to_the_villages_dated_before_and_after_it(home, client):
    index = VillageIndexPageFactory(parent=home)
    village = build_ladder()["village"]
    older = ModelVillagePageFactory(parent=index, orgunit=village, title="老村", date=datetime.date(2025, 3, 1))
    newer = ModelVillagePageFactory(parent=index, orgunit=village, title="新村", date=datetime.date(2025, 9, 1))
    assert neighbours(client.get(older.url).content.decode()) == {"上一篇": "没有了", "下一篇": "新村"}
    assert neighbours(client.get(newer.url).content.decode()) == {"上一篇": "老村", "下一篇": "没有了"}


def test_the_responsible_editor_is_named_under_the_article_when_set(home, client):
    index = NewsIndexPageFactory(parent=home)
    signed = NewsPageFactory(parent=index, responsible_editor="周敏")
    unsigned = NewsPageFactory(parent=index)
    assert "责任编辑：周敏" in client.get(signed.url).content.decode()
    assert "责任编辑" not in client.get(unsigned.url).content.decode()
    policy = PolicyPageFactory(parent=PolicyIndexPageFactory(parent=home), responsible_editor="林海")
    assert "责任编辑：林海" in client.get(policy.url).content.decode()
