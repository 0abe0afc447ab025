"""The half-width matching form, sentence ends and the shapes of numbered headings, shared by every stage.

Text is shown as written; full-width/half-width punctuation is normalised only for matching.
"""

from __future__ import annotations

import re

MATCH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20}
WIDE_RE = re.compile("[\uff01-\uff5e\u3000\u00a0]")


def for_matching(text: str) -> str:
    """Full-width ASCII (，：（）１２) → half-width, ideographic/no-break space → space. Same length as ``text``."""
    return WIDE_RE.sub(lambda match: chr(MATCH_TABLE[ord(match.group())]), text)


def dedupe_key(text: str) -> str:
    return re.sub(r"\s+", "", for_matching(text))


SENTENCE_END = "。!?;:…”’」』)》】"


def ends_sentence(line: str) -> bool:
    return bool(line) and for_matching(line[-1]) in SENTENCE_END + ".?!;:"


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


def heading_match(line: str):
    matchable = for_matching(line)
    for pattern, level, marker_only in HEADING_RES:
        if match := pattern.match(matchable):
            return match, level, marker_only
    return None
