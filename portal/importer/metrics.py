"""Propose the 统计指标 (metric definition) an extracted figure is a value of, or none (pure Python, no Django).

A figure gets a metric only when a city statistician could add it into that metric's total across townships:

1. **Names.** A metric is found by its label or a synonym, matched on word boundaries (rjieba): the end of the
   name must be the end of a word (慰问 is not found in 慰问金, 会员 not in 会员之家). A name of several words also
   matches with a few characters between them (走访慰问计生特殊家庭 → 走访慰问家庭, 各类集中性宣传活动 → 宣传活动).
2. **Where.** In order: the clause before the number (…发放宣传品2600份), the noun phrase right after the unit
   (发放2600份宣传品, 为480户困难家庭…), for counts of people or households the service after it
   (为246名群众开展免费体检), then the clause before an empty one (政策知晓率、达100%). Within a place the name
   ending nearest the number wins, then the longer name.
3. **Head noun.** The last noun before the number is what is counted: a name that only modifies it does not
   match (困难家庭 in 困难家庭儿童), unless that noun is a generic one (人员, 人数, 对象) or the metric's own kind
   of thing (a household for a 户 metric).
4. **Filters.** The unit must be one the metric allows. Never a total for a per-person, per-household or
   per-village amount (每人, 人均, 户均, 每村…) unless the metric is that very standard (中心户长补贴(每月)), a
   maximum (最高), a change (比上年增长18%, 增加260万元), a rank, a threshold, a rubric point value, a 其中 part
   that is not the metric itself, a rubric minimum (不少于4次), or a figure in an off-topic part of a bundle. A rate
   maps only to a rate metric whose name is the rate word itself (知晓率 → 政策知晓率), and not for a sub-group
   (流动人口政策生育率, 专干的知晓率). A stock (members, organisations, jurisdiction) is not proposed for the people
   or things of an action (组织志愿者45人, 新建会员之家3个, 为1380名育龄妇女开展筛查).
5. **Targets** (力争, 计划… in the sentence) get no metric that is summed (a plan is no total of what was done);
   a target rate still gets its rate metric. Their role stays "target".
6. **Aliases** learnt from reviewers (原文指标 → metric) win over the rules, but still pass the unit and role
   filters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from portal.exchange.numbers import Role, base_unit
from portal.exchange.vocabulary import UNITS_NOT_PROPOSED

from .documents import for_matching
from .figures import CHANGE_VERBS, PART_MARKER_RE, UNIT_RE, Figure
from .wording import HOUSEHOLD_UNITS, PERSON_OR_HOUSEHOLD_UNITS, PERSON_UNITS, new_segmenter, word_segmenter

__all__ = ["MetricTerms", "match_metric", "normalise_label", "propose_metric"]

CLAUSE_BREAK = ",;:、!?。\n\r\t[]【】<>"
QUOTES = "“”\"'‘’《》「」『』〈〉"
PER_RE = re.compile(
    r"每(?:个|一)?(?P<per>村\((?:社区|居)\)|村居|社区样本点|样本点|学期|季度|部门|单位|小区|社区|家庭|"
    r"[月年周天人户村次场期名位家])|(?P<other>人均|户均|单户|平均每?)"
)
PER_NORMAL = {"人均": "人", "户均": "户", "单户": "户", "平均": "", "平均每": "", "名": "人", "位": "人", "家": "户"}
LABEL_PER_RE = re.compile(r"\(每([^()]+)\)$")
MAXIMUM_RE = re.compile(r"最高|最低|最多|最少|封顶|上限|不超过|可达")
RANK_RE = re.compile(r"排名|名列|位列|位居|排在|排第|居全")
GROWTH_END_RE = re.compile(r"(?:增长|增加|提高|上升|下降|减少|降低|增幅|增速|同比|环比|多|少)(?:了)?$")
GROWTH_ANY_RE = re.compile(r"比(?:上年|去年|上一年|前一年|上年同期|去年同期|同期|往年)|同比|环比|增幅|增速")
# A stock (how many exist) is not the number of those who did something, were added or were served.
STOCK_FAMILIES = {"organisations", "members", "profile"}
STOCK_BLOCK_RE = re.compile(
    r"新增|新发展|新吸收|新建|新成立|新组建|新招募|新培育|组织|动员|出动|参加|参与|参训|培训|表彰|慰问|走访|"
    r"帮扶|救助|惠及|受益|覆盖|查出|发现"
)
BENEFACTIVE_END_RE = re.compile(r"(?:为|给|帮|帮助|替|向)(?:全[镇乡县区市村]|本[镇乡县区村])?$")
JURISDICTION_RE = re.compile(r"辖|下设|设有|共有|现有|包括|总计|全[镇乡县区市街]|本[镇乡县区街]|[镇乡县区]内")
PROFILE_SPECIFIC_RE = re.compile(r"辖区|常住|户籍|总人口|国土")
SUBGROUP_RE = re.compile(r"流动人口|外来|专干|干部|党员|职工|员工|学生|青少年|企业|单位|机关")
PROFILE_SUBGROUP_RE = re.compile(r"育龄|流动|外出|外来|暂住|留守|老年|儿童|妇女|独生子女|农业|非农|贫困|低保")
# Production help (三结合, 种植养殖, 致富) is not relief of a household in difficulty (figures_dev notes).
PRODUCTION_HELP_RE = re.compile(r"三结合|种植|养殖|致富|增收|创业|发展生产|少生快富")
FROM_VALUE_RE = re.compile(r"^(?:增加|提高|上升|下降|减少|降低|增长|发展|扩大|缩小)(?:到|至)")
# What stands between the two numbers of a from-to pair (由30%到36%, 由90%提高为95%): the later one reads the
# clause before the 由, like 增加到 (a link word) does.
TO_VALUE_LINK_RE = re.compile(r"(?:已|均)?(?:(?:" + "|".join(CHANGE_VERBS.split()) + r")了?(?:到|至|为)|到|至)")
RATE_UNITS = {"%", "‰", ""}
QUOTA_QUALIFIERS = {"不少于", "不低于"}
EACH_UNIT_RE = re.compile(
    r"各(?:村|乡|镇|社区|单位|部门|街道|小区|协会)|每(?:个|一)?(?:村|乡|镇|社区|单位|部门|街道|小区)"
)
# A qualified part of a stock (“五好”协会小组, 示范村, 达标社区) is not all of it.
# A quoted honour counts qualities (“五好”, “十星级”); a quoted project name (“青春健康”志愿服务队) qualifies nothing.
HONOUR = r"[^”\"]{0,3}[一二三四五六七八九十两星优好佳强][^”\"]{0,3}"
QUALIFIED_PART_RE = re.compile(rf"示范|先进|合格|达标|星级|一流|优秀|规范化|标准化|“{HONOUR}”|\"{HONOUR}\"")
# Words between a rate word and its number, or between a name and the number, that do not change what is counted.
LINK_WORDS_RE = re.compile(
    r"(?:已经|已|均|都|分别|共计|共|累计|合计|总计|计|达到了|达到|达|为|是|有|约|近|接近|将近|突破|超过|"
    r"仅为|仅|只有|不到|提高到|提高至|上升到|上升至|下降到|下降至|增加到|增加至|控制在|保持在|发展到|扩大到|增至|"
    r"不少于|不低于|以上|了|的|总数|人数|户数|数量|总量|总额|金额|个数|次数|人次)+$"
)
GENERIC_HEADS = {
    "人数",
    "人次",
    "户数",
    "数量",
    "总数",
    "总量",
    "总额",
    "金额",
    "个数",
    "次数",
    "场次",
    "人员",
    "对象",
    "群众",
    "居民",
    "村民",
    "人",
    "名",
    "队伍",
    "人民币",
    "折合人民币",
    "服务",
}
PERSON_HEAD_RE = re.compile(r"(?:人|员|者|众|民|女|生|工|象|数|长|户)$")
HOUSEHOLD_HEAD_RE = re.compile(r"(?:户|家庭|家)$")
MAX_GAP = 6
# Fallback to the clause before: only when the clause before the number says nothing (政策知晓率、达100%).
EMPTY_CLAUSE_RE = re.compile(
    r"^(?:[0-9]+、|[一二三四五六七八九十]+[、是])?(?:已经|已|均|都|分别|共计|共|累计|合计|计|达到了|达到|达|为|是|"
    r"有|约|近|其|其他|另|各|全年|年内|目前|现|总数|总量|发展到|增加到|增至)*$"
)
SCORE_WORDS_RE = re.compile(r"得分|考核|评分|测评|成绩")


@dataclass(frozen=True)
class MetricTerms:
    """One metric definition as far as matching goes: its key (a primary key), every name it goes by, the units
    it allows (empty: any unit) and its family (docs/importer.md §6; empty: no family rules)."""

    key: object
    names: tuple[str, ...]
    units: tuple[str, ...] = ()
    family: str = ""
    canonical: str = ""

    @property
    def per(self) -> str:
        """'月' for 中心户长补贴(每月): the metric is itself a per-period or per-unit amount."""
        found = LABEL_PER_RE.search(_normalise(self.names[0])) if self.names else None
        return found.group(1) if found else ""


@dataclass
class _Name:
    text: str
    words: tuple[str, ...]
    term: MetricTerms
    order: int
    own_unit_only: bool = False  # 集中宣传 for 集中宣传活动: only for a figure in the metric's canonical unit


@dataclass
class _Match:
    term: MetricTerms
    place: int  # 0 clause before, 1 noun phrase after, 2 service after, 3 clause before an empty one
    distance: int
    length: int
    order: int
    name: str = ""
    canonical: bool = False  # the figure's unit (without 万/亿) is the metric's canonical unit

    @property
    def rank(self) -> tuple:
        return (self.place, not self.canonical, self.distance, -self.length, self.order)


# --------------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    """Half-width, lower case, no spaces or quotes: the form names and contexts are compared in."""
    text = for_matching(text or "").lower()
    return "".join(char for char in text if not char.isspace() and char not in QUOTES)


def normalise_label(text: str) -> str:
    """The key an alias is stored and looked up under (原文指标 as a reviewer or the extractor wrote it)."""
    return _normalise(text)


def _base_segmenter():
    """How a metric's name splits into words (走访慰问家庭 → 走访 慰问 家庭)."""
    return word_segmenter()


@cache
def _segmenter():
    """How the text round a figure splits: the same words plus every metric name learnt so far."""
    return new_segmenter()


_ADDED_WORDS: set[str] = set()


def _learn_words(names: Iterable[str]) -> None:
    segmenter = _segmenter()
    for name in names:
        if name not in _ADDED_WORDS and 2 <= len(name) <= 6 and not re.search(r"[()0-9a-z]", name):
            segmenter.add_word(name, 1000, "n")
            _ADDED_WORDS.add(name)


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    """(word, part of speech, start, end) for ``text``."""
    tokens, position = [], 0
    for word, tag in _segmenter().tag(text):
        tokens.append((word, tag, position, position + len(word)))
        position += len(word)
    return tokens


def _name_words(name: str) -> tuple[str, ...]:
    words = tuple(word for word in _base_segmenter().cut(name) if word.strip() and word not in "()")
    return words or (name,)


# --------------------------------------------------------------------------------------------------
# Finding names
# --------------------------------------------------------------------------------------------------


def _find(name: _Name, text: str, ends: set[int]) -> tuple[int, int, int] | None:
    """(start, end, matched characters) of the occurrence ending nearest the end of ``text``, or None."""
    best = None
    position = text.rfind(name.text)
    while position >= 0:
        if position + len(name.text) in ends:
            best = (position, position + len(name.text), len(name.text))
            break
        position = text.rfind(name.text, 0, position + len(name.text) - 1)
    if len(name.words) > 1:
        spread = _find_spread(name.words, text, ends)
        if spread and (best is None or spread[1] > best[1]):
            best = spread
    return best


def _find_spread(words: tuple[str, ...], text: str, ends: set[int]) -> tuple[int, int, int] | None:
    """The words of a name in order, at most MAX_GAP characters between them in all, the last one ending a word."""
    last = words[-1]
    position = text.rfind(last)
    while position >= 0:
        end = position + len(last)
        if end in ends:
            start, gap, ok = position, 0, True
            for word in reversed(words[:-1]):
                found = text.rfind(word, max(0, start - len(word) - (MAX_GAP - gap)), start)
                if found < 0:
                    ok = False
                    break
                gap += start - (found + len(word))
                start = found
            if ok and gap <= MAX_GAP:
                return (start, end, sum(map(len, words)))
        position = text.rfind(last, 0, position + len(last) - 1) if position > 0 else -1
    return None


def _head(tokens: list[tuple[str, str, int, int]]) -> tuple[str, int] | None:
    """The last noun of a phrase (word, end), skipping link words and verbs after it."""
    for word, tag, _start, end in reversed(tokens):
        if LINK_WORDS_RE.fullmatch(word):
            continue
        if tag.startswith("n") or tag in ("l", "j", "an", "vn", "nr", "nz", "ng"):
            return word, end
        if tag.startswith(("v", "p", "c", "d", "r", "m", "q", "u", "f", "t", "x")):
            return None
    return None


# --------------------------------------------------------------------------------------------------
# Places around the number
# --------------------------------------------------------------------------------------------------


@dataclass
class _Context:
    clause_quoted: str  # the clause with its quotation marks (“五好”协会小组)
    clause: str  # before the number, from the last clause break (or 其中, or the previous figure)
    clause_raw: str  # the same before per markers were taken out
    earlier: str  # the clause before that one, in the same sentence part
    after_noun: str  # the noun phrase right after the unit
    after_verb: str  # the rest of the clause after that noun phrase
    pers: tuple[str, ...]
    is_part: bool
    in_brackets: bool
    sentence_before: str
    after_raw: str
    enumeration: str  # 宣传资料、宣传画册21万份: the items before 、 that share the number
    to_value: bool = False  # the later number of a from-to pair whose clause is only 到/至/提高为 (由30%到36%)


NUMBER_TAIL_RE = re.compile(r"[0-9][0-9.,]*(?:余|多)?[万亿]?[^\s,;:、()!?。]{0,3}?(?=[\u4e00-\u9fff]|$)")


def _context(figure: Figure) -> _Context:
    sentence = for_matching(figure.sentence).lower()
    offset = max(0, figure.start - figure.sentence_start)
    end = max(offset, figure.end - figure.sentence_start)
    before, after = sentence[:offset], sentence[end:]
    breaks = [i for i, char in enumerate(before) if char in CLAUSE_BREAK]
    clause_start = breaks[-1] + 1 if breaks else 0
    clause = before[clause_start:]
    opened = clause.rfind("(")
    if opened >= 0 and ")" not in clause[opened:]:
        clause = clause[opened + 1 :]  # inside an unclosed bracket: (全年不少于4次)
    closed = clause.rfind(")")
    if closed >= 0 and "(" not in clause[:closed]:
        clause = clause[closed + 1 :]
    digits = list(re.finditer(r"[0-9]+(?:\.[0-9]+)?", clause))
    before_previous = ""
    if digits:
        before_previous = clause[: digits[-1].start()]
        clause = _after_previous_figure(clause, digits[-1].end())
    part = list(PART_MARKER_RE.finditer(clause))  # 其中, or 含/包含/包括 opening a clause: a part of a total
    is_part = bool(part) or getattr(figure, "part_of", None) is not None  # 其中独生子女户187户,二女户96户
    if part:
        clause = clause[part[-1].end() :]
    earlier = ""
    from_to = bool(re.search(r"[由从][^由从]*$", before_previous)) and bool(TO_VALUE_LINK_RE.fullmatch(clause))
    if before_previous and (_says_nothing(clause) or from_to):
        earlier = re.sub(r"[由从][^由从]*$", "", before_previous)  # 会员人数由去年的5.2万人增加到5.8万人
    elif not is_part and breaks:
        previous_break = breaks[-2] + 1 if len(breaks) > 1 else 0
        segment = before[previous_break : breaks[-1]]
        if before[breaks[-1]] in ",、:" and not re.search(r"[0-9]", segment):
            earlier = segment
        elif before[breaks[-1]] == "," and _says_nothing(_strip_quotes(clause)):
            # 新组建企业计生协会43个,累计达到312个: the same thing, counted again
            number = list(re.finditer(r"[0-9]", segment))
            earlier = segment[: number[0].start()] if number else ""
            if len(breaks) > 1 and earlier and PER_RE.fullmatch(earlier):
                earlier = _thing_before(before[: breaks[-2]])  # 送去慰问金,每户600元,共计9000元: the 慰问金 in all
    enumeration = ""
    if not is_part and breaks and before[breaks[-1]] == "、":
        start = breaks[-1]
        while start > 0 and before[start] == "、":
            previous_break = max([i for i in breaks if i < start], default=-1)
            if re.search(r"[0-9]", before[previous_break + 1 : start]):
                break
            start = previous_break
        enumeration = before[start + 1 : breaks[-1]] if start < breaks[-1] else ""
    pers = tuple(PER_NORMAL.get(m.group("per") or m.group("other"), m.group("per")) for m in PER_RE.finditer(clause))
    clause_raw = clause
    clause = PER_RE.sub("", clause)
    next_break = min([i for i, char in enumerate(after) if char in CLAUSE_BREAK] + [len(after)])
    right = after[:next_break]
    digit = re.search(r"[0-9]", right)
    if digit:
        right = right[: digit.start()]
    after_noun, after_verb = _split_noun_phrase(_strip_quotes(right))
    opened = before.count("(") > before.count(")")
    return _Context(
        clause_quoted=clause,
        clause=_strip_quotes(clause),
        clause_raw=_strip_quotes(clause_raw),
        earlier=_strip_quotes(earlier),
        after_noun=after_noun,
        after_verb=after_verb,
        pers=pers,
        is_part=is_part,
        in_brackets=opened,
        sentence_before=before,
        after_raw=after,
        enumeration=_strip_quotes(enumeration),
        to_value=from_to,
    )


def _thing_before(text: str) -> str:
    """The last clause of ``text`` after its last figure (为15户计生特殊家庭送去慰问金 → 计生特殊家庭送去慰问金)."""
    clause = re.split(f"[{re.escape(CLAUSE_BREAK)}]", text)[-1]
    digits = list(re.finditer(r"[0-9]+(?:\.[0-9]+)?", clause))
    return _after_previous_figure(clause, digits[-1].end()) if digits else clause


def _after_previous_figure(clause: str, digit_end: int) -> str:
    """The clause after an earlier figure in it (发放宣传品2600份避孕套300只 → 避孕套)."""
    rest = clause[digit_end:]
    rest = re.sub(r"^(?:余|多)?[万亿]?", "", rest)
    unit = UNIT_RE.match(rest)
    return rest[unit.end() :] if unit else rest


def _strip_quotes(text: str) -> str:
    return "".join(char for char in text if not char.isspace() and char not in QUOTES)


def _split_noun_phrase(text: str) -> tuple[str, str]:
    """'群众开展免费体检' → ('群众', '开展免费体检'); '的专向经费' → ('专向经费', '')."""
    text = text.lstrip("的")
    for _word, tag, start, _end in _tokens(text):
        if start > 0 and tag.startswith(("v", "p", "d")) and tag not in ("vn",):
            return text[:start], text[start:]
        if start == 0 and tag.startswith(("v", "p")) and tag != "vn":
            return "", text
    return text, ""


# --------------------------------------------------------------------------------------------------
# Proposing
# --------------------------------------------------------------------------------------------------


def propose_metric(figure: Figure, metrics: Iterable[MetricTerms], aliases: Mapping[str, object] | None = None):
    """The key of the metric the figure is a value of, or None."""
    metrics = tuple(metrics)
    terms = [term for term in metrics if not term.units or figure.unit in term.units]
    if not terms or getattr(figure, "on_topic", True) is False:
        return None
    context = _context(figure)
    if is_earlier_value(figure, context):
        return None  # a past state no period's total may take, whatever alias a reviewer once taught
    if aliases:
        key = aliases.get(normalise_label(figure.metric))
        term = next((term for term in terms if term.key == key), None)
        if term is not None and not _blocked(figure, context, term):
            return term.key
    if _never(figure, context):
        return None
    terms = [term for term in terms if _proposes_unit(term, figure.unit)]
    if not terms:
        return None
    names = _index(tuple(terms))
    respective = _respectively(context)
    if respective is not None:  # 知晓率、满意率分别达到95.6%和97.1%: the k-th number is the k-th item's
        term = next((name.term for name in names if _ends_with_name(respective, name.text)), None)
        own = replace(context, clause=respective, clause_raw=respective, clause_quoted=respective)
        return term.key if term is not None and not _blocked(figure, own, term) else None
    best = None
    for match in _matches(figure, context, names):
        if _blocked(figure, context, match.term, match):
            continue
        if best is None or match.rank < best.rank:
            best = match
    if best is not None:
        return best.term.key
    term = (
        _share_of_stock(figure, context, names)
        or _publicity_item(figure, context, terms)
        or _audience(figure, context, names, _index(metrics))
    )
    return term.key if term is not None and not _blocked(figure, context, term) else None


def match_metric(figure: Figure, metrics: Iterable[MetricTerms]):
    """The best metric by name alone (no unit filter unless the terms carry units); kept for callers of old."""
    return propose_metric(figure, metrics)


@lru_cache(maxsize=16)
def _index(terms: tuple[MetricTerms, ...]) -> list[_Name]:
    names = []
    texts = [_normalise(name) for term in terms for name in term.names]
    _learn_words(texts)
    for order, term in enumerate(terms):
        seen = set()
        for name in term.names:
            text = LABEL_PER_RE.sub("", _normalise(name))
            if (len(text) < 2 and not re.search(r"[\u4e00-\u9fff]", text)) or not text or text in seen:
                continue
            seen.add(text)
            names.append(_Name(text, _name_words(text), term, order))
            short = text.removesuffix("活动")
            if term.family == "events" and short != text and len(short) >= 2 and short not in seen:
                seen.add(short)  # an event metric named X活动 is also written X (开展集中宣传9次)
                names.append(_Name(short, _name_words(short), term, order, own_unit_only=True))
    return names


# What makes a figure a plan; 争取 alone does not (争取社会捐助,全年募集132万元 reports money raised).
INTENT_RE = re.compile(
    r"力争|计划(?!生育)|预计|目标|拟|下一步|明年|今后|打算|将(?:力争|继续|进一步|努力|确保|全面)|确保"
)
HANDOUT_RE = re.compile(r"发放|印发|散发|分发|派发|赠送|编印|印制|印刷|制作|张贴|悬挂")
PUBLICITY_RE = re.compile(r"宣传|《[^》]{2,}》")
SHARE_RE = re.compile(r"^占[^占]{1,16}$")


def _publicity_item(figure: Figure, context: _Context, terms: list[MetricTerms]) -> MetricTerms | None:
    """A publicity item handed out (发放计生宣传小册子300本, 印发《致群众的一封信》1.2万份) that no name found:
    the materials metric whose own unit the figure is counted in, when exactly one has it."""
    item = context.clause_quoted
    verbs = list(HANDOUT_RE.finditer(item))
    if verbs:
        item = item[verbs[-1].end() :]
    elif not HANDOUT_RE.search(re.split(r"[,;:!?。]", context.sentence_before)[-1]):
        return None  # the verb may come before a list: 发放宣传单页1200余份、计生宣传小册子300本
    if not PUBLICITY_RE.search(item):
        return None
    base = re.sub("^[万亿]", "", figure.unit)
    fits = [term for term in terms if term.family == "materials" and term.canonical == base]
    return fits[0] if len(fits) == 1 else None


AUDIENCE_RE = re.compile(r"(?:群众|观众|听众|居民|村民)$")


def _audience(figure: Figure, context: _Context, names: list[_Name], all_names: list[_Name]) -> MetricTerms | None:
    """举办健康讲座9期,听课群众1100余人次: the people counted right after an event are those who took part,
    the served metric named after 群众 that takes the unit."""
    people = LINK_WORDS_RE.sub("", context.clause) or context.clause
    if not AUDIENCE_RE.search(people) or STOCK_BLOCK_RE.search(people) or context.is_part:
        return None
    segment = re.split(f"[{re.escape(CLAUSE_BREAK)}]", context.sentence_before.rstrip(CLAUSE_BREAK))
    event = segment[-2] if len(segment) > 1 else ""
    if not re.search(r"[0-9]", event) or not any(
        name.term.family == "events" and name.text in event for name in all_names
    ):
        return None
    served = {name.term for name in names if name.term.family == "served" and name.text.endswith("群众")}
    return next(iter(served)) if len(served) == 1 else None


RESPECTIVELY_RE = re.compile(r"分别(?:为|是|达到了|达到|达|有|占|增长|增加|提高到|下降到)?")


def _respectively(context: _Context) -> str | None:
    """The item a figure after 分别 belongs to (its place among the numbers after 分别 is its item's place in the
    list before it), '' when the counts do not line up, None when there is no 分别."""
    before = context.sentence_before
    found = list(RESPECTIVELY_RE.finditer(before))
    if not found:
        return None
    head, tail = before[: found[-1].start()], before[found[-1].end() :]
    if re.search(r"[,;:!?。]", tail):
        return None  # 分别 belongs to an earlier clause
    head = re.split(r"[,;:!?。]", head)[-1]
    items = [item for item in re.split(r"、|和|及|与", _strip_quotes(head)) if item]
    position = len(re.findall(r"[0-9]+(?:\.[0-9]+)?", tail))
    return items[position] if len(items) >= 2 and position < len(items) else ""


def _ends_with_name(item: str, name: str) -> bool:
    return item.endswith(name) or bool(LINK_WORDS_RE.sub("", item).endswith(name))


def _share_of_stock(figure: Figure, context: _Context, names: list[_Name]) -> MetricTerms | None:
    """会员3210人,占全镇育龄群众的38%: the share of a stock just counted is the rate named after that stock
    (会员入会率), when the clause before the share names only the stock."""
    if figure.unit not in ("%", "‰") or not SHARE_RE.match(context.clause):
        return None
    segment = re.split(f"[{re.escape(CLAUSE_BREAK)}]", context.sentence_before.rstrip(CLAUSE_BREAK))
    before = segment[-2] if len(segment) > 1 else ""
    number = list(re.finditer(r"[0-9]", before))
    if not number:
        return None
    stock = _strip_quotes(before[: number[0].start()])
    stock = LINK_WORDS_RE.sub("", stock) or stock
    if STOCK_BLOCK_RE.search(stock):
        return None  # 新发展会员6800名,占…: new members are no share of the stock
    for name in names:
        if name.term.family == "rates" and len(name.words) > 1:
            subject = "".join(name.words[:-1])
            if len(subject) >= 2 and stock.endswith(subject):
                return name.term
    return None


def _proposes_unit(term: MetricTerms, unit: str) -> bool:
    """Whether the rules may propose the metric for a figure in ``unit`` (a person's alias may use any allowed unit)."""
    return not term.names or unit not in UNITS_NOT_PROPOSED.get(term.names[0], ())


def _is_total(term: MetricTerms) -> bool:
    """A metric whose figures are added up across townships (not a rate, a score or a per-unit standard)."""
    return term.family not in ("rates", "scores") and not term.per


def is_earlier_value(figure: Figure, context: _Context | None = None) -> bool:
    """The earlier value of 由5.2万人增加到5.8万人, 由12个增至18个, 由30%到36%: what was, not what was achieved."""
    if getattr(figure, "earlier_value", False):
        return True
    return bool(FROM_VALUE_RE.match((context or _context(figure)).after_raw))


def _never(figure: Figure, context: _Context) -> bool:
    """Figures that are no metric's value, whatever their words: thresholds, maxima, changes, ranks."""
    clause = context.clause_raw
    if figure.role == Role.THRESHOLD:
        return True
    if MAXIMUM_RE.search(clause) or RANK_RE.search(clause):
        return True
    if GROWTH_ANY_RE.search(clause) or GROWTH_END_RE.search(LINK_WORDS_RE.sub("", clause) or clause):
        return not (re.search(r"(?:到|至)$", clause) or context.to_value)
    # a minimum each unit must reach (a scoring sheet's 全年不少于4次, 各村开展活动不少于4次) is not a total;
    # a township's own plan (全年筹集关怀资金不少于200万元) is a target and keeps its metric
    each_unit = getattr(figure, "in_rubric", False) or EACH_UNIT_RE.search(context.sentence_before)
    return figure.qualifier in QUOTA_QUALIFIERS and figure.unit not in RATE_UNITS and bool(each_unit)


def _blocked(figure: Figure, context: _Context, term: MetricTerms, match: _Match | None = None) -> bool:
    """Rules of one metric: targets, per-unit amounts, scores, rates, stocks, jurisdiction."""
    if figure.role == Role.TARGET and _is_total(term) and INTENT_RE.search(context.sentence_before):
        return True  # a plan (计划救助1500户, 力争发放1.5万份) is no total of what was done
    per_figure = term.per or context.pers or figure.role == Role.STANDARD
    if per_figure and (not term.per or term.per not in context.pers):
        return True
    if figure.role == Role.SCORE or term.family == "scores":
        if figure.role != Role.SCORE or term.family not in ("scores", ""):
            return term.family == "scores" or figure.role == Role.SCORE
        if context.in_brackets or not SCORE_WORDS_RE.search(context.sentence_before):
            return True
    is_rate = term.family == "rates" or figure.unit in ("%", "‰")
    if is_rate:
        if match is not None and match.place == 0 and match.distance > 0:
            return True  # the rate word must be the head: 宣传覆盖率 is not 宣传品入户率
        if SUBGROUP_RE.search(context.clause):
            return True
    if term.family in STOCK_FAMILIES:
        if STOCK_BLOCK_RE.search(context.clause + context.after_verb) or BENEFACTIVE_END_RE.search(context.clause):
            return True
        if match is not None and match.place == 0 and _before_name(context, match).endswith("新"):
            return True  # 吸收新会员130人: new ones, not the stock
        if term.family == "members" and match is not None and SUBGROUP_RE.search(_before_name(context, match)):
            return True  # 流动人口会员, 职工会员: a part of the members, not all of them
        if match is not None and match.place == 0 and QUALIFIED_PART_RE.search(_before_name(context, match, True)):
            return True  # “五好”协会小组860个: the honoured ones only
        if term.family == "profile" and match is not None and match.place == 0 and _before_name(context, match):
            return True  # 达标社区49个: some of the villages, not the jurisdiction
        if term.family == "profile" and _not_jurisdiction(context, match):
            return True
    if term.family == "served" and figure.unit in PERSON_UNITS and _after_a_payment(context):
        return match is None or match.name.endswith("群众")  # 发放奖扶金3.2亿元,受益群众4.6万人: recipients
    return bool(
        term.family == "served" and figure.unit in HOUSEHOLD_UNITS and PRODUCTION_HELP_RE.search(figure.sentence)
    )


def _after_a_payment(context: _Context) -> bool:
    """Whether the clause before this one in the sentence ends in an amount of money."""
    segment = re.split(f"[{re.escape(CLAUSE_BREAK)}]", context.sentence_before.rstrip(CLAUSE_BREAK))
    return len(segment) > 1 and bool(re.search(r"[0-9](?:余|多)?[万亿]?元$", segment[-2]))


def _says_nothing(clause: str) -> bool:
    return bool(EMPTY_CLAUSE_RE.match(clause) or LINK_WORDS_RE.fullmatch(clause))


SCOPE_WORDS_RE = re.compile(
    r"(?:全[镇乡县区市街]|本[镇乡县区街]|我[镇乡县区市]|辖区?内?|下设|设有|共有|现有|共|有|包括|总计|目前|现|已|[镇乡县区市]内|"
    r"[0-9]+、|[一二三四五六七八九十]+是)+"
)


def _before_name(context: _Context, match: _Match, raw: bool = False) -> str:
    """The words of the clause before the matched name, without scope words (全县辖, 现有)."""
    clause = context.clause_quoted if raw else context.clause
    at = clause.rfind(match.name)
    before = clause[:at] if at >= 0 else ""
    return SCOPE_WORDS_RE.sub("", before)


def _not_jurisdiction(context: _Context, match: _Match | None) -> bool:
    """A profile figure states the jurisdiction (全县辖14个乡镇、207个村), not villages that did something."""
    if PROFILE_SUBGROUP_RE.search(context.clause) or context.after_verb:
        return True
    specific = match is not None and PROFILE_SPECIFIC_RE.search(match.name)
    return not specific and not JURISDICTION_RE.search(context.sentence_before)


def _matches(figure: Figure, context: _Context, names: list[_Name]):
    places = [(0, context.clause), (0, context.enumeration), (1, context.after_noun)]
    if figure.unit in PERSON_OR_HOUSEHOLD_UNITS:
        places.append((2, context.after_verb))
    if (_says_nothing(context.clause) or context.to_value) and not context.after_noun:
        places.append((3, context.earlier))
    whole_only = context.is_part  # 其中独生子女困难户460户: a part is the metric only when it is named as such
    for place, text in places:
        if not text:
            continue
        tokens = _tokens(text)
        ends = {end for _word, _tag, _start, end in tokens}
        head = _head(tokens) if place in (0, 1, 3) else None
        for name in names:
            found = _find(name, text, ends)
            if found is None:
                continue
            _start, end, length = found
            if head is not None and not _head_fits(head, end, name.term, figure.unit):
                continue
            distance = len(LINK_WORDS_RE.sub("", text[end:])) if place in (0, 3) else 0
            if place == 1:
                distance = len(text) - end
            if whole_only and place == 0 and SCOPE_WORDS_RE.sub("", text[:_start]).strip():
                continue
            canonical = bool(name.term.canonical) and base_unit(figure.unit) == name.term.canonical
            if name.own_unit_only and not canonical:
                continue
            yield _Match(name.term, place, distance, length, name.order, name.text, canonical)


def _head_fits(head: tuple[str, int], match_end: int, term: MetricTerms, unit: str) -> bool:
    """Whether the counted thing (the head noun) is the metric's: covered by the name, generic, or of its kind."""
    word, end = head
    if match_end >= end:
        return True
    if word in GENERIC_HEADS:
        return True
    if unit in HOUSEHOLD_UNITS and HOUSEHOLD_HEAD_RE.search(word):
        return True
    return bool(unit in PERSON_UNITS and PERSON_HEAD_RE.search(word) and term.family in ("served", "members", ""))
