"""Media on S3, against a real S3 API server on 127.0.0.1 (moto in server mode). `make test-s3` starts it, creates
the bucket, sets AWS_* and TEST_S3_ENDPOINT for the portal and runs this file; without TEST_S3_ENDPOINT it is skipped.
"""

import io
import os
import re
import urllib.error
import urllib.request
from html import unescape

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from storages.backends.s3 import S3Storage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction

from portal.core.backup import create_backup
from portal.importer.importing import import_file
from tests.importer.factories import image_bytes, make_docx
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.ops.s3server import client as s3_client

pytestmark = [
    pytest.mark.skipif(not os.environ.get("TEST_S3_ENDPOINT"), reason="需要 S3 服务器：make test-s3"),
    pytest.mark.django_db,
]


@pytest.fixture
def bucket():
    """The bucket the portal stores media in (and a check that it really does)."""
    assert isinstance(default_storage, S3Storage), "TEST_S3_ENDPOINT 已设置，但媒体存储不是 S3（缺 AWS_* 变量？）"
    return s3_client(os.environ["TEST_S3_ENDPOINT"])


def stored_bytes(bucket, name):
    key = f"{settings.AWS_LOCATION}/{name}" if settings.AWS_LOCATION else name
    return bucket.get_object(Bucket=settings.AWS_STORAGE_BUCKET_NAME, Key=key)["Body"].read()


def fetch(url):
    """GET from the S3 server over HTTP, as a browser would: (status, content type, body)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def upload_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"), {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1}
    )


def img_sources(html):
    return [unescape(src) for src in re.findall(r'<img[^>]+src="([^"]+)"', html)]


def test_an_uploaded_image_is_shown_from_the_bucket_through_a_signed_url(admin_client, home, bucket):
    assert upload_image(admin_client, "义诊现场.png", image_bytes(size=(320, 200))).status_code == 302
    image = Image.objects.get()
    assert PILImage.open(io.BytesIO(stored_bytes(bucket, image.file.name))).size == (320, 200)
    news = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=news, title="义诊进社区", listing_image=image)

    admin_client.logout()
    response = admin_client.get(news.url)
    [src] = [src for src in img_sources(response.content.decode()) if src.startswith(settings.AWS_S3_ENDPOINT_URL)]
    status, content_type, body = fetch(src)
    assert (status, content_type) == (200, "image/webp")
    assert PILImage.open(io.BytesIO(body)).size == (240, 160)  # {% image … fill-240x160 format-webp %}
    assert "X-Amz-Signature=" in src
    assert fetch(src.split("?")[0])[0] == 403  # private: no signature, no picture
    origin = "/".join(src.split("/")[:3])
    assert origin in response["Content-Security-Policy"].split("img-src")[1].split(";")[0]


def test_a_second_upload_with_the_same_name_keeps_the_first_picture(admin_client, home, bucket):
    upload_image(admin_client, "合影.png", image_bytes(color=(255, 0, 0)))
    upload_image(admin_client, "合影.png", image_bytes(color=(0, 0, 255)))
    first, second = Image.objects.order_by("pk")
    assert first.file.name != second.file.name
    red = PILImage.open(io.BytesIO(stored_bytes(bucket, first.file.name))).convert("RGB")
    assert red.getpixel((0, 0)) == (255, 0, 0)


def test_a_document_link_redirects_to_a_signed_url_that_downloads_it(admin_client, home, bucket):
    content = "计生协会员活动日安排".encode()
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "活动安排", "file": SimpleUploadedFile("活动安排.txt", content), "collection": 1},
    )
    assert response.status_code == 302
    document = Document.objects.get()
    admin_client.logout()

    response = admin_client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith(settings.AWS_S3_ENDPOINT_URL) and "X-Amz-Signature=" in response["Location"]
    status, _content_type, body = fetch(response["Location"])
    assert (status, body) == (200, content)


def test_a_private_collection_document_is_not_redirected_to_the_bucket(client, home, bucket):
    private = Collection.get_first_root_node().add_child(name="乡镇/白水镇")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document = Document.objects.create(
        title="内部名单", collection=private, file=ContentFile(b"name list", name="internal.txt")
    )
    response = client.get(document.url)
    assert response.status_code == 302
    assert not response["Location"].startswith(settings.AWS_S3_ENDPOINT_URL)  # to the login page instead


def test_a_word_documents_picture_lands_in_the_bucket(home, superuser, bucket):
    news = NewsIndexPageFactory(parent=home)
    result = import_file(news, "白水镇经验.docx", make_docx(), type_key="news", user=superuser)
    assert result.ok, result.error
    image = Image.objects.get()
    picture = PILImage.open(io.BytesIO(stored_bytes(bucket, image.file.name)))
    assert picture.format == "PNG"
    rendition = image.get_rendition("width-20")
    assert fetch(rendition.url)[0] == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_and_restore_bring_back_the_buckets_files(home, bucket, settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"  # where restore keeps what it replaced
    green = image_bytes(color=(0, 128, 0))
    kept_image = Image.objects.create(title="示范村", file=ContentFile(green, name="village.png"))
    document = Document.objects.create(title="工作总结", file=ContentFile("2026 年工作总结".encode(), name="总结.txt"))
    archive = create_backup(tmp_path / "backups")

    document.file.delete(save=False)  # lost after the backup
    later = Image.objects.create(title="后来的图片", file=ContentFile(image_bytes(), name="later.png"))
    later_name = later.file.name

    call_command("restore", str(archive), yes=True, stdout=io.StringIO())
    assert Document.objects.get().file.read().decode() == "2026 年工作总结"
    assert stored_bytes(bucket, Image.objects.get(pk=kept_image.pk).file.name) == green
    assert not Image.objects.filter(title="后来的图片").exists()
    assert not default_storage.exists(later_name)  # the bucket holds exactly what the backup had
    [kept] = (tmp_path / "var" / "backups").glob("before-restore-*")
    assert (kept / "media" / later_name).is_file()  # what restore replaced, kept for rolling back


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_from_local_disk_restores_into_the_bucket(home, bucket, settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    with override_settings(
        STORAGES={**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}},
        MEDIA_ROOT=tmp_path / "media",
    ):
        document = Document.objects.create(title="旧服务器上的文件", file=ContentFile(b"on disk", name="old.txt"))
        archive = create_backup(tmp_path / "backups")
    assert (tmp_path / "media" / document.file.name).is_file()

    call_command("restore", str(archive), yes=True, stdout=io.StringIO())
    assert stored_bytes(bucket, Document.objects.get().file.name) == b"on disk"
