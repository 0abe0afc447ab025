"""Reading a file into raw lines and ready-made blocks: text decoding, Markdown headings, Word (.docx) structure."""

from __future__ import annotations

import io
import re
import time
from pathlib import PurePath

from portal.core.text import clean_text, count_invisible

from .parsed import Block, DocumentError, Flag, ImageData
from .structure import BlockBuilder

# --------------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------------

BINARY_SIGNATURES = (b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"\x1f\x8b", b"7z")
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # many of these: a binary file, not text


class _Visible:
    """The text a person can see, cleaned as the public forms clean theirs (portal.core.text.clean_text): no
    control, zero-width, direction (U+202E reverses what follows it in admin lists and feeds), private-use or
    unassigned characters; emoji and punctuation stay. Counts what it drops, for the flag."""

    def __init__(self) -> None:
        self.dropped = 0

    def __call__(self, text: str) -> str:
        self.dropped += count_invisible(text)
        return clean_text(text, multiline=True)

    def flags(self) -> list[Flag]:
        if not self.dropped:
            return []
        return [Flag("invisible", f"已删除 {self.dropped} 个不可见字符（控制符、零宽或方向标记）。")]


def decode_text(data: bytes) -> tuple[str, list[Flag]]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK/GB2312)."""
    flags: list[Flag] = []
    if data.startswith(b"PK\x03\x04") or data.startswith(BINARY_SIGNATURES):
        raise DocumentError("这不是文本文件（看起来是压缩包、PDF、图片或旧版 .doc）。请另存为 .docx 或 .txt 后再导入。")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise DocumentError("无法识别文件编码：请用 UTF-8 或 GBK 编码保存后再导入。") from None
            flags.append(Flag("encoding", "文件是 GBK/GB18030 编码，已自动转换。"))
    controls = len(CONTROL_RE.findall(text))
    if controls > max(16, len(text) // 20):
        raise DocumentError("文件中有大量不可见的控制字符，看起来不是文本文件。")
    visible = _Visible()
    text = visible(text)
    return text, flags + visible.flags()


# --------------------------------------------------------------------------------------------------
# Plain text and Markdown
# --------------------------------------------------------------------------------------------------

MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
MD_LEVELS = {1: "h2", 2: "h2", 3: "h3"}


def text_blocks(text: str, *, markdown: bool) -> tuple[list[Block], list[Flag]]:
    """Lines of plain text; in Markdown, "#" headings too, the first level-1 heading being the title."""
    builder = BlockBuilder()
    titled = False
    for line in text.split("\n"):
        heading = MD_HEADING_RE.match(line.strip()) if markdown else None
        if heading and heading.group(2):
            level = len(heading.group(1))
            style = "title" if level == 1 and not titled else ""
            titled = titled or bool(style)
            builder.add_heading(heading.group(2), MD_LEVELS.get(level, "h4"), style=style)
        else:
            builder.add_line(line)
    return builder.finish()


# --------------------------------------------------------------------------------------------------
# Word (.docx)
# --------------------------------------------------------------------------------------------------

STYLE_HEADING_RE = re.compile(r"(?i)^(?:heading|标题)\s*(\d)$")
STYLE_LEVELS = {1: "h2", 2: "h3"}
TITLE_STYLES = {"Title", "标题"}  # Word's Title style; WPS may store its Chinese name
# CPU seconds: a .docx that python-docx cannot walk in this time is refused, not left to hold a worker.
READ_SECONDS = 2.0
MAX_IMAGES = 100  # each image is decoded in full when it is saved
EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
IMAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def check_docx_archive(data: bytes) -> None:
    """Refuse corrupt archives, zip bombs and bodies too big to walk before anything unpacks them (the shared
    check in portal.core.uploads)."""
    from portal.core.uploads import UnsafeFile, check_docx  # Django-side module; the text path stays plain Python

    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError("这是旧版 Word（.doc）文件，请在 Word 里另存为 .docx 后再导入。")
    try:
        check_docx(io.BytesIO(data))
    except UnsafeFile as error:
        raise DocumentError(f"Word 文件不能导入：{error.messages[0]}") from None


class _Deadline:
    """A budget of CPU time spent by this thread, so a busy server does not refuse a document a quiet one reads."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.thread_time() + seconds

    def check(self, paragraphs: int) -> None:
        if time.thread_time() > self.end:
            raise DocumentError(
                f"Word 文件太复杂，{self.seconds:g} 秒内没有读完（已读 {paragraphs} 段），"
                "请删去不需要的内容或拆分成几个文件后再导入。"
            )


def docx_blocks(data: bytes) -> tuple[list[Block], list[Flag]]:
    import docx  # python-docx; imported here so the text path works without it
    from docx.table import Table

    deadline = _Deadline(READ_SECONDS)
    check_docx_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises KeyError, lxml errors, ValueError… on broken parts
        raise DocumentError(f"Word 文件无法读取（{type(error).__name__}），请用 Word 打开后重新保存。") from None
    styles = _style_names(document)
    images = _ImageReader(document)
    visible = _Visible()
    builder = BlockBuilder()
    for count, item in enumerate(document.iter_inner_content()):
        deadline.check(count)
        if isinstance(item, Table):
            rows = []
            for row in item.rows:
                deadline.check(count)
                rows.append([visible(cell.text) for cell in row.cells])
            if any(any(row) for row in rows):
                builder.add_block(Block("table", rows=rows))
            continue
        text = visible(item.text)
        style = styles.get(item._p.style, "")
        heading = STYLE_HEADING_RE.match(style)
        if text and style in TITLE_STYLES:
            builder.add_heading(text, "h2", style="title")
        elif text and heading:
            number = int(heading.group(1))
            builder.add_heading(text, STYLE_LEVELS.get(number, "h4"), style="heading1" if number == 1 else "")
        elif text:
            builder.add_line(text)
        for image in images.read(item):
            builder.add_block(Block("image", image=image))
    blocks, flags = builder.finish()
    return blocks, flags + visible.flags() + images.flags()


def _style_names(document) -> dict[str | None, str]:
    """Style id → name, read once: python-docx's ``paragraph.style`` searches styles.xml on every call."""
    return {style.style_id: style.name or "" for style in document.styles}


class _ImageReader:
    """The pictures a paragraph embeds (a:blip r:embed), at most MAX_IMAGES per document."""

    def __init__(self, document) -> None:
        self.parts = document.part.related_parts
        self.any = any(rel.reltype == IMAGE_RELATIONSHIP for rel in document.part.rels.values())  # skip the search
        self.count = 0

    def read(self, paragraph) -> list[ImageData]:
        images = []
        for blip in paragraph._p.xpath(".//a:blip[@r:embed]") if self.any else ():
            part = self.parts.get(blip.get(EMBED))
            if part is None or not getattr(part, "blob", None):
                continue
            self.count += 1
            if self.count <= MAX_IMAGES:
                images.append(ImageData(part.blob, PurePath(str(part.partname)).name))
        return images

    def flags(self) -> list[Flag]:
        if self.count <= MAX_IMAGES:
            return []
        return [Flag("too_many_images", f"文档中有 {self.count} 张图片，只导入了前 {MAX_IMAGES} 张。")]
