"""Whole-page cache for anonymous visitors, invalidated site-wide by a generation token.

Every cached page is stored with the generation it was rendered under, a random token kept in the database (one
row, `PageCacheGeneration`), and is served only while that token is current. Publishing, unpublishing, moving or
deleting a page, setting or removing a view restriction, or saving site settings, a snippet, an image or a document
replaces the token in the same transaction as the change: every cached page (home and listings included) is stale
in O(1), and an invalidation commits or rolls back with the change — it cannot be lost while the cache (Redis, the
cache directory) is unreachable or full, so no unpublished page comes back after an outage. Each process re-reads
the token at most once a second, so a change shows in the process that made it at once and in every other worker
within a second, and a cache hit needs no query. When the cache cannot be reached, requests bypass it.

The generation also names the release (a digest of the code, templates and static sources), so a deploy starts
from an empty cache, and during a rolling restart old and new workers sharing the cache never serve each other's
pages or fragments.

(wagtail-cache 3.0.0 requires wagtail<8, so this is our own small middleware.)
"""

import functools
import hashlib
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control, set_response_etag
from django.utils.functional import cached_property
from django.utils.http import http_date, parse_http_date_safe
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from .models import PageCacheGeneration

logger = logging.getLogger(__name__)

SKIPPED_PREFIXES = ("/api/", "/documents/", "/healthz", "/static/", "/media/")
# Vary values a cached page may carry: cookies are handled by never caching for a visitor who has a session or
# messages cookie; the site has a single language, so Accept-Language cannot change the page.
HARMLESS_VARY = {"cookie", "accept-language"}
UNCACHEABLE_CONTROL = ("private", "no-cache", "no-store")
FILE_METADATA_FIELDS = {"file_size", "file_hash"}  # filled in lazily by Wagtail while rendering

# Sent when a page is answered from the cache, so apps can count views the view function did not see.
served_from_cache = Signal()  # arguments: request


def page_cache():
    return caches["pages"]


def guarded(operation):
    """Run a cache call that never fails the request: a broken cache (disk full, Redis down) means no cache."""
    try:
        return operation()
    except Exception as error:  # any backend error must degrade to an uncached page, never to a 500
        logger.warning("页面缓存不可用，本次不经缓存：%s", error)
        return None


GENERATION_RECHECK_SECONDS = 1.0
RELEASE_SOURCES = ("portal", "home", "search", "templates", "locale", "static", "requirements.lock")


def release_files():
    for name in RELEASE_SOURCES:
        source = settings.BASE_DIR / name
        paths = [source] if source.is_file() else source.rglob("*")
        yield from sorted(path for path in paths if path.is_file() and "__pycache__" not in path.parts)


@functools.cache
def release_digest():
    """This process's code, templates, translations, static sources and pinned requirements, as a digest of their
    contents (not file times: two servers running the same release share their cached pages). ~60 ms, once."""
    digest = hashlib.sha256()
    for path in release_files():
        digest.update(path.relative_to(settings.BASE_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Generation:
    """This process's copy of the token, re-read from the database at most once every GENERATION_RECHECK_SECONDS
    (a query on every request would cost more than the rest of a cache hit, measured: README, 页面缓存)."""

    token = None
    read_at = 0.0


def current_generation():
    """The release and the token (this process's copy, fresh within GENERATION_RECHECK_SECONDS; "" before the first
    invalidation)."""
    now = time.monotonic()
    if Generation.token is None or now - Generation.read_at >= GENERATION_RECHECK_SECONDS:
        token = PageCacheGeneration.objects.values_list("token", flat=True).filter(pk=1).first() or ""
        Generation.token = f"{release_digest()}:{token}"
        Generation.read_at = now
    return Generation.token


def invalidate():
    """Make every cached page and fragment stale: a new token, inside the caller's transaction, so it commits or
    rolls back with the change (a page rendered from the old rows is stored under the old token). This process
    uses it at once, the others within GENERATION_RECHECK_SECONDS."""
    token = uuid.uuid4().hex
    if not PageCacheGeneration.objects.filter(pk=1).update(token=token):
        PageCacheGeneration.objects.create(pk=1, token=token)  # a database made without migrations, or flushed
    Generation.token = None


def request_generation(request):
    """The token this request works under: read once (by the page cache, or here) and kept on the request, so every
    fragment of one page is checked against the same generation."""
    if not hasattr(request, "cache_generation"):
        request.cache_generation = current_generation()
    return request.cache_generation


def remembered(name, compute):
    """compute(), kept until the next invalidation (FRAGMENT_CACHE). For parts many pages share (nav, breadcrumbs,
    filter choices): a page that misses the page cache (another query string, a search) still skips their queries."""
    if not settings.FRAGMENT_CACHE:
        return compute()
    key = "fragment:" + name
    generation = current_generation()
    stored = guarded(lambda: page_cache().get(key))
    if stored is not None and stored[0] == generation:
        return stored[1]
    value = compute()
    guarded(lambda: page_cache().set(key, (generation, value), settings.PAGE_CACHE_SECONDS))
    return value


class TemplateFragments:
    """For Django's `{% cache fragment.seconds name … fragment.generation %}`: a template block kept until the
    next invalidation. Not kept (0 seconds) in previews or when FRAGMENT_CACHE is off."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def generation(self):
        if not settings.FRAGMENT_CACHE or getattr(self.request, "is_preview", False):
            return None
        return request_generation(self.request)

    @property
    def seconds(self):
        return settings.PAGE_CACHE_SECONDS if self.generation is not None else 0


def template_fragments(request):
    """Context processor: `fragment` for the templates' {% cache %} blocks."""
    return {"fragment": TemplateFragments(request)}


def is_admin_path(path):
    return path.startswith("/" + settings.WAGTAILADMIN_PATH)


def request_is_cacheable(request):
    if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if is_admin_path(request.path) or request.path.startswith(SKIPPED_PREFIXES):
        return False
    signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
    return not signed_in and "HTTP_AUTHORIZATION" not in request.META


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False) or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in UNCACHEABLE_CONTROL):
        return False  # Wagtail marks pages with view restrictions never_cache
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header.strip()}
    return vary <= HARMLESS_VARY


def cache_key(request):
    parts = [request.scheme, request.get_host(), request.path, request.META.get("QUERY_STRING", "")]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def mark_public(response):
    """Cache-Control for browsers and CDNs, a strong ETag and Last-Modified for conditional requests."""
    patch_cache_control(
        response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE, s_maxage=settings.PAGE_CACHE_MAX_AGE
    )
    set_response_etag(response)
    response["Last-Modified"] = http_date(time.time())


class PageCacheMiddleware:
    """Place after WhiteNoise and before SessionMiddleware: a hit skips sessions, auth and the view entirely."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
                patch_cache_control(response, private=True, no_cache=True)  # an editor's page never goes to a CDN
            return response
        key = cache_key(request)
        generation = request_generation(request)
        cached = guarded(lambda: page_cache().get(key))
        if cached is not None and cached[0] == generation:
            served_from_cache.send(sender=PageCacheMiddleware, request=request)
            return self.answer(request, self.rebuild(cached), "HIT")
        response = self.get_response(request)
        if request.method == "HEAD" or not response_is_cacheable(request, response):
            response["X-Cache"] = "BYPASS"
            return response
        mark_public(response)
        stored = (generation, response.content, list(response.items()))
        guarded(lambda: page_cache().set(key, stored, settings.PAGE_CACHE_SECONDS))
        return self.answer(request, response, "MISS")

    @staticmethod
    def rebuild(cached):
        _generation, content, headers = cached
        return HttpResponse(content, headers=dict(headers))

    @staticmethod
    def answer(request, response, outcome):
        """The page, or 304 Not Modified when the browser already has this version."""
        response["X-Cache"] = outcome
        last_modified = parse_http_date_safe(response["Last-Modified"])
        return get_conditional_response(request, etag=response["ETag"], last_modified=last_modified, response=response)


def purge_frontend_cache(page):
    """Behind a CDN (WAGTAILFRONTENDCACHE): Wagtail purges the page itself; its listings and home show it too."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        batch = PurgeBatch()
        batch.add_pages(page.get_ancestors().filter(depth__gt=1).specific())
        batch.purge()


def page_changed(sender, instance, **kwargs):
    invalidate()
    purge_frontend_cache(instance)


SHOWN_ON_PAGES = (Site, BaseSiteSetting, AbstractImage, AbstractDocument, SearchPromotion, BaseViewRestriction)


def shown_on_pages(model):
    """Rows that decide what public pages show, outside of page revisions: sites, site settings, snippets, images,
    documents, and the view restrictions of pages and collections (a page that becomes private must not stay
    cached as public)."""
    return issubclass(model, SHOWN_ON_PAGES) or model in get_snippet_models()


def row_saved(sender, created=False, update_fields=None, **kwargs):
    if not shown_on_pages(sender):
        return
    if created and issubclass(sender, BaseSiteSetting):
        return  # created with its defaults by the first page that reads it, which already shows it
    if update_fields and set(update_fields) <= FILE_METADATA_FIELDS:
        return
    invalidate()


def row_deleted(sender, **kwargs):
    if issubclass(sender, Page) or shown_on_pages(sender):
        invalidate()


def connect_invalidation():
    """Called from CoreConfig.ready(), so commands such as publish_scheduled invalidate too. Saving a page is not
    enough (drafts are saved too): publishing, unpublishing and moving are."""
    page_published.connect(page_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(page_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(page_changed, dispatch_uid="page_cache_moved")
    post_save.connect(row_saved, dispatch_uid="page_cache_saved")
    post_delete.connect(row_deleted, dispatch_uid="page_cache_deleted")
