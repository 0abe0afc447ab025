from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.core.sites import site_address

from .models import Message


class InteractionSitemap(Sitemap):
    """留言咨询 and 留言选登 in sitemap.xml, on the site's public address like Wagtail's entries (the forms that
    only make sense from a page, 找错 and the thank-you page, are left out)."""

    def items(self):
        return ["interaction:message", "interaction:replies"]

    def location(self, item):
        return reverse(item)

    def get_domain(self, site=None):
        hostname, port = site_address(settings.SITE_URL)
        return hostname if port in (80, 443) else f"{hostname}:{port}"

    def get_protocol(self, protocol=None):
        return settings.SITE_URL.split("://", 1)[0]

    def lastmod(self, item):
        if item == "interaction:replies":
            latest = Message.objects.published().order_by("-replied_at").values_list("replied_at", flat=True).first()
            return latest
        return None
