"""The words the portal knows, with their pinyin: for suggestions, pinyin queries and typo correction.

Known words are the words of the live, public pages' titles (precise-mode segmentation, two or more Chinese
characters), the user dictionary (search/dict/jsx_userdict.txt) and the synonym groups editors keep. Each word is
weighted by how many titles contain it (dictionary and synonym words count as 2 more), so a correction or a
suggestion prefers the word visitors will find most.

Built lazily, once per cache generation and process (publishing a page, saving a snippet starts a new generation,
see portal/core/cache.py); with the fragment cache off (tests, development) it is built for every use. Words are
memoised per title and pinyin per word, so a rebuild after a publish only cuts and converts what is new: for 50,000
titles the first build takes about 1 s (segmentation), a rebuild about 0.2 s plus reading the titles.
"""

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from pypinyin import Style, lazy_pinyin
from wagtail.models import Page

from .memo import KeptUntilPublish
from .segment import USER_DICT, normalize, segmenter

CHINESE_WORD = re.compile(r"[\u4e00-\u9fff]{2,12}")
# 近音: sounds many visitors (and input methods) confuse, folded to one spelling
FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"), ("h", "f"))
FUZZY_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"), ("iong", "ong"))
DICTIONARY_BONUS = 2
MIN_ONE_OFF_CHARS = 3  # two-character words one character apart are mostly other words (示范, 示意)


@lru_cache(maxsize=100_000)
def syllables(word):
    """Toneless pinyin of each character: 示范村 → ('shi', 'fan', 'cun')."""
    return tuple(lazy_pinyin(word, style=Style.NORMAL, errors="ignore"))


def fuzzy(syllable):
    """One spelling for near sounds: shi and si, fan and huan, ling and nin are the same here."""
    for long, short in FUZZY_INITIALS:
        if syllable.startswith(long):
            syllable = short + syllable[len(long) :]
            break
    for long, short in FUZZY_FINALS:
        if syllable.endswith(long):
            return syllable[: -len(long)] + short
    return syllable


def fuzzy_key(word):
    return " ".join(fuzzy(syllable) for syllable in syllables(word))


@dataclass
class Vocabulary:
    weights: dict  # word → weight
    by_pinyin: dict = field(default_factory=dict)  # "shifancun" → words, heaviest first
    by_sound: dict = field(default_factory=dict)  # fuzzy key "si fan cun" → words, heaviest first
    spellings: list = field(default_factory=list)  # sorted (pinyin or initials, word) pairs, for prefixes
    words: list = field(default_factory=list)  # sorted words, for Chinese prefixes
    by_pattern: dict = field(default_factory=dict)  # "示范\0" → words of three or more characters, heaviest first

    def __post_init__(self):
        pinyin, sound, pattern = defaultdict(list), defaultdict(list), defaultdict(list)
        for word in sorted(self.weights, key=lambda word: (-self.weights[word], word)):
            spelled = syllables(word)
            if len(spelled) != len(word):
                continue  # a character without pinyin: not a word to suggest or correct to
            pinyin["".join(spelled)].append(word)
            sound[fuzzy_key(word)].append(word)
            self.spellings += [("".join(spelled), word), ("".join(s[0] for s in spelled), word)]
            if len(word) >= MIN_ONE_OFF_CHARS:
                for key in one_off_patterns(word):
                    pattern[key].append(word)
        self.by_pinyin, self.by_sound, self.by_pattern = dict(pinyin), dict(sound), dict(pattern)
        self.spellings.sort()
        self.words = sorted(self.weights)

    def __contains__(self, word):
        return word in self.weights

    def starting_with(self, prefix, limit):
        """Known words beginning with a Chinese prefix, or whose pinyin or initials begin with a Latin one."""
        prefix = normalize(prefix).strip().lower()
        if not prefix:
            return []
        if prefix.isascii():
            prefix = prefix.replace(" ", "")
            start = bisect.bisect_left(self.spellings, (prefix, ""))
            found = [word for spelling, word in self.spellings[start : start + 200] if spelling.startswith(prefix)]
        else:
            start = bisect.bisect_left(self.words, prefix)
            found = [word for word in self.words[start : start + 200] if word.startswith(prefix) and word != prefix]
        return sorted(set(found), key=lambda word: (-self.weights[word], len(word), word))[:limit]

    def from_pinyin(self, text):
        """The heaviest known word spelled exactly so (spaces ignored): shifancun, liudong renkou; else the first
        characters of the heaviest known word whose first syllables spell it: shengyu → 生育 (of 生育关怀)."""
        text = text.lower().replace(" ", "")
        words = self.by_pinyin.get(text)
        return words[0] if words else self.leading_characters_spelled(text)

    def leading_characters_spelled(self, text):
        start = bisect.bisect_left(self.spellings, (text, ""))
        candidates = {word for spelling, word in self.spellings[start : start + 200] if spelling.startswith(text)}
        for word in sorted(candidates, key=lambda word: (-self.weights[word], word)):
            spelled = list(accumulate(syllables(word)))  # 生育关怀 → sheng, shengyu, shengyuguan, …
            if text in spelled[1:]:
                return word[: spelled.index(text) + 1]
        return None

    def sounding_like(self, word, max_changes=2):
        """Known words that sound the same or nearly (同音/近音字), differing from word in 1–max_changes characters,
        heaviest first."""
        return [
            known
            for known in self.by_sound.get(fuzzy_key(word), [])
            if 0 < sum(a != b for a, b in zip(known, word, strict=True)) <= min(max_changes, len(word) - 1)
        ]

    def one_character_off(self, word):
        """Known words of three or more characters that differ from word in exactly one, heaviest first: a
        character of like shape (示范材 → 示范村, 流动人囗 → 流动人口) or any other slip of one key."""
        if len(word) < MIN_ONE_OFF_CHARS:
            return []
        found = {known for key in one_off_patterns(word) for known in self.by_pattern.get(key, []) if known != word}
        return sorted(found, key=lambda known: (-self.weights[known], known))


def one_off_patterns(word):
    return [f"{word[:position]}\0{word[position + 1 :]}" for position in range(len(word))]


def dictionary_words():
    return [line.split()[0] for line in USER_DICT.read_text(encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=200_000)
def words_of(title):
    """A title's words (precise mode, two or more Chinese characters), memoised: a rebuild cuts only new titles."""
    return frozenset(word for word in segmenter().cut(normalize(title)) if CHINESE_WORD.fullmatch(word))


def title_words(titles):
    """How many titles contain each word."""
    counts = Counter()
    for title in titles:
        counts.update(words_of(title))
    return counts


def build_vocabulary():
    from .models import SearchSynonym  # the app registry is ready by the time anything searches

    titles = Page.objects.live().public().filter(depth__gt=1).values_list("title", flat=True)
    weights = title_words(titles)
    for word in [*dictionary_words(), *SearchSynonym.all_words()]:
        if CHINESE_WORD.fullmatch(word):
            weights[word] += DICTIONARY_BONUS
    return Vocabulary(dict(weights))


_built = KeptUntilPublish(size=1)


def vocabulary():
    """The vocabulary for the current cache generation (built on first use in this process)."""
    return _built.get("vocabulary", build_vocabulary)
