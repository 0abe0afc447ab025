"""Read a .txt/.md/.docx file into clean blocks (no Django models, no page creation): the entry point.

The steps follow docs/importer.md §1–2: decode → strip site boilerplate and download notices → re-join docx
page-chunk markers and broken lines → recognise headings and bundle markers → drop duplicate paragraphs →
flag placeholders, mojibake and truncation → extract figures with their source sentence.
Each stage has its module: reading (decoding, .docx) → cleaning (furniture, chunks, duplicates) → structure
(headings, title, flags); parsed holds the result types. The names other modules use are importable from here.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from portal.core.text import clean_text

from .cleaning import drop_duplicates, fix_mojibake_quotes
from .figures import extract_figures
from .matching import dedupe_key, for_matching
from .parsed import Block, DocumentError, Flag, ImageData, ParsedDocument, body_text
from .reading import check_docx_archive, decode_text, docx_blocks, text_blocks
from .structure import MAX_TITLE_CHARS, choose_title, promote_bare_headings, quality_flags, summary_from

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


def parse_document(filename: str, data: bytes) -> ParsedDocument:
    """Parse one uploaded or local file. Raises DocumentError (message in Chinese) when nothing can be imported."""
    suffix = PurePath(filename).suffix.lower()
    stem = clean_text(PurePath(filename).stem) or "未命名文档"
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(f"不支持的文件类型“{suffix or '无扩展名'}”：只能导入 .docx、.txt 或 .md 文件。")
    if not data.strip():
        raise DocumentError("文件是空的。")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"文件太大（{len(data) / 1024 / 1024:.1f} MB），上限 {MAX_DOCUMENT_BYTES // 1024 // 1024} MB。"
        )
    if suffix == ".docx":
        blocks, flags = docx_blocks(data)
    else:
        text, flags = decode_text(data)
        blocks, text_flags = text_blocks(text, markdown=suffix == ".md")
        flags += text_flags
    return _finish(blocks, flags, stem)


def _finish(blocks: list[Block], flags: list[Flag], stem: str) -> ParsedDocument:
    title, blocks = choose_title(blocks, stem)
    title = clean_text(title)[:MAX_TITLE_CHARS]  # NFC, one line, no invisible characters, like the text
    promote_bare_headings(blocks)
    blocks, duplicates = drop_duplicates(blocks)
    if duplicates:
        flags.append(Flag("duplicates", f"已删除 {duplicates} 个重复段落。"))
    mojibake = fix_mojibake_quotes(blocks)
    if mojibake:
        flags.append(Flag("mojibake", f"有 {mojibake} 处乱码问号已还原为右引号“””，请核对。"))
    if not any(b.text.strip() or b.rows or b.image for b in blocks):
        raise DocumentError("文件里没有可导入的正文（删除网站附加内容后为空）。")
    figures = extract_figures(body_text(blocks), include_placeholders=True)
    flags += quality_flags(blocks, figures)
    return ParsedDocument(title, blocks, flags, figures, _content_hash(title, blocks), summary_from(blocks))


def _content_hash(title: str, blocks: list[Block]) -> str:
    digest = hashlib.sha256(dedupe_key(title).encode())
    for block in blocks:
        digest.update(f"\x1e{block.kind}\x1f{block.level}\x1f{dedupe_key(block.text)}".encode())
        for row in block.rows:
            digest.update(("\x1f".join(row)).encode())
        if block.image:
            digest.update(hashlib.sha256(block.image.data).digest())
    return digest.hexdigest()
