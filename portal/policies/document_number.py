"""发文字号 parsing: 机关代字〔年份〕序号号, e.g. 云计生协发〔2023〕5号. Pure Python, never raises.

Brackets seen in the wild: 〔〕 (the standard, GB/T 9704), [] () （） 【】 ［］ and 〈〉; full-width digits and stray
spaces are normalised. Anonymised templates put placeholders where the year or serial was (〔XX〕, 〔20xx〕, XX号,
〔年〕): such numbers are kept, with the parts that could be read, and marked as placeholders. Anything else that
does not fit the pattern is kept raw and marked invalid.
"""

import re
import unicodedata
from dataclasses import dataclass

OPENING_BRACKETS = "〔[(（【［〈<"
CLOSING_BRACKETS = "〕])）】］〉>"
PLACEHOLDER_CHARS = "XxＸｘ*＊_＿?？○某年"
EARLIEST_YEAR = 1949
LATEST_YEAR = 2100

NUMBER_PATTERN = re.compile(
    rf"""
    ^(?P<agency>[^{re.escape(OPENING_BRACKETS + CLOSING_BRACKETS)}]*)
    [{re.escape(OPENING_BRACKETS)}](?P<year>[^{re.escape(OPENING_BRACKETS + CLOSING_BRACKETS)}]*)
    [{re.escape(CLOSING_BRACKETS)}]
    第?(?P<serial>[^号]*)号$
    """,
    re.VERBOSE,
)
YEAR_PLACEHOLDER = re.compile(rf"^\d{{0,3}}[{re.escape(PLACEHOLDER_CHARS)}]+$")
SERIAL_PLACEHOLDER = re.compile(rf"^[{re.escape(PLACEHOLDER_CHARS)}]+$")


@dataclass(frozen=True)
class DocumentNumber:
    """A parsed 发文字号. `valid` only when agency, year and serial were all read; `raw` is always the input."""

    raw: str
    agency_code: str = ""
    year: int | None = None
    serial: int | None = None
    placeholder: bool = False
    valid: bool = False

    def __str__(self):
        """The number in the standard form: 〔〕 brackets, ASCII digits; the raw text when it could not be read."""
        if not self.valid:
            return self.raw
        return f"{self.agency_code}〔{self.year}〕{self.serial}号"


def normalise(raw):
    """Full-width digits and brackets to their usual forms (NFKC), every kind of space removed."""
    text = unicodedata.normalize("NFKC", raw)
    return "".join(char for char in text if not char.isspace())


def read_year(text):
    """(year or None, is_placeholder) for the part inside the brackets."""
    if text.isascii() and text.isdigit() and len(text) == 4 and EARLIEST_YEAR <= int(text) <= LATEST_YEAR:
        return int(text), False
    return None, bool(text == "" or YEAR_PLACEHOLDER.match(text))


def read_serial(text):
    """(serial or None, is_placeholder) for the part before 号."""
    if text.isascii() and text.isdigit() and len(text) <= 5 and int(text) > 0:
        return int(text), False
    return None, bool(text == "" or SERIAL_PLACEHOLDER.match(text))


def parse_document_number(raw):
    """Parse any string into a DocumentNumber; what cannot be read stays in `raw` with `valid=False`."""
    raw = "" if raw is None else str(raw)
    match = NUMBER_PATTERN.match(normalise(raw))
    if match is None:
        return DocumentNumber(raw=raw)
    agency_code = match["agency"]
    year, year_placeholder = read_year(match["year"])
    serial, serial_placeholder = read_serial(match["serial"])
    placeholder = year_placeholder or serial_placeholder
    valid = bool(agency_code) and year is not None and serial is not None
    return DocumentNumber(raw, agency_code, year, serial, placeholder, valid)
