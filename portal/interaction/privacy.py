"""Personal data in text from the public, masked wherever it is shown or logged (the text itself is cleaned before it
is stored by portal.core.text.clean_text)."""

import re

MOBILE = re.compile(r"(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])")
ID_CARD = re.compile(r"(?<![0-9])([1-9][0-9]{5})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9A-Za-z])")


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
