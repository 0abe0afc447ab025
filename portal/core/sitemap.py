from wagtail.contrib.sitemaps import Sitemap


class PortalSitemap(Sitemap):
    """Wagtail's sitemap in three queries, whatever the number of page types: the pages' own rows are not loaded
    (a sitemap entry needs only the URL and dates), and restrictions are a subquery rather than a query."""

    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live()
        return pages.public().order_by("path").specific(defer=True)
