"""Site-wide files and pages that are not Wagtail pages: the HTML site map, robots.txt and /favicon.ico."""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from portal.core.pages import BasePage

FAVICON = settings.BASE_DIR / "static" / "img" / "favicon.ico"
SITEMAP_DEPTH = 2  # below home: the sections and their folders (an activity section's townships)


def content_types_of_articles():
    """The page types of single items (news, policies, reports…): the site map lists sections, not every item."""
    models = [model for model in apps.get_models() if issubclass(model, BasePage)]
    return ContentType.objects.get_for_models(*models).values()


def sitemap_tree(home):
    """Home's live, public sections and folders as (page, children) pairs, in one query: the sections of the main
    navigation first, then the other pages below home (协会概况, 联系我们), each in tree order."""
    pages = home.get_descendants().live().filter(depth__lte=home.depth + SITEMAP_DEPTH).public()
    pages = pages.exclude(content_type__in=content_types_of_articles()).order_by("path")
    pages = list(pages.only("title", "url_path", "path", "depth", "show_in_menus"))
    sections = sorted((page for page in pages if page.depth == home.depth + 1), key=lambda page: not page.show_in_menus)
    children = {section.path: [] for section in sections}
    for page in pages:
        if page.depth > home.depth + 1 and page.path[: -page.steplen] in children:
            children[page.path[: -page.steplen]].append(page)
    return [(section, children[section.path]) for section in sections]


@require_GET
def sitemap_page(request):
    """网站地图: every section of the site and the folders inside it."""
    site = Site.find_for_request(request)
    home = site.root_page if site else Page.get_first_root_node()
    return render(request, "home/sitemap.html", {"home": home, "tree": sitemap_tree(home)})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.WAGTAILADMIN_PATH}",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
