import datetime

from django.template import Context, Template

from portal.core.templatetags.portal_tags import cn_date

# 01:49 on 2 December in Shanghai is still 1 December in UTC.
EARLY_MORNING_UTC = datetime.datetime(2026, 12, 1, 17, 49, tzinfo=datetime.UTC)


def test_a_moment_shows_the_shanghai_date_in_templates():
    rendered = Template("{% load portal_tags %}{{ when|cn_date }} {{ when|time:'H:i' }}").render(
        Context({"when": EARLY_MORNING_UTC})
    )
    assert rendered == "2026年12月2日 01:49"


def test_a_moment_shows_the_shanghai_date_when_called_from_python():
    assert cn_date(EARLY_MORNING_UTC) == "2026年12月2日"


def test_a_calendar_date_is_shown_as_it_is():
    assert cn_date(datetime.date(2026, 11, 23)) == "2026年11月23日"
    assert cn_date(None) == ""
