"""Cleaning text lines: site furniture and download notices out, page-chunk markers and broken lines re-joined,
duplicate paragraphs dropped, mojibake quotes restored (domain.md §6)."""

from __future__ import annotations

import re

from .matching import dedupe_key, ends_sentence, for_matching, heading_match
from .parsed import Block, Flag

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
LONG_LINE_CHARS = 40


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
        cut = sum(1 for i in run[1:] if i > 0 and lines[i - 1] and not ends_sentence(lines[i - 1]))
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
            if out and flattened[-1] and not ends_sentence(out[-1]):
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
        continues = not (heading_match(line) or CHUNK_MARKER_RE.match(line))
        if out and len(out[-1]) >= LONG_LINE_CHARS and not ends_sentence(out[-1]) and continues:
            out[-1] += line
        else:
            out.append(line)
    return out


def clean_lines(raw_lines: list[str]) -> tuple[list[str], list[Flag]]:
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


# --------------------------------------------------------------------------------------------------
# Duplicates and mojibake
# --------------------------------------------------------------------------------------------------

DUPLICATE_MIN_CHARS = 20


def drop_duplicates(blocks: list[Block]) -> tuple[list[Block], int]:
    """Drop repeated paragraphs; a short repeated heading goes too when the text under it is a repeat."""
    seen: set[str] = set()
    repeated = []
    for block in blocks:
        key = block.kind + ":" + dedupe_key(block.text) if block.kind in ("paragraph", "heading") else None
        repeated.append(key is not None and key in seen)
        if key:
            seen.add(key)
    keep = []
    for index, block in enumerate(blocks):
        if repeated[index]:
            long_enough = len(dedupe_key(block.text)) >= DUPLICATE_MIN_CHARS
            next_repeated = index + 1 < len(blocks) and repeated[index + 1]
            if long_enough or next_repeated:
                continue
        keep.append(block)
    return keep, len(blocks) - len(keep)


MOJIBAKE_QUOTE_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?<![吗呢么吧啊呀谁何])\?(?=[\u4e00-\u9fff,，。、;；])")


def fix_mojibake_quotes(blocks: list[Block]) -> int:
    fixed = 0
    for block in blocks:
        if block.kind in ("paragraph", "heading"):
            block.text, count = MOJIBAKE_QUOTE_RE.subn("”", block.text)
            fixed += count
    return fixed
