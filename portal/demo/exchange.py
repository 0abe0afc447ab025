"""经验交流 (exchange.toml): a folder per township, yearly and campaign submissions with figures worked out from
the township's code, so that each township has its own size and grows about 8% a year."""

import datetime
import hashlib
from decimal import Decimal

from portal.core.models import OrgUnit
from portal.exchange.models import ExperienceFigure, ExperienceIndexPage, ExperiencePage, MetricDefinition
from tests.exchange.factories import ExperienceIndexPageFactory, ExperiencePageFactory, ExperienceTownshipPageFactory

from .build import publish_child, read

Role = ExperienceFigure.Role


def seed(code):
    return int(hashlib.sha1(code.encode()).hexdigest()[:6], 16)


def yearly_rows(code, grown, villages, *, corrected):
    """(metric label, value, value_max, unit, qualifier, role, part_of, scope) of one township, `grown` years on."""
    size = seed(code)
    growth = Decimal("1.08") ** grown
    members = int((900 + size % 1600) * growth) + (120 if corrected else 0)
    visits = 60 + size % 90 + grown * 12
    return [
        ("村(社区)计生协会", 8 + size % 14 + grown, None, "个", "", Role.ACTUAL, None, None),
        ("计生协会员", members // 10 * 10, None, "人", "余", Role.ACTUAL, None, None),
        (
            "投入经费",
            (Decimal(12 + size % 30) * growth).quantize(Decimal("0.1")),
            None,
            "万元",
            "",
            Role.ACTUAL,
            None,
            None,
        ),
        ("宣传品", int((3000 + size % 9000) * growth) // 100 * 100, None, "份", "多", Role.ACTUAL, None, None),
        ("宣传活动", 6 + size % 10 + grown, None, "次", "", Role.ACTUAL, None, None),
        ("走访慰问家庭", visits, None, "户", "", Role.ACTUAL, None, None),
        ("帮扶困难家庭", visits // 3, None, "户", "", Role.ACTUAL, 6, None),
        ("政策知晓率", min(Decimal(88 + size % 8 + grown), Decimal(99)), None, "%", "以上", Role.ACTUAL, None, None),
        ("参与群众", 600 + size % 400, 900 + size % 400, "人次", "", Role.ACTUAL, None, None),
        ("会员之家", 1, None, "个", "", Role.ACTUAL, None, villages[0] if villages else None),
        ("政策知晓率", 95, None, "%", "", Role.TARGET, None, None),
    ]


def campaign_rows(code, grown):
    """A few weeks' share of the year's activity."""
    size = seed(code)
    return [
        ("宣传活动", 2 + size % 4 + grown, None, "次", "", Role.ACTUAL, None, None),
        ("宣传品", (800 + size % 2000) // 100 * 100 + grown * 200, None, "份", "余", Role.ACTUAL, None, None),
        ("走访慰问家庭", 20 + size % 30 + grown * 5, None, "户", "", Role.ACTUAL, None, None),
        ("参与群众", 300 + size % 300 + grown * 50, None, "人次", "", Role.ACTUAL, None, None),
    ]


def figures(rows, metrics, sentence):
    return [
        ExperienceFigure(
            metric=metrics[label],
            value_as_written=Decimal(value),
            value_max_as_written=None if value_max is None else Decimal(value_max),
            unit=unit,
            qualifier=qualifier,
            role=role,
            part_of=part_of,
            scope=scope,
            status=ExperienceFigure.Status.CONFIRMED,
            source_sentence=sentence.format(label=label, value=value, unit=unit),
        )
        for label, value, value_max, unit, qualifier, role, part_of, scope in rows
    ]


def narrative(themes, name, year):
    """The themes with the township's name and the year filled in."""

    def filled(value):
        if isinstance(value, str):
            return value.format(name=name, year=year)
        if isinstance(value, list):
            return [filled(item) for item in value]
        return {key: filled(item) for key, item in value.items()}

    return [("theme", filled(theme)) for theme in themes]


def load_exchange(home, city):
    data = read("exchange")
    index = ExperienceIndexPage.objects.child_of(home).first() or publish_child(
        ExperienceIndexPageFactory, home, **data["index"]
    )
    metrics = MetricDefinition.objects.in_bulk(field_name="label")
    townships = OrgUnit.objects.filter(level=OrgUnit.Level.TOWNSHIP, path__startswith=city.path).order_by("path")
    for township in townships:
        folder = publish_child(ExperienceTownshipPageFactory, index, slug=township.code, orgunit=township)
        villages = list(township.get_children())
        for slug, year, corrected, publish in yearly_submissions(data, township.code):
            fields = yearly_report(data, township, villages, metrics, year, corrected)
            publish_child(ExperiencePageFactory, folder, publish=publish, live=False, slug=slug, **fields)
        for campaign in campaigns_reported(data, township.code):
            fields = campaign_report(data, township, metrics, campaign)
            publish_child(ExperiencePageFactory, folder, live=False, **fields)
    return index


def yearly_submissions(data, code):
    """(slug, year, corrected, published) of a township's yearly materials, its resubmission included."""
    resubmitted = data["resubmitted"]
    for year in data["years"]:
        yield f"{year}", year, False, not (year == data["years"][-1] and code in data["drafts"])
        if (code, year) == (resubmitted["unit"], resubmitted["year"]):
            yield f"{year}-revised", year, True, True


def campaigns_reported(data, code):
    campaigns = data["campaigns"] if code in data["campaign_townships"] else []
    return [*campaigns, data["summer"]] if code == data["resubmitted"]["unit"] else campaigns


def yearly_report(data, township, villages, metrics, year, corrected):
    texts, name, first_year, last_year = data["yearly"], township.label, data["years"][0], data["years"][-1]
    rows = yearly_rows(township.code, year - first_year, villages, corrected=corrected)
    return {
        "title": texts["revised_title" if corrected else "title"].format(name=name, year=year),
        "date": datetime.date(year, 12, 20) if year < last_year else datetime.date(last_year, 11, 10),
        "year": year,
        "period_kind": ExperiencePage.PeriodKind.YEAR,
        "summary": texts["summary"].format(name=name, year=year),
        "body": narrative(data["themes"], name, year),
        "orgunit": township,
        "figures": figures(rows, metrics, texts["sentence"]),
    }


def campaign_report(data, township, metrics, campaign):
    texts, start, end = data["campaign_report"], campaign["start"], campaign["end"]
    words = {"name": township.label, "year": start.year, "campaign": campaign["name"]}
    rows = campaign_rows(township.code, start.year - data["years"][0])
    return {
        "title": texts["title"].format(**words),
        "slug": campaign["slug"],
        "date": end + datetime.timedelta(days=10),
        "year": start.year,
        "period_kind": ExperiencePage.PeriodKind.CUSTOM,
        "period_start": start,
        "period_end": end,
        "summary": texts["summary"].format(**words),
        "body": narrative(data["themes"][:1], township.label, start.year),
        "orgunit": township,
        "figures": figures(rows, metrics, texts["sentence"]),
    }
