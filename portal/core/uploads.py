"""Upload safety: file type decided by content (magic bytes), images fully decoded, pixel counts, zip-bomb checks.

`check_image_file`, `check_zip_archive` and `check_docx` are shared with the Word importer; the two forms are wired
into the Wagtail admin by WAGTAILIMAGES_IMAGE_FORM_BASE / WAGTAILDOCS_DOCUMENT_FORM_BASE.
"""

import os
import zipfile
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from lxml import etree
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

HEAD_BYTES = 8192
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IMAGE_TYPES = {"jpg", "png", "gif", "webp"}
PIL_FORMATS = {"jpg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}  # Pillow's names for IMAGE_TYPES
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_TOTAL_SIZE = 200 * 1024 * 1024
ZIP_MAX_RATIO = 100
# Zip-based document formats and a member each must contain.
ZIP_DOCUMENTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "odt": "content.xml",
    "ofd": "OFD.xml",
    "zip": None,
}
OLE2_DOCUMENTS = {"doc", "xls", "wps"}
# A Word file the importer will read: each paragraph costs python-docx, the cleaning and the figure extraction time,
# so a few hundred KB of tiny paragraphs would hold a worker. The largest real material (seed 004, a 合集) has 141
# paragraphs, a township's usually 10–30; 3,000 is some 60 pages of text, far more than any material or policy.
DOCX_BODY = ZIP_DOCUMENTS["docx"]
DOCX_MAX_PARAGRAPHS = 3_000
DOCX_MAX_BODY_SIZE = 16 * 1024 * 1024
WORD_PARAGRAPH = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


class UnsafeFile(ValidationError):
    """A file refused because of what it contains; the message is for the person who uploaded it."""


def read_head(file, size=HEAD_BYTES):
    position = file.tell()
    file.seek(0)
    head = file.read(size)
    file.seek(position)
    return head


def check_zip_archive(
    file, *, max_members=ZIP_MAX_MEMBERS, max_total_size=ZIP_MAX_TOTAL_SIZE, max_ratio=ZIP_MAX_RATIO, required=None
):
    """Refuse a zip (or .docx/.xlsx…) that is not a zip, is a zip bomb, or has unsafe member names.

    `file` is a path or a seekable binary file. Sizes are the ones the archive declares; Python's zipfile
    never inflates a member past its declared size, so a lying header cannot get past this check.
    """
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise UnsafeFile("文件已损坏或不是有效的压缩格式文件。", code="bad_zip") from error
    if len(members) > max_members:
        raise UnsafeFile(f"压缩文件包含的条目过多（{len(members)} 个，上限 {max_members} 个）。", code="zip_members")
    total = sum(member.file_size for member in members)
    if total > max_total_size:
        raise UnsafeFile(
            f"文件解压后过大（{filesizeformat(total)}，上限 {filesizeformat(max_total_size)}）。", code="zip_size"
        )
    compressed = sum(member.compress_size for member in members)
    if total > 1024 * 1024 and total > max_ratio * max(compressed, 1):
        raise UnsafeFile("文件压缩比异常（疑似“压缩炸弹”），已拒绝。", code="zip_ratio")
    for member in members:
        path = PurePosixPath(member.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts:
            raise UnsafeFile("压缩文件中含有不安全的路径。", code="zip_path")
    if required and required not in {member.filename for member in members}:
        raise UnsafeFile("文件内容与扩展名不符。", code="zip_content")


def check_docx(file, *, max_paragraphs=DOCX_MAX_PARAGRAPHS, max_body_size=DOCX_MAX_BODY_SIZE, **limits):
    """The check the Word importer runs before opening a .docx with python-docx: a safe zip, then a body of
    bounded size and paragraph count (counted by a streaming parse that stops at the limit)."""
    check_zip_archive(file, required=DOCX_BODY, **limits)
    with zipfile.ZipFile(file) as archive:
        size = archive.getinfo(DOCX_BODY).file_size
        if size > max_body_size:
            raise UnsafeFile(
                f"Word 正文解压后过大（{filesizeformat(size)}，上限 {filesizeformat(max_body_size)}），"
                "请拆分成几个文件后再导入。",
                code="docx_body_size",
            )
        with archive.open(DOCX_BODY) as body:
            check_paragraph_count(body, max_paragraphs)


def check_paragraph_count(xml, limit):
    """Count w:p elements (whatever namespace prefix the file uses) without building python-docx objects."""
    paragraphs = 0
    try:
        for _event, element in etree.iterparse(
            xml, events=("end",), tag=WORD_PARAGRAPH, resolve_entities=False, no_network=True
        ):
            paragraphs += 1
            if paragraphs > limit:
                raise UnsafeFile(
                    f"Word 文件的段落过多（超过 {limit:,} 段），请拆分成几个文件后再导入。", code="docx_paragraphs"
                )
            element.clear()
    except etree.XMLSyntaxError as error:
        raise UnsafeFile(
            "Word 文件已损坏（正文不是有效的 XML），请用 Word 打开后重新保存。", code="docx_xml"
        ) from error


def check_image_content(file):
    """The image format read from the first bytes ("jpg", "png", "gif" or "webp"), whatever the file is called."""
    kind = filetype.guess(read_head(file))
    if kind is None or kind.extension not in IMAGE_TYPES:
        raise UnsafeFile("只能上传 JPEG、PNG、GIF 或 WebP 格式的图片（按内容判断，不接受 SVG）。", code="image_type")
    return kind.extension


def header_pixels(file):
    """Width × height as the image's header states them, read by the Pillow plugin of its format (decided by its
    content) without Image.open(), which refuses an image of more than twice PIL.Image.MAX_IMAGE_PIXELS
    (DecompressionBombError) before anyone can count its pixels. None if the plugin refuses it too (WebP's does)
    or cannot read it."""
    PILImage.init()
    factory, _accept = PILImage.OPEN[PIL_FORMATS[check_image_content(file)]]
    file.seek(0)
    try:
        with factory(file) as image:
            return image.width * image.height
    except Exception:  # DecompressionBombError, or whatever a broken header raises: the caller refuses the image
        return None


def check_image_decodes(file, max_pixels=None):
    """Refuse an image Pillow cannot decode to the last pixel (truncated, corrupt) or with too many pixels.

    The pixel count comes from the header, before anything is decoded; `verify()` checks the structure (PNG
    checksums), and `load()` on a fresh handle decodes the pixels, which is what catches a truncated JPEG.
    """
    max_pixels = max_pixels or settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    position = file.tell()
    try:
        file.seek(0)
        try:
            with PILImage.open(file) as image:
                pixels = image.width * image.height * getattr(image, "n_frames", 1)
                image.verify()
        except PILImage.DecompressionBombError:
            pillow_limit = 2 * PILImage.MAX_IMAGE_PIXELS  # more than Pillow opens at all
            pixels = header_pixels(file)
            count = f"{pixels:,}" if pixels else f"超过 {pillow_limit:,}"
            raise UnsafeFile(
                f"图片像素过多（{count} 像素，上限 {min(max_pixels, pillow_limit):,}）。", code="image_pixels"
            ) from None
        if pixels > max_pixels:
            raise UnsafeFile(f"图片像素过多（{pixels:,} 像素，上限 {max_pixels:,}）。", code="image_pixels")
        file.seek(0)
        with PILImage.open(file) as image:
            image.load()
    except UnsafeFile:
        raise
    except Exception as error:  # Pillow raises OSError, SyntaxError, ValueError, struct.error… on broken data
        raise UnsafeFile(
            "图片文件已损坏或不完整，无法显示。请用看图软件打开后重新保存再上传。", code="image_broken"
        ) from error
    finally:
        file.seek(position)


def check_image_size(file):
    position = file.tell()
    size = file.seek(0, os.SEEK_END)
    file.seek(position)
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if limit and size > limit:
        raise UnsafeFile(f"图片太大（{filesizeformat(size)}，上限 {filesizeformat(limit)}）。", code="image_size")


def check_image_file(file):
    """Everything an image must pass to be stored: size, its format read from its content, then a full decode.

    Returns the format's extension, the one to store the file under."""
    check_image_size(file)
    extension = check_image_content(file)
    check_image_decodes(file)
    return extension


def check_document_content(file, name):
    """Check that the content of an uploaded document is what its extension claims."""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    head = read_head(file)
    mismatch = UnsafeFile(f"文件内容与扩展名 .{extension} 不符，请上传原始文件。", code="document_type")
    if extension == "pdf":
        kind = filetype.guess(head)
        if kind is None or kind.extension != "pdf":
            raise mismatch
    elif extension in OLE2_DOCUMENTS:
        if not head.startswith(OLE2_MAGIC):
            raise mismatch
    elif extension in ZIP_DOCUMENTS:
        if not head.startswith(b"PK\x03\x04"):
            raise mismatch
        check_zip_archive(file, required=ZIP_DOCUMENTS[extension])
        file.seek(0)
    elif extension == "txt":
        check_plain_text(head, mismatch)
    else:
        raise UnsafeFile(f"不支持的文件类型 .{extension}。", code="document_extension")


def check_plain_text(head, error):
    if b"\x00" in head:
        raise error
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return
        except UnicodeDecodeError as decode_error:
            # The head may end inside a multi-byte character.
            if decode_error.start >= len(head) - 3:
                return
    raise error


class SafeImageField(WagtailImageField):
    """Wagtail's image field with `check_image_file` run first: Willow would raise (a 500) on a truncated image."""

    def to_python(self, data):
        if data:
            check_image_file(data)
        return super().to_python(data)


class SafeImageForm(BaseImageForm):
    """Wagtail checks extension, size, pixel count and that Willow reads the format; we add magic bytes and a full
    decode, before Wagtail's own checks (the multiple-upload view uses this form's file field too)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if field := self.fields.get("file"):
            self.fields["file"] = SafeImageField(label=field.label, required=field.required, widget=field.widget)


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail checks extension and size only; we check the content and refuse zip bombs."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            check_document_content(file, file.name)
        return file

    def add_error(self, field, error):
        """One reason for a refused file. Wagtail's Document.clean() checks the extension of the document's own file,
        which a new document does not have when clean_file refused the upload: it added “文件扩展“”是不被允许”
        (an empty extension) to the real reason."""
        if field is None and hasattr(error, "error_dict") and "file" in error.error_dict and self.has_error("file"):
            error = ValidationError({name: errors for name, errors in error.error_dict.items() if name != "file"})
            if not error.error_dict:
                return
        super().add_error(field, error)
