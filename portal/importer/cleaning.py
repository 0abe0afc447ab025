"""Cleaning text lines: site furniture and download notices out, page-chunk markers and broken lines re-joined,
duplicate paragraphs dropped, mojibake quotes restored (docs/importer.md §2)."""

from __future__ import annotations

import re

from .matching import dedupe_key, ends_sentence, for_matching, heading_match
from .parsed import Block, Flag

# --------------------------------------------------------------------------------------------------
# Download-site furniture (文库/范文 pages, docs/importer.md §2), matched on the half-width form
# --------------------------------------------------------------------------------------------------
# Each kind of furniture is a pattern over a shared vocabulary, so that another wording of the same notice
# ("点击下载本文", "本文档由网友上传", "更多相关范文") is caught without being listed.

SITE_DOC = r"(?:文档|本文|全文|原文|范文|合集|文库|word|pdf|docx?|wps|ppt)"  # what a download site offers
GET = r"(?:下载|预览|在线阅读|阅读全文|打印|收藏|付费|vip)"  # what it asks the reader to do
LISTING = r"(?:相关|最新|更多|热门|精选|推荐|精彩|猜你喜欢|延伸阅读)"  # how it labels its lists of other pages
LISTED = rf"(?:{SITE_DOC}|文章|阅读|推荐|内容|资料|专题|下载|搜索)"
RELATED_HEAD = rf"(?:{LISTING}){{1,3}}{LISTED}?"  # a list's heading on its own line: "相关推荐", "更多相关文章:"
RELATED_LIST = rf"(?:{LISTING}){{1,3}}{LISTED}"  # glued to text, the list names what it lists: "相关文档"
PUBLISHED = r"(?:整理|收集|搜集|精选|发布|提供|投稿|上传|转载|原创|编辑|分享|编写)"

FURNITURE_LINE_RES = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # download and preview notices: 合集下载 · 1、下载文档前请自行甄别… · "仅部分预览"的文档… · 点击下载
        rf"{GET}.{{0,4}}{SITE_DOC}|{SITE_DOC}.{{0,6}}{GET}|^(?:点击|免费|立即)?(?:下载|预览|在线阅读|阅读全文)",
        # who put it there: 本文由…整理 · 本文是美文网…整理的 · 《…》由会员分享 · 转载请注明出处 · 来源:某某网
        rf"(?:本文|本篇|此文|文章|以上内容)(?:档)?(?:由|是|为|系|来源|来自|出自|摘自).{{0,30}}(?:{PUBLISHED}|网络|网友)",
        r"由(?:会员|网友|用户|本站)(?:分享|上传|投稿|发布)|转载.{0,6}(?:注明|出处)|^来源\s*:.{0,20}(?:网|文库|\.com|\.cn)",
        # lists of other pages: 相关文档 · 最新文档 · 更多相关文章: · 猜你喜欢 · 上一篇:…
        rf"^{RELATED_HEAD}\s*:?$|^{RELATED_HEAD}\s*:|^(?:上一篇|下一篇|返回顶部|返回列表)",
        # page counters: 第3/7页 · 第 2 页 共 5 页 · - 3 - · 3/7 · 共21页 · (21页珍藏版)
        r"^第?\s*\d+\s*/\s*\d+\s*页?$|^第\s*\d+\s*页\s*[,/]?\s*共\s*\d+\s*页$|^[-—]\s*\d+\s*[-—]$|^共\s*\d+\s*页$|\d+页珍藏版",
        # copyright and disclaimers: 免责声明 · 版权所有 · 如有侵权请联系删除 · 享有著作权 · 禁止商用
        r"免责声明|版权(?:所有|声明|归)|(?:享有|拥有|保留)著作权|著作权归|禁止商用|侵权.{0,10}(?:删除|联系|举报|处理)"
        r"|(?:侵犯|侵害)(?:您|你)的.{0,6}权益|(?:文档|作品|内容).{0,10}(?:侵犯|侵权)|请(?:联系|告知).{0,10}删除",
        # the site's service lines and app promotion, an editor's preface
        r"(?:客服|热线|咨询电话|服务电话|联系电话|QQ|微信|工作时间|服务时间).{0,20}[\d-]{7,}",
        r"^.{0,12}app.{0,12}(?:入口|下载|免费).{0,10}$",
        r"^前言:.{0,80}(?:参考|学习|欢迎阅读|灵感)",
        # the preview's own labels: 配套讲稿: · 关 键 词: · - 乡镇 计生 工作 · word图标 · 限制150内
        r"^[-–•·]?\s*(?:配套讲稿|特殊限制|关\s*键\s*词)\s*:|^[-–•·]\s*(?:\S{1,6}\s+){2,}\S{1,6}$",
        r"word图标|配套.{0,4}讲稿|作品整体效果示例|^限制\d+内$",
        # a scrape timestamp, a file name on its own line
        r"^\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}(?::\d{2})?$|^\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?$",
        r"^.{0,60}\.(?:docx?|pdf|wps|txt)$",
    )
]
# Furniture inside a line of text: download notices, reader residue, and a list of other pages glued to the end
# of the last paragraph ("…推动各项工作的开展。相关文档最新文档").
INLINE_FURNITURE_RES = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"文本为word版本\s*,?\s*下载(?:后)?可(?:任意)?编辑\s*,?",
        r"第\d+/\d+页",
        r"[^。!?,;]{0,60}(?:(?:为大家|为您|为你|给大家)(?:整理|收集|精选|准备)|精心挑选|供你参考|供您参考|仅供参考"
        r"|欢迎阅读|欢迎下载|希望对你有|希望对您有)[^。!?]{0,80}[。!?]?",
        rf"(?<=[。!?”])\s*(?:{RELATED_LIST}|{SITE_DOC}.{{0,4}}{GET})[^。!?]*$",
    )
]
INLINE_HINT_RE = re.compile(rf"(?i)word|页|为大家|为您|为你|给大家|精心|参考|欢迎|希望对|{LISTING}|{GET}")
LINE_FURNITURE_MAX_CHARS = 200
LINK_TITLE_MAX_CHARS = 40
STOP_END_RE = re.compile(r"[。!?;]$")  # a sentence, not the title of a linked page


def is_furniture_line(line: str) -> bool:
    matchable = for_matching(line)
    return len(line) <= LINE_FURNITURE_MAX_CHARS and any(p.search(matchable) for p in FURNITURE_LINE_RES)


def _drop_furniture_lines(lines: list[str]) -> tuple[list[str], int]:
    """Drop furniture lines, and after a list heading ("相关文档") the short link titles that follow it."""
    kept: list[str] = []
    in_list = False
    for line in lines:
        if in_list and len(line) <= LINK_TITLE_MAX_CHARS and not STOP_END_RE.search(for_matching(line)):
            continue
        in_list = bool(re.fullmatch(rf"(?i){RELATED_HEAD}\s*:?", for_matching(line)))
        if not is_furniture_line(line):
            kept.append(line)
    return kept, len(lines) - len(kept)


def _strip_inline_furniture(line: str) -> tuple[str, int]:
    removed = 0
    for pattern in INLINE_FURNITURE_RES:
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
    """Furniture lines out, chunks and broken lines re-joined, then furniture inside the joined lines out (a chunk
    can glue a notice to the text: "1、文本为Word版本,下载可任意编辑乡镇计生工作…")."""
    flags = []
    lines, removed = _drop_furniture_lines([line.strip() for line in raw_lines if line.strip()])
    lines, chunks = _join_chunks(_rejoin_broken_lines(lines))
    cleaned = []
    for line in lines:
        line, inline = _strip_inline_furniture(line)
        removed += inline
        if line and is_furniture_line(line):
            removed += 1
        elif line:
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
