"""Site-wide: every public page renders in the same number of queries with 5 and with 50 items per section, both
cold (page cache and fragment caches off) and as a visitor's request meets it (the site's own Host, the page not in
the page cache, the fragments that pages share already kept), and the visitor's request takes at most BUDGET. The
pages are found, not listed: home, every index page under home, its feed, one page of every type below it, the
sitemap and a search, so a new section is checked as soon as it is under home."""

from django.test import Client
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.models import Site as WagtailSite
from wagtail_factories import DocumentFactory, ImageFactory

from portal.activities.models import ActivityImage
from portal.core.models import PortalSettings
from portal.exchange.models import ExperienceAttachment
from portal.news.models import NewsPageRelatedLink
from portal.villages.models import VillageFacility, VillageFigure, VillageHonour, VillageImage
from tests.activities.factories import ActivityIndexPageFactory, ActivityReportPageFactory, ActivityTownshipPageFactory
from tests.core.budget import queries_for
from tests.core.factories import CampaignFactory, build_ladder
from tests.exchange.factories import (
    ExperienceIndexPageFactory,
    ExperiencePageFactory,
    ExperienceTownshipPageFactory,
    MetricDefinitionFactory,
    figure,
    publish,
)
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.policies.factories import PolicyIndexPageFactory, PolicyPageFactory
from tests.villages.factories import ModelVillagePageFactory, VillageIndexPageFactory

BUDGET = 12
ROWS = 3  # rows in each inline list of a detail page: an N+1 among them shows as a count above the budget
VILLAGE_ITEMS = list(VillageFigure.Item)[:ROWS]


class Sections:
    """Every section under home, and a way to add items to each."""

    def __init__(self, home):
        ladder = build_ladder()
        self.township, self.village = ladder["township"], ladder["village"]
        self.image = ImageFactory(file=get_test_image_file())
        settings = PortalSettings.for_site(WagtailSite.objects.get(is_default_site=True))
        settings.logo = self.image
        settings.save()
        self.campaign = CampaignFactory()
        self.metrics = [MetricDefinitionFactory() for _ in range(ROWS)]
        self.document = DocumentFactory()
        self.news = NewsIndexPageFactory(parent=home)
        self.policies = PolicyIndexPageFactory(parent=home)
        self.villages = VillageIndexPageFactory(parent=home)
        activities = ActivityIndexPageFactory(parent=home)
        self.activity_folder = ActivityTownshipPageFactory(parent=activities, orgunit=self.township)
        exchange = ExperienceIndexPageFactory(parent=home)
        self.experience_folder = ExperienceTownshipPageFactory(parent=exchange, orgunit=self.township)
        self.count = 0

    def add(self, count):
        """`count` more pages in each section; each detail page has ROWS rows in every list it shows."""
        for _ in range(count):
            self.count += 1
            common = {"listing_image": self.image, "orgunit": self.township}
            news = NewsPageFactory(parent=self.news, campaign=self.campaign, tags=["义诊", "宣传"], **common)
            news.related_links = [NewsPageRelatedLink(related_page=self.news) for _ in range(ROWS)]
            news.save()
            PolicyPageFactory(parent=self.policies, listing_image=self.image)
            ModelVillagePageFactory(
                parent=self.villages,
                orgunit=self.village,
                listing_image=self.image,
                profile_figures=[VillageFigure(item=item, value=100, unit="人", year=2025) for item in VILLAGE_ITEMS],
                honours=[
                    VillageHonour(name=f"荣誉{n}", level=VillageHonour.Level.市级, year=2024) for n in range(ROWS)
                ],
                facilities=[VillageFacility(kind=kind) for kind in list(VillageFacility.Kind)[:ROWS]],
                gallery_images=[VillageImage(image=self.image, caption=f"图{n}") for n in range(ROWS)],
            )
            ActivityReportPageFactory(
                parent=self.activity_folder,
                campaign=self.campaign,
                gallery_images=[ActivityImage(image=self.image, caption=f"图{n}") for n in range(ROWS)],
                **common,
            )
            experience = ExperiencePageFactory(
                parent=self.experience_folder,
                orgunit=self.township,
                year=2000 + self.count,
                figures=[figure(metric, self.count, scope=self.village) for metric in self.metrics],
                attachments=[ExperienceAttachment(document=self.document) for _ in range(ROWS)],
            )
            publish(experience)


def public_urls(home):
    """Home, each index under it and its feed, one page of each type below the indexes, sitemap, search."""
    urls = ["/", "/sitemap.xml", "/search/?q=测试"]
    seen_types = set()
    for index in home.get_children().live().specific():
        urls.append(index.url)
        if isinstance(index, RoutablePageMixin) and "feed" in {p.name for p in index.get_resolver().url_patterns}:
            urls.append(index.url + index.reverse_subpage("feed"))
        for page in Page.objects.live().descendant_of(index).specific().order_by("-depth", "path"):
            if type(page) not in seen_types:
                seen_types.add(type(page))
                urls.append(page.url)
    return urls


def grown(with_5, with_50):
    """Pages that need more queries with 50 items than with 5 (search may need fewer: one query per page type on its
    first result page)."""
    return {url: (with_5[url], with_50[url]) for url in with_5 if with_50[url] > with_5[url]}


def counts(client, urls):
    return {url: queries_for(client, url) for url in urls}


def test_every_public_page_renders_in_constant_queries(home, client, settings, monkeypatch):
    settings.SEARCH_LOG_FLUSH_SECONDS = 10**6  # the search log writes its counts now and then; not here
    # The cache token is re-read once a second, which on a slow machine falls on some requests and not others; a
    # change made here still makes this process read it again at once.
    monkeypatch.setattr("portal.core.cache.GENERATION_RECHECK_SECONDS", 10**6)
    site = Sections(home)
    site.add(5)
    urls = public_urls(home)
    assert len(urls) >= 3 + 2 * 5 + 5, urls  # home, sitemap, search; five indexes and feeds; a page of each type
    cold_5 = counts(client, urls)
    settings.FRAGMENT_CACHE = True
    visitor = Client(HTTP_HOST=WagtailSite.objects.get(is_default_site=True).hostname)
    visitor_5 = counts(visitor, urls)
    site.add(45)
    visitor_50 = counts(visitor, urls)
    settings.FRAGMENT_CACHE = False
    cold_50 = counts(client, urls)

    assert grown(cold_5, cold_50) == {}
    assert grown(visitor_5, visitor_50) == {}
    assert {url: count for url, count in visitor_50.items() if count > BUDGET} == {}
