"""The public search page /search/?q=… (HTML, or JSON with format=json) and /search/suggest/?q=… for the box."""

import copy
import datetime
import re
from urllib.parse import urlencode

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

from portal.core.models import PortalSettings

from .memo import KeptUntilPublish
from .models import SearchSynonym
from .popular import popular_searches
from .query import correction, parse
from .querylog import query_log
from .results import FACETS, SORTS, run_search
from .vocabulary import vocabulary

MAX_QUERY_LENGTH = 100
FEW_RESULTS = 3  # fewer than this (or only partial matches): try the corrected query
JSON_LIMIT, MAX_JSON_LIMIT = 20, 100
SUGGESTIONS = 8
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def clean_query(raw):
    """At most MAX_QUERY_LENGTH characters, no NUL bytes, whitespace (full-width too) collapsed."""
    return " ".join(raw.replace("\x00", " ")[: MAX_QUERY_LENGTH * 2].split())[:MAX_QUERY_LENGTH]


_promotions = KeptUntilPublish(size=500)
_sites = KeptUntilPublish(size=20)


def promotions_for(query):
    """Editors' picks (Wagtail search promotions) for this exact key term; internal pages only if live and public.
    Kept per process until the next publish (saving a promotion, a page or a restriction invalidates)."""
    normalised = normalise_query_string(query)
    if not normalised:
        return []
    return _promotions.get(normalised, lambda: read_promotions(normalised))


def read_promotions(normalised):
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalised).select_related("page").order_by("sort_order")
    )
    pages = [pick.page_id for pick in picks if pick.page_id]
    if not pages:  # most terms have no pick: no need to ask which pages are public
        return picks
    public = set(Page.objects.filter(pk__in=pages).live().public().values_list("pk", flat=True))
    return [pick for pick in picks if pick.page_id is None or pick.page_id in public]


def known_site(request):
    """The request's Site and its PortalSettings, read once per host and publish in this process (search/memo.py;
    saving a site or a setting invalidates) instead of two queries and a Page per search. They are set where Wagtail's
    own `Site.find_for_request` and `PortalSettings.for_request` (the `settings` context processor, base.html) look
    first, so the templates read them unchanged; each request gets its own copy of the settings, which carry it."""
    key = (request.get_host(), request.get_port())
    found = _sites.get(key, lambda: read_site(request))
    if found is None:
        return
    site, portal = found
    request._wagtail_site = site
    portal = copy.copy(portal)
    portal._request = request
    setattr(request, PortalSettings.get_cache_attr_name(), portal)


def read_site(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site, PortalSettings.for_site(site)


def link_query(request, **changes):
    """The current query string with some parameters set (or removed, for None): what `request.GET.copy()`, pop,
    set and `urlencode()` give (a changed parameter moves to the end), without copying the QueryDict for each of
    the ~30 links of a results page."""
    pairs = [(name, value) for name, values in request.GET.lists() if name not in changes for value in values]
    pairs += [(name, value) for name, value in changes.items() if value is not None]
    encoding = request.GET.encoding
    return "&".join(urlencode({name.encode(encoding): str(value).encode(encoding)}) for name, value in pairs)


def read_date(request, name, label):
    """(date or None, error message or None) for a YYYY-MM-DD parameter."""
    value = request.GET.get(name, "").strip()
    if not value:
        return None, None
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return datetime.date.fromisoformat(value), None
    except ValueError:
        return None, f"{label}“{value[:20]}”不是有效的日期，请写成 2025-05-29 这样的格式"


def read_dates(request):
    """The date range (from, to) and the problems with it, in Chinese."""
    first, first_error = read_date(request, "from", "开始日期")
    last, last_error = read_date(request, "to", "结束日期")
    errors = [error for error in (first_error, last_error) if error]
    if first and last and first > last:
        errors.append("开始日期不能晚于结束日期")
        first = last = None
    return (first, last), errors


def read_positive(request, name, default, maximum=None):
    value = request.GET.get(name, "")
    if not value:
        return default
    if not value.isdigit() or int(value) < 1 or (maximum and int(value) > maximum):
        raise ValueError(name)
    return int(value)


def forgiving_search(parsed, groups, run, allow_correction):
    """run(parsed); when that finds little, the corrected query's results if they are better. → (outcome, corrected)"""
    outcome = run(parsed)
    if not allow_correction or (outcome["total"] >= FEW_RESULTS and not outcome["partial_match"]):
        return outcome, None
    corrected = correction(parsed.text, vocabulary())
    if not corrected:
        return outcome, None
    other = run(parse(corrected, groups))
    if (not other["partial_match"], other["total"]) > (not outcome["partial_match"], outcome["total"]):
        return other, corrected
    return outcome, None


def search_context(request, per_page=None):
    """Everything both the page and the JSON answer show."""
    query = clean_query(request.GET.get("q", ""))
    groups = SearchSynonym.groups()
    parsed = parse(query, groups)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "relevance"
    selected = {name: request.GET.get(name, "")[:40] for name in FACETS}
    dates, date_errors = read_dates(request)
    context = {
        "search_query": query,
        "terms": parsed.terms,
        "sort": sort,
        "sorts": SORTS,
        "selected": selected,
        "dates": dates,
        "date_errors": date_errors,
        "corrected": None,
    }
    if parsed.terms:

        def run(parsed):
            extra = {"per_page": per_page} if per_page else {}
            return run_search(parsed, selected, sort, request.GET.get("page"), dates=dates, **extra)

        outcome, corrected = forgiving_search(parsed, groups, run, allow_correction=not request.GET.get("exact"))
        context.update(outcome, corrected=corrected)
        query_log.record(query)
    return context


@require_safe
def search(request):
    known_site(request)
    if request.GET.get("format") == "json":
        return search_json(request)
    context = search_context(request)
    context["promotions"] = promotions_for(context["search_query"])
    context["popular_searches"] = popular_searches()
    if context["terms"]:
        context["query_string"] = link_query(request, page=None)
        context["exact_query"] = link_query(request, page=None, q=context["search_query"], exact="1")
        for name, values in context["facets"].items():
            for value in values:
                value.url = "?" + link_query(request, page=None, **{name: None if value.selected else value.key})
    return TemplateResponse(request, "search/search.html", context)


def search_json(request):
    """The results as JSON: {query, corrected, total, results: [{title, url, section, date, snippet}], facets}."""
    try:
        limit = read_positive(request, "limit", JSON_LIMIT, MAX_JSON_LIMIT)
        read_positive(request, "page", 1)
    except ValueError as error:
        messages = {"limit": f"limit 必须是 1 到 {MAX_JSON_LIMIT} 之间的整数", "page": "page 必须是正整数"}
        return JsonResponse({"error": messages[str(error)]}, status=400)
    context = search_context(request, per_page=limit)
    if context["date_errors"]:
        return JsonResponse({"error": "；".join(context["date_errors"])}, status=400)
    data = {"query": context["search_query"], "corrected": context["corrected"], "total": 0, "results": []}
    data["facets"] = {name: [] for name in FACETS}
    if context["terms"]:
        data["total"] = context["total"]
        data["results"] = [
            {
                "title": result.page.title,
                "url": result.page.get_url(request),
                "section": result.section,
                "date": result.date.isoformat() if result.date else None,
                "snippet": str(result.snippet_html),
            }
            for result in context["results"]
        ]
        data["facets"] = {
            name: [
                {"key": value.key, "label": value.label, "count": value.count, "selected": value.selected}
                for value in values
            ]
            for name, values in context["facets"].items()
        }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_safe
def suggest(request):
    """Known words and page titles that begin with what the visitor has typed (Chinese, pinyin or initials)."""
    prefix = clean_query(request.GET.get("q", ""))[:20]
    suggestions = vocabulary().starting_with(prefix, SUGGESTIONS) if prefix else []
    if prefix and not prefix.isascii() and len(suggestions) < SUGGESTIONS:
        titles = Page.objects.live().public().filter(depth__gt=2, title__startswith=prefix)
        for title in titles.order_by("title").values_list("title", flat=True)[:SUGGESTIONS]:
            if title not in suggestions:
                suggestions.append(title)
    return JsonResponse({"suggestions": suggestions[:SUGGESTIONS]}, json_dumps_params={"ensure_ascii": False})
