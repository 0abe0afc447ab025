"""The word matcher alone: what an editor could type to slip a word past it, and what must not be caught."""

import time

from hypothesis import given
from hypothesis import strategies as st

from portal.checks.matching import WordMatcher

SENSITIVE = WordMatcher([("法轮功", ""), ("FLG", ""), ("坏词", ""), ("坏词语", "")], drop_separators=True)
MISTAKES = WordMatcher(
    [("计划生肓", "计划生育"), ("[####]", "〔####〕"), ("〔####〕第", "〔####〕")],
    drop_separators=False,
    digit_wildcard=True,
)


def found(matcher, text):
    return [(match.word, match.found, match.suggestion) for match in matcher.find(text)]


def test_separators_and_full_width_forms_between_the_characters_do_not_hide_a_sensitive_word():
    for text in ("法轮功", "法 轮 功", "法　轮　功", "法·轮-功", "法\u200b轮\u200d功", "法，轮。功", "法\n轮\t功"):
        assert found(SENSITIVE, f"前文{text}后文") == [("法轮功", text, "")], text
    assert found(SENSITIVE, "ＦＬＧ和f l g") == [("FLG", "ＦＬＧ", ""), ("FLG", "f l g", "")]


def test_the_longest_listed_word_wins_and_other_letters_in_between_break_a_word():
    assert found(SENSITIVE, "坏词语") == [("坏词语", "坏词语", "")]
    assert found(SENSITIVE, "法律轮换功能") == []


def test_a_mistake_is_matched_as_written_and_its_correction_carries_the_digits():
    text = "云计生协发［２０２６］12号和云计生协发[2025]3号，〔2024〕第7号，计划生肓"
    assert found(MISTAKES, text) == [
        ("[####]", "［２０２６］", "〔2026〕"),
        ("[####]", "[2025]", "〔2025〕"),
        ("〔####〕第", "〔2024〕第", "〔2024〕"),
        ("计划生肓", "计划生肓", "计划生育"),
    ]
    assert found(MISTAKES, "计划 生肓，〔2026〕12号，[20265]") == []


def test_the_excerpt_shows_the_word_in_its_context():
    (match,) = SENSITIVE.find("会上有人提到了法 轮功的问题，随即被制止")
    assert match.excerpt == "会上有人提到了【法 轮功】的问题，随即被制止"
    (match,) = SENSITIVE.find("第一段很长很长很长很长很长很长的文字\n里有坏词，后面还有很长很长很长很长很长的文字")
    assert match.excerpt == "…很长很长很长的文字 里有【坏词】，后面还有很长很长很长很…"


def test_hostile_input():
    assert found(SENSITIVE, "") == []
    assert found(SENSITIVE, "\x00\ud800" + "𠀀" * 10 + "\U0010ffff") == []
    long_text = "计生协" * 300_000 + "坏 词"
    assert found(SENSITIVE, long_text) == [("坏词", "坏 词", "")]
    assert WordMatcher([("   ", ""), ("！！", "")], drop_separators=True).find("   ！！") == []


@given(st.text(max_size=200))
def test_any_text_is_checked_without_error_and_every_match_is_in_it(text):
    for match in SENSITIVE.find(text) + MISTAKES.find(text):
        assert match.found and match.found in text


def test_a_thousand_word_list_on_a_long_page_is_checked_in_well_under_a_second():
    """The benchmark (tests/perf/bench_checks.py) measures this; here only a loose bound a loaded machine meets."""
    words = [(f"词{number:04d}", f"正{number:04d}") for number in range(1000)]
    sensitive = WordMatcher(words, drop_separators=True)
    mistakes = WordMatcher(words, drop_separators=False, digit_wildcard=True)
    text = "计划生育协会开展生育关怀活动，" * 6000 + "词 0 4 2 7"
    start = time.perf_counter()
    assert [match.word for match in sensitive.find(text)] == ["词0427"]
    assert mistakes.find(text) == []
    assert time.perf_counter() - start < 2
