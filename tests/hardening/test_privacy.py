"""What an anonymous visitor can reach of protected pages and of the files townships upload: nothing until it is
published and public."""

import pytest
from django.test import Client
from wagtail.models import Collection, PageViewRestriction
from wagtail_factories import ImageFactory

from portal.core.privacy import keep_private
from portal.exchange.models import ExperienceAttachment
from portal.policies.models import DocType, Validity
from tests.exchange.conftest import make_world
from tests.exchange.factories import figure, publish
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.policies.factories import DocumentFactory, PolicyIndexPageFactory, PolicyPageFactory

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
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=world.index.get_parent()), title="内部通报")
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.PASSWORD, password="口令")
    assert "内部通报" not in client.get("/news/feed/").content.decode()
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
    old = PolicyPageFactory(parent=index, validity=Validity.已修改, replaced_by=newer)
    interpretation = PolicyPageFactory(parent=index, doc_type=DocType.解读, interprets=newer)
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


@pytest.fixture
def township_collection(db):
    """A township's collection, marked private as setup_portal does."""
    collection = Collection.get_first_root_node().add_child(name="二镇计生协")
    keep_private(collection)
    return collection


def listed(client, endpoint):
    return {item["title"] for item in client.get(f"/api/v2/{endpoint}/?limit=100").json()["items"]}


def downloaded(client, document):
    response = client.get(document.url)
    return response.status_code == 200 and b"".join(response.streaming_content).startswith("测试附件".encode())


def test_a_township_document_is_private_until_a_public_page_uses_it(world, township_collection, superuser):
    client, reviewer = Client(), Client()
    reviewer.force_login(superuser)
    DocumentFactory(title="市里公开的文件")
    document = DocumentFactory(title="二镇材料原稿", collection=township_collection)
    unused = DocumentFactory(title="二镇未用的文件", collection=township_collection)
    draft = world.submit("jia-er", [], live=False)
    ExperienceAttachment.objects.create(page=draft, document=document)
    assert listed(client, "documents") == {"市里公开的文件"}
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404
    assert not downloaded(client, document) and not downloaded(client, unused)
    assert client.get(document.url)["Location"].startswith("/_util/login/")
    assert downloaded(reviewer, document)  # so can the reviewers and the township's own submitters
    material = publish(draft)
    assert listed(client, "documents") == {"市里公开的文件", "二镇材料原稿"}
    assert client.get(f"/api/v2/documents/{document.pk}/").json()["meta"]["download_url"].endswith(document.url)
    assert downloaded(client, document) and not downloaded(client, unused)
    restriction = PageViewRestriction.objects.create(page=material, restriction_type=PageViewRestriction.LOGIN)
    assert not downloaded(client, document) and "二镇材料原稿" not in listed(client, "documents")
    restriction.delete()
    material.unpublish()
    assert not downloaded(client, document) and "二镇材料原稿" not in listed(client, "documents")


def test_a_township_image_is_not_advertised_until_a_public_page_shows_it(world, township_collection, client):
    ImageFactory(title="市里公开的图片")
    image = ImageFactory(title="二镇现场照片", collection=township_collection)
    draft = world.submit("jia-er", [], live=False, listing_image=image)
    assert listed(client, "images") == {"市里公开的图片"}
    assert client.get(f"/api/v2/images/{image.pk}/").status_code == 404
    assert image.file.name not in client.get("/api/v2/images/?fields=*").content.decode()
    publish(draft)
    assert listed(client, "images") == {"市里公开的图片", "二镇现场照片"}
    assert client.get(f"/api/v2/images/{image.pk}/").status_code == 200


def test_the_api_search_leaves_private_files_out_too(township_collection, client):
    DocumentFactory(title="二镇公开的通知")
    DocumentFactory(title="二镇材料原稿", collection=township_collection)
    ImageFactory(title="二镇公开的照片")
    ImageFactory(title="二镇现场照片", collection=township_collection)
    for endpoint, public in (("documents", "二镇公开的通知"), ("images", "二镇公开的照片")):
        response = client.get(f"/api/v2/{endpoint}/?search=二镇")
        assert response.status_code == 200, endpoint
        assert [item["title"] for item in response.json()["items"]] == [public]


def fetched(client, url, **headers):
    response = client.get(url, **headers)
    return response.status_code, response.get("Cache-Control")


def test_a_township_image_file_is_sent_only_to_its_editors_until_a_public_page_shows_it(
    world, township_collection, superuser, django_user_model
):
    """Uploads on this machine's disk are served by the portal at /media/: a private image's original and its
    renditions are 404 to a visitor (and to a signed-in user with no right to the image), and never cacheable by a
    shared cache while private."""
    visitor, editor, stranger = Client(), Client(), Client()
    editor.force_login(superuser)
    stranger.force_login(django_user_model.objects.create_user("passer-by", password="x"))
    image = ImageFactory(title="二镇现场照片", collection=township_collection)
    files = [image.file.url, image.get_rendition("fill-120x80").url]
    draft = world.submit("jia-er", [], live=False, listing_image=image)
    for url in files:
        assert fetched(visitor, url)[0] == 404, url
        assert fetched(visitor, url, HTTP_IF_MODIFIED_SINCE="Wed, 01 Jan 2031 00:00:00 GMT")[0] == 404, url
        assert fetched(stranger, url)[0] == 404, url
        status, cache_control = fetched(editor, url)
        assert status == 200 and cache_control.startswith("private,"), url
    material = publish(draft)
    for url in files:  # public now, and kept 5 minutes at most: unpublishing makes it private again
        assert fetched(visitor, url) == (200, "public, max-age=300"), url
    material.unpublish()
    assert [fetched(visitor, url)[0] for url in files] == [404, 404]
    city_image = ImageFactory(title="市里公开的图片")
    assert fetched(visitor, city_image.file.url)[0] == 200
