import pytest

from portal.core.models import OrgUnit
from portal.demo.build import read
from portal.demo.site import load_orgunits
from portal.demo.villages import load_villages
from portal.villages.models import ModelVillagePage, VillageIndexPage

pytestmark = pytest.mark.django_db


def test_demo_villages_cover_the_counties_and_load_once(home, client):
    load_orgunits()
    load_villages(home)
    load_villages(home)  # idempotent
    villages = ModelVillagePage.objects.live().select_related("orgunit")
    assert villages.count() == len(read("villages")["items"]) >= 6
    assert {page.orgunit.level for page in villages} == {OrgUnit.Level.VILLAGE}
    counties = {page.orgunit.ancestor_at(OrgUnit.Level.COUNTY).code for page in villages}
    assert counties == {"qingxi", "baishi", "meiling"}
    for page in villages:
        assert page.profile_figures.count() >= 5 and page.honours.exists() and page.facilities.exists()
        assert page.gallery_images.count() == 3 and page.listing_image_id
    index = VillageIndexPage.objects.get()
    assert index.show_in_menus
    for page in [index, *villages]:
        assert client.get(page.url).status_code == 200, page.url
