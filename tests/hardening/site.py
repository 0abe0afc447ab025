"""The demo site and the list of its public URLs, shared by the fuzz, XSS and accessibility tests.

Discovers page types rather than naming them, so every page type the domain apps add is covered.
"""

from django.core.management import call_command
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

FIXED_URLS = ["/", "/search/", "/search/?q=计生协", "/sitemap.xml"]


def load_demo_site():
    call_command("load_demo", verbosity=0)


def one_page_per_type():
    """The first live page of every page type (below the root), specific."""
    pages = []
    content_types = Page.objects.live().filter(depth__gt=1).values_list("content_type", flat=True).distinct()
    for content_type_id in sorted(set(content_types)):
        pages.append(Page.objects.live().filter(content_type_id=content_type_id).order_by("path").first().specific)
    return pages


def routable_urls(page):
    """The sub-URLs of a RoutablePageMixin page that take no argument (feeds, archives, exports)."""
    if not isinstance(page, RoutablePageMixin):
        return []
    urls = []
    for pattern in page.get_resolver().url_patterns:
        if pattern.name and not pattern.pattern.regex.groups:
            try:
                urls.append(page.url + page.reverse_subpage(pattern.name))
            except Exception:  # a route that needs arguments after all
                continue
    return urls


def public_urls():
    urls = list(FIXED_URLS)
    for page in one_page_per_type():
        urls.append(page.url)
        urls.extend(routable_urls(page))
    return list(dict.fromkeys(urls))
