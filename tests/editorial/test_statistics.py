"""信息报送统计: counts from a real review history, period boundaries in Asia/Shanghai, the ranking page, exports."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, WorkflowState

from portal.core.models import OrgUnit
from portal.editorial.periods import DateSpan, month_span, quarter_span, year_span
from portal.editorial.statistics import tallies
from tests.core.factories import OrgUnitFactory
from tests.news.factories import NewsPageFactory
from tests.workflow.site import act, is_denied, submit

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def by_name(rows):
    return {row.unit.short_name or row.unit.name: row for row in rows}


def draft_news(site, unit_code):
    page = NewsPageFactory(parent=site.indexes["news"], live=False, orgunit=site.units[unit_code])
    page.save_revision()
    return page


def round_trip(site, login, target):
    """Submitted by the township, sent back by 甲县, resubmitted, approved by 甲县 and published by the city."""
    page, submitter = site.page(target), site.users["submitter_a1"]
    submit(page, submitter)
    act(login("reviewer_jia"), page, "reject", "请补充数字来源")
    page = fresh(page)
    page.title = f"{page.title}（已补充）"
    page.save_revision(user=submitter)
    WorkflowState.objects.for_instance(page).get().resume(user=submitter)
    act(login("reviewer_jia"), page, "approve")
    act(login("city_reviewer"), page, "approve")
    assert fresh(page).live
    return page


def this_year():
    return year_span(timezone.localdate().year)


def test_a_review_history_counts_each_item_once_per_measure(site, login):
    round_trip(site, login, "experience_a1")
    submit(site.page("activity_a1"), site.users["submitter_a1"])  # still under review
    news = draft_news(site, "jia-yi-v1")  # about a village of 一镇
    submit(news, site.users["editor"])
    act(login("city_reviewer"), news, "approve")

    rows = by_name(tallies(this_year()))
    one = rows["一镇"]
    assert (one.experience_submitted, one.experience_returned, one.experience_published) == (1, 1, 1)
    assert (one.activity_submitted, one.activity_returned, one.activity_published) == (1, 0, 0)
    assert (one.news_submitted, one.news_published) == (1, 1)
    assert (one.total_submitted, one.total_published, one.total_returned) == (3, 2, 1)
    assert one.county == "甲县"
    assert rows["二镇"].total_submitted == rows["三镇"].total_submitted == 0
    assert [row.rank for row in tallies(this_year())] == [1, 2, 2]  # ties share a place

    counties = by_name(tallies(this_year(), OrgUnit.Level.COUNTY))
    assert (counties["甲县"].total_submitted, counties["甲县"].total_published) == (3, 2)
    assert counties["乙县"].total_submitted == 0


def move_log(page, action, moment):
    PageLogEntry.objects.filter(page=page, action=action).update(timestamp=moment)


def test_periods_begin_and_end_at_midnight_in_shanghai(site):
    page = draft_news(site, "yi-san")
    submit(page, site.users["editor"])
    page.get_latest_revision().publish()
    move_log(page, "wagtail.workflow.start", datetime.datetime(2026, 3, 31, 23, 59, 59, tzinfo=SHANGHAI))
    move_log(page, "wagtail.publish", datetime.datetime(2026, 4, 1, 0, 0, tzinfo=SHANGHAI))  # 3月31日 16:00 UTC

    def counts(span):
        row = by_name(tallies(span))["三镇"]
        return row.news_submitted, row.news_published

    assert counts(quarter_span(2026, 1)) == (1, 0)
    assert counts(quarter_span(2026, 2)) == (0, 1)
    assert counts(month_span(2026, 3)) == (1, 0)
    assert counts(month_span(2026, 4)) == (0, 1)
    assert counts(year_span(2026)) == (1, 1)
    assert counts(DateSpan(datetime.date(2026, 3, 31), datetime.date(2026, 3, 31), "")) == (1, 0)
    assert counts(year_span(2025)) == (0, 0)


def test_an_item_counts_as_published_in_the_period_it_first_went_live(site):
    page = draft_news(site, "yi-san")
    page.get_latest_revision().publish()
    move_log(page, "wagtail.publish", datetime.datetime(2026, 1, 10, 9, 0, tzinfo=SHANGHAI))
    page = fresh(page)
    page.save_revision().publish()  # a correction in February
    latest = PageLogEntry.objects.filter(page=page, action="wagtail.publish").latest("pk")
    PageLogEntry.objects.filter(pk=latest.pk).update(timestamp=datetime.datetime(2026, 2, 5, tzinfo=SHANGHAI))

    assert by_name(tallies(month_span(2026, 1)))["三镇"].news_published == 1
    assert by_name(tallies(month_span(2026, 2)))["三镇"].news_published == 0


@pytest.mark.parametrize("username", ["editor", "policy_editor", "city_reviewer", "reviewer_jia", "submitter_a1"])
def test_only_city_admins_see_the_statistics(site, login, username):
    url = reverse("editorial_statistics")
    assert is_denied(login(username).get(url))
    assert is_denied(login(username).get(url + "?export=xlsx"))
    assert url not in login(username).get(reverse("wagtailadmin_home")).content.decode()  # not in the menu


def test_the_city_admin_sees_the_ranking_sorted_by_any_column(site, login):
    round_trip(site, login, "experience_a1")
    submit(site.page("experience_b1"), site.users["submitter_b1"])
    client = login("city_admin")
    assert reverse("editorial_statistics") in client.get(reverse("wagtailadmin_home")).content.decode()  # menu

    html = client.get(reverse("editorial_statistics")).content.decode()
    assert f"{timezone.localdate().year}年" in html
    assert html.index("一镇") < html.index("三镇") < html.index("二镇")  # by items published, then submitted

    html = client.get(reverse("editorial_statistics"), {"ordering": "-total_returned"}).content.decode()
    assert html.index("一镇") < html.index("二镇")
    html = client.get(reverse("editorial_statistics"), {"ordering": "total_returned"}).content.decode()
    assert html.index("二镇") < html.index("一镇")

    html = client.get(reverse("editorial_statistics"), {"kind": "year", "year": "2026", "level": "county"})
    assert "甲县计生协" in html.content.decode() and "一镇计生协" not in html.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"kind": "range", "first": "2026-05-01", "last": "2026-04-01"}, "结束日期不能早于开始日期"),
        ({"kind": "range", "first": "2026-05-01"}, "请填写结束日期"),
        ({"kind": "quarter", "year": "2026"}, "请选择季度"),
        ({"kind": "month", "year": "二〇二六", "month": "3"}, "时段填写有误"),
        ({"kind": "year", "year": "1900"}, "时段填写有误"),
        ({"kind": "week", "year": "2026"}, "时段填写有误"),
    ],
)
def test_a_wrong_period_is_explained_and_this_year_shown(site, login, query, message):
    response = login("city_admin").get(reverse("editorial_statistics"), query)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and f"{timezone.localdate().year}年（" in html


def township_named(site, name):
    return OrgUnitFactory(parent=site.units["jia"], name=name, code="evil", level=OrgUnit.Level.TOWNSHIP)


def test_the_xlsx_export_has_numbers_as_numbers_and_formulas_as_text(site, login):
    round_trip(site, login, "experience_a1")
    township_named(site, '=HYPERLINK("http://evil.example","点我")')
    response = login("city_admin").get(reverse("editorial_statistics"), {"export": "xlsx"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows())
    headers = [cell.value for cell in rows[0]]
    assert headers[:3] == ["名次", "单位", "所属县(区)"] and "经验材料退回" in headers and "合计采用" in headers
    one = next(row for row in rows if row[1].value == "一镇计生协")
    assert one[0].value == 1 and one[0].data_type == "n"
    assert one[headers.index("经验材料退回")].value == 1 and one[headers.index("经验材料退回")].data_type == "n"
    evil = next(row for row in rows if str(row[1].value).startswith("=HYPERLINK"))
    assert evil[1].data_type == "s"  # text, not a formula
    assert evil[headers.index("合计报送")].value == 0


def test_the_csv_export_opens_in_excel_and_neutralises_formulas(site, login):
    round_trip(site, login, "experience_a1")
    township_named(site, "@SUM(1+1)")
    response = login("city_admin").get(reverse("editorial_statistics"), {"export": "csv", "level": "township"})
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content[1:])))
    headers = rows[0]
    one = next(row for row in rows if row[1] == "一镇计生协")
    assert one[headers.index("经验材料报送")] == "1" and one[headers.index("合计采用")] == "1"
    assert any(row[1] == "'@SUM(1+1)" for row in rows)
