"""Read a .txt/.md/.docx file into clean blocks (no Django models, no page creation).

The steps follow domain.md §6 and §7.4: decode → strip site boilerplate and download notices → re-join docx
page-chunk markers and broken lines → recognise headings and bundle markers → drop duplicate paragraphs →
flag placeholders, mojibake and truncation → extract figures with their source sentence.
Text is shown as written; full-width/half-width punctuation is normalised only for matching.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

from .figures import Figure, extract_figures

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "SUPPORTED_SUFFIXES",
    "Block",
    "DocumentError",
    "Flag",
    "ImageData",
    "ParsedDocument",
    "check_docx_archive",
    "decode_text",
    "for_matching",
    "parse_document",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx")
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
MAX_TITLE_CHARS = 80
HEADING_MAX_CHARS = 40
RUN_IN_HEADING_MAX_CHARS = 40


class DocumentError(Exception):
    """A file that cannot be imported at all; the message is shown to the user as is."""


@dataclass(frozen=True)
class Flag:
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ImageData:
    data: bytes
    filename: str


@dataclass
class Block:
    """One StreamField block to be: paragraph / heading (level h2-h4) / table (rows) / image."""

    kind: str
    text: str = ""
    level: str = ""
    rows: list[list[str]] = field(default_factory=list)
    image: ImageData | None = None


@dataclass
class ParsedDocument:
    title: str
    blocks: list[Block]
    flags: list[Flag]
    figures: list[Figure]
    content_hash: str

    @property
    def text(self) -> str:
        """The running text (headings and paragraphs, one per line) that figure offsets point into."""
        return body_text(self.blocks)

    @property
    def placeholder_count(self) -> int:
        return sum(1 for figure in self.figures if figure.placeholder)


# --------------------------------------------------------------------------------------------------
# Matching form: one character in, one character out, so offsets stay valid
# --------------------------------------------------------------------------------------------------

MATCH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20}
WIDE_RE = re.compile("[\uff01-\uff5e\u3000\u00a0]")


def for_matching(text: str) -> str:
    """Full-width ASCII (，：（）１２) → half-width, ideographic/no-break space → space. Same length as ``text``."""
    return WIDE_RE.sub(lambda match: chr(MATCH_TABLE[ord(match.group())]), text)


def _dedupe_key(text: str) -> str:
    return re.sub(r"\s+", "", for_matching(text))


# --------------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------------

BINARY_SIGNATURES = (b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"\x1f\x8b", b"7z")
INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
    invisible = len(INVISIBLE_RE.findall(text))
    if controls or invisible:
        text = INVISIBLE_RE.sub("", CONTROL_RE.sub("", text))
        flags.append(Flag("invisible", f"已删除 {controls + invisible} 个不可见字符（控制符、零宽或方向标记）。"))
    return text.replace("\r\n", "\n").replace("\r", "\n"), flags


# --------------------------------------------------------------------------------------------------
# Site boilerplate, download notices, page furniture (patterns, matched on the half-width form)
# --------------------------------------------------------------------------------------------------

BOILERPLATE_LINE_RES = [
    re.compile(p)
    for p in (
        r"^\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}(:\d{2})?$",  # scrape timestamp
        r"^\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(:\d{2})?$",
        r"(?i)^.{0,12}app.{0,12}(入口|下载|免费).{0,10}$",  # app promotion
        r"(?i)^.{0,60}\.(docx?|pdf|wps|txt)$",  # a file name on its own line
        r"^前言:.{0,80}(参考|学习|欢迎阅读|灵感)",  # editor's preface of a 范文 site
        r"由会员分享|可在线阅读|请在.{1,30}上搜索|分享文档赚钱|珍藏版",
        r"^[-–•·]?\s*(配套讲稿|特殊限制|关\s*键\s*词)\s*:",
        r"(?i)ppt文件|word图标|word文档|作品整体效果示例|禁止商用|享有著作权",
        r"^限制\d+内$",
        r"^第\d+/\d+页$",
        r"^[-–•·]\s*(\S{1,6}\s+){2,}\S{1,6}$",  # keyword list: "- 乡镇 计生 工作 上半年"
        r"(客服|热线|咨询电话|服务电话|联系电话|QQ|微信|工作时间|服务时间).{0,20}[\d-]{7,}",
        r"^(上一篇|下一篇|返回顶部|相关推荐|猜你喜欢|点击下载|免费下载|立即下载)",
    )
]
# Download notices and reader residue that sit inside a text line.
INLINE_BOILERPLATE_RES = [
    re.compile(p)
    for p in (
        r"(?i)文本为word版本\s*,?\s*下载(后)?可(任意)?编辑\s*,?",
        r"第\d+/\d+页",
        r"[^。!?,;]{0,60}(?:(?:为大家|为您|为你|给大家)(?:整理|收集|精选|准备)|精心挑选|供你参考|供您参考|仅供参考"
        r"|欢迎阅读|欢迎下载|希望对你有|希望对您有)[^。!?]{0,80}[。!?]?",
    )
]
INLINE_HINT_RE = re.compile(r"(?i)word|页|为大家|为您|为你|给大家|精心|参考|欢迎|希望对")
LINE_FURNITURE_MAX_CHARS = 200


def _is_boilerplate_line(line: str) -> bool:
    matchable = for_matching(line)
    return len(line) <= LINE_FURNITURE_MAX_CHARS and any(p.search(matchable) for p in BOILERPLATE_LINE_RES)


def _strip_inline_boilerplate(line: str) -> tuple[str, int]:
    removed = 0
    for pattern in INLINE_BOILERPLATE_RES:
        # Match on the half-width form, cut the same spans from the text as written.
        spans = [m.span() for m in pattern.finditer(for_matching(line))] if INLINE_HINT_RE.search(line) else []
        for start, end in reversed(spans):
            line = line[:start] + line[end:]
        removed += len(spans)
    if removed:
        line = re.sub(r"[,，、]\s*$", "。", line.strip())
    return line.strip(), removed


# --------------------------------------------------------------------------------------------------
# Chunk markers (docx previews cut the text into numbered chunks: "…将论坛分为\n6、18个板块") and broken lines
# --------------------------------------------------------------------------------------------------

CHUNK_MARKER_RE = re.compile(r"^(\d{1,3})、")
SENTENCE_END = "。!?;:…”’」』)》】"
LONG_LINE_CHARS = 40


def _ends_sentence(line: str) -> bool:
    return bool(line) and for_matching(line[-1]) in SENTENCE_END + ".?!;:"


def _chunk_marker_lines(lines: list[str]) -> set[int]:
    """Indexes of lines whose leading "N、" is a page-chunk marker, not a list item.

    A run of markers numbered 1, 2, 3… is a chunk run when most of its members follow a line cut mid-sentence.
    """
    numbered = [(i, int(m.group(1))) for i, line in enumerate(lines) if (m := CHUNK_MARKER_RE.match(line))]
    runs: list[list[int]] = []
    for index, number in numbered:
        if runs and number == _marker_number(lines[runs[-1][-1]]) + 1:
            runs[-1].append(index)
        elif number == 1:
            runs.append([index])
    markers: set[int] = set()
    for run in runs:
        cut = sum(1 for i in run[1:] if i > 0 and lines[i - 1] and not _ends_sentence(lines[i - 1]))
        if len(run) >= 2 and cut * 2 >= len(run) - 1:
            markers.update(run)
    return markers


def _marker_number(line: str) -> int:
    return int(CHUNK_MARKER_RE.match(line).group(1))


CJK_GAP_RE = re.compile(r"(?:(?<=[^\x00-\x7f])|(?<=[:;.!?)]))[ \u3000\u00a0]+(?=[^\x00-\x7f])")


def _join_chunks(lines: list[str]) -> tuple[list[str], int]:
    """Drop chunk markers, glue each chunk to the text it continues, split the flattened paragraphs again."""
    markers = _chunk_marker_lines(lines)
    if not markers:
        return lines, 0
    out: list[str] = []
    flattened: list[bool] = []
    for index, line in enumerate(lines):
        if index in markers:
            body = CHUNK_MARKER_RE.sub("", line, count=1)
            if out and flattened[-1] and not _ends_sentence(out[-1]):
                out[-1] += body
            else:
                out.append(body)
                flattened.append(True)
        else:
            out.append(line)
            flattened.append(False)
    # A docx preview flattens paragraphs into one chunk, separated by a space between Chinese characters.
    split: list[str] = []
    for line, was_chunk in zip(out, flattened, strict=True):
        split.extend(CJK_GAP_RE.split(line) if was_chunk else [line])
    return split, len(markers)


def _rejoin_broken_lines(lines: list[str]) -> list[str]:
    """A long line cut mid-sentence ("…开展“新春" / "游园”活动…") continues on the next line."""
    out: list[str] = []
    for line in lines:
        continues = not (_heading_match(line) or CHUNK_MARKER_RE.match(line))
        if out and len(out[-1]) >= LONG_LINE_CHARS and not _ends_sentence(out[-1]) and continues:
            out[-1] += line
        else:
            out.append(line)
    return out


# --------------------------------------------------------------------------------------------------
# Headings and bundle markers
# --------------------------------------------------------------------------------------------------

CN_NUM = "一二三四五六七八九十百零〇两"
HEADING_RES = [  # (pattern on the half-width form, level, marker only)
    (re.compile(rf"^第[{CN_NUM}\d]+[章节编](?=\s|$|[^\d])"), "h2", False),
    (re.compile(rf"^第[{CN_NUM}\d]+条(?=\s|$|[^\d])"), "h3", True),
    (re.compile(rf"^[{CN_NUM}]+\s*[、.]"), "h2", False),
    (re.compile(rf"^\(\s*[{CN_NUM}]+\s*\)\s*[、.]?"), "h3", False),
    (re.compile(r"^\d{1,2}\s*[、.](?!\d)"), "h4", False),
    (re.compile(r"^\(\s*\d{1,2}\s*\)"), "h4", False),
]
BUNDLE_RE = re.compile(rf"^(?:.{{0,40}}范文\s*(?:\d{{1,2}}|篇[{CN_NUM}]+)|第[{CN_NUM}\d]+篇|【.{{2,40}}】)\s*[::]?$")
RUN_IN_END_RE = re.compile(r"[。!?:;]")
SCORE_TAIL_RE = re.compile(r"\(.{1,12}\)[。;]?")  # "1、开展宣传活动。(5分)" is still one heading


def _heading_match(line: str):
    matchable = for_matching(line)
    for pattern, level, marker_only in HEADING_RES:
        if match := pattern.match(matchable):
            return match, level, marker_only
    return None


def _line_to_blocks(line: str) -> list[Block]:
    """A numbered line is a heading when short, or a run-in heading ("(一)做法。正文…") when its first sentence is."""
    matchable = for_matching(line)
    if BUNDLE_RE.match(matchable):
        return [Block("heading", line, level="h2")]
    found = _heading_match(line)
    if not found:
        return [Block("paragraph", line)]
    match, level, marker_only = found
    if marker_only:
        rest = line[match.end() :].strip()
        return [Block("heading", line[: match.end()].strip(), level=level)] + (
            [Block("paragraph", rest)] if rest else []
        )
    first_end = RUN_IN_END_RE.search(matchable, match.end())
    tail = matchable[first_end.end() :] if first_end else ""
    if len(line) <= HEADING_MAX_CHARS and (not tail or SCORE_TAIL_RE.fullmatch(tail)):
        return [Block("heading", line, level=level)]
    if first_end and first_end.end() <= RUN_IN_HEADING_MAX_CHARS and first_end.end() < len(line):
        return [Block("heading", line[: first_end.end()], level=level), Block("paragraph", line[first_end.end() :])]
    return [Block("paragraph", line)]


def _promote_bare_headings(blocks: list[Block]) -> None:
    """A short unnumbered line without closing punctuation, followed by text, is a heading ("目前的问题")."""
    for index, block in enumerate(blocks[:-1]):
        text = for_matching(block.text)
        if (
            block.kind == "paragraph"
            and len(text) <= 20
            and text[-1] not in SENTENCE_END + ".,;:!?、"
            and blocks[index + 1].kind in ("paragraph", "heading")
            and (blocks[index + 1].kind == "heading" or len(blocks[index + 1].text) > 20)  # not a signature + date
        ):
            block.kind, block.level = "heading", "h3"


# --------------------------------------------------------------------------------------------------
# Duplicates, mojibake, placeholders, truncation
# --------------------------------------------------------------------------------------------------

DUPLICATE_MIN_CHARS = 20


def _drop_duplicates(blocks: list[Block]) -> tuple[list[Block], int]:
    """Drop repeated paragraphs; a short repeated heading goes too when the text under it is a repeat."""
    seen: set[str] = set()
    repeated = []
    for block in blocks:
        key = block.kind + ":" + _dedupe_key(block.text) if block.kind in ("paragraph", "heading") else None
        repeated.append(key is not None and key in seen)
        if key:
            seen.add(key)
    keep = []
    for index, block in enumerate(blocks):
        if repeated[index]:
            long_enough = len(_dedupe_key(block.text)) >= DUPLICATE_MIN_CHARS
            next_repeated = index + 1 < len(blocks) and repeated[index + 1]
            if long_enough or next_repeated:
                continue
        keep.append(block)
    return keep, len(blocks) - len(keep)


MOJIBAKE_QUOTE_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?<![吗呢么吧啊呀谁何])\?(?=[\u4e00-\u9fff,，。、;；])")
PLACEHOLDER_RE = re.compile(
    r"(?<![A-Za-z])(?:20[xX]{2}|20__|[xX]{2,}|X{1,2}(?=[年月日号届次个名份人户元])|"
    r"(?<=[\u4e00-\u9fff])\*{1,4}|\*{1,4}(?=[\u4e00-\u9fff])|_{2,}|〔(?:XX|xx|年)〕)(?![A-Za-z])"
)


def _fix_mojibake_quotes(blocks: list[Block]) -> int:
    fixed = 0
    for block in blocks:
        if block.kind in ("paragraph", "heading"):
            block.text, count = MOJIBAKE_QUOTE_RE.subn("”", block.text)
            fixed += count
    return fixed


def body_text(blocks: list[Block]) -> str:
    return "\n".join(block.text for block in blocks if block.kind in ("paragraph", "heading"))


def _quality_flags(blocks: list[Block], figures: list[Figure]) -> list[Flag]:
    flags = []
    text = body_text(blocks)
    tokens = Counter(m.group(0) for m in PLACEHOLDER_RE.finditer(text))
    if tokens:
        listed = "、".join(f"{token}×{count}" for token, count in tokens.most_common(6))
        flags.append(Flag("placeholder", f"有 {sum(tokens.values())} 处占位符（{listed}），发布前须补上真实内容。"))
    missing = [f for f in figures if f.placeholder and not PLACEHOLDER_RE.search(text[f.start : f.end])]
    if missing:
        flags.append(Flag("missing_number", f"有 {len(missing)} 处缺少数字（如“{missing[0].sentence[:30]}”）。"))
    bundles = [b for b in blocks if b.kind == "heading" and BUNDLE_RE.match(for_matching(b.text))]
    if len(bundles) >= 2:
        flags.append(Flag("bundle", f"这是 {len(bundles)} 篇范文的合集，建议拆分成单独的页面。"))
    last = next((b for b in reversed(blocks) if b.kind == "paragraph"), None)
    if last and not _ends_sentence(last.text.rstrip()):
        flags.append(Flag("truncated", "文末没有结束标点，原文可能不完整。"))
    return flags


# --------------------------------------------------------------------------------------------------
# Plain text and Markdown
# --------------------------------------------------------------------------------------------------

MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
MD_LEVELS = {1: "h2", 2: "h2", 3: "h3"}


def _clean_lines(raw_lines: list[str]) -> tuple[list[str], list[Flag]]:
    flags = []
    lines, removed = [], 0
    for raw in raw_lines:
        line = raw.strip()
        if not line:
            continue
        if _is_boilerplate_line(line):
            removed += 1
            continue
        lines.append(line)
    lines, chunks = _join_chunks(_rejoin_broken_lines(lines))
    cleaned = []
    for line in lines:
        line, inline = _strip_inline_boilerplate(line)
        removed += inline
        if line:
            cleaned.append(line)
    if removed:
        flags.append(Flag("boilerplate", f"已删除 {removed} 处网站附加内容或下载提示。"))
    if chunks:
        flags.append(Flag("chunks", f"已去掉 {chunks} 个分页编号并接回被截断的句子。"))
    return cleaned, flags


class _BlockBuilder:
    """Collects raw text lines and ready-made blocks (styled headings, tables, images) in document order.

    Runs of text lines between ready-made blocks go through the plain-text cleaning together.
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.flags: list[Flag] = []
        self._lines: list[str] = []

    def add_line(self, line: str) -> None:
        self._lines.append(line)

    def add_block(self, block: Block) -> None:
        self._flush()
        self.blocks.append(block)

    def finish(self) -> tuple[list[Block], list[Flag]]:
        self._flush()
        return self.blocks, _merge_flags(self.flags)

    def _flush(self) -> None:
        if not self._lines:
            return
        lines, flags = _clean_lines(self._lines)
        self._lines = []
        self.flags += flags
        for line in lines:
            self.blocks.extend(_line_to_blocks(line))


def _text_blocks(text: str, *, markdown: bool) -> tuple[str | None, list[Block], list[Flag]]:
    title = None
    builder = _BlockBuilder()
    for line in text.split("\n"):
        heading = MD_HEADING_RE.match(line.strip()) if markdown else None
        if heading and len(heading.group(1)) == 1 and title is None and not builder.blocks and not builder._lines:
            title = heading.group(2)
        elif heading and heading.group(2):
            builder.add_block(Block("heading", heading.group(2), level=MD_LEVELS.get(len(heading.group(1)), "h4")))
        else:
            builder.add_line(line)
    blocks, flags = builder.finish()
    return title, blocks, flags


def _merge_flags(flags: list[Flag]) -> list[Flag]:
    """Flags from several runs of text cleaning, one per code, the first count in the message summed."""
    merged: dict[str, Flag] = {}
    for flag in flags:
        old = merged.get(flag.code)
        if old is None:
            merged[flag.code] = flag
            continue
        counts = [int(m.group()) for m in (re.search(r"\d+", old.message), re.search(r"\d+", flag.message)) if m]
        merged[flag.code] = Flag(flag.code, re.sub(r"\d+", str(sum(counts)), old.message, count=1))
    return list(merged.values())


# --------------------------------------------------------------------------------------------------
# Word (.docx)
# --------------------------------------------------------------------------------------------------

STYLE_HEADING_RE = re.compile(r"(?i)^(?:heading|标题)\s*(\d)$")
STYLE_LEVELS = {1: "h2", 2: "h3"}


def check_docx_archive(data: bytes) -> None:
    """Refuse corrupt archives and zip bombs before anything unpacks them (the shared check in portal.core.uploads)."""
    from portal.core.uploads import UnsafeFile, check_docx  # Django-side module; the text path stays plain Python

    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError("这是旧版 Word（.doc）文件，请在 Word 里另存为 .docx 后再导入。")
    try:
        check_docx(io.BytesIO(data))
    except UnsafeFile as error:
        raise DocumentError(f"Word 文件不能导入：{error.messages[0]}") from None


def _docx_blocks(data: bytes) -> tuple[str | None, list[Block], list[Flag]]:
    import docx  # python-docx; imported here so the text path works without it
    from docx.table import Table

    check_docx_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises KeyError, lxml errors, ValueError… on broken parts
        raise DocumentError(f"Word 文件无法读取（{type(error).__name__}），请用 Word 打开后重新保存。") from None
    title = (document.core_properties.title or "").strip() or None
    builder = _BlockBuilder()
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = [[cell.text.strip() for cell in row.cells] for row in item.rows]
            if any(any(row) for row in rows):
                builder.add_block(Block("table", rows=rows))
            continue
        text = item.text.strip()
        style = item.style.name if item.style is not None else ""
        heading = STYLE_HEADING_RE.match(style or "")
        if text and style == "Title" and title is None:
            title = text
        elif text and heading:
            builder.add_block(Block("heading", text, level=STYLE_LEVELS.get(int(heading.group(1)), "h4")))
        elif text:
            builder.add_line(text)
        for image in _paragraph_images(document, item):
            builder.add_block(Block("image", image=image))
    blocks, flags = builder.finish()
    return title, blocks, flags


def _paragraph_images(document, paragraph) -> list[ImageData]:
    images = []
    for blip in paragraph._p.xpath(".//a:blip"):
        rel_id = blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
        part = document.part.related_parts.get(rel_id) if rel_id else None
        if part is not None and getattr(part, "blob", None):
            images.append(ImageData(part.blob, PurePath(str(part.partname)).name))
    return images


# --------------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------------


def parse_document(filename: str, data: bytes) -> ParsedDocument:
    """Parse one uploaded or local file. Raises DocumentError (message in Chinese) when nothing can be imported."""
    suffix = PurePath(filename).suffix.lower()
    stem = PurePath(filename).stem.strip() or "未命名文档"
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(f"不支持的文件类型“{suffix or '无扩展名'}”：只能导入 .docx、.txt 或 .md 文件。")
    if not data.strip():
        raise DocumentError("文件是空的。")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"文件太大（{len(data) / 1024 / 1024:.1f} MB），上限 {MAX_DOCUMENT_BYTES // 1024 // 1024} MB。"
        )
    if suffix == ".docx":
        title, blocks, flags = _docx_blocks(data)
    else:
        text, flags = decode_text(data)
        title, blocks, text_flags = _text_blocks(text, markdown=suffix == ".md")
        flags += text_flags
    return _finish(title, blocks, flags, stem)


def _finish(title: str | None, blocks: list[Block], flags: list[Flag], stem: str) -> ParsedDocument:
    if title is None:
        title, blocks = _title_from_blocks(blocks, stem)
    title = re.sub(r"\s+", " ", unicodedata.normalize("NFC", title)).strip()[:MAX_TITLE_CHARS] or stem
    blocks = [b for b in blocks if not (b.kind == "paragraph" and _dedupe_key(b.text) == _dedupe_key(title))]
    _promote_bare_headings(blocks)
    blocks, duplicates = _drop_duplicates(blocks)
    if duplicates:
        flags.append(Flag("duplicates", f"已删除 {duplicates} 个重复段落。"))
    mojibake = _fix_mojibake_quotes(blocks)
    if mojibake:
        flags.append(Flag("mojibake", f"有 {mojibake} 处乱码问号已还原为右引号“””，请核对。"))
    if not any(b.text.strip() or b.rows or b.image for b in blocks):
        raise DocumentError("文件里没有可导入的正文（删除网站附加内容后为空）。")
    figures = extract_figures(body_text(blocks), include_placeholders=True)
    flags += _quality_flags(blocks, figures)
    return ParsedDocument(title, blocks, flags, figures, _content_hash(title, blocks))


def _title_from_blocks(blocks: list[Block], fallback: str) -> tuple[str, list[Block]]:
    """The first paragraph is the title when it reads like one; a bundle heading "…范文1" lends its name."""
    if not blocks or blocks[0].kind not in ("paragraph", "heading"):
        return fallback, blocks
    first = blocks[0].text
    matchable = for_matching(first)
    if BUNDLE_RE.match(matchable):
        return re.sub(r"\s*(\d{1,2}|篇[一二三四五六七八九十]+)\s*[::]?$", "", first) or fallback, blocks
    reads_like_title = len(first) <= MAX_TITLE_CHARS and not RUN_IN_END_RE.search(matchable[:-1])
    if blocks[0].kind == "paragraph" and reads_like_title:
        return first.rstrip("。:："), blocks[1:]
    return fallback, blocks


def _content_hash(title: str, blocks: list[Block]) -> str:
    digest = hashlib.sha256(_dedupe_key(title).encode())
    for block in blocks:
        digest.update(f"\x1e{block.kind}\x1f{block.level}\x1f{_dedupe_key(block.text)}".encode())
        for row in block.rows:
            digest.update(("\x1f".join(row)).encode())
        if block.image:
            digest.update(hashlib.sha256(block.image.data).digest())
    return digest.hexdigest()
