from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "搜索"

    def ready(self):
        from portal.core.cache import served_from_cache

        served_from_cache.connect(count_cached_search, dispatch_uid="search_count_cached")


def count_cached_search(sender, request, **kwargs):
    """A search answered from the page cache still counts in the search statistics."""
    from django.urls import reverse

    from .querylog import query_log
    from .segment import query_terms
    from .views import clean_query

    if request.path == reverse("search"):
        query = clean_query(request.GET.get("q", ""))
        if query_terms(query):
            query_log.record(query)
