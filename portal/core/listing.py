"""The shared index page: a filtered, paginated listing of the detail pages below it, an RSS feed and a year archive.

A concrete index sets `listing_model` (the detail page class or "app_label.ModelName"), `filterset_class` (its
filters, portal.core.filters) and its page-type rules; the listing, feed, archive and `latest_items` (used by the
home page) come from here.
"""

from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page

from .cache import remembered
from .pages import prefetch_renditions
from .permissions import PortalPagePermissions
from .templatetags.portal_tags import publication_time

LISTING_RENDITION = "fill-240x160|format-webp"


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
        return publication_time(item)


class ListingIndexPage(PortalPagePermissions, RoutablePageMixin, Page):
    """An index listing the live, public `listing_model` pages anywhere below it, newest first."""

    intro = models.TextField("栏目简介", blank=True, max_length=300, help_text="列表上方和订阅源里显示的一两句介绍")

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]  # a section's index; a township folder says where it goes
    listing_model = None  # the detail page class, or "app_label.ModelName"
    filterset_class = None  # a ListingFilterSet over listing_model
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

    def listing_rows(self, queryset):
        """The listed pages with what their rows show: on cards the OrgUnit, the listing image and its rendition,
        fetched with the rows in two queries."""
        return queryset.select_related("orgunit", "listing_image").prefetch_related(
            prefetch_renditions("listing_image", LISTING_RENDITION)
        )

    def listing_queryset(self):
        """All listed pages with what their rows show, in a constant number of queries."""
        return self.listing_rows(self.base_listing_queryset())

    def latest_items(self, limit):
        return list(self.base_listing_queryset()[:limit])

    # Filters

    def filterset(self, data):
        """The index's filters, offering only values the listed pages have (remembered until the next publish)."""
        queryset = self.base_listing_queryset()
        offered = remembered(f"filter-offered:{self.pk}", lambda: self.filterset_class.offered_choices(queryset))
        return self.filterset_class(data, queryset, offered=offered)

    # Views

    def listing_context(self, request, *, year=None):
        data = request.GET.copy()
        if year is not None:
            data["year"] = str(year)
        filterset = self.filterset(data)
        filters = filterset.applied()
        if year is not None and filters.get("year") != str(year):
            raise Http404("这一年没有内容")
        rows = self.listing_rows(filterset.qs)
        page_obj = Paginator(rows, self.per_page).get_page(request.GET.get("page"))
        return {
            "items": page_obj.object_list,
            "page_obj": page_obj,
            "filter_form": filterset.form,
            "filters": filters,
            "query_string": urlencode(
                {name: value for name, value in filters.items() if year is None or name != "year"}
            ),
            "archive_years": [value for value, _label in filterset.form.fields["year"].choices if value],
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
