"""Text typed or imported by people outside the office, cleaned before it is stored: the public forms
(portal.interaction) and the Word/text importer (portal.importer) both use `clean_text`."""

import re
import unicodedata

# Control, format (zero-width, bidi overrides), surrogate, private-use and unassigned code points: invisible or
# misleading in an inbox, an admin list or a feed (U+202E reverses what follows it), never needed in a text.
# Newlines and tabs are kept in multi-line text.
DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
KEPT_CONTROLS = {"\n", "\t"}
BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(value, *, multiline=False):
    """NFC, without invisible or control characters, trimmed; one line unless `multiline`."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    kept = "".join(char for char in value if not is_invisible(char))
    if not multiline:
        return " ".join(kept.split())
    lines = [line.strip() for line in kept.split("\n")]
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def is_invisible(char):
    """A character `clean_text` drops."""
    return char not in KEPT_CONTROLS and unicodedata.category(char) in DROPPED_CATEGORIES


def count_invisible(value):
    """How many characters `clean_text` drops from `value` (newlines as "\\r\\n" or "\\r" count as one newline)."""
    return sum(map(is_invisible, value.replace("\r\n", "\n").replace("\r", "\n")))
