"""热门搜索: what visitors searched most in the last 30 days and found results for, minus the terms editors hide.

Every search is counted (search/views.py, and search/apps.py for one answered from the page cache, which cannot
know what it found); a term counts towards the list only if it finds a page now, with all its words, as the
search page would show it (a typo that only found something through its correction does not).
Shown only when searched at least MIN_SEARCHES times, so one visitor's odd query never reaches the list; never a
term with a long run of digits (a telephone or ID number typed into the box).
"""

import datetime
import re

from django.core.cache import cache
from django.db.models import Q, Sum
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

POPULAR_CACHE_KEY = "search:popular"
POPULAR_CACHE_SECONDS = 600
POPULAR_SEARCHES = 8
MIN_SEARCHES = 3
DAYS = 30
LONG_NUMBER = re.compile(r"\d{6,}")


def popular_searches():
    popular = cache.get(POPULAR_CACHE_KEY)
    if popular is None:
        popular = most_searched()
        cache.set(POPULAR_CACHE_KEY, popular, POPULAR_CACHE_SECONDS)
    return popular


def most_searched():
    from .models import HiddenSearchTerm

    since = timezone.localdate() - datetime.timedelta(days=DAYS)
    rows = (
        Query.objects.exclude(query_string__in=HiddenSearchTerm.objects.values("term"))
        .annotate(recent=Sum("daily_hits__hits", filter=Q(daily_hits__date__gte=since)))
        .filter(recent__gte=MIN_SEARCHES)
        .order_by("-recent", "query_string")
        .values_list("query_string", flat=True)[: POPULAR_SEARCHES * 2]
    )
    return [term for term in rows if not LONG_NUMBER.search(term) and finds_something(term)][:POPULAR_SEARCHES]


def finds_something(term):
    """Whether the search page would show a result for term with all its words (synonyms included)."""
    from .models import SearchSynonym
    from .query import parse

    parsed = parse(term, SearchSynonym.groups())
    if not parsed.terms:
        return False
    return bool(get_search_backend().search(parsed.backend_query("and"), Page.objects.live().public())[:1])


def forget_popular():
    cache.delete(POPULAR_CACHE_KEY)
