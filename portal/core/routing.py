"""Page routing in a constant number of queries, whatever the depth of the page.

Wagtail routes /a/b/c/ one level at a time, two queries per level (the child, then its specific row). The
middleware below finds the page and its ancestors in one query by their URL paths, then lets the page that answers
route what is left (a RoutablePage's feed/ or year/2025/), and hands the result to Wagtail's own `serve` view
through the cache Wagtail keeps on the request. Hooks, view restrictions, previews and the admin are untouched.
"""

from django.db.models import Q
from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve


def site_root_url_path(site):
    """The root page's url_path, from Wagtail's cached list of site roots (no query once cached)."""
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk:
            return root.root_path
    return None


def joined(components):
    """["news", "visit"] → "news/visit/", as url_path and RoutablePage sub-URLs write them."""
    return "".join(f"{component}/" for component in components)


def page_lineage(site, components):
    """The site's root page and each page along the path's components that exists, root first, in one query."""
    root_url_path = site_root_url_path(site)
    if root_url_path is None:
        return []
    url_paths = [root_url_path + joined(components[:end]) for end in range(1, len(components) + 1)]
    found = Page.objects.filter(Q(pk=site.root_page_id) | Q(slug__in=components, url_path__in=url_paths))
    return list(found.order_by("depth"))


def specific_page(page):
    """The page as its own class, with the rows every view of it shows (`serve_select_related`) in the same query."""
    model = page.specific_class
    if model is None:  # its page type's code is gone
        return page
    return model.objects.select_related(*getattr(model, "serve_select_related", ())).get(pk=page.pk)


def route(request, path):
    """Wagtail's RouteResult for `path`, or None (a 404), found in two queries (lineage, then the page's own row)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    lineage = page_lineage(site, components)
    if not lineage or lineage[0].pk != site.root_page_id:
        return None
    site.root_page = lineage[0]
    request.page_lineage = lineage
    page, remaining = first_to_answer(lineage, components)
    try:
        return specific_page(page).route(request, remaining)
    except Http404:
        return None


def first_to_answer(lineage, components):
    """The page that routes the rest of the path, and that rest: as in Wagtail, a RoutablePage's own sub-URLs
    (feed/, year/2025/) come before its children; otherwise the deepest page found."""
    for depth, page in enumerate(lineage[:-1]):
        model = page.specific_class
        if model is not None and issubclass(model, RoutablePageMixin):
            try:
                model.get_resolver().resolve("/" + joined(components[depth:]))
            except Resolver404:
                continue
            return page, components[depth:]
    return lineage[-1], components[len(lineage) - 1 :]


class PageRoutingMiddleware:
    """Routes requests for Wagtail pages with `route` above; Wagtail's serve view finds the answer on the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve and not hasattr(request, "_wagtail_route_for_request"):
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            request._wagtail_route_for_request = route(request, path)


def ancestors_from_lineage(request, page):
    """The ancestors of the page being served (home first), when the router has already loaded them."""
    lineage = getattr(request, "page_lineage", None)
    if lineage and lineage[-1].pk == page.pk:
        return [ancestor for ancestor in lineage[:-1] if ancestor.depth > 1]
    return None
