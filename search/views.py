"""The public search page /search/?q=… (results, facets, sorting, promotions, help when nothing is found)."""

import datetime

from django.core.cache import cache
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from portal.core.listing import public_pages

from .querylog import query_log
from .results import FACETS, SORTS, run_search
from .segment import query_terms

MAX_QUERY_LENGTH = 100
POPULAR_SEARCHES = 8
POPULAR_CACHE_SECONDS = 600


def clean_query(raw):
    """At most MAX_QUERY_LENGTH characters, no NUL bytes, whitespace (full-width too) collapsed."""
    return " ".join(raw.replace("\x00", " ")[: MAX_QUERY_LENGTH * 2].split())[:MAX_QUERY_LENGTH]


def promotions_for(query):
    """Editors' picks (Wagtail search promotions) for this exact key term; internal pages only if live and public."""
    normalised = normalise_query_string(query)
    if not normalised:
        return []
    return list(
        SearchPromotion.objects.filter(query__query_string=normalised)
        .filter(Q(page__isnull=True) | Q(page__in=public_pages(Page.objects.live())))
        .select_related("page")
        .order_by("sort_order")
    )


def popular_searches():
    """Key terms editors promote, most searched first (visitors' own queries are never shown to others)."""
    popular = cache.get("search:popular")
    if popular is None:
        since = timezone.localdate() - datetime.timedelta(days=30)
        popular = list(
            Query.objects.filter(pk__in=SearchPromotion.objects.values("query"))
            .annotate(recent_hits=Coalesce(Sum("daily_hits__hits", filter=Q(daily_hits__date__gte=since)), 0))
            .order_by("-recent_hits", "query_string")
            .values_list("query_string", flat=True)[:POPULAR_SEARCHES]
        )
        cache.set("search:popular", popular, POPULAR_CACHE_SECONDS)
    return popular


def link_query(request, **changes):
    """The current query string with some parameters set (or removed, for None)."""
    params = request.GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = value
    return params.urlencode()


def search(request):
    query = clean_query(request.GET.get("q", ""))
    terms = query_terms(query)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "relevance"
    selected = {name: request.GET.get(name, "")[:40] for name in FACETS}
    context = {
        "search_query": query,
        "terms": terms,
        "sort": sort,
        "sorts": SORTS,
        "selected": selected,
        "promotions": promotions_for(query),
    }
    if terms:
        context.update(run_search(terms, selected, sort, request.GET.get("page")))
        context["query_string"] = link_query(request, page=None)
        for name, values in context["facets"].items():
            for value in values:
                value.url = "?" + link_query(request, page=None, **{name: None if value.selected else value.key})
        query_log.record(query)
    if not terms or not context["total"]:
        context["popular_searches"] = popular_searches()
    return TemplateResponse(request, "search/search.html", context)
