"""The filters of the index pages: each offers only the values its listed pages have, so junk input is simply not a
valid choice and is ignored (a filter whose value is not valid is not applied; the others still are).

An index declares a `ListingFilterSet` next to it; `ListingFilterSet.offered_choices` reads the values of every
filter in one query (two with an OrgUnit filter), and the index remembers them until the next publish.
"""

import django_filters
from django.db.models import Subquery
from django.db.models.functions import ExtractYear

from .models import OrgUnit

FILTER_ORGUNIT_LEVELS = [OrgUnit.Level.CITY, OrgUnit.Level.COUNTY, OrgUnit.Level.TOWNSHIP]


class OfferedChoiceFilter(django_filters.ChoiceFilter):
    """A choice among the values the listed pages have, 全部 first. `columns` are read from the listed pages (the
    field name by default); `choices_among` turns the values found into (value, label) choices."""

    def __init__(self, *args, columns=None, **kwargs):
        super().__init__(*args, empty_label="全部", null_value=None, **kwargs)
        self.columns = columns

    def read_columns(self):
        return self.columns or (self.field_name,)

    def choices_among(self, values):
        return [(value, value) for value in sorted(values)]


class YearFilter(OfferedChoiceFilter):
    def __init__(self):
        super().__init__(label="年份", field_name="date", lookup_expr="year", columns=(ExtractYear("date"),))

    def choices_among(self, values):
        return [(str(year), f"{year}年") for year in sorted(values, reverse=True)]


class OrgUnitFilter(OfferedChoiceFilter):
    """The units the pages are about and the county and city above them, indented; a unit includes those below it."""

    def __init__(self, label="单位"):
        super().__init__(label=label, field_name="orgunit__path")

    def choices_among(self, paths):
        step = OrgUnit.steplen
        prefixes = {path[:end] for path in paths for end in range(step, len(path) + 1, step)}
        units = OrgUnit.objects.filter(path__in=prefixes, level__in=FILTER_ORGUNIT_LEVELS).order_by("path")
        return [(unit.code, "　" * (unit.depth - 1) + unit.label) for unit in units]

    def filter(self, queryset, code):
        if not code:
            return queryset
        unit_path = OrgUnit.objects.filter(code=code).values("path")[:1]
        return queryset.filter(orgunit__path__startswith=Subquery(unit_path))


class CampaignFilter(OfferedChoiceFilter):
    def __init__(self):
        super().__init__(label="宣传活动", field_name="campaign_id", columns=("campaign_id", "campaign__name"))

    def choices_among(self, campaigns):
        return sorted(((str(pk), name) for pk, name in campaigns), key=lambda choice: choice[1])


class PresentChoiceFilter(OfferedChoiceFilter):
    """A field's own choices (文种, 有效性…), in their order, keeping only those the listed pages have."""

    def __init__(self, label, field_name, choices):
        super().__init__(label=label, field_name=field_name)
        self.all_choices = choices

    def choices_among(self, values):
        return [choice for choice in self.all_choices if choice[0] in values]


class RowNameFilter(OfferedChoiceFilter):
    """The names of a page's inline rows (荣誉, 发文机关): a page is listed once whichever of its rows has the name."""

    def __init__(self, label, related_name):
        super().__init__(label=label, field_name=f"{related_name}__name")
        self.related_name = related_name

    def filter(self, queryset, value):
        if not value:
            return queryset
        rows = queryset.model._meta.get_field(self.related_name).related_model
        return queryset.filter(pk__in=rows.objects.filter(name=value).values("page_id"))


class ListingFilterSet(django_filters.FilterSet):
    """An index's filters, in the order the form shows them; one of them is `year = YearFilter()` (the year archive
    relies on it)."""

    def __init__(self, data, queryset, *, offered):
        super().__init__(data, queryset)
        for name, choices in offered.items():
            self.filters[name].extra["choices"] = choices

    @classmethod
    def offered_choices(cls, queryset):
        """{filter name: choices} among the values the pages of `queryset` have, read in one query."""
        filters = {name: f for name, f in cls.base_filters.items() if isinstance(f, OfferedChoiceFilter)}
        columns = [column for f in filters.values() for column in f.read_columns()]
        rows = list(queryset.order_by().values_list(*columns).distinct())
        offered, start = {}, 0
        for name, f in filters.items():
            width = len(f.read_columns())
            values = {row[start] if width == 1 else row[start : start + width] for row in rows if row[start]}
            offered[name] = f.choices_among(values)
            start += width
        return offered

    def applied(self):
        """The filters whose values are valid and not empty, in the form's order."""
        self.is_valid()
        return {name: value for name, value in self.form.cleaned_data.items() if value}


class CampaignListingFilterSet(ListingFilterSet):
    """年份, 单位 and 宣传活动: the filters of a listing of CampaignLink pages (活动报道, and 工作动态 with 标签)."""

    year = YearFilter()
    orgunit = OrgUnitFilter()
    campaign = CampaignFilter()
