"""栏目更新监测: each section's newest item against the number of days a city admin allows for its kind.

A section's last publication is the date shown on its newest live item (日期, what a visitor or an inspector sees at
the top of the listing; a corrected old article does not make a section fresh); the home page counts every item on
the site, since it shows the latest of each section.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from wagtail.models import Page

from portal.workflow.setup import model_or_none

from .models import FreshnessSettings

NEWS = "news.NewsPage"
ACTIVITY = "activities.ActivityReportPage"
POLICY = "policies.PolicyPage"
VILLAGE = "villages.ModelVillagePage"
EXPERIENCE = "exchange.ExperiencePage"
ALL_ITEMS = (NEWS, ACTIVITY, POLICY, VILLAGE, EXPERIENCE)


@dataclass(frozen=True)
class SectionKind:
    index: str  # the section's page type
    label: str
    items: tuple  # the page types whose publication updates it
    threshold: str  # the FreshnessSettings field with its number of days


KINDS = (
    SectionKind("home.HomePage", "首页", ALL_ITEMS, "home_days"),
    SectionKind("news.NewsIndexPage", "新闻栏目", (NEWS,), "news_days"),
    SectionKind("activities.ActivityIndexPage", "活动报道", (ACTIVITY,), "activities_days"),
    SectionKind("policies.PolicyIndexPage", "政策法规", (POLICY,), "policies_days"),
    SectionKind("villages.VillageIndexPage", "示范村", (VILLAGE,), "villages_days"),
    SectionKind("exchange.ExperienceIndexPage", "经验交流", (EXPERIENCE,), "exchange_days"),
    SectionKind("activities.ActivityTownshipPage", "乡镇活动", (ACTIVITY,), "township_activities_days"),
    SectionKind("exchange.ExperienceTownshipPage", "乡镇经验交流", (EXPERIENCE,), "township_exchange_days"),
)


@dataclass
class Section:
    page: Page
    kind: SectionKind
    threshold_days: int
    last_published: datetime.date | None
    today: datetime.date

    @property
    def days_since(self):
        if self.last_published is None:
            return None
        return max((self.today - self.last_published).days, 0)  # an item dated ahead counts as today's

    @property
    def days_since_label(self):
        return "—" if self.days_since is None else str(self.days_since)

    @property
    def overdue(self):
        return self.days_since is None or self.days_since > self.threshold_days

    @property
    def days_overdue(self):
        return None if self.days_since is None else max(self.days_since - self.threshold_days, 0)

    @property
    def title(self):
        return self.page.title

    @property
    def last_published_label(self):
        return chinese_date(self.last_published) if self.last_published else "从未发布"

    @property
    def status_label(self):
        if self.last_published is None:
            return "从未发布"
        return f"逾期 {self.days_overdue} 天" if self.overdue else "正常"


def chinese_date(day):
    return f"{day.year}年{day.month}月{day.day}日"


def newest_date(label):
    """A subquery: the date shown on the newest live item of that type below the outer page."""
    items = model_or_none(label).objects.live().filter(path__startswith=OuterRef("path"), depth__gt=OuterRef("depth"))
    return Subquery(items.order_by("-date").values("date")[:1])


def all_sections(today=None):
    """Every live section of every kind, in tree order (a section's township folders follow it)."""
    today = today or timezone.localdate()
    thresholds = FreshnessSettings.load()
    sections = []
    for kind in KINDS:
        model = model_or_none(kind.index)
        if model is None:
            continue
        items = [label for label in kind.items if model_or_none(label)]
        pages = model.objects.live().annotate(**{f"newest_{i}": newest_date(label) for i, label in enumerate(items)})
        days = getattr(thresholds, kind.threshold)
        for page in pages:
            dates = [day for i in range(len(items)) if (day := getattr(page, f"newest_{i}"))]
            sections.append(Section(page, kind, days, max(dates, default=None), today))
    return sorted(sections, key=lambda section: section.page.path)


def is_responsible(user, page):
    """Those who may edit or publish in a section answer for keeping it up to date."""
    tester = page.permissions_for_user(user)
    return tester.can_edit() or tester.can_publish()


def sections_for(user, today=None):
    return [section for section in all_sections(today) if is_responsible(user, section.page)]


def overdue_sections_for(user, today=None):
    return [section for section in sections_for(user, today) if section.overdue]


def digest_candidates():
    """Active users with an address who hold a page permission somewhere (or are superusers)."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(Q(is_superuser=True) | Q(groups__page_permissions__isnull=False)).distinct().order_by("pk")


def overdue_by_recipient(today=None):
    """{user: [their overdue sections]} for everyone responsible for at least one overdue section."""
    overdue = [section for section in all_sections(today) if section.overdue]
    digest = {}
    for user in digest_candidates() if overdue else []:
        if mine := [section for section in overdue if is_responsible(user, section.page)]:
            digest[user] = mine
    return digest
