"""The project's own translations (locale/zh_Hans): the committed .mo files say what the .po files say, every msgid is
one Wagtail really uses, and the admin shows them."""

import ast
import gettext
import json
import re
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
WAGTAIL_DIR = Path(wagtail.__file__).parent
DOMAINS = ["django", "djangojs"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
MARKUP = re.compile(r"<[^>]+>|&\w+;")
ENGLISH_KEPT = {"Wagtail", "API", "JavaScript"}


def po_entries(path):
    """The entries of a .po file as (msgctxt, msgid, msgid_plural, msgstr) — just enough of the format for Django's
    catalogs: no obsolete entries, no fuzzy flags (the project's files have neither)."""
    entries, current, field = [], {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        keyword = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[0\])?) (\".*\")$", line)
        if keyword:
            if keyword[1] in ("msgctxt", "msgid") and "msgstr" in current:
                entries.append(current)
                current = {}
            field = "msgstr" if keyword[1].startswith("msgstr") else keyword[1]
            current[field] = ast.literal_eval(keyword[2])
        elif line.startswith('"'):
            current[field] += ast.literal_eval(line)
    if "msgstr" in current:
        entries.append(current)
    return [(e.get("msgctxt"), e["msgid"], e.get("msgid_plural"), e["msgstr"]) for e in entries if e["msgid"]]


def mo_key(msgctxt, msgid, msgid_plural):
    key = f"{msgctxt}\x04{msgid}" if msgctxt else msgid
    return (key, 0) if msgid_plural else key


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_committed_mo_file_is_compiled_from_the_po_file(domain):
    entries = po_entries(LOCALE_DIR / f"{domain}.po")
    with open(LOCALE_DIR / f"{domain}.mo", "rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    compiled = {key: text for key, text in catalog.items() if key != ""}
    expected = {mo_key(ctx, msgid, plural): text for ctx, msgid, plural, text in entries}
    assert compiled == expected, "locale/ 下的 .mo 与 .po 不一致：运行 make messages 后一起提交"


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_msgid_is_copied_exactly_from_wagtail(domain):
    wagtail_msgids = set()
    for english in WAGTAIL_DIR.glob(f"**/locale/en/LC_MESSAGES/{domain}.po"):
        wagtail_msgids |= {(ctx, msgid) for ctx, msgid, _plural, _text in po_entries(english)}
    ours = {(ctx, msgid) for ctx, msgid, _plural, _text in po_entries(LOCALE_DIR / f"{domain}.po")}
    assert ours - wagtail_msgids == set()


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_translation_is_chinese_and_keeps_the_placeholders(domain):
    for _ctx, msgid, plural, text in po_entries(LOCALE_DIR / f"{domain}.po"):
        words = set(re.findall(r"[A-Za-z]{2,}", MARKUP.sub("", PLACEHOLDER.sub("", text))))
        assert text and words <= ENGLISH_KEPT, msgid
        assert set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(msgid + (plural or ""))), msgid


def test_the_project_translation_wins_over_wagtails_own():
    with translation.override("zh-hans"):
        assert translation.gettext("Privacy and access") == "隐私与访问"
        assert translation.gettext("%(label)s and Publish") % {"label": "批准"} == "批准并发布"
        assert translation.gettext("Page '%(page_title)s' created.") % {"page_title": "通知"} == "已创建草稿：“通知”。"


def test_the_admin_javascript_catalog_carries_the_translations(admin_client):
    response = admin_client.get(f"/{settings.WAGTAILADMIN_PATH}jsi18n/")
    assert response.status_code == 200
    assert json.dumps("插入内容块") in response.content.decode()
