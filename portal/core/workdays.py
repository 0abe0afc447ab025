"""Working days (工作日) as the State Council's holiday notice sets them: Monday to Friday, except a public holiday's
days off (放假), plus the weekend days worked instead (调休上班), which administrators enter under 设置 → 节假日安排."""

import datetime
from dataclasses import dataclass

from .models import Holiday, HolidayWorkday

ONE_DAY = datetime.timedelta(days=1)
CALENDAR_DAYS_READ = 366  # a due date further than this from its start counts weekdays only beyond it


@dataclass(frozen=True)
class WorkCalendar:
    days_off: frozenset = frozenset()
    workdays: frozenset = frozenset()

    def is_working_day(self, day):
        return day in self.workdays or (day.weekday() < 5 and day not in self.days_off)


WEEKDAYS = WorkCalendar()


def add_working_days(start, days, calendar=WEEKDAYS):
    """The date `days` working days after `start` (`start` itself not counted)."""
    day = start
    while days > 0:
        day += ONE_DAY
        if calendar.is_working_day(day):
            days -= 1
    return day


def holiday_calendar(start):
    """The WorkCalendar of the holidays entered for the year after `start` (two queries)."""
    end = start + datetime.timedelta(days=CALENDAR_DAYS_READ)
    holidays = Holiday.objects.filter(first_day__lte=end, last_day__gt=start).values_list("first_day", "last_day")
    days_off = {first + ONE_DAY * offset for first, last in holidays for offset in range((last - first).days + 1)}
    workdays = HolidayWorkday.objects.filter(date__gt=start, date__lte=end).values_list("date", flat=True)
    return WorkCalendar(frozenset(days_off), frozenset(workdays))
