"""Chinese word segmentation for the search index and for search queries.

Why rjieba and not jieba: both run the same jieba algorithm and dictionary. Measured on the three sample
documents in ../shared/seeds beside the repository (DESIGN.md, `seeds/`): 51,876 characters repeated to 368,600,
one core, Python 3.11:

    segmenter               speed              startup            domain terms whole   token agreement
    jieba 0.42.1            0.39–0.40 M char/s 0.64–0.76 s        41/42                —
    rjieba 0.2.2 (Rust)     6.8–7.4 M char/s   ~0 (built-in dict) 41/42                99.9 % with jieba

(“domain terms whole”: of the user-dictionary words that occur in the seeds, how many come out of
cut_for_search as a token; agreement: difflib ratio of the two cut() token lists.) Same quality, ~18× faster
indexing (a 50,000-page rebuild segments in seconds instead of about a minute), no dictionary cache to write, no
log output. The user dictionary is added word by word once per process, lazily, on first use.

Index text keeps every word with all the dictionary words inside it (计生协会 → 计生 计生协 协会 计生协会), so a
short word and the long word both match; queries are cut in precise mode (计生协会 stays one term) and the terms
are combined with AND by the backend.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

import rjieba

USER_DICT = Path(__file__).resolve().parent / "dict" / "jsx_userdict.txt"
MAX_INDEXED_CHARS = 200_000  # a field longer than this is cut: PostgreSQL refuses tsvectors over 1 MB
MAX_QUERY_TERMS = 16

# 5·29, 5.29, 5・29, 5•29 are one day: written the same way on both sides, the full-text tokenizers
# (SQLite unicode61, PostgreSQL's parser) see "5" followed by "29", and a query "5·29" becomes that phrase.
DOTTED_NUMBER_SEPARATOR = re.compile(r"(?<=\d)[.．·•・‧](?=\d)")
QUERY_CHUNK = re.compile(r"\d+(?:·\d+)+|[^\W_]+")
WORD = re.compile(r"[^\W_]+")


@cache
def segmenter():
    """rjieba with the association's user dictionary loaded (once per process)."""
    for line in USER_DICT.read_text(encoding="utf-8").splitlines():
        word, freq, tag = line.split()
        rjieba.add_word(word, int(freq), tag)
    return rjieba


def normalize(text):
    """Full-width letters/digits/spaces to ASCII (NFKC), one spelling for dotted days, no NUL bytes."""
    text = unicodedata.normalize("NFKC", text).replace("\x00", " ")
    return DOTTED_NUMBER_SEPARATOR.sub("·", text)


def index_words(text):
    """Each precise-mode word, preceded by every dictionary word of two or more characters inside it.

    jieba's own search mode only adds the 2- and 3-character sub-words, so a user-dictionary word such as
    迎新春生育关怀行动 or 经验交流材料 would hide 生育关怀 and 经验交流; full mode on the word finds them all."""
    words = segmenter()
    for word in words.cut(text):
        if len(word) > 2 and not word.isascii():
            yield from (sub for sub in words.cut_all(word) if len(sub) > 1 and sub != word)
        if not word.isspace():
            yield word


def index_text(text):
    """Text as the full-text index should store it: words and their sub-words separated by spaces."""
    return " ".join(index_words(normalize(text[:MAX_INDEXED_CHARS]))) if text else ""


def query_terms(text):
    """The words of a query, in order, without duplicates, punctuation, emoji or search syntax."""
    terms = []
    for chunk in QUERY_CHUNK.findall(normalize(text)):
        words = [chunk] if "·" in chunk else [word for word in segmenter().cut(chunk) if WORD.fullmatch(word)]
        for word in words:
            if word not in terms:
                terms.append(word)
    return terms[:MAX_QUERY_TERMS]
