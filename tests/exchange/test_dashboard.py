"""The dashboard page and the admin: what a visitor and an editor see (exports: test_exports.py)."""

import datetime
import io
import json

import pytest
from django.conf import settings
from openpyxl import load_workbook
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from portal.exchange.models import ExperienceFigure, ExperiencePage
from portal.exchange.periods import Period
from tests.core.budget import queries_for

from .factories import figure
from .test_exports import csv_tables

pytestmark = pytest.mark.django_db
ADMIN = f"/{settings.WAGTAILADMIN_PATH}"


@pytest.fixture
def submitted(world):
    one = world.submit("jia-yi", [figure(world.materials, 15000, qualifier="余"), figure(world.funds, 4300, "万元")])
    two = world.submit("yi-san", [figure(world.materials, 500), figure(world.rate, 90, "%")])
    world.submit("jia-er", [figure(world.materials, 800)], year=2024)
    return world, one, two


def test_dashboard_without_data(world, client):
    response = client.get("/exchange/")
    assert response.status_code == 200
    assert "暂无已发布的乡镇材料数据" in response.content.decode()


def test_dashboard_with_data(submitted, client):
    _world, one, _two = submitted
    html = client.get("/exchange/?period=2025").content.decode()
    assert "2025年全年全市汇总" in html
    assert "≥ 15,500份" in html
    assert "4,300万元" in html
    assert f'href="{one.url}"' in html
    assert '<script id="dashboard-data" type="application/json">' in html
    assert "/static/vendor/echarts.min.js" in html and "/static/js/dashboard.js" in html
    assert "<script>" not in html
    assert '<th scope="col">乡镇(街道)</th>' in html and "<caption>" in html
    assert 'value="2024"' in html  # the period selector offers every period with data


def test_metric_breakdown_links_to_sources(submitted, client):
    world, one, two = submitted
    html = client.get(f"/exchange/?period=2025&metric={world.materials.pk}").content.decode()
    assert f'href="{one.url}"' in html and f'href="{two.url}"' in html
    assert "甲县" in html and "乙县" in html
    data = json.loads(html.split('id="dashboard-data" type="application/json">')[1].split("</script>")[0])
    assert sorted(data["townships"]["values"]) == [500.0, 15000.0]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("period=abc", "2025-03-01~2025-09-30（自定义时段）"),
        ("period=2025-H9", "无法识别"),
        ("period=1999", "无法识别"),
        ("period=99999999999999", "无法识别"),
        ("period=2025-09-30~2025-03-01", "结束日期不能早于开始日期"),
        ("period=2025-09-30%7E2025-03-01", "结束日期不能早于开始日期"),
        ("period=2025-04-31~2025-05-01", "日期不存在"),
        ("period=1999-12-31~2025-01-01", "日期须在2000年至2100年之间"),
    ],
)
def test_bad_period_is_a_400_in_chinese(world, client, query, message):
    response = client.get(f"/exchange/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("query", ["metric=abc", "metric=999999", "metric=", "foo=bar", "period=2030"])
def test_junk_parameters_never_fail(submitted, client, query):
    assert client.get(f"/exchange/?{query}").status_code == 200


# With nothing cached (tests run with the fragment cache off): Wagtail's routing and view-restriction check take 6,
# the base template 2, the dashboard's own figures, submissions and filters the rest; a visitor's request (shared
# fragments kept) is within the site-wide 12 of tests/core/test_query_budget.py.
COLD_DASHBOARD_QUERIES = 13


@pytest.mark.parametrize("submissions", [5, 50])
def test_dashboard_queries_stay_constant(world, client, submissions):
    for number in range(submissions):
        year = 2025 - number // 6
        code = ("jia-yi", "jia-er", "yi-san")[number % 3]
        if number % 2:
            start = datetime.date(year, 5, 1 + number % 4)
            period = Period.custom(start, start + datetime.timedelta(days=60))
        else:
            period = Period(year)
        world.submit_for(period, code, [figure(world.materials, 10 + number)])
    custom = Period.custom(datetime.date(2025, 5, 2), datetime.date(2025, 7, 1))
    metric = f"&metric={world.materials.pk}"
    assert queries_for(client, "/exchange/") <= COLD_DASHBOARD_QUERIES
    assert queries_for(client, f"/exchange/?period={custom.slug}{metric}") <= COLD_DASHBOARD_QUERIES
    export = queries_for(client, f"/exchange/export/?format=csv&period={custom.slug}")
    assert export == queries_for(client, "/exchange/export/?format=csv&period=2025") <= COLD_DASHBOARD_QUERIES


@pytest.fixture
def campaigns(submitted):
    """The 2025 5·29 campaign (1 May – 30 June) of two townships, one of them revised, their 2024 campaign, and a
    spring range of one of them."""
    world, _one, _two = submitted
    campaign = Period.custom(datetime.date(2025, 5, 1), datetime.date(2025, 6, 30))
    world.submit_for(campaign, "jia-yi", [figure(world.materials, 70)])
    revised = world.submit_for(campaign, "jia-yi", [figure(world.materials, 120, qualifier="余")])
    other = world.submit_for(campaign, "yi-san", [figure(world.materials, 30), figure(world.funds, 2, "万元")])
    world.submit_for(
        Period.custom(datetime.date(2024, 5, 1), datetime.date(2024, 6, 30)), "yi-san", [figure(world.materials, 100)]
    )
    world.submit_for(
        Period.custom(datetime.date(2025, 3, 1), datetime.date(2025, 9, 30)), "jia-yi", [figure(world.materials, 900)]
    )
    return world, campaign, revised, other


def test_custom_periods_are_offered_and_shown(campaigns, client):
    world, campaign, revised, other = campaigns
    html = client.get("/exchange/?period=2025").content.decode()
    assert '<option value="2025-05-01~2025-06-30">2025年5月1日—2025年6月30日</option>' in html
    assert '<option value="2025-03-01~2025-09-30">2025年3月1日—2025年9月30日</option>' in html
    assert html.index('value="2025"') < html.index('value="2025-03-01~2025-09-30"') < html.index('value="2024"')
    html = client.get(f"/exchange/?period={campaign.slug}&metric={world.materials.pk}").content.decode()
    assert '<option value="2025-05-01~2025-06-30" selected>' in html
    assert "2025年5月1日—2025年6月30日全市汇总" in html
    assert "≥ 150份" in html and "20,000元" in html
    assert "15,500" not in html and "≥ 1,050份" not in html  # the year and the spring range do not mix in
    assert f'href="{revised.url}"' in html and f'href="{other.url}"' in html
    assert html.count("（一镇，2025年5月1日—2025年6月30日）") == 1  # the first version is superseded
    assert "历年同期（5月1日—6月30日）宣传品发放全市合计及同比变化" in html
    assert '<a href="?period=2024-05-01~2024-06-30&amp;metric=' in html
    data = json.loads(html.split('id="dashboard-data" type="application/json">')[1].split("</script>")[0])
    assert sorted(data["townships"]["values"]) == [30.0, 120.0]
    assert data["years"] == {
        "labels": ["2024年5月1日—2024年6月30日", "2025年5月1日—2025年6月30日"],
        "values": [100.0, 150.0],
    }


def test_custom_period_exports_match_the_page(campaigns, client):
    _world, campaign, revised, other = campaigns
    page = client.get(f"/exchange/?period={campaign.slug}").content.decode()
    assert f'export/?format=csv&amp;period={campaign.slug}"' in page
    response = client.get(f"/exchange/export/?format=csv&period={campaign.slug}")
    assert response.status_code == 200
    assert 'filename="exchange-2025-05-01~2025-06-30.csv"' in response["Content-Disposition"]
    totals, details = csv_tables(response)
    totals = {row["指标"]: row for row in totals}
    materials = totals["宣传品发放"]
    assert (materials["数值"], materials["限定"], materials["材料份数"], materials["显示"]) == (
        "150",
        "≥",
        "2",
        "≥ 150份",
    )
    assert all(row["显示"] in page for row in totals.values())
    assert {(row["材料"], row["时段"]) for row in details} == {
        (revised.title, "2025年5月1日—2025年6月30日"),
        (other.title, "2025年5月1日—2025年6月30日"),
    }
    workbook = load_workbook(io.BytesIO(client.get(f"/exchange/export/?format=xlsx&period={campaign.slug}").content))
    sheet_totals = {row[0]: row[-1] for row in workbook["汇总"].iter_rows(min_row=2, values_only=True)}
    assert sheet_totals == {label: row["显示"] for label, row in totals.items()}
    assert workbook["明细"].max_row == 1 + len(details)
    data = client.get(f"/exchange/export/?format=json&period={campaign.slug}").json()
    assert data["period"] == {
        "slug": "2025-05-01~2025-06-30",
        "label": "2025年5月1日—2025年6月30日",
        "kind": "custom",
        "start": "2025-05-01",
        "end": "2025-06-30",
    }
    assert {row["label"]: row["display"] for row in data["metrics"]} == {
        label: row["显示"] for label, row in totals.items()
    }
    assert len(data["figures"]) == len(details)


def test_home_shows_headline_figures(submitted, client):
    world, _one, _two = submitted
    world.materials.headline = True
    world.materials.save()
    html = client.get("/").content.decode()
    assert "2025年宣传品发放" in html and "≥ 15,500份" in html


def public_views(client, world):
    """Everything an anonymous visitor can read about the 2025 figures: the dashboard (with the metric's breakdown),
    the three exports and the home page's headline cards."""
    world.materials.headline = True
    world.materials.save()
    urls = [f"/exchange/?period=2025&metric={world.materials.pk}", "/"]
    urls += [f"/exchange/export/?format={kind}&period=2025" for kind in ("csv", "json")]
    texts = [client.get(url).content.decode("utf-8-sig") for url in urls]
    sheets = load_workbook(io.BytesIO(client.get("/exchange/export/?format=xlsx&period=2025").content))
    texts += [" ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row) for sheet in sheets]
    return "\n".join(texts)


def restrict(page, kind):
    if kind == PageViewRestriction.PASSWORD:
        return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="口令-2025")
    return PageViewRestriction.objects.create(page=page, restriction_type=kind)


@pytest.mark.parametrize("kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
@pytest.mark.parametrize("on", ["material", "township folder"])
def test_a_protected_material_counts_nowhere_public(world, client, kind, on):
    world.submit("jia-yi", [figure(world.materials, 100, source_sentence="一镇发放宣传品100份")])
    secret = world.submit(
        "jia-er", [figure(world.materials, 7000, source_sentence="二镇内部数字7000份")], title="二镇内部材料"
    )
    restriction = restrict(secret if on == "material" else world.folders["jia-er"], kind)
    seen = public_views(client, world)
    assert "100份" in seen and "2025年宣传品发放" in seen
    for leak in ("7,100份", "7100", "二镇内部数字", "二镇内部材料", "二镇"):
        assert leak not in seen, leak
    restriction.delete()
    seen = public_views(client, world)
    assert "7,100份" in seen and "二镇内部数字7000份" in seen and "二镇内部材料" in seen


def test_figures_awaiting_confirmation_count_nowhere(world, client):
    rows = [
        figure(world.materials, 100, source_sentence="发放宣传品100份"),
        figure(world.materials, 5000, status=ExperienceFigure.Status.EXTRACTED, source_sentence="自动提取的5000份"),
        figure(world.materials, 900, status=ExperienceFigure.Status.PLACEHOLDER, source_sentence="占位的XX份"),
    ]
    world.submit("jia-yi", rows)
    seen = public_views(client, world)
    assert "100份" in seen and "发放宣传品100份" in seen
    for leak in ("5,100份", "6,000份", "5100", "自动提取的5000份", "占位的XX份"):
        assert leak not in seen, leak


def test_totals_say_how_many_townships_reported_and_year_over_year_what_it_compares(world, client):
    world.submit("jia-yi", [figure(world.materials, 20)], year=2024)
    world.submit("jia-er", [figure(world.materials, 30)], year=2024)
    world.submit("jia-yi", [figure(world.materials, 30)])
    world.submit("yi-san", [figure(world.materials, 1000)])
    html = client.get(f"/exchange/?period=2025&metric={world.materials.pk}").content.decode()
    assert '<th scope="col">报送乡镇</th>' in html and "2/3 个乡镇" in html
    years = html.split('id="year-heading"')[1]
    assert "+50%" in years and "按两期都报送的 1 个乡镇比较" in years
    assert "1,960%" not in years  # 50 → 1,030 for the whole city, of which 1,000 from a township new this year


def test_a_protected_revision_supersedes_nothing(world, client):
    """A township's newer material for the same period is password-protected: the dashboard keeps counting the
    older one, which visitors can still open, rather than dropping the township."""
    older = world.submit("jia-yi", [figure(world.materials, 100)], title="一镇公开材料")
    newer = world.submit("jia-yi", [figure(world.materials, 120)], title="一镇修订材料")
    restrict(newer, PageViewRestriction.PASSWORD)
    html = client.get(f"/exchange/?period=2025&metric={world.materials.pk}").content.decode()
    assert "100份" in html and f'href="{older.url}"' in html
    assert "120份" not in html and "一镇修订材料" not in html


def edit_form_data(page, rows, action):
    figures = [
        {
            "id": row.get("id", ""),
            "metric": row.get("metric", ""),
            "metric_text": "",
            "value_as_written": row.get("value", ""),
            "value_max_as_written": "",
            "unit": row.get("unit", "份"),
            "qualifier": "",
            "role": "actual",
            "status": row.get("status", "confirmed"),
            "scope": row.get("scope", ""),
            "part_of": row.get("part_of", ""),
            "source_sentence": "",
        }
        for row in rows
    ]
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "date": "2025-12-20",
            "orgunit": "",
            "summary": "",
            "year": 2025,
            "period_kind": "year",
            "period_start": "",
            "period_end": "",
            "body": streamfield([]),
            "figures": inline_formset(figures, initial=sum(1 for row in rows if row.get("id"))),
            "attachments": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def test_placeholder_blocks_publishing_but_not_saving_a_draft(world, admin_client):
    page = world.submit("jia-yi", [], live=False)
    url = f"{ADMIN}pages/{page.pk}/edit/"
    rows = [{"metric": world.materials.pk, "value": "120"}, {"metric": world.materials.pk, "status": "placeholder"}]
    response = admin_client.post(url, edit_form_data(page, rows, "action-publish"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "仍是占位数字（如 XX），请填写实际数值或删除这一行后再发布" in html
    assert not ExperiencePage.objects.get(pk=page.pk).live
    response = admin_client.post(url, edit_form_data(page, rows, "action-save"))
    assert response.status_code == 302
    assert ExperiencePage.objects.get(pk=page.pk).get_latest_revision().content["figures"][1]["status"] == "placeholder"
    stored_rows = ExperienceFigure.objects.filter(page=page).order_by("sort_order")
    rows = [row | {"id": stored.pk} for row, stored in zip(rows, stored_rows, strict=True)]
    rows[1] |= {"value": "30", "unit": "万份", "status": "confirmed"}
    response = admin_client.post(url, edit_form_data(page, rows, "action-publish"))
    assert response.status_code == 302
    stored = ExperiencePage.objects.get(pk=page.pk)
    assert stored.live
    assert [figure.value for figure in stored.figures.all()] == [120, 300000]


def test_admin_shows_row_errors_in_chinese(world, admin_client):
    page = world.submit("jia-yi", [], live=False)
    rows = [
        {"metric": world.materials.pk, "value": "100"},
        {"metric": world.funds.pk, "value": "500", "unit": "份", "part_of": "1"},
        {"metric": world.rate.pk, "value": "120", "unit": "%"},
    ]
    response = admin_client.post(f"{ADMIN}pages/{page.pk}/edit/", edit_form_data(page, rows, "action-save"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "第1行的“其中”分项合计（500）超过了总数（100）" in html
    assert "比率不能超过100%" in html
    assert ExperienceFigure.objects.count() == 0


def test_scope_must_be_a_village_of_the_township(world, admin_client):
    page = world.submit("jia-er", [], live=False)
    rows = [{"metric": world.materials.pk, "value": "100", "scope": world.units["village"].pk}]
    response = admin_client.post(f"{ADMIN}pages/{page.pk}/edit/", edit_form_data(page, rows, "action-save"))
    assert response.status_code == 200
    assert "涉及的村(社区)必须属于二镇" in response.content.decode()


def dashboard_chart(client, query):
    html = client.get(f"/exchange/?{query}").content.decode()
    start = html.index('<script id="dashboard-data" type="application/json">') + len(
        '<script id="dashboard-data" type="application/json">'
    )
    return html, json.loads(html[start : html.index("</script>", start)])


def test_charts_use_the_unit_the_tables_show(world, client):
    world.submit("jia-yi", [figure(world.funds, 4300, "万元")])
    world.submit("jia-er", [figure(world.funds, 5000, "元")])
    html, chart = dashboard_chart(client, f"period=2025&metric={world.funds.pk}")
    assert "4,300万元" in html
    assert chart["unit"] == "万元"
    assert sorted(chart["townships"]["values"]) == [0.5, 4300.0]


def test_a_rates_change_is_in_percentage_points(world, client):
    world.submit("jia-yi", [figure(world.rate, 50, "%")], year=2024)
    world.submit("jia-yi", [figure(world.rate, 60, "%")], year=2025)
    html, _chart = dashboard_chart(client, f"period=2025&metric={world.rate.pk}")
    assert "+10个百分点" in html
    assert "+20%" not in html
    assert "全市平均及同比变化" in html


def test_the_dashboard_says_how_many_figures_have_no_metric(world, client):
    world.submit(
        "jia-yi", [figure(world.materials, 10), ExperienceFigure(metric_text="结对帮扶家庭", value_as_written=5)]
    )
    html = client.get("/exchange/?period=2025").content.decode()
    assert "本期另有 1 个数字尚未归入统计指标，没有计入上表" in html
