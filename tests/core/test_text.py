"""portal.core.text.clean_text: what the public forms and the importer store of a person's text."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from portal.core.text import clean_text, count_invisible


@given(st.text())
def test_cleaned_text_has_no_invisible_characters_and_cleaning_twice_changes_nothing(value):
    for multiline in (False, True):
        cleaned = clean_text(value, multiline=multiline)
        allowed = {"\n", "\t"} if multiline else set()
        assert all(char in allowed or unicodedata.category(char)[0] != "C" for char in cleaned)
        assert clean_text(cleaned, multiline=multiline) == cleaned


def test_direction_marks_and_zero_width_characters_go_emoji_and_chinese_punctuation_stay():
    text = "白水镇\u202e2026\u200f年“婚育新风”材料\u2066：会员\u00ad活动——《通知》，你来吗？😀\ufeff"
    assert clean_text(text) == "白水镇2026年“婚育新风”材料：会员活动——《通知》，你来吗？😀"
    assert count_invisible(text) == 5
    assert clean_text("第一行\r\n\t第二行\u200b", multiline=True) == "第一行\n第二行"
