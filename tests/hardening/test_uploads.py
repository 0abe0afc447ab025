import io
import re
import struct
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from portal.core.uploads import UnsafeFile, check_docx, check_image_file, check_zip_archive
from tests.importer.factories import huge_png

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"


def image_bytes(fmt="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#b3261e").save(buffer, fmt)
    return buffer.getvalue()


def docx_bytes(text="青溪镇计生协工作总结"):
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bomb():
    """A real .docx plus a 5 MB member of zeros (it compresses about 1000 to 1)."""
    members = {}
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as archive:
        for name in archive.namelist():
            members[name] = archive.read(name)
    members["word/media/padding.bin"] = b"\0" * (5 * 1024 * 1024)
    return zip_bytes(members)


def upload_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"), {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1}
    )


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"), {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1}
    )


def test_real_png_and_jpeg_are_accepted(admin_client, home):
    assert upload_image(admin_client, "云溪.png", image_bytes("PNG")).status_code == 302
    assert upload_image(admin_client, "云溪.jpg", image_bytes("JPEG")).status_code == 302
    assert Image.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", SVG),
        ("logo.png", SVG),
        ("page.png", HTML),
        ("photo.jpg", image_bytes("GIF")),
        ("photo.png", b"GIF89a" + b"\0" * 100),
        ("photo.bmp", image_bytes("BMP")),
        ("photo.tif", image_bytes("TIFF")),
    ],
)
def test_images_are_judged_by_content(admin_client, home, name, content):
    response = upload_image(admin_client, name, content)
    assert response.status_code == 200
    assert Image.objects.count() == 0


def truncated(data):
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    "content",
    [truncated(image_bytes("JPEG", (400, 300))), image_bytes("JPEG")[:200], truncated(image_bytes("PNG", (400, 300)))],
)
def test_a_truncated_image_is_a_form_error_not_a_server_error(admin_client, home, content):
    response = upload_image(admin_client, "photo.jpg" if content.startswith(b"\xff\xd8") else "photo.png", content)
    assert response.status_code == 200
    assert "图片文件已损坏或不完整" in response.content.decode()
    assert Image.objects.count() == 0


def test_a_truncated_jpeg_in_the_multiple_uploader_is_reported(admin_client, home):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("photo.jpg", truncated(image_bytes("JPEG", (400, 300))))},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "图片文件已损坏或不完整" in response.json()["error_message"]
    assert Image.objects.count() == 0


def test_image_size_and_pixel_limits(admin_client, home, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    response = upload_image(admin_client, "big.png", image_bytes("PNG", (200, 200)))
    assert response.status_code == 200
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = upload_image(admin_client, "small.png", image_bytes("PNG", (50, 50)))
    assert response.status_code == 200
    assert Image.objects.count() == 0


def test_an_image_too_big_for_pillow_to_open_is_refused_for_its_pixels_not_called_broken(admin_client, home):
    """30000 × 30000 pixels in 109 KB: Pillow's Image.open() raises DecompressionBombError before our pixel check."""
    pixels = "图片像素过多（900,000,000 像素，上限 40,000,000）。"
    html = upload_image(admin_client, "全景.png", huge_png()).content.decode()
    assert pixels in html and "已损坏" not in html
    multiple = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("全景.png", huge_png())},
        headers={"x-requested-with": "XMLHttpRequest"},
    ).json()
    assert multiple["success"] is False and multiple["error_message"] == pixels
    assert Image.objects.count() == 0


def test_a_webp_too_big_for_pillow_to_read_its_header_is_refused_for_its_pixels():
    canvas = struct.pack("<I", 20_000 - 1)[:3] * 2  # VP8X: 20000 × 20000, 24-bit little-endian, minus one
    vp8x = b"VP8X" + struct.pack("<I", 10) + b"\0\0\0\0" + canvas
    webp = b"RIFF" + struct.pack("<I", 4 + len(vp8x)) + b"WEBP" + vp8x
    with pytest.raises(UnsafeFile) as refused:
        check_image_file(io.BytesIO(webp))
    assert refused.value.messages == ["图片像素过多（超过 178,956,970 像素，上限 40,000,000）。"]


def test_real_documents_are_accepted(admin_client, home):
    assert upload_document(admin_client, "总结.docx", docx_bytes()).status_code == 302
    assert upload_document(admin_client, "通知.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n").status_code == 302
    assert upload_document(admin_client, "说明.txt", "计生协会员活动日".encode("gb18030")).status_code == 302
    assert (
        upload_document(admin_client, "旧表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600).status_code == 302
    )
    assert Document.objects.count() == 4


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("通知.pdf", HTML, "文件内容与扩展名 .pdf 不符"),
        ("总结.docx", b"PK\x03\x04 not really a zip", "不是有效的压缩格式"),
        ("总结.docx", zip_bytes({"hello.txt": b"hi"}), "文件内容与扩展名不符"),
        ("总结.docx", docx_bomb(), "压缩炸弹"),
        ("总结.doc", image_bytes("PNG"), "文件内容与扩展名 .doc 不符"),
        ("说明.txt", b"MZ\x90\x00\x03\x00\x00\x00", "文件内容与扩展名 .txt 不符"),
        ("说明.txt", "计生协会员活动日\x00".encode(), "文件内容与扩展名 .txt 不符"),
        ("logo.svg", SVG, "svg"),
        ("page.html", HTML, "html"),
    ],
)
def test_documents_are_judged_by_content(admin_client, home, name, content, message):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Document.objects.count() == 0


def file_error(html):
    """What the upload form shows under its file field (Wagtail puts all the field's messages in one paragraph)."""
    field = html.split('data-contentpath="file"', 1)[1].split("data-field-help", 1)[0]
    return " ".join(" ".join(re.findall(r'<p class="error-message">(.*?)</p>', field, re.S)).split())


UNSAFE_DOCUMENTS = [
    ("通知.pdf", HTML, "文件内容与扩展名 .pdf 不符，请上传原始文件。"),
    ("总结.docx", docx_bomb(), "文件压缩比异常（疑似“压缩炸弹”），已拒绝。"),
    ("说明.txt", "计生协会员活动日\x00".encode(), "文件内容与扩展名 .txt 不符，请上传原始文件。"),
    ("page.html", HTML, "不支持的文件类型 .html。"),
]


@pytest.mark.parametrize(
    ("name", "content", "message"), UNSAFE_DOCUMENTS, ids=["fake-pdf", "zip-bomb", "nul-byte", "html"]
)
def test_an_unsafe_document_shows_only_its_own_error_not_a_false_extension_one(
    admin_client, home, name, content, message
):
    """Wagtail's extension check looked at the document before it had a file and added “文件扩展“”是不被允许”."""
    assert file_error(upload_document(admin_client, name, content).content.decode()) == message
    multiple = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content)},
        headers={"x-requested-with": "XMLHttpRequest"},
    ).json()
    assert multiple["success"] is False and multiple["error_message"] == message
    chooser = admin_client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": name,
            "document-chooser-upload-file": SimpleUploadedFile(name, content),
            "document-chooser-upload-collection": 1,
        },
    ).json()
    assert file_error(chooser["htmlFragment"]) == message
    assert Document.objects.count() == 0


def test_zip_member_count_total_size_and_paths(tmp_path):
    many = zip_bytes({f"f{i}.txt": b"x" for i in range(30)})
    with pytest.raises(UnsafeFile, match="条目过多"):
        check_zip_archive(io.BytesIO(many), max_members=20)
    stored = zip_bytes({"a.bin": b"a" * 4000}, compression=zipfile.ZIP_STORED)
    with pytest.raises(UnsafeFile, match="解压后过大"):
        check_zip_archive(io.BytesIO(stored), max_total_size=1000)
    with pytest.raises(UnsafeFile, match="不安全的路径"):
        check_zip_archive(io.BytesIO(zip_bytes({"../../etc/cron.d/x": b"x"})))
    path = tmp_path / "ok.docx"
    path.write_bytes(docx_bytes())
    check_docx(path)  # a path works as well as a file object
    check_docx(io.BytesIO(docx_bytes()))


def test_word_files_for_import_have_a_bounded_body():
    with pytest.raises(UnsafeFile, match="正文解压后过大"):
        check_docx(io.BytesIO(docx_bytes()), max_body_size=500)
    with pytest.raises(UnsafeFile, match="段落过多（超过 0 段）"):
        check_docx(io.BytesIO(docx_bytes()), max_paragraphs=0)
    broken = zip_bytes({"word/document.xml": b"<w:document><w:p>", "[Content_Types].xml": b"<Types/>"})
    with pytest.raises(UnsafeFile, match="正文不是有效的 XML"):
        check_docx(io.BytesIO(broken))
