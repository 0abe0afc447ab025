"""信息报送统计: per township or county, how many news items, activity reports and experience materials were
submitted, published and returned in a period, counted from Wagtail's audit log.

Each count is of items, not of events: an item submitted, returned and resubmitted in the period is one submitted
and one returned item; an item counts as published in the period of its first publication (a later correction is
not a new item). An item belongs to the township folder it sits in, else to the unit it is about (所属单位).
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, PageLogEntry

from portal.core.models import OrgUnit

from .freshness import model_or_none

# (key, label, short label for the table's headers, page type)
ITEM_TYPES = (
    ("news", "新闻", "新闻", "news.NewsPage"),
    ("activity", "活动报道", "活动", "activities.ActivityReportPage"),
    ("experience", "经验材料", "经验", "exchange.ExperiencePage"),
)
MEASURES = (("submitted", "报送"), ("published", "采用"), ("returned", "退回"))
ACTIONS = {
    "wagtail.workflow.start": "submitted",
    "wagtail.workflow.resume": "submitted",  # resubmitted after being sent back
    "wagtail.workflow.reject": "returned",
    "wagtail.publish": "published",
}
FOLDER_TYPES = ("activities.ActivityTownshipPage", "exchange.ExperienceTownshipPage")


@dataclass
class UnitTally:
    unit: OrgUnit
    county: str
    counts: dict = field(default_factory=dict)  # (item key, measure) → number of items
    rank: int = 0

    def __getattr__(self, name):
        """`tally.news_submitted`, `tally.total_published`… for the table's columns and the exports."""
        item, _, measure = name.partition("_")
        if measure not in dict(MEASURES):
            raise AttributeError(name)
        if item == "total":
            return sum(self.counts.get((key, measure), 0) for key, *_labels in ITEM_TYPES)
        return self.counts.get((item, measure), 0)

    @property
    def name(self):
        return self.unit.name

    @property
    def label(self):
        return self.unit.label


def item_models():
    return {key: model for key, _label, _short, label in ITEM_TYPES if (model := model_or_none(label))}


def events_in(span, types):
    """(page id, measure) of every counted log entry in the span."""
    content_types = ContentType.objects.get_for_models(*types.values()).values()
    entries = PageLogEntry.objects.filter(
        action__in=ACTIONS, content_type__in=content_types, timestamp__gte=span.start, timestamp__lt=span.end
    )
    events = {(page_id, ACTIONS[action]) for page_id, action in entries.values_list("page_id", "action")}
    published = {page_id for page_id, measure in events if measure == "published"}
    earlier = PageLogEntry.objects.filter(action="wagtail.publish", page_id__in=published, timestamp__lt=span.start)
    first_published_before = set(earlier.values_list("page_id", flat=True))
    return {
        (page_id, measure)
        for page_id, measure in events
        if not (measure == "published" and page_id in first_published_before)
    }


def folder_units():
    """{folder path: OrgUnit id} of every township folder."""
    folders = {}
    for label in FOLDER_TYPES:
        if model := model_or_none(label):
            folders.update(model.objects.values_list("path", "orgunit_id"))
    return folders


def page_units(types, page_ids):
    """{page id: (item key, OrgUnit id or None)}."""
    folders = folder_units()
    units = {}
    for key, model in types.items():
        for pk, path, orgunit_id in model.objects.filter(pk__in=page_ids).values_list("pk", "path", "orgunit_id"):
            units[pk] = (key, folders.get(path[: -Page.steplen]) or orgunit_id)
    return units


def ancestors_at(level):
    """{OrgUnit id: id of the unit at `level` it belongs to (itself included)}."""
    units = list(OrgUnit.objects.values_list("pk", "path", "level"))
    at_level = {path: pk for pk, path, unit_level in units if unit_level == level}
    owner = {}
    for pk, path, _level in units:
        for depth in range(len(path) // OrgUnit.steplen, 0, -1):
            if (found := at_level.get(path[: depth * OrgUnit.steplen])) is not None:
                owner[pk] = found
                break
    return owner


def tallies(span, level=OrgUnit.Level.TOWNSHIP):
    """One UnitTally per unit of `level` (those with nothing to count too), ranked by items published."""
    types = item_models()
    events = events_in(span, types) if types else set()
    units = page_units(types, {page_id for page_id, _measure in events})
    owner = ancestors_at(level)
    counties = ancestors_at(OrgUnit.Level.COUNTY)
    rows = {unit.pk: UnitTally(unit, "") for unit in OrgUnit.objects.filter(level=level).order_by("path")}
    names = {unit.pk: unit.label for unit in OrgUnit.objects.filter(level=OrgUnit.Level.COUNTY)}
    for row in rows.values():
        row.county = names.get(counties.get(row.unit.pk), "")
    for page_id, measure in events:
        key, unit_id = units.get(page_id, (None, None))
        if (row := rows.get(owner.get(unit_id))) is not None:
            row.counts[(key, measure)] = row.counts.get((key, measure), 0) + 1
    return rank(list(rows.values()))


def rank(rows):
    """Competition ranking (1, 2, 2, 4) by items published, then submitted."""
    ordered = sorted(rows, key=lambda row: (-row.total_published, -row.total_submitted, row.unit.path))
    previous, position = None, 0
    for index, row in enumerate(ordered, start=1):
        score = (row.total_published, row.total_submitted)
        if score != previous:
            position, previous = index, score
        row.rank = position
    return ordered
