"""What an anonymous visitor can reach of protected pages and of the files townships upload: nothing until it is
published and public."""

import pytest
from wagtail.models import PageViewRestriction

from tests.exchange.conftest import make_world
from tests.exchange.factories import figure

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home):
    return make_world(home)


def test_a_protected_material_is_in_no_listing_search_sitemap_or_api(world, client):
    shown = world.submit("jia-yi", [figure(world.materials, 100)], title="公开的宣传品发放经验")
    hidden = world.submit("jia-er", [figure(world.materials, 7)], title="内部的宣传品发放经验")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    pages = [
        f"/exchange/{world.units['jia-er'].code}/",
        "/search/?q=宣传品发放经验",
        "/sitemap.xml",
        "/api/v2/pages/?type=exchange.ExperiencePage&fields=figures",
        "/api/v2/pages/?search=宣传品发放经验",
    ]
    for url in pages:
        text = client.get(url).content.decode()
        assert "内部的宣传品发放经验" not in text and hidden.url not in text, url
    assert shown.url in client.get("/search/?q=宣传品发放经验").content.decode()  # the search does find materials
    assert client.get(f"/api/v2/pages/{shown.pk}/").status_code == 200
    assert client.get(f"/api/v2/pages/{hidden.pk}/").status_code == 404
    assert "内部的宣传品发放经验" not in client.get(hidden.url).content.decode().split("<main", 1)[-1]
