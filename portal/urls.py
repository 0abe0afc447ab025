from django.conf import settings
from django.urls import include, path
from django.views.decorators.http import require_safe
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from portal.core.create_view import create_page_urls
from portal.core.health import healthz
from portal.core.media import media_urls
from portal.core.sitemap import PortalSitemap
from portal.interaction.sitemap import InteractionSitemap
from search import views as search_views

from .api import api_router

handler400 = "portal.core.views.bad_request"
handler403 = "portal.core.views.permission_denied"
handler404 = "portal.core.views.page_not_found"
handler500 = "portal.core.views.server_error"

urlpatterns = [
    *create_page_urls(settings.WAGTAILADMIN_PATH),  # the add form without autosave (portal/core/create_view.py)
    path(settings.WAGTAILADMIN_PATH, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("api/v2/", api_router.urls),
    path(
        "sitemap.xml",
        require_safe(sitemap),
        {"sitemaps": {"wagtail": PortalSitemap, "interaction": InteractionSitemap}},
        name="sitemap",
    ),
    path("sitemap/", home_views.sitemap_page, name="sitemap_page"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    path("interaction/", include("portal.interaction.urls")),
    *media_urls(),  # uploaded images, while they are files on this machine (portal/core/media.py)
    path("", include(wagtail_urls)),
]
