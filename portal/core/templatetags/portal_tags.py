import datetime
import functools

import segno
from django import template
from django.conf import settings
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page, Site

from portal.core.cache import remembered
from portal.core.models import PortalSettings
from portal.core.pages import BasePage
from portal.core.sites import site_address

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
    ancestors = remembered(f"crumbs:{page.path}", lambda: ancestor_pages(page))
    return {"ancestors": ancestors, "page": page, "request": request}


# The 政府网站 meta tags (栏目 and 文章 metadata), from the page's section (the ancestor just below home).

COLUMN_TYPES = {
    "news": "工作动态",
    "activities": "工作动态",
    "policies": "政策文件",
    "villages": "专题专栏",
    "exchange": "经验交流",
}


# Views that are not Wagtail pages, by URL name
PAGE_LESS_COLUMNS = {
    "search": "站内搜索",
    "sitemap_page": "网站地图",
    "interaction:message": "互动交流",
    "interaction:report": "互动交流",
    "interaction:replies": "互动交流",
    "interaction:thanks": "互动交流",
}


def page_less_column(request):
    match = request.resolver_match
    return PAGE_LESS_COLUMNS.get(match.view_name if match else None, "其他")


def page_section(request, page):
    """The section a page belongs to: the page itself below home, else its ancestor at depth 3; None for home."""
    if page.depth <= 2:
        return None
    if page.depth == 3:
        return page
    return next((ancestor for ancestor in ancestor_pages(page) if ancestor.depth == 3), None)


def section_description(section, portal):
    """The section's 搜索描述, or its intro when the section itself is served, else the site's description: the
    ancestors of a detail page are plain pages, and their intros would cost a query on every page."""
    return section.search_description or getattr(section, "intro", "") or portal.description


def publication_time(page):
    """The moment an article was published, on its own date: the first publication if that day, else midnight."""
    zone = timezone.get_default_timezone()
    if page.first_published_at:
        published = timezone.localtime(page.first_published_at, zone)
        if published.date() == page.date:
            return published
    return datetime.datetime.combine(page.date, datetime.time(), tzinfo=zone)


def content_source(page, portal):
    """来源: the article's own source, else the unit it is about, else the association."""
    return getattr(page, "source", "") or (page.orgunit.name if page.orgunit_id else "") or portal.org_name


def column_type(page, section):
    if getattr(page, "doc_type", "") == "解读":
        return "政策解读"
    return COLUMN_TYPES.get(section._meta.app_label if section else "", "综合")


@register.inclusion_tag("includes/government_meta.html", takes_context=True)
def government_meta(context):
    """SiteName, SiteDomain, SiteIDCode, Column*, and on articles ArticleTitle, PubDate and ContentSource."""
    request = context["request"]
    portal = PortalSettings.for_request(request)
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    section = page_section(request, page) if page else None
    # The public address, not the request's Host (which may be anything, even on the 400 page for a bad one).
    meta = {"portal": portal, "site_domain": site_address(settings.SITE_URL)[0]}
    if section is not None:
        meta.update(column_name=section.title, column_description=section_description(section, portal))
        meta["column_type"] = column_type(page, section.specific_class)
    else:
        description = getattr(page, "meta_description", "") or portal.description
        meta.update(column_name="首页" if page else page_less_column(request), column_description=description)
        meta["column_type"] = "首页" if page else "综合"
    meta["column_keywords"] = "，".join(dict.fromkeys([meta["column_name"], portal.org_name]))
    if isinstance(page, BasePage):
        meta["article"] = page
        meta["pub_date"] = publication_time(page)
        meta["content_source"] = content_source(page, portal)
    return meta


# Article tools: 上一篇/下一篇, 字号, 打印, and a share box with the page's QR code.


@functools.lru_cache(maxsize=2048)
def qr_code_data_uri(url):
    """The QR code of `url` as an SVG data URI, made here (no outside service) and kept per process."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000", light="#fff")


@register.inclusion_tag("includes/article_tools.html", takes_context=True)
def article_tools(context, page):
    previous, following = page.neighbours()
    url = page.get_full_url(context.get("request"))
    return {"page": page, "url": url, "qr_code": qr_code_data_uri(url), "previous": previous, "following": following}


def plain_text(html):
    return " ".join(strip_tags(html).split())


@register.simple_tag
def lead_unless_repeated(lead, body):
    """The 导语 `lead`, or "" when the body's first paragraph already starts with the same words."""
    first = next((block for block in body if block.block_type == "paragraph"), None) if body else None
    if lead and first is not None and plain_text(str(first.value.source)).startswith(" ".join(lead.split())):
        return ""
    return lead


@register.filter
def book_title(title):
    """A title in 书名号; 书名号 inside it become 〈〉, as a nested title is written (《关于印发〈要点〉的通知》)."""
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"
