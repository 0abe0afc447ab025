import datetime

from django.utils import timezone

from portal.editorial.models import FreshnessSettings
from tests.activities.factories import ActivityReportPageFactory
from tests.news.factories import NewsPageFactory
from tests.policies.factories import PolicyPageFactory


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def news_dated(site, days, **fields):
    """A live news item in 工作动态 whose 日期 is `days` days before today (Asia/Shanghai)."""
    return NewsPageFactory(parent=site.indexes["news"], date=days_ago(days), **fields)


def policy_dated(site, days, **fields):
    return PolicyPageFactory(parent=site.indexes["policies"], date=days_ago(days), **fields)


def activity_dated(site, township_code, days, **fields):
    return ActivityReportPageFactory(parent=site.folder("activities", township_code), date=days_ago(days), **fields)


def thresholds(**days):
    settings = FreshnessSettings.load()
    for name, value in days.items():
        setattr(settings, name, value)
    settings.save()
    return settings
