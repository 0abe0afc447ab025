"""Structuring cleaned lines into blocks: numbered and run-in headings, bundle markers, bare headings, the title,
and the quality flags (placeholders, missing numbers, bundles, truncation)."""

from __future__ import annotations

import re
from collections import Counter

from .cleaning import clean_lines, is_furniture_line
from .figures import Figure
from .matching import (
    BUNDLE_RE,
    RUN_IN_END_RE,
    SCORE_TAIL_RE,
    SENTENCE_END,
    dedupe_key,
    ends_sentence,
    for_matching,
    heading_match,
)
from .parsed import Block, Flag, body_text

MAX_TITLE_CHARS = 80
HEADING_MAX_CHARS = 40
RUN_IN_HEADING_MAX_CHARS = 40


def line_to_blocks(line: str) -> list[Block]:
    """A numbered line is a heading when short, or a run-in heading ("(一)做法。正文…") when its first sentence is."""
    matchable = for_matching(line)
    if BUNDLE_RE.match(matchable):
        return [Block("heading", line, level="h2")]
    found = heading_match(line)
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


def promote_bare_headings(blocks: list[Block]) -> None:
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


PLACEHOLDER_RE = re.compile(
    r"(?<![A-Za-z])(?:20[xX]{2}|20__|[xX]{2,}|X{1,2}(?=[年月日号届次个名份人户元])|"
    r"(?<=[\u4e00-\u9fff])\*{1,4}|\*{1,4}(?=[\u4e00-\u9fff])|_{2,}|〔(?:XX|xx|年)〕)(?![A-Za-z])"
)


def quality_flags(blocks: list[Block], figures: list[Figure]) -> list[Flag]:
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
    if last and not ends_sentence(last.text.rstrip()):
        flags.append(Flag("truncated", "文末没有结束标点，原文可能不完整。"))
    return flags


class BlockBuilder:
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

    def add_heading(self, text: str, level: str, *, style: str = "") -> None:
        """A heading the author styled; download-site furniture styled as a heading is still furniture."""
        if is_furniture_line(text):
            self.flags.append(Flag("boilerplate", "已删除 1 处网站附加内容或下载提示。"))
        else:
            self.add_block(Block("heading", text, level=level, style=style))

    def finish(self) -> tuple[list[Block], list[Flag]]:
        self._flush()
        return self.blocks, merge_flags(self.flags)

    def _flush(self) -> None:
        if not self._lines:
            return
        lines, flags = clean_lines(self._lines)
        self._lines = []
        self.flags += flags
        for line in lines:
            self.blocks.extend(line_to_blocks(line))


def merge_flags(flags: list[Flag]) -> list[Flag]:
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
# Title and summary
# --------------------------------------------------------------------------------------------------

# A download site's bundle counter on a title: "…总结范文3篇", "…(精选5篇)", "…合集"; on a line of its own in the
# body it is furniture (a repeated title or a link to another bundle).
BUNDLE_COUNT_RE = re.compile(r"\s*[(【\[]?(?:精选|通用|优选|热门|最新|共)?\d{1,3}篇[)】\]]?$|\s*(?:合集|大全)$")
BUNDLE_TITLE_RE = re.compile(r"^.{2,40}(?:范文|精选|通用)\s*\(?\d{1,3}篇\)?$")
FILE_SUFFIX_RE = re.compile(r"(?i)\.(?:docx?|wps|txt|md)$")
SUMMARY_CHARS = 120
SUMMARY_MIN_CHARS = 20  # shorter paragraphs are labels, signatures and dates
SENTENCE_STOP_RE = re.compile(r"[。!?;]")
CLAUSE_STOP_RE = re.compile(r"[,、:]")


def choose_title(blocks: list[Block], fallback: str) -> tuple[str, list[Block]]:
    """The title and the body without it.

    The first Title-styled block; else a Heading 1 that opens the document; else the first line of text (its
    first sentence when the line is long, and then the line stays in the body); the file name only when the
    document has no text. The block that gave the title is not repeated, nor are bundle titles left in the body.
    """
    index = _styled_title_index(blocks)
    if index is not None:
        title, body = blocks[index].text, blocks[:index] + blocks[index + 1 :]
    else:
        title, body = _title_from_first_line(blocks, fallback)
    title = clean_title(title) or clean_title(fallback) or fallback
    key = dedupe_key(title)
    body = _drop_leading_repeats(body, key)
    body = [b for b in body if not (b.kind == "paragraph" and _is_title_repeat(b.text, key))]
    return title, body


def clean_title(text: str) -> str:
    """Without the file suffix and the bundle counter a download site adds ("…范文3篇.docx" → "…范文")."""
    text = FILE_SUFFIX_RE.sub("", re.sub(r"\s+", " ", text).strip())
    counter = BUNDLE_COUNT_RE.search(for_matching(text))
    return (text[: counter.start()] if counter else text).strip()


def _styled_title_index(blocks: list[Block]) -> int | None:
    titled = next((i for i, b in enumerate(blocks) if b.style == "title" and b.text.strip()), None)
    if titled is not None:
        return titled
    first_text = next((i for i, b in enumerate(blocks) if b.kind in ("paragraph", "heading") and b.text.strip()), None)
    return first_text if first_text is not None and blocks[first_text].style == "heading1" else None


def _title_from_first_line(blocks: list[Block], fallback: str) -> tuple[str, list[Block]]:
    """A bundle heading "…范文1" lends its name and stays; a line that reads like a title goes; a longer line
    lends its first sentence (cut at a comma when that is too long) and stays."""
    index = next((i for i, b in enumerate(blocks) if b.kind in ("paragraph", "heading") and b.text.strip()), None)
    if index is None:
        return fallback, blocks
    first = blocks[index].text
    matchable = for_matching(first)
    if BUNDLE_RE.match(matchable):
        return re.sub(r"\s*(\d{1,2}|篇[一二三四五六七八九十]+)\s*[::]?$", "", first) or fallback, blocks
    if len(first) <= MAX_TITLE_CHARS and not RUN_IN_END_RE.search(matchable[:-1]):
        return first.rstrip("。:："), blocks[:index] + blocks[index + 1 :]
    sentence = SENTENCE_STOP_RE.search(matchable)
    return _leading_words(first[: sentence.end()] if sentence else first, MAX_TITLE_CHARS).rstrip("。!?;！？；"), blocks


def _drop_leading_repeats(blocks: list[Block], key: str) -> list[Block]:
    """The body does not open with the title again (a Title paragraph followed by the same text as Heading 1)."""
    start = 0
    while start < len(blocks) and blocks[start].kind in ("paragraph", "heading"):
        if not _is_title_repeat(blocks[start].text, key):
            break
        start += 1
    return blocks[start:]


def _is_title_repeat(text: str, key: str) -> bool:
    """The title again, with or without a bundle counter ("…范文3篇"), or another bundle's title."""
    return dedupe_key(clean_title(text)) == key or bool(BUNDLE_TITLE_RE.match(for_matching(text.strip())))


def summary_from(blocks: list[Block]) -> str:
    """The first real paragraph (not a heading, label or date), cut after its last whole sentence that fits."""
    for block in blocks:
        if block.kind == "paragraph" and len(block.text) >= SUMMARY_MIN_CHARS:
            return _leading_words(block.text, SUMMARY_CHARS)
    return ""


def _leading_words(text: str, limit: int) -> str:
    """``text`` if it fits; else up to its last sentence end within ``limit``; else up to its last comma, with …"""
    if len(text) <= limit:
        return text
    matchable = for_matching(text[:limit])
    if ends := [m.end() for m in SENTENCE_STOP_RE.finditer(matchable)]:
        return text[: ends[-1]]
    if clauses := [m.start() for m in CLAUSE_STOP_RE.finditer(matchable)]:
        return text[: clauses[-1]] + "…"
    return text[: limit - 1] + "…"
