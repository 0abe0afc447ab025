import datetime

import pytest
from django.conf import settings
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from portal.core.models import Holiday
from tests.core.factories import HolidayFactory
from tests.interaction.factories import MessageFactory

pytestmark = pytest.mark.django_db

ADD_URL = f"/{settings.WAGTAILADMIN_PATH}snippets/core/holiday/add/"


def day(month, number):
    return datetime.date(2026, month, number)


def submitted_on(date):
    moment = datetime.datetime.combine(date, datetime.time(9), tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    return MessageFactory(submitted_at=moment)


@pytest.fixture
def national_day():
    """2026年国庆节: 10月1日（星期四）至7日放假，9月20日（星期日）和10月10日（星期六）上班."""
    return HolidayFactory(name="国庆节", first_day=day(10, 1), last_day=day(10, 7), workdays=[day(9, 20), day(10, 10)])


def test_without_holidays_a_reply_is_due_five_weekdays_later():
    assert submitted_on(day(9, 29)).due_date == day(10, 6)


def test_a_reply_is_due_after_the_days_off_and_on_a_worked_saturday(national_day):
    # 9月30日 1, 10月1日–7日 off, 8日 2, 9日 3, 10日（星期六，上班）4, 11日 off, 12日 5
    assert submitted_on(day(9, 29)).due_date == day(10, 12)
    # 9月20日 is a Sunday worked: submitted on Saturday the 19th, the reply is due on Thursday the 24th, not Friday
    assert submitted_on(day(9, 19)).due_date == day(9, 24)


def test_a_due_date_set_by_hand_is_kept(national_day):
    assert MessageFactory(due_date=day(10, 2)).due_date == day(10, 2)


def holiday_form(name, first, last, workdays=()):
    return nested_form_data(
        {
            "name": name,
            "first_day": first,
            "last_day": last,
            "workdays": inline_formset([{"date": workday} for workday in workdays]),
        }
    )


def test_an_administrator_enters_a_holiday_with_its_workdays(admin_client):
    response = admin_client.post(ADD_URL, holiday_form("劳动节", "2026-05-01", "2026-05-05", ["2026-05-09"]))
    assert response.status_code == 302
    holiday = Holiday.objects.get()
    assert (str(holiday), [str(workday) for workday in holiday.workdays.all()]) == (
        "2026年劳动节",
        ["2026年5月9日（星期六）"],
    )
    listing = admin_client.get(f"/{settings.WAGTAILADMIN_PATH}snippets/core/holiday/").content.decode()
    assert "劳动节" in listing and "节假日安排" in listing


@pytest.mark.parametrize(
    ("first", "last", "workdays", "message"),
    [
        ("2026-10-07", "2026-10-01", [], "放假最后一天不能早于第一天"),
        ("2026-10-01", "2026-10-31", [], "一次放假最长 15 天"),
        (
            "2026-10-05",
            "2026-10-09",
            [],
            "与已有的“2026年国庆节”（2026年10月1日至2026年10月7日）放假日期重叠",
        ),
        ("2026-12-31", "2026-12-31", ["2026-12-30"], "2026年12月30日（星期三）本来就是工作日"),
        ("2026-05-01", "2026-05-05", ["2026-05-02"], "2026年5月2日（星期六）在放假日期之内"),
        ("2026-05-01", "2026-05-05", ["2026-10-10"], "2026年10月10日（星期六）已经是“2026年国庆节”的调休上班日"),
        ("2026-05-01", "2026-05-05", ["2026-05-09", "2026-05-09"], "2026年5月9日（星期六）录了两次"),
        ("2026-05-01", "", [], "必需字段"),
    ],
)
def test_a_mistyped_arrangement_is_refused_in_chinese_and_nothing_is_saved(
    admin_client, national_day, first, last, workdays, message
):
    response = admin_client.post(ADD_URL, holiday_form("某节日", first, last, workdays))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(Holiday.objects.all()) == [national_day]
