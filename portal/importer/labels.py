"""The last check of a 原文指标 label: a short noun phrase for what is counted, as a person would write it.

portal.importer.figures builds the label from the words round the number; this module corrects the shapes a
person would never write (figures._to_figure calls ``tidy_label`` on every label):

* only a link word, a unit or an office or place (卫生院, 县政府, 名, 共计万元): what is counted is the noun
  phrase right after the number (为620名已婚育龄妇女开展… → 已婚育龄妇女), or else the thing of the figure before
  (发放助学金1000元,共计1.7万元 → 助学金);
* a clause that ends in a preposition (县计生协为失独家庭中): the same;
* a link word left at either end (已有企业计生协会, 群众满意率保持在): taken off;
* a verb that changes what is counted cut off in front (新发展会员 → not 会员): put back;
* a label that begins inside a word of the sentence: it begins at that word.

Quotations are never cut: figures._balanced closes them before this check runs, and nothing here splits one.
"""

from __future__ import annotations

import re

from .wording import (
    BODY_ENDINGS,
    DROP_VERBS,
    KEEP_VERBS,
    LABEL_LEADING_WORDS,
    MAX_LABEL_CHARS,
    PERSON_OR_HOUSEHOLD_UNITS,
    ending_re,
    word_segmenter,
)

LEADING_LINK_WORDS = {
    *("已经", "已有", "现有", "共有", "累计", "共计", "合计", "总计", "目前", "已", "共"),
    *("目标", "是", "为", "计划", "力争", "确保", "争取"),
}
TRAILING_ADVERBS = {"均", "都", "全部", "皆", "也", "全"}
GENERIC_LABELS = {"资金", "经费", "款项", "金额", "人数", "户数", "数量", "总数"}
PER_TAIL_RE = re.compile(r"(?P<tail>单户最高|每户最高|每人最高|最高|人均|户均|单户)$")
TRAILING_LINK_RE = re.compile(
    r"(?:保持在|控制在|稳定在|达到了|达到|已达|均达|提高到|提高至|上升到|上升至|下降到|下降至|突破|超过|"
    r"(?<=[率数额量])(?:为|达|是))+$"
)
ONLY_LINK_RE = re.compile(r"^(?:共计|合计|总计|累计|共|计|约|近|达|为|是|的|其中|[万亿])*$")
KEEP_VERB_RE = ending_re(KEEP_VERBS)
BENEFACTIVE_WORDS = {"为", "给", "向", "帮", "替"}
OFFICE_RE = ending_re([*BODY_ENDINGS, "保健院", "办事处", "村委会", "省"])
SERVICE_OPENERS = ("开展", "提供", "进行", "接受")
BREAK_RE = re.compile(r"[,，;；:：、。!?！？()（）\s0-9０-９]")


def tidy_label(label: str, before: str, after: str, unit: str, previous: str = "") -> str:
    """``label`` as figures built it; ``before``/``after`` the sentence text on either side of the number with its
    unit; ``previous`` the label of the figure before in the same sentence (its per-unit note dropped)."""
    item = _respective_item(before)
    if item:
        return item  # 政策知晓率、群众满意率分别达到95.6%和97.1%: 95.6% is the 政策知晓率
    label = _whole_words(label, before)
    label = _with_kept_verb(label, before)
    label = _without_link_words(label)
    if label[-1:] in ("均", "都") and after.startswith(label) and len(label) > 1:
        label = label[:-1]  # 11个村均建有计生协会: 均 says "all", the villages are counted
    label = _with_generic_verb(label, before)
    label = _per_note(label)
    core = re.sub(r"\([^()]*\)$", "", label)
    if not core or core == unit or ONLY_LINK_RE.match(core.replace(unit, "")):
        return _counted_after(after) or previous or label  # 共计1.7万元, 2300名
    if unit in PERSON_OR_HOUSEHOLD_UNITS and _names_who_acted(core):
        return _counted_after(after) or label  # 卫生院为620名已婚育龄妇女…, 县计生协为失独家庭中的45名老人
    return label


RESPECTIVELY_RE = re.compile(r"分别(?:为|是|达到了|达到|达|有|占)?")


def _respective_item(before: str) -> str:
    """The item of a list before 分别 that this number is (the k-th number after 分别 is the k-th item)."""
    found = list(RESPECTIVELY_RE.finditer(before))
    if not found or re.search(r"[,，;；:：。!?！？]", before[found[-1].end() :]):
        return ""
    head = re.split(r"[,，;；:：。!?！？]", before[: found[-1].start()])[-1]
    items = [item for item in re.split(r"、|和|及|与", head) if item]
    position = len(re.findall(r"[0-9０-９]+(?:[.．][0-9０-９]+)?", before[found[-1].end() :]))
    if len(items) < 2 or position >= len(items):
        return ""
    words = _words(items[position])
    while len(words) > 1 and words[0][0] in LABEL_LEADING_WORDS:
        words = words[1:]  # 全县政策知晓率 → 政策知晓率
    return _without_link_words("".join(word for word, _tag in words))


def _words(text: str) -> list[tuple[str, str]]:
    return [(word, tag) for word, tag in word_segmenter().tag(text) if word]


def _without_link_words(label: str) -> str:
    """已有企业计生协会 → 企业计生协会, 群众满意率保持在 → 群众满意率 (whole words only: 已婚 stays)."""
    words = _words(label)
    while len(words) > 1 and words[0][0] in LEADING_LINK_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1][0] in TRAILING_ADVERBS:
        words = words[:-1]  # 11个村均建有… → 村, not 村均 (人均 is one word and stays)
    trimmed = TRAILING_LINK_RE.sub("", "".join(word for word, _tag in words))
    return trimmed if len(trimmed) >= 2 else label


def _with_generic_verb(label: str, before: str) -> str:
    """资金 alone says nothing: the verb in front stays (镇政府投入资金6万元 → 投入资金)."""
    at = before.rfind(label)
    if label not in GENERIC_LABELS or at <= 0:
        return label
    words = _words(before[:at])
    if words and words[-1][1].startswith("v") and len(words[-1][0]) >= 2:
        return words[-1][0] + label
    return label


def _per_note(label: str) -> str:
    """创业贷款单户最高 → 创业贷款(单户最高): a per-unit or maximum note goes in brackets, as figures writes it."""
    found = PER_TAIL_RE.search(label)
    if found and "(" not in label and len(label) - len(found.group()) >= 2:
        return f"{label[: found.start()]}({found.group()})"
    return label


def _names_who_acted(core: str) -> bool:
    """An office or place alone (卫生院), or a clause that ends in a benefactive phrase (县计生协为失独家庭中)."""
    if OFFICE_RE.search(core) and not _words(core)[-1][1].startswith(("v", "a")):
        return len(core) <= 8
    words = _words(core)
    return any(tag == "p" and word in BENEFACTIVE_WORDS for word, tag in words[1:])


def _counted_after(after: str) -> str:
    """The noun phrase right after the number (已婚育龄妇女开展… → 已婚育龄妇女), with its service when short
    (留守妇女提供生殖健康检查 → 提供生殖健康检查的留守妇女)."""
    stretch = BREAK_RE.split(after, maxsplit=1)[0]
    words = [(word, tag) for word, tag in word_segmenter().tag(stretch) if word]
    noun, index = "", 0
    while index < len(words):
        word, tag = words[index]
        following = words[index + 1][1] if index + 1 < len(words) else ""
        if word == "的" and not noun:
            index += 1
            continue
        if tag.startswith("n") or tag in ("vn", "b", "j", "l", "ng", "nz"):
            noun += word
        elif tag.startswith("v") and not noun and following.startswith("n"):
            noun += word  # 已婚育龄妇女, 留守妇女: a verb that only describes the people
        else:
            break
        index += 1
    rest = "".join(word for word, _tag in words[index:])
    if noun and rest.startswith(SERVICE_OPENERS) and len(rest) + len(noun) + 1 <= MAX_LABEL_CHARS:
        return f"{rest}的{noun}"
    return noun


def _with_kept_verb(label: str, before: str) -> str:
    """新发展会员, not 会员: a verb that changes what is counted stays in front."""
    at = before.rfind(label) if label else -1
    if at > 0 and KEEP_VERB_RE.search(before[:at]):
        return KEEP_VERB_RE.search(before[:at]).group() + label
    return label


def _whole_words(label: str, before: str) -> str:
    """A label that starts inside a word of the clause before the number starts with that word."""
    at = before.rfind(label) if label else -1
    if at <= 0:
        return label
    start = max(0, before.rfind("，", 0, at), before.rfind(",", 0, at))
    clause = before[start:]
    position = start
    for word in word_segmenter().cut(clause):
        inside = position < at < position + len(word) and re.fullmatch(r"[\u4e00-\u9fff]+", word)
        if inside and before[position:at] not in DROP_VERBS:
            return before[position:at] + label  # 张贴标语 → 标语 is a whole word after its verb
        position += len(word)
    return label
