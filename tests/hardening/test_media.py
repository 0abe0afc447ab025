"""/media/ in production: uploaded images are served by the portal, and nothing uploaded can run as a page of ours."""

import importlib
from pathlib import Path

import pytest
import wagtail_factories
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import clear_url_caches

from tests.policies.factories import DocumentFactory

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def assert_sandboxed(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def body(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def image(db):
    return wagtail_factories.ImageFactory(title="白水镇会员活动日")


def test_an_uploaded_image_and_its_rendition_are_served_as_images(client, image):
    original = client.get(image.file.url)
    assert original.status_code == 200
    assert original["Content-Type"] == "image/jpeg"
    assert "attachment" not in original.get("Content-Disposition", "")
    assert body(original) == image.file.open("rb").read()
    assert_sandboxed(original)

    rendition = client.get(image.get_rendition("fill-120x80|format-webp").url)
    assert rendition.status_code == 200
    assert rendition["Content-Type"] == "image/webp"
    assert_sandboxed(rendition)
    # A rendition's name changes with its original and filter: kept a week; an original can be replaced: 5 minutes.
    assert rendition["Cache-Control"] == "public, max-age=604800"
    assert original["Cache-Control"] == "public, max-age=300"


def test_a_browser_revalidating_an_image_gets_304_with_the_same_protection(client, image):
    first = client.get(image.file.url)
    again = client.get(image.file.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    assert_sandboxed(again)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("original_images/mingdan.png", HTML),
        ("original_images/tubiao.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("images/mingdan.fill-100x100.jpg", HTML),
    ],
    ids=["html-named-png", "svg-with-script", "html-as-rendition"],
)
def test_a_file_that_is_not_really_an_image_is_only_ever_a_download(client, db, name, content):
    stored = default_storage.save(name, ContentFile(content))
    try:
        response = client.get(settings.MEDIA_URL + stored)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment;")
        assert_sandboxed(response)
    finally:
        default_storage.delete(stored)


def test_paths_outside_the_image_folders_are_404(client, db):
    outside = Path(settings.MEDIA_ROOT).parent / "media-outside.txt"
    outside.write_text("数据库口令")
    try:
        for path in [
            "original_images/../../media-outside.txt",
            "original_images/%2e%2e/%2e%2e/media-outside.txt",
            f"/{outside}",
            "original_images/no-such-picture.png",
            "original_images/" + "长" * 200 + ".png",  # longer than a file name may be
            "original_images/",
        ]:
            assert client.get(settings.MEDIA_URL + path).status_code == 404, path
    finally:
        outside.unlink()


def test_documents_are_served_only_through_wagtail_with_their_privacy(client, db):
    document = DocumentFactory(title="生育关怀实施办法")
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404
    response = client.get(document.url)
    assert document.url.startswith("/documents/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.fixture
def bucket_storage():
    """Uploads in a storage that is not files on this machine (as with S3), and the URLs built for it."""
    import portal.urls

    storages = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    try:
        with override_settings(STORAGES=storages):
            importlib.reload(portal.urls)
            clear_url_caches()
            yield
    finally:
        importlib.reload(portal.urls)
        clear_url_caches()


def test_with_a_bucket_the_portal_serves_no_media(client, image, bucket_storage):
    """Even a file left on this machine's disk: the bucket serves uploads, the portal has no /media/ route."""
    assert client.get(settings.MEDIA_URL + image.file.name).status_code == 404
