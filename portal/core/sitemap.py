from wagtail.contrib.sitemaps import Sitemap

from .listing import public_pages


class PortalSitemap(Sitemap):
    """Wagtail's sitemap in three queries, whatever the number of page types: the pages' own rows are not loaded
    (a sitemap entry needs only the URL and dates), and restrictions are a subquery rather than a query."""

    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live()
        return public_pages(pages).order_by("path").specific(defer=True)
