import datetime
import re
from decimal import Decimal

import feedparser
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_factories import ImageFactory

from portal.activities.models import (
    ActivityImage,
    ActivityIndexPage,
    ActivityReportPage,
    ActivityTownshipPage,
)
from portal.core.models import Campaign, OrgUnit
from tests.activities.factories import (
    ActivityIndexPageFactory,
    ActivityReportPageFactory,
    ActivityTownshipPageFactory,
)
from tests.core.budget import queries_for
from tests.core.factories import CampaignFactory, OrgUnitFactory, build_ladder
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.page_types import creatable_under

pytestmark = pytest.mark.django_db


@pytest.fixture
def ladder(db):
    return build_ladder()


@pytest.fixture
def index(home):
    return ActivityIndexPageFactory(parent=home)


@pytest.fixture
def township(index, ladder):
    return ActivityTownshipPageFactory(parent=index, orgunit=ladder["township"])


def titles(response):
    return re.findall(r'<h2 class="card-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_reports_are_added_in_the_section_or_a_township_folder(home, index, township):
    report = ActivityReportPageFactory(parent=township)
    assert ActivityIndexPage in creatable_under(home) and ActivityReportPage not in creatable_under(home)
    assert creatable_under(index) == {ActivityTownshipPage, ActivityReportPage}
    assert creatable_under(township) == {ActivityReportPage}
    assert creatable_under(report) == set()


def test_end_date_before_start_date_is_refused_in_chinese(township):
    page = ActivityReportPageFactory.build(start_date=datetime.date(2025, 5, 29), end_date=datetime.date(2025, 5, 28))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert error.value.message_dict["end_date"] == ["结束日期不能早于开始日期"]
    page.end_date = datetime.date(2025, 5, 29)
    page.clean()


def test_negative_funds_are_refused(township):
    page = ActivityReportPageFactory(parent=township)
    page.funds = Decimal("-1")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "经费不能是负数" in str(error.value)


def test_township_folder_takes_the_unit_code_as_slug_and_only_once(index, ladder):
    folder = ActivityTownshipPage(title="测试镇活动", slug="whatever", orgunit=ladder["township"])
    index.add_child(instance=folder)
    folder.clean()
    assert folder.slug == ladder["township"].code
    folder.save()
    again = ActivityTownshipPage(title="重复", slug="again", orgunit=ladder["township"])
    again.set_url_path(index)
    again.path, again.depth = index.path + "ZZZZ", index.depth + 1
    with pytest.raises(ValidationError) as error:
        again.clean()
    assert "已经有活动报道栏目了" in str(error.value)


def test_index_lists_reports_in_township_folders_and_directly_below(index, township, client):
    ActivityReportPageFactory(parent=township, title="乡镇的活动", date=datetime.date(2025, 5, 29))
    ActivityReportPageFactory(parent=index, title="全市的活动", date=datetime.date(2025, 7, 11))
    response = client.get("/activities/")
    assert titles(response) == ["全市的活动", "乡镇的活动"]
    assert f'href="{township.url}">测试镇活动</a>' in response.content.decode()
    assert titles(client.get(township.url)) == ["乡镇的活动"]
    assert township.url == f"/activities/{township.orgunit.code}/"


def test_index_filters_by_township_and_campaign(index, township, ladder, client):
    day = CampaignFactory(name="5·29会员活动日", kind=Campaign.Kind.DAY, month=5, day=29)
    elsewhere = OrgUnitFactory(parent=ladder["county"], name="别的镇", level=OrgUnit.Level.TOWNSHIP)
    ActivityReportPageFactory(parent=township, title="镇里活动日", orgunit=ladder["village"], campaign=day)
    ActivityReportPageFactory(parent=index, title="别镇的活动", orgunit=elsewhere)
    assert titles(client.get(f"/activities/?orgunit={ladder['township'].code}")) == ["镇里活动日"]
    assert titles(client.get(f"/activities/?campaign={day.pk}")) == ["镇里活动日"]
    assert len(titles(client.get("/activities/?campaign=abc&tag=x&year=1"))) == 2
    assert 'id="id_tag"' not in client.get("/activities/").content.decode()  # reports have no tags


def test_full_report_renders_every_fact(township, ladder, client):
    image = ImageFactory(title="现场")
    page = ActivityReportPageFactory(
        parent=township,
        title="白水镇会员活动日",
        activity_name="会员活动日宣传服务活动",
        campaign=CampaignFactory(name="5·29会员活动日"),
        start_date=datetime.date(2025, 5, 28),
        end_date=datetime.date(2025, 5, 29),
        place="集镇广场",
        participants=620,
        participants_unit="人次",
        funds=Decimal("4800.50"),
        orgunit=ladder["township"],
    )
    ActivityImage.objects.create(page=page, image=image, caption="义诊现场")
    content = client.get(page.url).content.decode()
    for text in (
        "会员活动日宣传服务活动",
        "5·29会员活动日",
        "2025年5月28日</time>至<time",
        "2025年5月29日",
        "集镇广场",
        "<dt>主办单位</dt><dd>测试镇计生协</dd>",
        "620人次",
        "义诊80人次",
        "宣传资料500份",
        "4800.50元",
        "义诊现场",
    ):
        assert text in content, text
    assert "fill-400x300.format-webp" in content


def test_report_without_optional_fields_renders(index, client):
    page = ActivityReportPageFactory(
        parent=index,
        title="最简单的活动",
        place="",
        participants=None,
        funds=None,
        organisers=[],
        services=[],
        materials=[],
    )
    response = client.get(page.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "最简单的活动" in content
    for absent in ("活动地点", "参与人数", "提供服务", "发放物品", "投入经费", "活动图片", "</time>至"):
        assert absent not in content


def test_api_exposes_report_fields(township, ladder, client):
    ActivityReportPageFactory(parent=township, funds=Decimal("1200"), orgunit=ladder["township"])
    response = client.get("/api/v2/pages/?type=activities.ActivityReportPage&fields=*")
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["funds"] == "1200.00"
    assert item["participants"] == 120 and item["participants_unit"] == "人次"
    assert item["organisers"][0]["name"] == "测试镇计生协" and item["organisers"][0]["role"] == "主办"
    assert item["services"][0] == {**item["services"][0], "kind": "义诊", "count": 80, "unit": "人次"}
    assert item["materials"][0]["item"] == "宣传资料"
    assert item["orgunit"]["short_name"] == "测试镇"
    assert {"activity_name", "start_date", "end_date", "place", "campaign", "body", "gallery_images"} <= item.keys()


def test_feed_lists_reports_from_every_folder(index, township, client):
    ActivityReportPageFactory(parent=township, title="乡镇的活动")
    ActivityReportPageFactory(parent=index, title="全市的活动")
    feed = feedparser.parse(client.get("/activities/feed/").content)
    assert not feed.bozo
    assert sorted(entry.title for entry in feed.entries) == ["乡镇的活动", "全市的活动"]
    assert all(entry.link.startswith("http://localhost/activities/") for entry in feed.entries)


def test_sitemap_lists_folders_and_reports(index, township, client):
    report = ActivityReportPageFactory(parent=township)
    content = client.get("/sitemap.xml").content.decode()
    for url in ("/activities/", township.url, report.url):
        assert content.count(f"<loc>http://localhost{url}</loc>") == 1


def add_reports(parent, count, image, campaign, unit):
    for _ in range(count):
        ActivityReportPageFactory(parent=parent, listing_image=image, campaign=campaign, orgunit=unit)


def test_query_counts_do_not_grow_with_the_number_of_reports(index, township, ladder, client):
    image, campaign = ImageFactory(), CampaignFactory()
    add_reports(township, 5, image, campaign, ladder["village"])
    detail = ActivityReportPageFactory(
        parent=township, listing_image=image, campaign=campaign, orgunit=ladder["village"]
    )
    for number in range(3):
        ActivityImage.objects.create(page=detail, image=ImageFactory(), caption=f"图{number}")
    urls = ["/activities/", township.url, detail.url, "/activities/feed/", "/"]
    with_5 = {url: queries_for(client, url) for url in urls}
    add_reports(township, 25, image, campaign, ladder["village"])
    add_reports(index, 20, image, campaign, ladder["county"])
    with_50 = {url: queries_for(client, url) for url in urls}
    assert with_5 == with_50, with_50  # the site-wide budget is tests/core/test_query_budget.py


def admin_report_data(**fields):
    return nested_form_data(
        {
            "title": "后台新建的活动",
            "slug": "from-admin",
            "date": "2025-05-29",
            "activity_name": "会员活动日",
            "start_date": "2025-05-29",
            "end_date": "",
            "participants_unit": "人次",
            "body": streamfield([]),
            "organisers": inline_formset([{"name": "测试镇计生协", "role": "主办"}]),
            "services": inline_formset([{"kind": "义诊", "count": "80", "unit": "人次"}]),
            "materials": inline_formset([]),
            "gallery_images": inline_formset([]),
            **fields,
        }
    )


def test_editor_adds_a_report_in_a_township_folder(township, admin_client):
    url = f"/{settings.WAGTAILADMIN_PATH}pages/add/activities/activityreportpage/{township.pk}/"
    response = admin_client.post(url, admin_report_data())
    assert response.status_code == 302
    page = ActivityReportPage.objects.get(slug="from-admin")
    assert [(row.name, row.role) for row in page.organisers.all()] == [("测试镇计生协", "主办")]
    assert page.get_parent().pk == township.pk


def test_admin_shows_the_date_order_error_in_chinese(township, admin_client):
    url = f"/{settings.WAGTAILADMIN_PATH}pages/add/activities/activityreportpage/{township.pk}/"
    response = admin_client.post(url, admin_report_data(end_date="2025-05-01"))
    assert response.status_code == 200
    assert "结束日期不能早于开始日期" in response.content.decode()
    assert not ActivityReportPage.objects.filter(slug="from-admin").exists()


def test_home_shows_news_and_activities_in_constant_queries(home, index, township, client):
    news_index = NewsIndexPageFactory(parent=home)
    for _ in range(5):
        NewsPageFactory(parent=news_index, tags=["义诊"])
        ActivityReportPageFactory(parent=township)
    with_5 = queries_for(client, "/")
    for _ in range(45):
        NewsPageFactory(parent=news_index)
        ActivityReportPageFactory(parent=township)
    latest_news = NewsPageFactory(parent=news_index, title="最新的新闻", date=datetime.date(2026, 11, 1))
    latest_report = ActivityReportPageFactory(parent=township, title="最新的活动", date=datetime.date(2026, 11, 2))
    assert queries_for(client, "/") == with_5
    content = client.get("/").content.decode()
    assert f'<a href="{latest_news.url}">最新的新闻</a>' in content
    assert f'<a href="{latest_report.url}">最新的活动</a>' in content


def test_year_archive_of_a_year_without_reports_is_404(index, client):
    ActivityReportPageFactory(parent=index, date=datetime.date(2025, 1, 1))
    assert client.get("/activities/year/2025/").status_code == 200
    assert client.get("/activities/year/1999/").status_code == 404
    assert client.get("/activities/year/99999999999999999999/").status_code == 404
