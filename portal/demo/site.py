"""The frame of the demo site: OrgUnits, campaigns, the home page, the footer's settings and pages (site.toml)."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.models import Page, Site

from home.models import HomePage
from portal.core.models import OrgUnit, PortalSettings
from portal.core.sites import site_address
from portal.news.models import NewsPage
from tests.core.factories import CampaignFactory, OrgUnitFactory, paragraphs
from tests.home.factories import HomePageFactory, StandardPageFactory

from .build import publish_child, read

SITE = read("site")


def unit(parent, level, **fields):
    """The OrgUnit with fields["code"], added under `parent` the first time."""
    return OrgUnit.objects.filter(code=fields["code"]).first() or OrgUnitFactory(parent=parent, level=level, **fields)


def load_orgunits():
    """One city, its counties, their townships and some villages (orgunits.toml). Returns the city unit."""
    data = read("orgunits")
    city = unit(None, OrgUnit.Level.CITY, **data["city"])
    for county_fields in data["counties"]:
        townships = county_fields.pop("townships")
        county = unit(city, OrgUnit.Level.COUNTY, **county_fields)
        for fields in townships:
            short_name = fields["short_name"]
            township = unit(
                county,
                OrgUnit.Level.TOWNSHIP,
                code=fields["code"],
                name=f"{short_name}计划生育协会",
                short_name=short_name,
            )
            for number, village in enumerate(fields["villages"], start=1):
                code = f"{fields['code']}-v{number}"
                unit(township, OrgUnit.Level.VILLAGE, code=code, name=f"{village}计生协会", short_name=village)
    return city


def load_campaigns():
    """The campaigns and days the demo pages point to, by name (campaigns.toml)."""
    return {fields["name"]: CampaignFactory(**fields) for fields in read("campaigns")["campaigns"]}


def ensure_home():
    """The home page as the default site's root, in place of the placeholder page Wagtail installs."""
    home = HomePage.objects.first()
    if home is None:
        Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).delete()
        home = publish_child(HomePageFactory, Page.get_first_root_node(), **SITE["home"])
    hostname, port = site_address(settings.SITE_URL)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": hostname, "port": port, "root_page": home, "site_name": SITE["site_name"]},
    )
    return home


def footer_page(home, fields):
    return publish_child(
        StandardPageFactory, home, title=fields["title"], slug=fields["slug"], body=paragraphs(*fields["paragraphs"])
    )


def logo():
    fields = SITE["logo"]
    existing = Image.objects.filter(title=fields["title"]).first()
    if existing:
        return existing
    with (settings.BASE_DIR / fields["file"]).open("rb") as file:
        return Image.objects.create(title=fields["title"], file=ImageFile(file, name=fields["name"]))


def ensure_settings(home):
    portal = PortalSettings.for_site(Site.objects.get(root_page=home))
    for name, value in SITE["settings"].items():
        setattr(portal, name, value)
    portal.logo = logo()
    portal.about_page = footer_page(home, SITE["about"])
    portal.contact_page = footer_page(home, SITE["contact"])
    portal.save()


def ensure_headline(home):
    """The newest news item with a picture leads the home page, once: an editor's later choice is kept."""
    home = HomePage.objects.get(pk=home.pk)  # the sections have added children since: a fresh numchild
    story = NewsPage.objects.live().exclude(listing_image=None).order_by("-date").first()
    if home.headline_id is None and story is not None:
        home.headline, home.headline_image, home.headline_text = story, story.listing_image, story.summary
        home.save_revision().publish()


def ensure_notices(home):
    """The 通知公告 section fills the home page's notices slot, once: an editor's later choice is kept."""
    home = HomePage.objects.get(pk=home.pk)
    notices = home.get_children().filter(slug="notices").first()
    if home.notices_id is None and notices is not None:
        home.notices = notices
        home.save_revision().publish()


def ensure_dev_admin():
    """A superuser for development; returns (username, password)."""
    fields = SITE["dev_admin"]
    password = os.environ.get("DEV_ADMIN_PASSWORD", fields["password"])
    user, created = get_user_model().objects.get_or_create(
        username=fields["username"], defaults={"email": fields["email"], "is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_password(password)
        user.save()
    return fields["username"], password
