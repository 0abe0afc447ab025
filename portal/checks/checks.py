"""The pre-publish check of a page form: every text the editor can write (title, summary, other text fields, each
StreamField block, each inline row such as an experience figure's 原文指标 and 原文句子) against the word lists.

A sensitive word stops 提交审核, 审核通过 and 发布 with an error at its place; saving a draft with one is allowed
(with a warning), so no work is lost. A common mistake never stops anything: after the save the editor is told where
it is and what to write instead. What was caught is recorded (CheckRecord) for the report."""

import html
import re
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import RichText

from portal.core.cache import remembered

from .matching import Match, matcher_for
from .models import CheckRecord, CommonMistake, SensitiveWord

BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|td|th)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")
NOT_PROSE = (forms.SlugField, forms.URLField, forms.EmailField)
NOT_PROSE_COLUMNS = (models.SlugField, models.URLField, models.EmailField)
PAGE_PROSE = {"title", "seo_title", "search_description"}  # Wagtail's own Page columns a reader sees
MAX_MESSAGES = 20  # a page pasted with hundreds of mistakes: the first ones, and how many more


@dataclass(frozen=True)
class Finding:
    kind: str  # CheckRecord.Kind
    match: Match
    place: str  # where the editor finds it: 摘要, 正文第3块「段落」, 数字第2行 · 原文句子
    field: str | None  # the form field to show the error on, when the place is a plain field

    def message(self):
        if self.kind == CheckRecord.Kind.SENSITIVE:
            return f"{self.place}有敏感词“{self.match.found}”：{self.match.excerpt}。请删除或改写后再提交。"
        return f"{self.place}：“{self.match.found}”应为“{self.match.suggestion}”（{self.match.excerpt}）"


def sensitive_matcher():
    words = remembered("sensitive-words", lambda: tuple(SensitiveWord.objects.values_list("word", flat=True)))
    return matcher_for(tuple((word, "") for word in words), True)


def mistake_matcher():
    entries = tuple(CommonMistake.objects.values_list("wrong", "correct"))
    return matcher_for(entries, False, True)


def find_words(places):
    """Findings in [(place, field name or None, text)], sensitive words first."""
    sensitive, mistakes = sensitive_matcher(), mistake_matcher()
    found = []
    for kind, matcher in ((CheckRecord.Kind.SENSITIVE, sensitive), (CheckRecord.Kind.MISTAKE, mistakes)):
        for place, field, text in places:
            found.extend(Finding(kind, match, place, field) for match in matcher.find(text))
    return found


def form_texts(form):
    """(place, field name or None, text) for each text the editor wrote in the page form and its inline rows."""
    cleaned = getattr(form, "cleaned_data", {})
    for name, field in form.fields.items():
        value = cleaned.get(name)
        label = str(field.label or name)
        if isinstance(value, StreamValue):
            for place, text in stream_texts(value, label):
                yield place, None, text
        elif isinstance(value, str) and isinstance(field, forms.CharField) and not isinstance(field, NOT_PROSE):
            yield label, name, value
    for name, formset in getattr(form, "formsets", {}).items():
        if name == "comments":  # reviewers' comments are not published
            continue
        formset.is_valid()
        rows = [row for row in formset.forms if getattr(row, "cleaned_data", None)]
        rows = [row for row in rows if not row.cleaned_data.get("DELETE")]
        for number, row in enumerate(rows, 1):
            row_label = f"{row._meta.model._meta.verbose_name}第{number}行"
            for place, _field, text in form_texts(row):
                yield f"{row_label} · {place}", None, text


def object_texts(obj):
    """(place, None, text) for each text of a page as it would be published (a revision's object) and of its
    inline rows: what `form_texts` reads from the editor's form, read from the object instead."""
    for field in obj._meta.concrete_fields:
        if field.model is Page and field.name not in PAGE_PROSE:
            continue
        value = getattr(obj, field.attname, None)
        label = str(field.verbose_name)
        if isinstance(value, StreamValue):
            for place, text in stream_texts(value, label):
                yield place, None, text
        elif isinstance(field, RichTextField) and value:
            yield label, None, plain_text(value)
        elif value and isinstance(field, models.CharField | models.TextField) and not is_setting(field):
            yield label, None, value
    for relation in get_all_child_relations(obj):
        if relation.get_accessor_name() == "wagtail_admin_comments":  # reviewers' comments are not published
            continue
        for number, row in enumerate(getattr(obj, relation.get_accessor_name()).all(), 1):
            for place, _field, text in object_texts(row):
                yield f"{row._meta.verbose_name}第{number}行 · {place}", None, text


def is_setting(field):
    return bool(field.choices) or isinstance(field, NOT_PROSE_COLUMNS)


def sensitive_word_blockers(obj):
    """Why the page may not go out for its sensitive words, one line a finding (approving from the dashboard, bulk
    发布 and the admin API never pass through the editor's form, and a word may have been listed since)."""
    matcher = sensitive_matcher()
    findings = [
        Finding(CheckRecord.Kind.SENSITIVE, match, place, None)
        for place, _f, text in object_texts(obj)
        for match in matcher.find(text)
    ]
    lines = [finding.message() for finding in findings[:MAX_MESSAGES]]
    if len(findings) > MAX_MESSAGES:
        lines.append(f"另有{len(findings) - MAX_MESSAGES}处敏感词未列出。")
    return lines


def plain_text(rich_html):
    """A rich text's words, a line a block, as the reader sees them."""
    return html.unescape(TAG.sub("", BLOCK_END.sub("\n", rich_html)))


def stream_texts(stream, place):
    for number, child in enumerate(stream, 1):
        yield from block_texts(child.value, child.block, f"{place}第{number}块「{child.block.label}」")


def block_texts(value, block, place):
    if isinstance(value, RichText):
        yield place, plain_text(value.source)
    elif isinstance(value, StreamValue):
        yield from stream_texts(value, place)
    elif isinstance(value, StructValue):
        for name, item in value.items():
            child_block = value.block.child_blocks[name]
            yield from block_texts(item, child_block, f"{place} · {child_block.label}")
    elif isinstance(value, (ListValue, list)):
        child_block = getattr(block, "child_block", None)
        for number, item in enumerate(value, 1):
            yield from block_texts(item, child_block, f"{place}第{number}项")
    elif isinstance(value, dict):  # a table: its caption and cells
        cells = [value.get("table_caption") or ""]
        cells += [str(cell) for row in value.get("data") or [] for cell in row or [] if cell]
        yield place, "\n".join(cells)
    elif isinstance(value, str):
        yield place, value


def form_action(data):
    if data.get("action-publish"):
        return CheckRecord.Action.PUBLISH
    if data.get("action-submit") or data.get("action-restart-workflow"):
        return CheckRecord.Action.SUBMIT
    if data.get("action-workflow-action") and str(data.get("workflow-action-name", "")).startswith("approve"):
        return CheckRecord.Action.APPROVE
    return CheckRecord.Action.SAVE


def check_page_form(form):
    """Called from the page form's clean(): errors for sensitive words when the page is going out, the rest kept on
    the page for `tell_editor` once it is saved."""
    findings = find_words(list(form_texts(form)))
    if not findings:
        return
    action = form_action(form.data)
    sensitive = [finding for finding in findings if finding.kind == CheckRecord.Kind.SENSITIVE]
    if sensitive and action != CheckRecord.Action.SAVE:
        for finding in sensitive[:MAX_MESSAGES]:
            field = finding.field if finding.field in form.cleaned_data else None
            form.add_error(field, finding.message())
        if len(sensitive) > MAX_MESSAGES:
            form.add_error(None, f"另有{len(sensitive) - MAX_MESSAGES}处敏感词未列出。")
        record(form.instance, form.data.get("title") or form.instance.title, form.for_user, action, findings)
    else:
        form.instance.check_findings = (action, findings)


def record(page, title, user, action, findings):
    blocked = action != CheckRecord.Action.SAVE
    CheckRecord.objects.bulk_create(
        CheckRecord(
            page=page if page.pk else None,
            page_title=(title or "")[:255],
            user=user if user and user.pk else None,
            action=action,
            kind=finding.kind,
            word=finding.match.word[:50],
            found=finding.match.found[:200],
            suggestion=finding.match.suggestion[:100],
            place=finding.place[:200],
            excerpt=finding.match.excerpt,
            blocked=blocked and finding.kind == CheckRecord.Kind.SENSITIVE,
        )
        for finding in findings
    )


def tell_editor(request, page):
    """after_create_page / after_edit_page: warn about what the save let through, and record it (not for autosave,
    which would tell and record the same words every few seconds while the editor types)."""
    stash = getattr(page, "check_findings", None)
    if not stash or not request.accepts("text/html"):
        return
    action, findings = stash
    record(page, page.title, request.user, action, findings)
    for finding in findings[:MAX_MESSAGES]:
        if finding.kind == CheckRecord.Kind.SENSITIVE:
            messages.error(request, f"草稿已保存，但提交审核和发布前必须处理：{finding.message()}")
        else:
            messages.warning(request, f"发现易错词，请核对：{finding.message()}")
    if len(findings) > MAX_MESSAGES:
        messages.warning(request, f"另有{len(findings) - MAX_MESSAGES}处未列出，见“报告 → 发布前检查记录”。")
