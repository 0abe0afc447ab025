"""What an anonymous visitor can reach of protected pages and of the files townships upload: nothing until it is
published and public."""

import pytest
from wagtail.models import PageViewRestriction

from portal.policies.models import DocType, Validity
from tests.exchange.conftest import make_world
from tests.exchange.factories import figure
from tests.policies.factories import PolicyIndexPageFactory, PolicyPageFactory

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


@pytest.mark.parametrize("state", ["draft", "protected"])
def test_the_policy_api_names_only_public_replacements(home, client, state):
    index = PolicyIndexPageFactory(parent=home)
    newer = PolicyPageFactory(
        parent=index, title="正在起草的替代文件", document_number="测计生协〔2026〕99号", live=state != "draft"
    )
    if state == "protected":
        PageViewRestriction.objects.create(page=newer, restriction_type=PageViewRestriction.PASSWORD, password="口令")
    old = PolicyPageFactory(parent=index, validity=Validity.AMENDED, replaced_by=newer)
    interpretation = PolicyPageFactory(parent=index, doc_type=DocType.INTERPRETATION, interprets=newer)
    urls = [f"/api/v2/pages/{old.pk}/", f"/api/v2/pages/{interpretation.pk}/"]
    urls.append("/api/v2/pages/?type=policies.PolicyPage&fields=replaced_by,interprets,replaces,interpretations")
    for url in urls:
        text = client.get(url).content.decode()
        assert "正在起草的替代文件" not in text and "〔2026〕99号" not in text, url
    assert client.get(urls[0]).json()["replaced_by"] is None
    assert client.get(urls[1]).json()["interprets"] is None
    PageViewRestriction.objects.filter(page=newer).delete()
    newer.save_revision().publish()
    assert client.get(urls[0]).json()["replaced_by"]["document_number"] == "测计生协〔2026〕99号"
