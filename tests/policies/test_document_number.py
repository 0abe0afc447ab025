import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.policies.document_number import DocumentNumber, parse_document_number

FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
BRACKETS = [("〔", "〕"), ("[", "]"), ("(", ")"), ("（", "）"), ("【", "】"), ("［", "］")]


@pytest.mark.parametrize(
    ("raw", "agency", "year", "serial"),
    [
        ("某计生协〔2024〕12号", "某计生协", 2024, 12),
        ("云计生协发〔2023〕5号", "云计生协发", 2023, 5),
        ("国办发〔2016〕1号", "国办发", 2016, 1),
        ("某计生协[2024]12号", "某计生协", 2024, 12),
        ("某计生协(2024)12号", "某计生协", 2024, 12),
        ("某计生协（2024）12号", "某计生协", 2024, 12),
        ("某计生协【2024】12号", "某计生协", 2024, 12),
        ("某计生协［2024］12号", "某计生协", 2024, 12),
        ("某计生协（２０２４）１２号", "某计生协", 2024, 12),
        (" 国办发 〔 2016 〕 1 号 ", "国办发", 2016, 1),
        ("国办发\u3000〔2016〕\u00a01号", "国办发", 2016, 1),
        ("青计生协〔2025〕第6号", "青计生协", 2025, 6),
        ("云卫健〔2025〕007号", "云卫健", 2025, 7),
    ],
)
def test_standard_and_variant_forms_are_read(raw, agency, year, serial):
    number = parse_document_number(raw)
    assert (number.agency_code, number.year, number.serial) == (agency, year, serial)
    assert number.valid and not number.placeholder
    assert number.raw == raw
    assert str(number) == f"{agency}〔{year}〕{serial}号"


@pytest.mark.parametrize(
    ("raw", "agency", "year", "serial"),
    [
        ("闽委办〔XX〕56号", "闽委办", None, 56),
        ("某计生协〔20xx〕3号", "某计生协", None, 3),
        ("某计生协〔2024〕XX号", "某计生协", 2024, None),
        ("某计生协〔ＸＸ〕ＸＸ号", "某计生协", None, None),
        ("某计生协〔年〕8号", "某计生协", None, 8),
        ("某计生协〔〕8号", "某计生协", None, 8),
        ("某计生协〔20__〕8号", "某计生协", None, 8),
        ("白计生协〔2026〕 号", "白计生协", 2026, None),
    ],
)
def test_placeholders_are_kept_and_marked(raw, agency, year, serial):
    number = parse_document_number(raw)
    assert (number.agency_code, number.year, number.serial) == (agency, year, serial)
    assert number.placeholder and not number.valid
    assert number.raw == raw and str(number) == raw


@pytest.mark.parametrize(
    "raw",
    [
        "省12号文件",
        "",
        "无",
        "〔2024〕1号",
        "某[24]1号",
        "某〔1850〕1号",
        "某〔2024〕0号",
        "某〔2024〕12",
        "某〔2024〕12号文",
        "某〔2024〔1号",
    ],
)
def test_unreadable_numbers_are_kept_raw_and_invalid(raw):
    number = parse_document_number(raw)
    assert not number.valid
    assert number.raw == raw and str(number) == raw


def test_none_is_an_empty_number():
    assert parse_document_number(None) == DocumentNumber(raw="")


@given(st.text())
def test_any_text_is_parsed_without_error_and_never_lost(raw):
    number = parse_document_number(raw)
    assert number.raw == raw
    assert number.valid == (bool(number.agency_code) and number.year is not None and number.serial is not None)


@given(
    st.text(alphabet="〔〕[]()（）【】［］〈〉<>号第年XxＸ*_0123456789０１２３４５６７８９ 　某计生协发", max_size=30)
)
def test_bracket_soup_is_parsed_without_error(raw):
    assert parse_document_number(raw).raw == raw


agencies = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=10)
spaces = st.sampled_from(["", " ", "\u3000"])


@given(
    agency=agencies,
    year=st.integers(1949, 2100),
    serial=st.integers(1, 99999),
    brackets=st.sampled_from(BRACKETS),
    space=spaces,
    full_width=st.booleans(),
)
def test_valid_forms_round_trip(agency, year, serial, brackets, space, full_width):
    opening, closing = brackets
    digits = str.maketrans({}) if not full_width else FULL_WIDTH_DIGITS
    raw = f"{agency}{space}{opening}{str(year).translate(digits)}{closing}{space}{str(serial).translate(digits)}号"
    number = parse_document_number(raw)
    assert (number.agency_code, number.year, number.serial, number.valid) == (agency, year, serial, True)
    again = parse_document_number(str(number))
    assert (again.agency_code, again.year, again.serial, again.valid) == (agency, year, serial, True)
    assert str(again) == str(number)
