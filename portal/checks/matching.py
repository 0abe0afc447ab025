"""Finding listed words in a text, fast enough for a 1,000-word list on a long page.

Sensitive words are looked for in the text folded: full-width forms made half-width (NFKC), lower case, and every
character that is not a letter or a digit dropped, so 法 轮、功 or 法　轮功 is still 法轮功. Common mistakes are
looked for in the text as written, NFKC only, because their point is often punctuation (〔2026〕 written [2026]).
Each list becomes one regular expression shaped as a trie: at each position only the branches of that character are
tried, whatever the length of the list. Positions found are mapped back to the text as the editor wrote it."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

DIGIT = "#"  # in a mistake, stands for any one digit: [####] catches [2026]
EXCERPT_CHARS = 12


@dataclass(frozen=True)
class Match:
    word: str  # the listed word (for a mistake: its wrong form)
    found: str  # the text as the editor wrote it
    excerpt: str
    suggestion: str = ""


WORD_RUN = re.compile(r"[^\W_]+")  # letters and digits, any script


@lru_cache(maxsize=4096)
def fold_char(char, drop_separators):
    folded = unicodedata.normalize("NFKC", char)
    if drop_separators:
        folded = "".join(c for c in folded.lower() if unicodedata.category(c)[0] in "LN")
    return folded


def fold_chars(text, start, drop_separators, parts, origins):
    """One character at a time: for the rare text whose NFKC form is not as long as itself (ligatures, ㎡, ①…)."""
    for index, char in enumerate(text, start):
        folded = fold_char(char, drop_separators)
        parts.append(folded)
        origins.extend([index] * len(folded))


def folded_text(text, drop_separators):
    """(folded text, for each of its characters the index of the original character it came from)."""
    parts, origins = [], []
    if not drop_separators:
        folded = unicodedata.normalize("NFKC", text)
        if len(folded) == len(text):  # full-width to half-width is one to one: the usual case
            return folded, range(len(text))
        fold_chars(text, 0, False, parts, origins)
        return "".join(parts), origins
    for run in WORD_RUN.finditer(text):
        folded = unicodedata.normalize("NFKC", run.group()).lower()
        if len(folded) == run.end() - run.start() and folded.isalnum():
            parts.append(folded)
            origins.extend(range(run.start(), run.end()))
        else:
            fold_chars(run.group(), run.start(), True, parts, origins)
    return "".join(parts), origins


def fold_word(word, drop_separators):
    return folded_text(word, drop_separators)[0]


def trie_pattern(words, digit_wildcard):
    trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(char):
        return r"\d" if digit_wildcard and char == DIGIT else re.escape(char)

    def build(node):
        branches = [branch(char) + build(child) for char, child in node.items() if char]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{group})?" if "" in node else group

    return re.compile(build(trie)) if trie else None


class WordMatcher:
    """Built once per word list (see `matcher_for`): `find(text)` lists each occurrence, longest word first."""

    def __init__(self, entries, drop_separators, digit_wildcard=False):
        self.drop_separators = drop_separators
        self.digit_wildcard = digit_wildcard
        self.entries = {}  # folded form → (listed word, suggestion)
        for word, suggestion in entries:
            folded = fold_word(word, drop_separators)
            if folded:
                self.entries.setdefault(folded, (word, suggestion))
        self.pattern = trie_pattern(self.entries, digit_wildcard)

    def find(self, text):
        if self.pattern is None or not text:
            return []
        folded, origins = folded_text(text, self.drop_separators)
        matches = []
        for found in self.pattern.finditer(folded):
            if not found.group():
                continue
            start, end = origins[found.start()], origins[found.end() - 1] + 1
            word, suggestion = self.entry(found.group())
            matches.append(Match(word, text[start:end], excerpt(text, start, end), suggestion))
        return matches

    def entry(self, matched):
        if matched in self.entries:
            return self.entries[matched]
        masked = re.sub(r"\d", DIGIT, matched)
        if masked not in self.entries:  # digits matched partly as written, partly as #: 1# and #2 both catch 12
            masked = next(folded for folded in self.entries if wildcard_regex(folded).fullmatch(matched))
        word, suggestion = self.entries[masked]
        digits = iter(re.findall(r"\d", matched))
        return word, re.sub(re.escape(DIGIT), lambda _hash: next(digits, DIGIT), suggestion)


def wildcard_regex(word):
    return re.compile("".join(r"\d" if char == DIGIT else re.escape(char) for char in word))


def excerpt(text, start, end):
    """The found text in 【】 with up to EXCERPT_CHARS characters either side, on one line."""
    before = ("…" if start > EXCERPT_CHARS else "") + text[max(0, start - EXCERPT_CHARS) : start]
    after = text[end : end + EXCERPT_CHARS] + ("…" if end + EXCERPT_CHARS < len(text) else "")
    return " ".join(f"{before}【{text[start:end]}】{after}".split())[:200]


@lru_cache(maxsize=8)
def matcher_for(entries, drop_separators, digit_wildcard=False):
    """The matcher of a word list, given as a tuple of (word, suggestion): rebuilt only when the list changes."""
    return WordMatcher(entries, drop_separators, digit_wildcard)
