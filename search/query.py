"""What a visitor typed, as the search runs it: words (each with its synonyms), quoted phrases, corrections.

- **Synonyms**: a synonym word inside the query is one term, even when segmentation would split it (生育关爱 →
  生育 关爱); the backend query ORs it with the other words of its group(s) and ANDs the terms.
- **Phrases**: text between quotes ("生育关怀", “生育关怀”) must appear in a page as typed, words next to each other
  and in order (checked on the candidates' own text: the index stores sub-words, so it has no word positions).
- **Corrections**: a query that finds little is retried as the known word it was probably meant to be, by pinyin:
  the whole query typed in pinyin (shifancun, liudong renkou), or Chinese with one or two characters of the same
  or a near sound (示犯村 → 示范村). Known words: see vocabulary.py.
"""

import re
from dataclasses import dataclass, field

from modelsearch.query import And, Or, PlainText

from .segment import normalize, query_terms

QUOTED = re.compile(r'["“”「」『』]([^"“”「」『』]+)["“”「」『』]')
CHINESE_RUN = re.compile(r"[\u4e00-\u9fff]+")
PINYIN_QUERY = re.compile(r"[a-z]+(?: [a-z]+)*")
MAX_CORRECTED_CHARS = 8


@dataclass
class Term:
    word: str
    alternatives: list = field(default_factory=list)  # synonyms

    @property
    def words(self):
        return [self.word, *self.alternatives]


@dataclass
class ParsedQuery:
    text: str
    terms: list  # of Term
    phrases: list  # of str, whitespace removed

    @property
    def words(self):
        """Every word a result may contain (the terms and their synonyms), for highlighting."""
        return [word for term in self.terms for word in term.words]

    def backend_query(self, operator):
        """The modelsearch query: the terms ANDed (or ORed), each an OR over its synonyms."""
        parts = [Or([PlainText(word, operator="and") for word in term.words]) for term in self.terms]
        if len(parts) == 1:
            return parts[0]
        return And(parts) if operator == "and" else Or(parts)


def squeeze(text):
    """Text as phrases are compared: normalised, lower case, no whitespace."""
    return "".join(normalize(text).lower().split())


def synonym_pieces(text, groups):
    """text split around the synonym words it contains (longest first): [(piece, is_synonym_word)]."""
    if not groups:
        return [(text, False)]
    pattern = re.compile("|".join(re.escape(word) for word in sorted(groups, key=len, reverse=True)))
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces += [(text[position : match.start()], False), (match.group(), True)]
        position = match.end()
    return [*pieces, (text[position:], False)]


def parse(text, groups):
    """The query's terms (synonym words kept whole, with their groups) and quoted phrases."""
    terms = []
    for piece, is_synonym in synonym_pieces(normalize(text), groups):
        words = [piece] if is_synonym else query_terms(piece)
        for word in words:
            if word not in [term.word for term in terms]:
                terms.append(Term(word, groups.get(word, [])))
    phrases = [squeeze(phrase) for phrase in QUOTED.findall(normalize(text)) if squeeze(phrase)]
    return ParsedQuery(text, terms[:16], phrases)


def from_pinyin(text, vocabulary):
    """Chinese for a query typed in pinyin: the whole (shifancun) or word by word (liudong renkou)."""
    text = " ".join(normalize(text).lower().split())
    if not PINYIN_QUERY.fullmatch(text):
        return None
    whole = vocabulary.from_pinyin(text)
    if whole:
        return whole
    words = [vocabulary.from_pinyin(part) for part in text.split()]
    return " ".join(words) if len(words) > 1 and all(words) else None


def corrected_run(run, vocabulary):
    """A run of Chinese characters with its unknown part replaced by the heaviest known word of (nearly) the same
    sound, else one character off: the whole run, else its longest unknown stretch that has one."""
    if run in vocabulary or len(run) < 2 or len(run) > MAX_CORRECTED_CHARS:
        return None
    for length in range(len(run), 1, -1):
        for start in range(len(run) - length + 1):
            window = run[start : start + length]
            if window in vocabulary:
                continue
            candidates = vocabulary.sounding_like(window) or vocabulary.one_character_off(window)
            if candidates:
                return run[:start] + candidates[0] + run[start + length :]
    return None


def correction(text, vocabulary):
    """The query as the visitor probably meant it, or None."""
    pinyin = from_pinyin(text, vocabulary)
    if pinyin:
        return pinyin
    normalised = normalize(text)
    changed = normalised
    for run in CHINESE_RUN.findall(normalised):
        fixed = corrected_run(run, vocabulary)
        if fixed:
            changed = changed.replace(run, fixed, 1)
    return changed if changed != normalised else None
