"""Extract quantitative figures (数字指标) from 计生协 summaries, speeches and experience materials.

No settings or database needed (rjieba splits the words of the 原文指标 labels; roles and multipliers come from
portal.exchange.numbers). The rules follow docs/importer.md §3–4: a figure is a number with a unit or
classifier (or a rate that lost its sign), never a date, ordinal, identifier, list marker, slogan numeral or
vague amount.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from portal.exchange.numbers import LOWER_BOUND_QUALIFIERS, Role, base_unit, multiplier_for

from . import labels
from .wording import (
    BODY_ENDINGS,
    DROP_VERBS,
    KEEP_VERBS,
    LABEL_LEADING_WORDS,
    LABEL_TRAILING_WORDS,
    MAX_LABEL_CHARS,
    PERSON_OR_HOUSEHOLD_UNITS,
    SERVICE_VERBS,
    _word_list,
    ending_re,
    word_segmenter,
)

__all__ = ["Figure", "extract_figures", "parse_chinese_number", "split_sentences"]

# --------------------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------------------

SENTENCE_BOUNDARY_RE = re.compile(
    r"(?P<mark>[。;!?;!?][”’\"」』']*)|(?P<linebreak>[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029])"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences: up to and including a sentence mark (plus closing quotes) or a line break."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_BOUNDARY_RE.finditer(text):
        end = match.end() if match.group("mark") else match.start()
        _append_trimmed(text, start, end, spans)
        start = match.end()
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


# --------------------------------------------------------------------------------------------------
# Chinese numerals
# --------------------------------------------------------------------------------------------------

CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CHINESE_DECIMAL_DIGITS = "零〇一二三四五六七八九"  # after 点 (三点五, 零点八); 两 is never a decimal digit


def parse_chinese_number(s: str) -> int | float | None:
    """'十' → 10, '两万' → 20000, '一百零五' → 105, '近千' → 1000, '三点五' → 3.5; None when not a well-formed numeral.

    A leading qualifier (近/约/接近) and a trailing 余/多 are ignored: they are qualifiers, not value.
    """
    s = re.sub(r"[余多]$", "", re.sub(r"^(?:接近|将近|大约|近|约)", "", s.strip()))
    whole, point, decimals = s.partition("点")
    if point:  # 四十五点六 → 45.6, 零点八 → 0.8: the digits after 点 are read one by one
        value = parse_chinese_number(whole) if whole else None
        if value is None or not decimals or any(char not in CHINESE_DECIMAL_DIGITS for char in decimals):
            return None
        return float(f"{value}.{''.join(str(CHINESE_DIGITS[char]) for char in decimals)}")
    if not s:
        return None
    total = section = 0
    digit: int | None = None
    last_small_unit = last_big_unit = 10**12
    for char in s:
        if char in CHINESE_DIGITS:
            if digit:
                return None  # '三八', '一二': digit strings are names or years, not amounts
            digit = CHINESE_DIGITS[char]
        elif char in CHINESE_SMALL_UNITS:
            unit = CHINESE_SMALL_UNITS[char]
            if unit >= last_small_unit:
                return None
            section += (1 if digit is None else digit) * unit
            digit, last_small_unit = None, unit
        elif char in CHINESE_BIG_UNITS:
            big = CHINESE_BIG_UNITS[char]
            section = (section + (digit or 0)) or 1
            total = (total + section) * big if big > last_big_unit or not total else total + section * big
            section, digit, last_small_unit, last_big_unit = 0, None, 10**12, big
        else:
            return None
    return total + section + (digit or 0)


# --------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------

UNIT_WORDS = (
    "平方公里 平方米 平米 公里 公顷 千克 公斤 元 人次 户次 场次 家次 "
    "个百分点 百分点 课时 学时 个 名 人 位 户 对 家 口 种 项 例 件 次 场 "
    "期 轮 篇 份 册 本 张 只 支 盒 箱 副 幅 块 条 包 袋 瓶 套 台 辆 间 所 "
    "处 座 面 组 队 批 节 吨 亩 米 倍 分 % ‰ ％"
)
BASE_UNITS = UNIT_WORDS.split()
PER_UNIT_SUFFIX = r"(?:/(?:人|户|月|年|次|天|个|名|场))?"
UNIT_RE = re.compile(
    r"(?P<unit>" + "|".join(sorted(map(re.escape, BASE_UNITS), key=len, reverse=True)) + ")" + PER_UNIT_SUFFIX
)
BARE_MAGNITUDE_END_RE = re.compile(r"(?![\u4e00-\u9fff])")
# 3大工程, 5大行动: after an Arabic number, 大 and the short word it opens are the unit.
BIG_ADJECTIVE_UNIT_RE = re.compile(r"大[\u4e00-\u9fff]{1,4}?(?=[^\u4e00-\u9fff]|$)")

# A classifier that is really the first character of a following word (本镇, 处理, 个月, 分钟 ...).
UNIT_FALSE_STARTS_WORDS = {
    "个": "月 星期 小时 工作日 季度 半月 年头 钟头",
    "分": "钟 别 之 配 析 布 工 开 批 担 享",
    "本": "镇 村 市 县 区 乡 街 社 单 人 地 次 年 届 级 着 部 项 职 身 期",
    "所": "有 在 以 属 谓 得 需",
    "处": "理 置 罚 分 于 在",
    "台": "帐 账 湾",
    "组": "织 长 建 成",
    "队": "伍 员 长",
    "面": "积 向 对 临",
    "对": "象 于 待 照 比 接 口",
    "名": "单 称 额 义 誉",
    "家": "庭 长 属 乡",
    "条": "例 件",
    "只": "有 是 要 能",
    "口": "径 号 头",
    "期": "间 末 初",
    "节": "日 约 能",
    "间": "隔 断",
    "元": "旦 素",
    "种": "植 子",
    "场": "所 地",
    "人": "员 民 口 们",
    "次": "数",
    "件": "事",
    "米": "面",
    "包": "括",
    "项": "目",
    "张": "贴",
}
UNIT_FALSE_STARTS = {unit: tuple(words.split()) for unit, words in UNIT_FALSE_STARTS_WORDS.items()}

ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9０-９]+)(?:[.．][0-9０-９]+)?"  # 1,200 is one number
# A Chinese numeral, with a decimal part read as one number (四十五点六万元 → 45.6 万元, not 点 + 六万元).
CHINESE_NUMERAL = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+[万亿]?)?"
NUMBER_RE = re.compile(rf"(?P<arabic>{ARABIC})|(?P<chinese>{CHINESE_NUMERAL})")
# Between the digits and the unit: a range (3-5, 3万—5万), 余/多, 万/亿.
TAIL_RE = re.compile(
    rf"(?:(?P<mag1>[万亿])?[ \u00a0]?(?P<dash>[-—–－~～]{{1,2}})[ \u00a0]?(?P<num2>{ARABIC}))?"
    r"(?P<q1>余|多)?(?P<mag>[万亿])?(?P<q2>余|多)?[ \u00a0]?"
)
# Qualifiers: 以上/左右 after the unit, 近/约/不少于 right before the number (not the 近 of 附近, the 约 of 节约).
POST_QUALIFIER_RE = re.compile(r"以上|以下|以内|左右")
PRE_QUALIFIER_RE = re.compile(r"(?:接近|将近|不少于|不低于|大约|(?<![附最])近|(?<![节预制契签邀公婚大])约)$")
DETACHED_NEAR_RE = re.compile(r"(?:接近|将近)[\u4e00-\u9fff]{1,8}的$")  # 接近全镇人口的8%
PRE_QUALIFIER_NORMAL = {"接近": "近", "将近": "近", "大约": "约"}
PERCENT_WORD_RE = re.compile(r"(?:百分之|千分之)$")

# Contexts in front of a number that make it an ordinal, title or vague amount.
ARABIC_BLOCKING_PREFIX_RE = re.compile(r"(?:第|范文|精选|合集|汇编|大全|[A-Za-z.．/〔])$")
CHINESE_BLOCKING_PREFIX_RE = re.compile(r"(?:第|前|数|几|若干|成|上|初|周|星期|礼拜|每月|农历|腊月|正月)$")
CHINESE_STRUCTURAL_UNIT_RE = re.compile(r"(?:个方面|个层面|方面|大|种|类|项|点|个(?:到位|务必|代表|全面|维护|确立))")
VAGUE_CHINESE_BARE = {"十", "百", "千", "万", "亿"}
SCORE_VERB_RE = re.compile(r"(?:得|加|扣|减|计|占|记|满|为|共|总)$")
RATE_LABEL_RE = re.compile(r"(?:率|性别比|比例)(?:已|均|分别)?(?:达到了|达到|保持在|控制在|为|达|是|:|:)?$")

# Spans whose numerals never count: short quoted names and slogans, book titles, ids, times, phones.
QUOTED_NAME_RE = re.compile(
    r"“[^“”\n]{1,20}[”“]|\"[^\"\n]{1,20}\"|「[^」\n]{1,20}」|『[^』\n]{1,20}』|‘[^‘’\n]{1,20}’|《[^《》\n]{1,60}》"
)
FIXED_TERM_RE = re.compile(
    r"门前[三四五]包|两节(?!课)|[三四五六]期保健|五位一体|千家万户|万家灯火|成千上万|千方百计|三口之家|一家一户|"
    r"[两三四五八]个(?:代表|全面|意识|自信|维护|确立|务必|一百年|到位|责任|坚持|明确)|一法[两三四]规"
)
IDENTIFIER_RE = re.compile(
    r"〔[^〕\n]{0,8}〕\s*\d+\s*号|[\[(（]\d{4}[\])）]\s*\d+\s*号|"  # document numbers
    r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?|"  # timestamps
    r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?|"
    r"\d{4}[-/]\d{1,2}[-/]\d{1,2}|"  # ISO-ish dates
    r"(?<!\d)0\d{2,3}[-－—]?\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)|"  # phone numbers
    r"(?:电话|热线|手机|传真|邮编|QQ|qq)[:：\s]*[\d\-－— ]{5,}|"
    r"\d{1,2}[.·・]\d{1,2}(?=[”\"’」]|纪念日|宣传日|主题日|节|日)|"  # day names: “5.29”, 5·29
    r"第?\d+\s*/\s*\d+\s*页"
)

PLACEHOLDER_TOKEN_RE = re.compile(
    r"(?:[Xx×]{2,}|\*{1,4}|_{2,}|＿{2,})(?P<q>余|多)?(?P<unit>万元|万人|[万亿]?(?:元|人次|人|户|份|个|次|件|名|本|期|%))"
)
MISSING_NUMBER_RE = re.compile(
    r"(?:投入|发放|达到|达|共|计|完成|覆盖|面积|占地)(?P<missing>(?P<q>余|多)?"
    r"(?P<unit>万元|亿元|平方公里|平方米|平米|公里|公斤|人次|万人|%|‰))(?=[^\u4e00-\u9fff]|的|$)"
    r"|(?<=率)(?P<rate>(?:已|均)?(?:达到|达|为))(?=[。,,;;、]|$)"
)

# Metric helpers
CLAUSE_BREAK_RE = re.compile(r"[,，;；:：、【】\s]")
PER_REFERENCE_RE = re.compile(
    r"每(?:个|一)?(?:村[(（]社区[)）]|社区样本点|样本点|学期|季度|部门|单位|小区|社区|[月年周天人户村次场期名位])|"
    r"(?<=[(（])全年"
)
TARGET_CONTEXT_RE = re.compile(
    r"力争|争取|计划(?!生育)|预计|确保|目标(?:是|为)|为目标|要求|拟|将(?!原|网|季|健|居|宣|社|青)|下一步|明年"
)
# A point value shortly after a figure means the figure is a requirement in a scoring sheet.
SCORING_RULE_AHEAD_RE = re.compile(r"[(（][^)）\n]{0,20}?得[0-9０-９]+分|[(（][0-9０-９]+分[)）]")
BOOK_TITLE_RE = re.compile(r"《[^》]*》")
STANDARD_CONTEXT_RE = re.compile(r"每(?:个|一)?[\u4e00-\u9fff]|最高|标准(?!化)|一次性")

THRESHOLD_QUALIFIERS = ("以上", "不少于", "不低于", "以下", "以内")

# A from-to pair: 由90%提高到95%, 从3个增加到5个, 由2025年的10个增加至12个, 由30%到36%, 由88%上升为96%. The number
# after 由/从 is the earlier value (a past state, no total of what was done); the one after 到/至/为 is the result.
FROM_WORD_RE = re.compile(r"(?<![自理经缘因任听])[由从](?!于|此|而|事|业|严|来|头|未|不|中|小)")
CHANGE_VERBS = "增加 增长 提高 提升 上升 下降 减少 降低 发展 扩大 缩小 增 降 升"
CHANGE_AFTER_RE = re.compile(
    r"(?:(?:" + "|".join(CHANGE_VERBS.split()) + r")了?(?:到|至|为)|到|至)"
    r"[^,，;；:：、。!?！？()（）]{0,8}?[0-9０-９零〇一二两三四五六七八九十百千]"
)
MAX_FROM_GAP = 12  # 由 … number: at most a time (2025年的, 去年同期的) in between


# --------------------------------------------------------------------------------------------------
# Figure
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    sentence: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    metric: str
    value: int | float | None
    value_max: int | float | None
    unit: str
    qualifier: str
    placeholder: bool
    role: str
    # False in a part of a bundle (范文3, 第6篇) that never mentions family planning: its figures are no
    # metric's value (docs/importer.md §2: off-topic parts are quarantined). Not part of to_dict().
    on_topic: bool = True
    # True for a requirement of a scoring sheet (a point value follows): it holds for each assessed unit.
    in_rubric: bool = False
    # True for the earlier value of a from-to pair (the 90% of 覆盖率由90%提高到95%): a past state, not what was
    # achieved, so its 原文指标 says so (覆盖率(原), 会员人数(去年)) and no metric's total takes it. Its role stays
    # what the sentence says (actual, as figures_dev.jsonl has 由2002年前的62.94%下降至31%).
    earlier_value: bool = False
    # A part of a breakdown (其中企业协会12个, 其中新建3个, 含县级配套10万元): the index, in the list extract_figures
    # returned, of the total it is a part of; None when it is no part. Not part of to_dict().
    part_of: int | None = None

    @property
    def is_range(self) -> bool:
        return self.value_max is not None

    @property
    def multiplier(self) -> int:
        return multiplier_for(self.unit)

    def to_dict(self) -> dict:
        return {
            "sentence": self.sentence,
            "metric": self.metric,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "value_max": self.value_max,
            "start": self.start,
            "end": self.end,
            "placeholder": self.placeholder,
            "role": self.role,
            "is_range": self.is_range,
        }


@dataclass
class _Candidate:
    """A number with its unit, before its sentence is read; each field is the Figure field of the same name."""

    start: int
    end: int
    value: int | float | None
    value_max: int | float | None
    unit: str
    qualifier: str
    placeholder: bool = False


# --------------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------------


def extract_figures(text: str, *, include_placeholders: bool = False) -> list[Figure]:
    """All figures in ``text``, in reading order. Placeholders (XX多份, 余万元) only when asked for."""
    blocked = _blocked_mask(text)
    candidates = _number_candidates(text, blocked)
    if include_placeholders:
        candidates += _placeholder_candidates(text, blocked)
        candidates.sort(key=lambda c: c.start)
    sentences = split_sentences(text)
    off_topic = _off_topic_spans(text)
    figures = []
    index = 0
    for candidate in candidates:
        while index < len(sentences) and sentences[index][1] <= candidate.start:
            index += 1
        if index == len(sentences):
            break
        s_start, s_end = sentences[index]
        if candidate.start < s_start or candidate.end > s_end:
            continue  # a figure never straddles a sentence boundary
        figure = _to_figure(text, candidate, sentences[index], figures[-1] if figures else None)
        if any(start <= candidate.start < end for start, end in off_topic):
            figure = replace(figure, on_topic=False)
        figures.append(figure)
    return _with_breakdowns(text, figures)


# --------------------------------------------------------------------------------------------------
# Breakdowns (其中)
# --------------------------------------------------------------------------------------------------

# What opens a breakdown between the total and a part: 其中 (其中企业协会12个, 其中新建3个, 这其中), or 含/包含/包括
# at the start of a clause or a bracket (投入50万元,含县级配套10万元; 50万元(含县级配套10万元)), not inside a word
# (含金量) and not 包括…在内 (包括县乡干部在内共培训120人: that number is the total).
PART_MARKER_RE = re.compile(r"其中|(?:^|(?<=[,，;；、(（]))[ \u00a0]*(?:含有|含|包含|包括)(?![^,，;；。]*在内)")
# A part that goes on a breakdown without its own 其中: the next item after 、 or, inside the bracket the
# breakdown opened in, after a comma (其中独生子女户187户,二女户96户,其他32户), or after a comma a clause with no
# verb (其中社会捐助650万元,企业捐赠200万元); a clause that says another thing ends it (另, 此外, 发放救助金…).
PART_GOES_ON_RE = re.compile(r"^[,，、和及与]")
PART_ENDS_RE = re.compile(r"另|此外|同时|还|并|共|累计|合计|总计|[)）]")
SENTENCE_START_PART_RE = re.compile(r"^[ \u00a0]*(?:这|而)?其中")
BREAKDOWN_FREE_UNITS = ("%", "‰", "", "比例")


def _with_breakdowns(text: str, figures: list[Figure]) -> list[Figure]:
    """The figures with ``part_of`` set on the parts of 其中/含/包括 breakdowns. A part has the total's base unit
    (万元 and 元 alike), comes after it in the same sentence (or, for a sentence that opens with 其中, the one
    before), and the parts never add up to more than the total (unless the total is a lower bound: 3万余元)."""
    parts: dict[int, int] = {}
    used: dict[int, float] = {}  # total index → parts so far, in the base unit
    for index, figure in enumerate(figures):
        total = _total_of(text, figures, index, parts)
        if total is None:
            continue
        amount = _in_base(figure)
        ceiling = _ceiling(figures[total])
        if amount is None or (ceiling is not None and used.get(total, 0) + amount > ceiling):
            continue
        parts[index] = total
        used[total] = used.get(total, 0) + amount
    return [
        replace(figure, part_of=parts[index], metric=_part_label(text, figures, index, parts[index]))
        if index in parts
        else figure
        for index, figure in enumerate(figures)
    ]


def _part_label(text: str, figures: list[Figure], index: int, total: int) -> str:
    """A part named only by what was done to it takes the total's thing: 会员之家15个,其中新建3个 → 新建会员之家."""
    figure = figures[index]
    previous = figures[index - 1]
    start = previous.end if previous.sentence_start == figure.sentence_start else figure.sentence_start
    gap = text[start : figure.start]
    markers = list(PART_MARKER_RE.finditer(gap))
    if not markers:
        return figure.metric
    doing = gap[markers[-1].end() :].strip()
    words = _label_words(doing)
    thing = re.sub(r"\([^()]*\)$", "", figures[total].metric)
    verbs = [_is_verb(word) or word[1] == "vn" for word in words]  # 新建, 新增, 新发展, 新招募
    if not thing or not any(verbs) or len(doing) > 4:
        return figure.metric
    if not all(verb or tag in ("a", "d", "ad") for verb, (_word, tag) in zip(verbs, words, strict=True)):
        return figure.metric
    return doing + thing


def _total_of(text: str, figures: list[Figure], index: int, parts: dict[int, int]) -> int | None:
    figure = figures[index]
    if figure.placeholder or figure.earlier_value or figure.unit in BREAKDOWN_FREE_UNITS or not index:
        return None  # rates do not add up: 其中农村覆盖率93% is a sub-group's rate, no part of a total
    previous = figures[index - 1]
    same_sentence = previous.sentence_start == figure.sentence_start
    gap = text[previous.end : figure.start] if same_sentence else text[figure.sentence_start : figure.start]
    marker = list(PART_MARKER_RE.finditer(gap))
    if not marker:
        if index - 1 in parts and same_sentence and _goes_on(text, figures, index, parts[index - 1], gap):
            return parts[index - 1]  # 其中独生子女户187户,二女户96户: the next item of the same breakdown
        return None
    if not same_sentence and not SENTENCE_START_PART_RE.match(gap):
        return None
    if re.search(r"[,，;；。]", gap[marker[-1].end() :]):
        return None  # 其中 belongs to an earlier clause
    if same_sentence:
        totals = [i for i in range(index - 1, -1, -1) if figures[i].sentence_start == figure.sentence_start]
    else:  # 全县共有会员之家96个。其中标准化会员之家15个。: the total is in the sentence just before
        totals = [i for i in range(index - 1, -1, -1) if figures[i].sentence_start == previous.sentence_start]
        if text[previous.sentence_end : figure.sentence_start].strip():
            return None
    for candidate in totals:
        total = figures[candidate]
        if total.placeholder or total.earlier_value or base_unit(total.unit) != base_unit(figure.unit):
            continue
        return None if candidate in parts else candidate  # a part of a part: no total to point at
    return None


def _goes_on(text: str, figures: list[Figure], index: int, total: int, gap: str) -> bool:
    figure = figures[index]
    if base_unit(figure.unit) != base_unit(figures[total].unit) or figure.earlier_value:
        return False
    if not PART_GOES_ON_RE.match(gap) or PART_ENDS_RE.search(gap):
        return False
    if gap[0] in "、和及与":
        return True
    opened = text.rfind("(", figures[total].end, figure.start), text.rfind("（", figures[total].end, figure.start)
    if max(opened) >= 0:
        return True  # inside the bracket the breakdown opened in (a closing one ends it: PART_ENDS_RE)
    return not any(_is_verb(word) for word in _label_words(gap[1:]))


def _in_base(figure: Figure) -> float | None:
    return None if figure.value is None else float(figure.value) * figure.multiplier


def _ceiling(total: Figure) -> float | None:
    """What the parts may add up to at most; None when the total is only a lower bound (3万余元, 95%以上)."""
    if total.value is None or (total.qualifier in LOWER_BOUND_QUALIFIERS and total.value_max is None):
        return None
    return float(total.value_max if total.value_max is not None else total.value) * total.multiplier


# A line that starts a part of a bundle: 社区宣传活动计划范文3, 第6篇, 篇二, 【社区卫生健康教育工作计划二】.
BUNDLE_PART_RE = re.compile(
    r"^[^\n]{0,40}?(?:范文\s*[0-9一二三四五六七八九十]+|第[0-9一二三四五六七八九十]+篇|篇[一二三四五六七八九十]+)"
    r"[:：]?[ \t]*$|^[ \t]*【[^】\n]{2,40}】[ \t]*$",
    re.MULTILINE,
)
TOPIC_RE = re.compile(r"计生|计划生育|生育|育龄|婚育|避孕|独生子女|协会|二女户|纯女户")
MIN_OFF_TOPIC_CHARS = 300  # a short part (a news item) is judged with the document, not on its own


def _off_topic_spans(text: str) -> list[tuple[int, int]]:
    """Spans of bundle parts that never mention family planning (only when the text is a bundle)."""
    starts = [match.start() for match in BUNDLE_PART_RE.finditer(text)]
    if not starts:
        return []
    bounds = [0, *starts, len(text)]
    return [
        (start, end)
        for start, end in itertools.pairwise(bounds)
        if end - start >= MIN_OFF_TOPIC_CHARS and not TOPIC_RE.search(text, start, end)
    ]


def _blocked_mask(text: str) -> bytearray:
    mask = bytearray(len(text))
    for pattern in (QUOTED_NAME_RE, FIXED_TERM_RE, IDENTIFIER_RE):
        for match in pattern.finditer(text):
            mask[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    return mask


def _number_candidates(text: str, blocked: bytearray) -> list[_Candidate]:
    candidates = []
    resume_at = 0
    for match in NUMBER_RE.finditer(text):
        if match.start() < resume_at or blocked[match.start()]:
            continue
        read = _arabic_candidate if match.group("arabic") else _chinese_candidate
        candidate = read(text, match)
        if candidate is not None:
            candidates.append(candidate)
            resume_at = candidate.end
    return candidates


def _to_number(digits: str) -> int | float:
    digits = digits.translate(FULLWIDTH_DIGITS)
    return float(digits) if "." in digits else int(digits)


FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.", ",")


def _arabic_candidate(text: str, match: re.Match) -> _Candidate | None:
    start, end = match.span()
    before = text[max(0, start - 4) : start]
    if ARABIC_BLOCKING_PREFIX_RE.search(before) or (before and before[-1] in "-—–－~～" and _digit_before(text, start)):
        return None
    if end < len(text) and (text[end].isascii() and text[end].isalpha()):
        return None  # model numbers and codes: 3A, 12th
    if end < len(text) and text[end] == "/" and re.match(r"/\d", text[end : end + 2]):
        return _fraction_candidate(text, match)
    value = _to_number(match.group())
    return _finish_candidate(text, start, end, value, percent_word=bool(PERCENT_WORD_RE.search(before)))


def _digit_before(text: str, start: int) -> bool:
    return start >= 2 and text[start - 2].isdigit()


def _fraction_candidate(text: str, match: re.Match) -> _Candidate | None:
    fraction = re.compile(r"(\d+)/(\d+)(?![\d/])").match(text, match.start())
    if not fraction or re.match(r"\s*页", text[fraction.end() :]):
        return None
    numerator, denominator = int(fraction.group(1)), int(fraction.group(2))
    if denominator == 0 or numerator > denominator:
        return None
    return _Candidate(match.start(), fraction.end(), round(numerator / denominator, 4), None, "比例", "")


def _chinese_candidate(text: str, match: re.Match) -> _Candidate | None:
    run = match.group()
    start, end = match.span()
    before = text[max(0, start - 4) : start]
    if (run == "百" and text.startswith("分之", end)) or (run == "千" and text.startswith("分之", end)):
        return None  # 百分之九十 is read from its second numeral
    if CHINESE_BLOCKING_PREFIX_RE.search(before) or CHINESE_STRUCTURAL_UNIT_RE.match(text, end):
        return None
    magnitude = ""
    if len(run) > 1 and run[-1] in CHINESE_BIG_UNITS:
        run, magnitude = run[:-1], run[-1]
    value = parse_chinese_number(run)
    if value is None:
        return None
    is_bare = run in VAGUE_CHINESE_BARE and not magnitude
    if value == 1 and not re.search("[十百千万亿]", run + magnitude):
        return None  # 一次, 一户: an article or a frequency
    qualifier_follows = text[end : end + 1] in ("余", "多")
    if is_bare and run != "十" and not qualifier_follows and not PRE_QUALIFIER_RE.search(before):
        return None  # 千家万户, 进万家
    unit_start = end - len(magnitude)
    candidate = _finish_candidate(text, start, unit_start, value, percent_word=bool(PERCENT_WORD_RE.search(before)))
    is_score = candidate is not None and candidate.unit == "分"
    if is_score and not SCORE_VERB_RE.search(text[max(0, start - 2) : start]):
        return None  # 十分 = "very"
    if candidate and candidate.value_max is not None:
        return None
    return candidate


def _finish_candidate(text: str, start: int, end: int, value: int | float, *, percent_word: bool) -> _Candidate | None:
    """Read range, 余/多, 万/亿, unit and trailing qualifier after the number at text[start:end]."""
    tail = TAIL_RE.match(text, end)
    value_max = None
    if tail.group("dash"):
        value_max = _to_number(tail.group("num2"))
        if tail.group("mag1") and tail.group("mag1") != tail.group("mag"):
            return None
        if value_max <= value:
            return None
    pos = tail.end()
    magnitude = tail.group("mag") or ""
    qualifiers = [q for q in (tail.group("q1"), tail.group("q2")) if q]
    if percent_word:
        start -= 3
        unit = "%" if text[start] == "百" else "‰"
    else:
        unit, pos = _read_unit(text, pos, magnitude)
        if unit is None:
            return _unitless_rate(text, start, end, value)
    post = POST_QUALIFIER_RE.match(text, pos)
    if post:
        qualifiers.append(post.group())
        pos = post.end()
    pre = PRE_QUALIFIER_RE.search(text, max(0, start - 3), start)
    if pre and pre.end() == start:
        start = pre.start()
        qualifiers.insert(0, PRE_QUALIFIER_NORMAL.get(pre.group(), pre.group()))
    elif DETACHED_NEAR_RE.search(text, max(0, start - 12), start):
        qualifiers.insert(0, "近")
    return _Candidate(start, pos, value, value_max, unit, "+".join(qualifiers[:2]))


def _read_unit(text: str, pos: int, magnitude: str) -> tuple[str | None, int]:
    if text.startswith(("%", "％"), pos) and not magnitude:
        return "%", pos + 1
    unit_match = UNIT_RE.match(text, pos)
    if unit_match and _is_real_unit(text, unit_match):
        unit = unit_match.group()
        if unit == "分" and _is_clock_minute(text, pos):
            return None, pos
        return magnitude + unit, unit_match.end()
    big = BIG_ADJECTIVE_UNIT_RE.match(text, pos)
    if big and not magnitude and pos > 0 and text[pos - 1].isdigit():
        return big.group(), big.end()
    if magnitude and BARE_MAGNITUDE_END_RE.match(text, pos):
        return magnitude, pos  # 人口38万
    return None, pos


def _is_real_unit(text: str, unit_match: re.Match) -> bool:
    unit = unit_match.group("unit")
    return not text.startswith(UNIT_FALSE_STARTS.get(unit, ()), unit_match.end("unit"))


def _is_clock_minute(text: str, pos: int) -> bool:
    return bool(re.search(r"[时点][0-9０-９]*$", text[max(0, pos - 4) : pos]))


def _unitless_rate(text: str, start: int, end: int, value: int | float) -> _Candidate | None:
    """A rate whose %/‰ sign was lost (统计准确率为97) or a sex ratio: accepted with unit ''."""
    if not RATE_LABEL_RE.search(text[max(0, start - 8) : start]):
        return None
    following = text[end : end + 1]
    if following and (following.isalnum() or following in "年月日号岁届.．-—/"):
        return None
    if not 0 < value <= 1000:
        return None
    return _Candidate(start, end, value, None, "", "")


def _placeholder_candidates(text: str, blocked: bytearray) -> list[_Candidate]:
    candidates = []
    for match in PLACEHOLDER_TOKEN_RE.finditer(text):
        candidates.append(
            _Candidate(
                match.start(),
                match.end(),
                None,
                None,
                match.group("unit"),
                match.group("q") or "",
                placeholder=True,
            )
        )
    for match in MISSING_NUMBER_RE.finditer(text):
        if blocked[match.start()]:
            continue
        unit = match.group("unit") or ""
        candidates.append(
            _Candidate(
                match.start(),
                max(match.end(), match.start() + 1) if unit else match.end(),
                None,
                None,
                unit,
                match.group("q") or "",
                placeholder=True,
            )
        )
    return [c for c in candidates if c.end > c.start]


# --------------------------------------------------------------------------------------------------
# Metric and role
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _PreviousLabel:
    """The 原文指标 of the figure before in the same sentence (its per-unit note dropped), for a figure whose own
    clause does not say what it counts: ``same_kind`` when both count in the same kind of unit (慰问金7.2万元,
    人均2000元), ``glued`` when the figure's clause starts where that figure ends (早教教具达到62种600余件)."""

    same_kind: str = ""
    glued: str = ""


def _to_figure(text: str, candidate: _Candidate, sentence: tuple[int, int], last: Figure | None) -> Figure:
    """The figure ``candidate`` is in the sentence spanning ``sentence``, after ``last`` (in it or an earlier one)."""
    s_start, s_end = sentence
    after_last = max(s_start, last.end if last else 0)
    clause = _clause_before(text, candidate.start, after_last)
    start_of_clause = candidate.start - len(clause)
    earlier = text[after_last : max(after_last, start_of_clause - 1)]
    previous = _PreviousLabel()
    if last is not None and last.sentence_start == s_start:
        label = re.sub(r"\([^()]*\)$", "", last.metric)
        previous = _PreviousLabel(
            same_kind=label if last.unit[-1:] == candidate.unit[-1:] else "",
            glued=label if last.end == start_of_clause else "",
        )
    before, after = text[s_start : candidate.start], text[candidate.end : s_end]
    earlier_value = _is_earlier_value(text, candidate, clause, s_end)
    metric = _metric(clause, after, candidate.unit, CLAUSE_BREAK_RE.split(earlier)[-1], previous, earlier_value)
    in_rubric = candidate.unit != "分" and bool(SCORING_RULE_AHEAD_RE.search(text, candidate.end, candidate.end + 150))
    return Figure(
        **vars(candidate),
        sentence=text[s_start:s_end],
        sentence_start=s_start,
        sentence_end=s_end,
        metric=labels.tidy_label(metric, before, after, candidate.unit, previous.same_kind),
        role=_role(text, candidate, clause, s_start, s_end),
        in_rubric=in_rubric,
        earlier_value=earlier_value,
    )


def _is_earlier_value(text: str, candidate: _Candidate, clause: str, s_end: int) -> bool:
    """Whether the figure is the 由/从 number of a from-to pair: 由/从 shortly before it in its clause, a change to
    another number right after it (提高到95%, 增加至12个, 到36%, 上升为96%)."""
    if candidate.placeholder:
        return False
    froms = list(FROM_WORD_RE.finditer(clause))
    if not froms or len(clause) - froms[-1].end() > MAX_FROM_GAP:
        return False
    return bool(CHANGE_AFTER_RE.match(text[candidate.end : s_end]))


def _clause_before(text: str, start: int, s_start: int) -> str:
    before = text[s_start:start]
    breaks = list(CLAUSE_BREAK_RE.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    open_paren = max(clause.rfind("("), clause.rfind("（"))
    if open_paren >= 0 and not re.search(r"[)）]", clause[open_paren:]):
        clause = clause[open_paren + 1 :]  # inside an unclosed bracket: (全年不少于4次)
    return clause


# --------------------------------------------------------------------------------------------------
# 原文指标: what is counted, in whole words (rjieba)
# --------------------------------------------------------------------------------------------------


def _words(text: str) -> list[tuple[str, str]]:
    return [(word, tag) for word, tag in word_segmenter().tag(text) if word]


PREPOSITION_END_RE = re.compile(r"(?:为|对|给|向|与|和|同|帮|替|跟|被|让|使)$")
# An organisation or place is who did something, not what was counted (清河县政府, 县计生协, 龙潭镇).
ACTOR_RE = ending_re([*BODY_ENDINGS, "队", "单位", "村", "社区", "学校", "干部", "党员"])
UNIT_NOUNS = {
    "元": "资金",
    "万元": "资金",
    "亿元": "资金",
    "户": "户数",
    "人": "人数",
    "名": "人数",
    "人次": "人次",
    "分": "分",
}
QUOTED_SPAN_RE = re.compile(r"《[^《》]{1,30}》|“[^“”]{1,12}”|\"[^\"]{1,12}\"")
# 人均2000元, 单户最高5万元: the amount of the thing just named, per person or at most.
PER_ONLY_RE = re.compile(r"^(?:人均|户均|单户|平均|最高|最低|单户最高|每户最高|价值|合计|共计)$")


def _metric(
    clause: str, after: str, unit: str, clause_before_break: str, previous: _PreviousLabel, earlier_value: bool
) -> str:
    """The 原文指标 read from the clause before the number, the rest of the sentence ``after`` it and, when the clause
    does not say, the clause before (``clause_before_break``) or the previous figure's label."""
    pers = [match.group() for match in PER_REFERENCE_RE.finditer(clause)]
    raw = PER_REFERENCE_RE.sub("", clause)
    up_to_break = re.split(r"[,，;；:：、。!?！？0-9０-９]", after, maxsplit=1)[0]
    label = _counted(raw, up_to_break, unit)
    rest = _trimmed(_label_words(raw))
    if previous.glued and (not rest or all(word in TRANSITION_WORDS for word, _tag in rest)):
        label = previous.glued  # 早教教具达到62种600余件, 会员人数由5.2万人增加到5.8万人: the same thing again
    label = _without_from(label, earlier_value)
    trimmed_raw = "".join(word for word, _tag in _trimmed(_label_words(raw)))
    if PER_ONLY_RE.match(trimmed_raw):
        thing = previous.same_kind or _counted(clause_before_break, "", unit)
        if thing:
            return f"{_balanced(_shortened(thing))}({trimmed_raw})"  # 慰问金7.2万元,人均2000元 → 慰问金(人均)
    if len(label) < 2 and clause_before_break and not re.search(r"[0-9]", clause_before_break):
        label = _counted(clause_before_break, "", unit) or label
    if not label and re.fullmatch(r"[\u4e00-\u9fff]{1,2}", unit):
        verbs = [word for word, tag in _label_words(raw) if tag.startswith("v")]
        label = (verbs[-1] if verbs else "") + unit
    label = _balanced(_shortened(label))
    return f"{label}({''.join(pers)})" if pers else label


TRANSITION_WORDS = set(
    _word_list(
        "增加到 增加至 提高到 提高至 上升到 上升至 下降到 下降至 减少到 减少至 降低到 降低至 发展到 扩大到 "
        "提升到 提升至 增长到 增长至 增至 降至 升至 增加 提高 提升 下降 上升 减少 降低 增长 发展 扩大 缩小 "
        "提高为 上升为 下降为 增加为 到 至 为 了"
    )
)


def _without_from(label: str, earlier_value: bool = False) -> str:
    """会员人数由去年的 → 会员人数(去年): the 由 part of a from-to pair says when, not what. The earlier value of a pair
    always says so: 覆盖率由 (90% 提高到95%) → 覆盖率(原), 覆盖率从2024年的 → 覆盖率(2024年)."""
    if not earlier_value:
        head, found, when = label.partition("由")
        head, when = head.rstrip("已均都"), when.replace("的", "")
        if found and len(head) >= 2:
            return f"{head}({when})" if when else head
        return label
    froms = list(FROM_WORD_RE.finditer(label))
    head, when = (label[: froms[-1].start()], label[froms[-1].end() :]) if froms else (label, "")
    head, when = head.rstrip("已均都"), when.replace("的", "")
    if len(head) < 2:
        return label
    return f"{head}({when or '原'})"


def _label_words(text: str) -> list[tuple[str, str]]:
    """Words of ``text``; a short quotation or a book title is one word, a verb glued to a noun is two."""
    words: list[tuple[str, str]] = []
    position = 0
    for quoted in QUOTED_SPAN_RE.finditer(text):
        words += _split_glued(_words(text[position : quoted.start()]))
        words.append((quoted.group(), "nz"))
        position = quoted.end()
    return words + _split_glued(_words(text[position:]))


LINK_AFTER_RATE_RE = re.compile(r"^(?:已达到|已达|均达到|均达|达到了|达到|达|为|是|已)?$")
GLUED_LINK_RE = re.compile(r"^(?P<word>.+?[率面比数])(?P<link>已达到|已达|均达到|均达|达到了|达到|达|为|是|已)$")


def _split_glued(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for word, tag in words:
        glued = GLUED_LINK_RE.match(word)
        if len(word) > 3 and word[:2] in DROP_VERBS and not tag.startswith("v"):
            out += [(word[:2], "v"), (word[2:], "n")]  # 张贴标语 → 张贴 标语
        elif glued:
            out += [(glued.group("word"), "n"), (glued.group("link"), "v")]  # 验证率达 → 验证率 达
        elif word[:1] in ("率", "面", "比") and out and out[-1][1] != "x" and LINK_AFTER_RATE_RE.match(word[1:]):
            out[-1] = (out[-1][0] + word[0], "n")  # 宣传 率 → 宣传率: a rate is a noun; 登记 率达 → 登记率 达
            if word[1:]:
                out.append((word[1:], "v"))
        else:
            out.append((word, tag))
    return out


def _is_verb(word: tuple[str, str]) -> bool:
    text, tag = word
    return text in DROP_VERBS or text in SERVICE_VERBS or text in KEEP_VERBS or (tag.startswith("v") and tag != "vn")


def _is_service(verbs: str) -> bool:
    return any(verb in verbs for verb in SERVICE_VERBS)


def _counted(left: str, after: str, unit: str) -> str:
    """The phrase for what is counted, from the clause before the number and the words after it."""
    raw_words = _label_words(left)
    words = _trimmed(raw_words)
    right_noun, right_verb = _split_after(after)
    if not words and raw_words and raw_words[-1][1] == "p" and PREPOSITION_END_RE.search(raw_words[-1][0]):
        words = raw_words[-1:]  # 为246名群众开展免费体检: nothing before 为, but it still points after the number
    if words and PREPOSITION_END_RE.search(words[-1][0]) and words[-1][1] in ("p", "c"):
        if right_noun:
            opens = right_verb.startswith(SERVICE_OPENERS) or _is_service(right_verb[:4])
            if right_verb and len(right_verb) <= 12 and opens:
                return f"{right_verb}的{right_noun}"  # 为246名群众开展免费体检 → 开展免费体检的群众
            return right_noun  # 龙潭镇为36户失独家庭: what is counted comes after the number
        words = _trimmed(words[:-1], strip_prepositions=True)  # 满意率为93.5%: 为 is "is"
    words = _after_deng(words)
    drop = max((i for i, (word, _tag) in enumerate(words[:-1]) if word in DROP_VERBS), default=None)
    words = _trimmed(words[drop + 1 :]) if drop is not None else _without_actor(words)
    if not words:
        return right_noun
    if _is_verb(words[-1]):
        verbs = _verb_group(words)
        if right_noun:
            return _joined(verbs, right_noun) if _is_service(verbs) else right_noun
        before = words[: len(words) - len(_label_words(verbs))]
        if before and not ACTOR_RE.search("".join(word for word, _tag in before)):
            if words[-1][0] in DROP_VERBS:
                return "".join(word for word, _tag in words[:-1])  # 计生专刊出6期 → 计生专刊
            return "".join(word for word, _tag in words) + UNIT_NOUNS.get(unit, "")  # 资料齐全得 → 资料齐全得分
        return verbs + UNIT_NOUNS.get(unit, "")
    lead = 0
    while lead < len(words) and (_is_verb(words[lead]) or (lead and words[lead][1] == "vn")):
        lead += 1
    if 0 < lead < len(words):
        verbs = "".join(word for word, _tag in words[:lead])
        thing = "".join(word for word, _tag in words[lead:])
        if verbs in KEEP_VERBS:
            return verbs + thing
        if _is_service(verbs) and unit in PERSON_OR_HOUSEHOLD_UNITS:
            return _joined(verbs, thing)  # 结对帮扶的困难家庭, 参加活动的群众, 参训人员
    phrase = "".join(word for word, _tag in words)
    if right_noun and ACTOR_RE.search(phrase):
        return right_noun  # 县妇联等8个单位
    if phrase.count("的") == 1 and len(phrase) > 5 and not QUOTED_SPAN_RE.search(phrase):
        phrase = phrase.replace("的", "")  # 各类宣传品的入户率 → 宣传品入户率
    return phrase


SERVICE_OPENERS = ("开展", "提供", "进行", "接受", "免费")


def _joined(verbs: str, thing: str) -> str:
    """走访慰问 + 计生特殊家庭 → 走访慰问的计生特殊家庭; 参训 + 人员 → 参训人员."""
    if thing.startswith("的") or len(verbs) + len(thing) < 6:
        return verbs + thing
    return f"{verbs}的{thing}"


def _after_deng(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """“7·11”世界人口日等集中宣传活动 → 集中宣传活动: what follows 等 is the kind of thing counted."""
    for index in range(len(words) - 2, -1, -1):
        if words[index][0] == "等":
            rest = words[index + 1 :]
            if sum(len(word) for word, _tag in rest) >= 2:
                return rest
    return words


def _trimmed(words: list[tuple[str, str]], *, strip_prepositions: bool = False) -> list[tuple[str, str]]:
    """Without list markers, time and scope words in front, link words behind (whole words only)."""
    while words and (
        words[0][0] in LABEL_LEADING_WORDS
        or words[0][0].startswith("各")
        or words[0][1] in ("t", "f", "m", "x", "c", "uj", "ul", "r", "p")
        or re.fullmatch(r"[0-9]+|[一二三四五六七八九十]+是?|[0-9]{2,4}年|[0-9]{1,2}月份?", words[0][0])
    ):
        words = words[1:]
    while words and (
        words[-1][0] in LABEL_TRAILING_WORDS
        or words[-1][1] in ("uj", "ul", "d", "x")
        or (strip_prepositions and words[-1][1] == "p")
    ):
        if PREPOSITION_END_RE.search(words[-1][0]) and words[-1][1] in ("p", "c") and not strip_prepositions:
            break
        words = words[:-1]
    return words


def _without_actor(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop an organisation or place in front of a verb (县计生协培训主持人 → 培训主持人)."""
    for index, word in enumerate(words):
        if _is_verb(word):
            actor = "".join(text for text, _tag in words[:index])
            if index and ACTOR_RE.search(actor):
                return _trimmed(words[index:])
            break
    return words


def _verb_group(words: list[tuple[str, str]]) -> str:
    """The verbs at the end of a clause, with a time word before them (组织春节慰问 → 春节慰问)."""
    start = len(words) - 1
    while start > 0 and (_is_verb(words[start - 1]) or words[start - 1][1] == "t"):
        start -= 1
    group = words[start:]
    while len(group) > 1 and group[0][0] in DROP_VERBS:
        group = group[1:]
    return "".join(word for word, _tag in group)


def _split_after(after: str) -> tuple[str, str]:
    """'计生困难家庭结对帮扶' after the unit → ('计生困难家庭', '结对帮扶'); '的专向经费' → ('专向经费', '')."""
    words = [word for word in _label_words(after.lstrip("的")) if word[1] != "x"]
    for index, word in enumerate(words):
        if _is_verb(word) or word[1].startswith(("p", "d", "r", "m", "c")):
            noun = "".join(text for text, _tag in words[:index])
            return noun, ("".join(text for text, _tag in words[index:]) if noun else "")
    return "".join(text for text, _tag in words), ""


def _shortened(label: str) -> str:
    """At most MAX_LABEL_CHARS characters, dropping whole words from the front."""
    if len(label) <= MAX_LABEL_CHARS:
        return label
    words = [word for word, _tag in _label_words(label)]
    while len(words) > 1 and sum(map(len, words)) > MAX_LABEL_CHARS:
        words = words[1:]
    return "".join(words).lstrip("的")


QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("《", "》"), ("「", "」"), ("『", "』"))


def _balanced(label: str) -> str:
    """Never half a quotation: a closing mark without its opening one gets it back, and the other way round."""
    for opening, closing in QUOTE_PAIRS:
        missing = label.count(closing) - label.count(opening)
        if missing > 0:
            label = opening * missing + label
        elif missing < 0:
            label = label + closing * -missing
    if label.count('"') % 2:
        label = label.strip('"')
    return label


def _following_noun(after: str) -> str:
    noun, _verb = _split_after(after)
    return noun.strip('“”"')


def _role(text: str, candidate: _Candidate, clause: str, s_start: int, s_end: int) -> str:
    if candidate.unit == "分":
        return Role.STANDARD if text[max(0, candidate.start - 1) : candidate.start] == "加" else Role.SCORE
    after = text[candidate.end : s_end]
    if candidate.qualifier in THRESHOLD_QUALIFIERS and re.match(r"[^,，;；。]{0,4}得", after):
        return Role.THRESHOLD
    if SCORING_RULE_AHEAD_RE.search(text, candidate.end, candidate.end + 150):
        return Role.TARGET
    if STANDARD_CONTEXT_RE.search(clause) or after.startswith("标准") or "/" in candidate.unit:
        return Role.STANDARD
    if TARGET_CONTEXT_RE.search(BOOK_TITLE_RE.sub("", text[s_start : candidate.start])):
        return Role.TARGET
    return Role.ACTUAL
