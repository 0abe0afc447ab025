"""The shared index page: a filtered, paginated listing of the detail pages below it, an RSS feed and a year archive.

A concrete index sets `listing_model` (the detail page class or "app_label.ModelName") and its page-type rules;
the listing, filters, feed, archive and `latest_items` (used by the home page) come from here.
"""

import datetime
from urllib.parse import urlencode

from django import forms
from django.contrib.syndication.views import Feed
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page

from .cache import remembered
from .models import OrgUnit
from .pages import prefetch_renditions

LISTING_RENDITION = "fill-240x160|format-webp"
FILTER_ORGUNIT_LEVELS = [OrgUnit.Level.CITY, OrgUnit.Level.COUNTY, OrgUnit.Level.TOWNSHIP]
ALL = ("", "全部")


def model_has_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


class ListingFilterForm(forms.Form):
    """GET filters. Every field is a choice among values that exist, so junk input is simply not valid and ignored."""

    def __init__(self, data, *, years, orgunits, tags=None, campaigns=None):
        super().__init__(data)
        self.fields["year"] = forms.ChoiceField(label="年份", required=False, choices=[ALL, *years])
        if tags is not None:
            self.fields["tag"] = forms.ChoiceField(label="标签", required=False, choices=[ALL, *tags])
        self.fields["orgunit"] = forms.ChoiceField(
            label="单位", required=False, choices=[ALL, *((code, label) for code, label, _path in orgunits)]
        )
        self.orgunit_paths = {code: path for code, _label, path in orgunits}
        if campaigns is not None:
            self.fields["campaign"] = forms.ChoiceField(label="宣传活动", required=False, choices=[ALL, *campaigns])

    def valid_filters(self):
        """The filters whose values are valid and not empty; invalid ones are dropped rather than reported."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class ListingFeed(Feed):
    """RSS 2.0 feed of an index's newest items, with absolute links and dates in the site's time zone."""

    language = "zh-cn"
    limit = 20

    def __init__(self, index):
        super().__init__()
        self.index = index

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index):
        return index.title

    def link(self, index):
        return index.get_full_url(self.request)

    def description(self, index):
        return index.intro or f"{index.title}栏目的最新内容"

    def items(self, index):
        return index.base_listing_queryset().select_related("orgunit")[: self.limit]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.search_description

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        """The item's date; the exact publication time when it was first published on that day."""
        zone = timezone.get_default_timezone()
        if item.first_published_at:
            published = timezone.localtime(item.first_published_at, zone)
            if published.date() == item.date:
                return published
        return datetime.datetime.combine(item.date, datetime.time(), tzinfo=zone)


class ListingIndexPage(RoutablePageMixin, Page):
    """An index listing the live, public `listing_model` pages anywhere below it, newest first."""

    intro = models.TextField("栏目简介", blank=True, max_length=300, help_text="列表上方和订阅源里显示的一两句介绍")

    content_panels = Page.content_panels + [FieldPanel("intro")]

    listing_model = None  # the detail page class, or "app_label.ModelName"
    per_page = 12

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.intro

    @cached_property
    def listing_page_model(self):
        return resolve_model_string(self.listing_model)

    def base_listing_queryset(self):
        """Live, public detail pages below this index (descendants, not only children), newest first."""
        return (
            self.listing_page_model.objects.live()
            .descendant_of(self)
            .public()
            .order_by("-date", "-first_published_at", "-pk")
        )

    def with_listing_images(self, queryset):
        """Cards need the OrgUnit, the listing image and its card rendition: fetched with the rows, in two queries."""
        return queryset.select_related("orgunit", "listing_image").prefetch_related(
            prefetch_renditions("listing_image", LISTING_RENDITION)
        )

    def listing_queryset(self):
        """All listed pages with what their cards show, in a constant number of queries."""
        return self.with_listing_images(self.base_listing_queryset())

    def latest_items(self, limit):
        return list(self.base_listing_queryset()[:limit])

    # Filters

    def filter_form(self, data):
        """The filter form, offering only values the listed pages have (remembered until the next publish)."""
        return self.build_filter_form(data, remembered(f"filter-choices:{self.pk}", self.filter_choices))

    def build_filter_form(self, data, choices):
        return ListingFilterForm(data, **choices)

    def filter_choices(self):
        """Years, units, tags and campaigns of the listed pages: 2 queries, 3 when the model has tags."""
        queryset = self.base_listing_queryset()
        has_campaign = model_has_field(self.listing_page_model, "campaign")
        columns = [ExtractYear("date"), "orgunit__path", *(["campaign_id", "campaign__name"] if has_campaign else [])]
        rows = list(queryset.order_by().values_list(*columns).distinct())
        years = sorted({row[0] for row in rows}, reverse=True)
        campaigns = sorted(
            {(str(row[2]), row[3]) for row in rows if has_campaign and row[2]}, key=lambda choice: choice[1]
        )
        return {
            "years": [(str(year), f"{year}年") for year in years],
            "orgunits": self.orgunit_choices(row[1] for row in rows if row[1]),
            "tags": self.tag_choices(queryset) if model_has_field(self.listing_page_model, "tags") else None,
            "campaigns": campaigns if has_campaign else None,
        }

    def orgunit_choices(self, paths):
        """The units the pages are about and the county and city above them, as (code, indented label, path)."""
        prefixes = {path[:end] for path in paths for end in range(OrgUnit.steplen, len(path) + 1, OrgUnit.steplen)}
        units = OrgUnit.objects.filter(path__in=prefixes, level__in=FILTER_ORGUNIT_LEVELS).order_by("path")
        return [(unit.code, "　" * (unit.depth - 1) + unit.label, unit.path) for unit in units]

    def tag_choices(self, queryset):
        """Tags used by the listed pages. The tag through model follows taggit's convention (`content_object`)."""
        through = self.listing_page_model._meta.get_field("tags").remote_field.through
        names = (
            through.objects.filter(content_object__in=queryset.order_by().values("pk"))
            .values_list("tag__name", flat=True)
            .distinct()
            .order_by("tag__name")
        )
        return [(name, name) for name in names]

    def apply_filters(self, queryset, filters, form):
        if "year" in filters:
            queryset = queryset.filter(date__year=int(filters["year"]))
        if "tag" in filters:
            queryset = queryset.filter(tags__name=filters["tag"])
        if "orgunit" in filters:
            queryset = queryset.filter(orgunit__path__startswith=form.orgunit_paths[filters["orgunit"]])
        if "campaign" in filters:
            queryset = queryset.filter(campaign_id=int(filters["campaign"]))
        return queryset

    # Views

    def listing_context(self, request, *, year=None):
        queryset = self.base_listing_queryset()
        data = request.GET.copy()
        if year is not None:
            data["year"] = str(year)
        form = self.filter_form(data)
        filters = form.valid_filters()
        if year is not None and filters.get("year") != str(year):
            raise Http404("这一年没有内容")
        rows = self.with_listing_images(self.apply_filters(queryset, filters, form))
        page_obj = Paginator(rows, self.per_page).get_page(request.GET.get("page"))
        return {
            "items": page_obj.object_list,
            "page_obj": page_obj,
            "filter_form": form,
            "filters": filters,
            "query_string": urlencode(
                {name: value for name, value in filters.items() if year is None or name != "year"}
            ),
            "archive_years": [value for value, _label in form.fields["year"].choices if value],
            "archive_year": year,
        }

    @path("", name="index")
    def index_view(self, request):
        return self.render(request, context_overrides=self.listing_context(request))

    @path("year/<int:year>/", name="year")
    def year_view(self, request, year):
        return self.render(request, context_overrides=self.listing_context(request, year=year))

    @path("feed/", name="feed")
    def feed_view(self, request):
        return ListingFeed(self)(request)
