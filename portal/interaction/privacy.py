"""Text from the public: cleaned before it is stored, and personal data masked wherever it is shown or logged."""

import re
import unicodedata

# Control, format (zero-width, bidi overrides), surrogate, private-use and unassigned code points: invisible or
# misleading in an inbox, never needed in a message. Newlines and tabs are kept in multi-line text.
DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
KEPT_CONTROLS = {"\n", "\t"}
BLANK_LINES = re.compile(r"\n{3,}")

MOBILE = re.compile(r"(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])")
ID_CARD = re.compile(r"(?<![0-9])([1-9][0-9]{5})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9A-Za-z])")


def clean_text(value, *, multiline=False):
    """NFC, without invisible or control characters, trimmed; one line unless `multiline`."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    kept = "".join(
        char for char in value if char in KEPT_CONTROLS or unicodedata.category(char) not in DROPPED_CATEGORIES
    )
    if not multiline:
        return " ".join(kept.split())
    lines = [line.strip() for line in kept.split("\n")]
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def mask_phone(phone):
    """13812341234 → 138****1234; a short number keeps only its last two digits."""
    digits = re.sub(r"[^0-9]", "", phone or "")
    if not digits:
        return ""
    if len(digits) >= 8:
        return digits[:3] + "****" + digits[-4:]
    return "*" * (len(digits) - 2) + digits[-2:]


def mask_email(email):
    """zhang.san@example.com → z***@example.com"""
    if not email:
        return ""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def mask_name(name):
    """张三 → 张*, 欧阳娜娜 → 欧***"""
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)


def mask_in_text(text):
    """Mobile and ID-card numbers a visitor typed into a message, masked before it is shown publicly."""
    text = MOBILE.sub(r"\1****\2", text)
    return ID_CARD.sub(r"\1********\2", text)
