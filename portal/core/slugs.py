"""Short, readable page addresses: a Chinese title becomes pinyin words (云溪市召开计生协工作会议 →
yunxishi-zhaokai-jishengxie-gongzuo-huiyi), at most SLUG_MAX_LENGTH characters, unique among its siblings."""

import re
import unicodedata

import rjieba
from django.contrib import messages
from django.utils.text import slugify
from pypinyin import lazy_pinyin

SLUG_MAX_LENGTH = 50
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def pinyin_slug(text, max_length=SLUG_MAX_LENGTH):
    """ASCII words joined by hyphens: each jieba word of Chinese as its toneless pinyin, Latin letters and digits as
    written; cut at a word boundary to max_length. Empty if the text has no letters, digits or Chinese."""
    text = unicodedata.normalize("NFKC", text)[:1000]  # a slug never needs more, and jieba is linear in the input
    words = []
    for word in rjieba.cut(text):
        if HAN.search(word):
            word = "".join(lazy_pinyin(word, errors="ignore"))
        words.extend(part for part in slugify(word).split("-") if part)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or "-".join(words)[:max_length].strip("-")


def free_slug(base, parent, page=None):
    """`base`, or `base-2`, `base-3`… : the first one no other child of `parent` uses (one query)."""
    siblings = parent.get_children().filter(slug__startswith=base)
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.values_list("slug", flat=True))
    if base not in taken:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = base[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        if candidate not in taken and (
            candidate.startswith(base) or not parent.get_children().filter(slug=candidate).exists()
        ):
            return candidate
        number += 1


def assign_slug(form):
    """Before the page form's own checks: a new or changed slug becomes pinyin if it has Chinese in it (or the title's
    pinyin if it is empty), and gets a number when a sibling already has it, instead of Wagtail's error in English.
    An unchanged slug stays as it is: a published page keeps its address."""
    if "slug" not in form.cleaned_data or form.parent_page is None:
        return
    page = form.instance
    slug = form.cleaned_data["slug"] or ""
    if page.pk and slug == page.slug:
        return
    source = slug or form.cleaned_data.get("title") or ""
    wanted = slug if slug and slug.isascii() else pinyin_slug(source)
    if not wanted:
        return  # nothing readable in it: Wagtail's own rules apply
    chosen = free_slug(wanted, form.parent_page, page)
    form.cleaned_data["slug"] = chosen
    if chosen != wanted:
        page.slug_note = f"同一栏目下已有网址为“{wanted}”的页面，本页网址改为“{chosen}”。"


def tell_editor_about_slug(request, page):
    """after_create_page / after_edit_page hook: say when the address got a number (not for autosave)."""
    note = getattr(page, "slug_note", None)
    if note and request.accepts("text/html"):
        messages.info(request, note)
