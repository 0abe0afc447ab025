import datetime
from decimal import Decimal

import feedparser
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_factories import ImageFactory

from portal.core.models import OrgUnit
from portal.villages.models import ModelVillagePage, VillageFigure, VillageHonour, VillageIndexPage
from tests.core.budget import queries_for
from tests.core.factories import OrgUnitFactory, build_ladder
from tests.page_types import creatable_under
from tests.villages.factories import (
    ModelVillagePageFactory,
    VillageFacilityFactory,
    VillageFigureFactory,
    VillageHonourFactory,
    VillageImageFactory,
    VillageIndexPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return VillageIndexPageFactory(parent=home)


@pytest.fixture
def ladder():
    return build_ladder()


def test_villages_are_added_only_in_the_village_section(home, index, ladder):
    village = ModelVillagePageFactory(parent=index, orgunit=ladder["village"])
    assert VillageIndexPage in creatable_under(home) and ModelVillagePage not in creatable_under(home)
    assert creatable_under(index) == {ModelVillagePage}
    assert creatable_under(village) == set()
    assert ModelVillagePage._meta.verbose_name == "示范村"


def test_village_unit_is_required_and_must_be_a_village(index, ladder):
    page = ModelVillagePageFactory(parent=index, orgunit=ladder["village"])
    page.full_clean()
    page.orgunit = None
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert caught.value.message_dict["orgunit"] == ["请选择这个示范村对应的村(社区)"]
    page.orgunit = ladder["township"]
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert caught.value.message_dict["orgunit"] == ["“测试镇”不是村(社区)，请选择村(社区)一级的单位"]


def test_figure_year_and_value_are_checked(index, ladder):
    page = ModelVillagePageFactory(parent=index, orgunit=ladder["village"])
    figure = VillageFigure(page=page, item=VillageFigure.Item.协会会员, value=Decimal(-1), unit="人", year=1800)
    with pytest.raises(ValidationError) as caught:
        figure.full_clean()
    assert set(caught.value.message_dict) == {"value", "year"}


def full_village(index, ladder):
    page = ModelVillagePageFactory(
        parent=index,
        title="青山村示范协会",
        orgunit=ladder["village"],
        location="地处镇东部丘陵",
        distance_to_township=Decimal("6.5"),
        practices="<ol><li>小组长由群众推选。</li></ol>",
        body=[("paragraph", RichText("<p>村情介绍的文字。</p>"))],
    )
    VillageFigureFactory(page=page, item=VillageFigure.Item.常住人口, value=2300, unit="人", year=2025)
    VillageFigureFactory(page=page, item=VillageFigure.Item.育龄妇女, value=420, unit="人", year=2024)
    VillageHonourFactory(page=page, name="示范村", level=VillageHonour.Level.省级, year=2024, awarded_by="省计生协")
    VillageHonourFactory(page=page, name="五好协会小组", level=VillageHonour.Level.县级, year=2023)
    VillageFacilityFactory(page=page, kind="会员之家", description="面积80平方米")
    VillageFacilityFactory(page=page, kind="宣传栏")
    VillageImageFactory(page=page, caption="会员之家一角")
    return page


def test_full_village_page_renders_every_part(index, ladder, client):
    page = full_village(index, ladder)
    content = client.get(page.url).content.decode()
    assert "<h1>青山村示范协会</h1>" in content
    assert "<span>测试县</span>" in content and "<span>测试镇</span>" in content and "<span>测试村</span>" in content
    assert "<dt>地理位置</dt><dd>地处镇东部丘陵</dd>" in content
    assert "<dt>所属乡镇(街道)</dt><dd>测试镇</dd>" in content
    assert "<dt>距镇区</dt><dd>6.5公里</dd>" in content
    assert "<caption>基本情况</caption>" in content
    assert '<th scope="col">项目</th><th scope="col">数量</th><th scope="col">数据年份</th>' in content
    assert '<tr><th scope="row">常住人口</th><td>2300人</td><td>2025年</td></tr>' in content
    assert '<tr><th scope="row">育龄妇女</th><td>420人</td><td>2024年</td></tr>' in content
    assert (
        '<span class="honour-year">2024年</span> 省级“示范村”<span class="honour-by">（省计生协授予）</span>' in content
    )
    assert '<span class="honour-year">2023年</span> 县级“五好协会小组”</li>' in content
    assert "<strong>会员之家</strong>：面积80平方米" in content and "<strong>宣传栏</strong></li>" in content
    assert "小组长由群众推选。" in content and "村情介绍的文字。" in content
    assert 'loading="lazy"' in content and "<figcaption>会员之家一角</figcaption>" in content
    assert content.index("常住人口") < content.index("育龄妇女")  # editor's order


def test_village_page_with_optional_fields_missing_renders(index, client):
    page = ModelVillagePageFactory(parent=index, title="最简单的示范村", summary="")
    response = client.get(page.url)
    content = response.content.decode()
    assert response.status_code == 200 and "最简单的示范村" in content
    for absent in (
        "<caption>",
        "所获荣誉",
        "阵地设施",
        "典型做法",
        "村情介绍",
        "图片集",
        "地理位置",
        "距镇区",
        'class="lead"',
    ):
        assert absent not in content


@pytest.fixture
def villages(index):
    city = OrgUnitFactory(name="云溪市", code="yunxi", level=OrgUnit.Level.CITY)
    counties = {
        name: OrgUnitFactory(parent=city, name=name, code=code, level=OrgUnit.Level.COUNTY)
        for name, code in (("青溪县", "qingxi"), ("白石县", "baishi"))
    }
    specs = [
        ("青溪县", "白水镇", "qingxi-baishui", "桃源村"),
        ("青溪县", "花园镇", "qingxi-huayuan", "竹林村"),
        ("白石县", "山门镇", "baishi-shanmen", "青山村"),
    ]
    pages = {}
    for county, township_name, code, village_name in specs:
        township = OrgUnitFactory(parent=counties[county], name=township_name, code=code, level=OrgUnit.Level.TOWNSHIP)
        village = OrgUnitFactory(parent=township, name=village_name, code=f"{code}-v1", level=OrgUnit.Level.VILLAGE)
        pages[village_name] = ModelVillagePageFactory(parent=index, title=f"{village_name}示范协会", orgunit=village)
    VillageHonourFactory(page=pages["桃源村"], name="示范村")
    VillageHonourFactory(page=pages["青山村"], name="示范村")
    VillageHonourFactory(page=pages["青山村"], name="先进协会")
    return pages


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    return {name for name in ("桃源村", "竹林村", "青山村") if f">{name}示范协会</a>" in content}


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("", {"桃源村", "竹林村", "青山村"}),
        ("?orgunit=qingxi", {"桃源村", "竹林村"}),
        ("?orgunit=qingxi-huayuan", {"竹林村"}),
        ("?orgunit=baishi", {"青山村"}),
        ("?honour=示范村", {"桃源村", "青山村"}),
        ("?honour=先进协会&orgunit=qingxi", set()),
        ("?year=2025", {"桃源村", "竹林村", "青山村"}),
    ],
)
def test_index_filters_by_county_township_and_honour(villages, client, query, names):
    assert listed(client, f"/villages/{query}") == names


@pytest.mark.parametrize(
    "query", ["?orgunit=nope", "?honour=<b>x</b>", "?year=abc", "?year=2025.5", "?page=0", "?page=x&honour=", "?tag=x"]
)
def test_junk_filter_values_are_ignored(villages, client, query):
    assert listed(client, f"/villages/{query}") == {"桃源村", "竹林村", "青山村"}


def test_index_cards_show_the_township_and_filter_labels(villages, client):
    content = client.get("/villages/").content.decode()
    assert '<span class="card-township">花园镇</span>' in content
    assert ">县(区)/乡镇</label>" in content and ">荣誉</label>" in content
    assert '<option value="先进协会">先进协会</option>' in content


def test_feed_lists_villages(villages, client):
    response = client.get("/villages/feed/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo and feed.feed.title == "示范村"
    assert {entry.title for entry in feed.entries} == {"桃源村示范协会", "竹林村示范协会", "青山村示范协会"}
    assert all(entry.link.startswith("http://localhost/villages/") for entry in feed.entries)


def test_api_exposes_village_fields(index, ladder, client):
    page = full_village(index, ladder)
    response = client.get("/api/v2/pages/?type=villages.ModelVillagePage&fields=*")
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["id"] == page.pk and item["location"] == "地处镇东部丘陵"
    assert item["distance_to_township"] == "6.5"
    assert item["orgunit"]["name"] == "测试村" and item["orgunit"]["level"] == "village"
    assert [(row["item"], row["value"], row["unit"], row["year"]) for row in item["profile_figures"]] == [
        ("常住人口", "2300.0", "人", 2025),
        ("育龄妇女", "420.0", "人", 2024),
    ]
    honour = item["honours"][0]
    assert (honour["name"], honour["level"], honour["year"], honour["awarded_by"]) == (
        "示范村",
        "省级",
        2024,
        "省计生协",
    )
    assert [row["kind"] for row in item["facilities"]] == ["会员之家", "宣传栏"]
    assert item["gallery_images"][0]["caption"] == "会员之家一角" and item["gallery_images"][0]["image"]["id"]
    assert "小组长由群众推选" in item["practices"]


def test_api_with_optional_fields_missing(index, client):
    ModelVillagePageFactory(parent=index)
    [item] = client.get("/api/v2/pages/?type=villages.ModelVillagePage&fields=*").json()["items"]
    assert item["distance_to_township"] is None and item["location"] == "" and item["practices"] == ""
    assert item["profile_figures"] == [] and item["honours"] == [] and item["gallery_images"] == []


def test_editor_creates_a_village_in_the_admin(index, ladder, admin_client):
    url = f"/{settings.WAGTAILADMIN_PATH}pages/add/villages/modelvillagepage/{index.pk}/"
    data = {
        "title": "后台新建的示范村",
        "slug": "from-admin",
        "date": "2025-05-29",
        "orgunit": ladder["village"].pk,
        "location": "",
        "distance_to_township": "3",
        "summary": "",
        "profile_figures": inline_formset([{"item": "协会会员", "value": "380", "unit": "人", "year": "2025"}]),
        "honours": inline_formset([{"name": "示范村", "level": "市级", "year": "2024", "awarded_by": ""}]),
        "facilities": inline_formset([]),
        "practices": rich_text(""),
        "body": streamfield([]),
        "gallery_images": inline_formset([]),
    }
    response = admin_client.post(url, nested_form_data(data))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ModelVillagePage.objects.get(slug="from-admin")
    assert page.profile_figures.get().value == 380 and page.honours.get().level == "市级"
    data["slug"], data["orgunit"] = "township-unit", ladder["township"].pk
    response = admin_client.post(url, nested_form_data(data))
    assert response.status_code == 200 and "不是村(社区)，请选择村(社区)一级的单位" in response.content.decode()


def test_the_village_form_has_every_article_field(index, admin_client):
    form = admin_client.get(f"/{settings.WAGTAILADMIN_PATH}pages/add/villages/modelvillagepage/{index.pk}/")
    for name in ("date", "orgunit", "summary", "responsible_editor", "location"):
        assert f'name="{name}"' in form.content.decode()


def add_villages(index, count, village, image):
    for _ in range(count):
        ModelVillagePageFactory(parent=index, orgunit=village, listing_image=image, date=datetime.date(2025, 5, 1))


def add_rows(page, count, image):
    for _ in range(count):
        VillageFigureFactory(page=page)
        VillageHonourFactory(page=page, name=f"荣誉{VillageHonour.objects.count()}")
        VillageFacilityFactory(page=page)
        VillageImageFactory(page=page, image=image)


def test_query_counts_do_not_grow_with_villages_or_rows(index, ladder, client):
    image = ImageFactory()
    detail = ModelVillagePageFactory(parent=index, orgunit=ladder["village"], listing_image=image)
    add_villages(index, 5, ladder["village"], image)
    add_rows(detail, 5, image)
    urls = ["/villages/", f"/villages/?orgunit={ladder['township'].code}&honour=荣誉1", detail.url, "/villages/feed/"]
    with_5 = {url: queries_for(client, url) for url in urls}
    add_villages(index, 45, ladder["village"], image)
    add_rows(detail, 45, image)
    with_50 = {url: queries_for(client, url) for url in urls}
    assert with_5 == with_50  # the site-wide budget is tests/core/test_query_budget.py
