"""Structuring cleaned lines into blocks: numbered and run-in headings, bundle markers, bare headings, the title,
and the quality flags (placeholders, missing numbers, bundles, truncation)."""

from __future__ import annotations

import re
from collections import Counter

from .cleaning import clean_lines
from .figures import Figure
from .matching import BUNDLE_RE, RUN_IN_END_RE, SCORE_TAIL_RE, SENTENCE_END, ends_sentence, for_matching, heading_match
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


def title_from_blocks(blocks: list[Block], fallback: str) -> tuple[str, list[Block]]:
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
