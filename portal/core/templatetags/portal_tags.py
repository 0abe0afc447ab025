import datetime

from django import template
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from wagtail.models import Page, Site

from portal.core.cache import remembered
from portal.core.routing import ancestors_from_lineage

register = template.Library()


@register.filter(expects_localtime=True)
def cn_date(value):
    """2026年11月23日 — the one date format the site uses, on the Asia/Shanghai calendar for a moment in time."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_date(value, "Y年n月j日") if value else ""


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """An absolute URL for a path such as a rendition's url (share cards need one); absolute URLs pass through."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


def menu_pages(root):
    return list(root.get_children().live().in_menu().only("title", "url_path", "path", "depth"))


def ancestor_pages(page):
    return list(page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "path", "depth"))


@register.inclusion_tag("includes/site_nav.html", takes_context=True)
def site_nav(context):
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    items = remembered(f"nav:{site.root_page.path}", lambda: menu_pages(site.root_page)) if site else []
    return {"items": items, "current": current, "home": site.root_page if site else None, "request": request}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "page": page}
    request = context["request"]
    ancestors = ancestors_from_lineage(request, page)
    if ancestors is None:
        ancestors = remembered(f"crumbs:{page.path}", lambda: ancestor_pages(page))
    return {"ancestors": ancestors, "page": page, "request": request}
