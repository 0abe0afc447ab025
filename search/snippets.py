"""A result's snippet: the page's own words around the best match, query words in <mark>, everything else escaped.

The text comes from the page's indexed fields, but StreamField values are walked block by block and only what a
reader sees is kept: choice values (a clause's 层级 “条（第X条）”, a heading's 级别 “二级标题（一、）”) are editor
settings, not text. Sentences that already appeared (a summary repeated as the 导语 and as the first paragraph)
are kept once.
"""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.search import index

SNIPPET_CHARS = 120
SHOWN_ELSEWHERE = {"title", "document_number", "index_number"}  # the result line shows them already
SENTENCE_MARKS = "。！？；!?;"
SENTENCE = re.compile(rf"[^{SENTENCE_MARKS}\n]*[{SENTENCE_MARKS}\n]?")
NOT_A_LETTER = re.compile(r"[\W_]+")
DOTTED_SEPARATORS = "[.．·•・‧]"


def block_text(block, value):
    """What a reader sees of one block's value: its text leaves, without choice values."""
    if value is None:
        return []
    if isinstance(block, blocks.ChoiceBlock | blocks.MultipleChoiceBlock):
        return []
    if isinstance(block, blocks.StructBlock):
        return [text for name, child in block.child_blocks.items() for text in block_text(child, value.get(name))]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in block_text(block.child_block, item)]
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in block_text(child.block, child.value)]
    return [strip_tags(str(text)) for text in block.get_searchable_content(value)]


def field_text(page, field):
    """One indexed field's text; a StreamField block by block."""
    stream = getattr(page, field.field_name, None)
    if isinstance(stream, StreamValue):
        return [text for child in stream for text in block_text(child.block, child.value)]
    value = field.get_value(page)
    return [str(part) for part in (value if isinstance(value, list) else [value]) if part]


def page_text(page):
    """The page's indexed text other than its title, each sentence once, whitespace collapsed."""
    parts = []
    for field in page.get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name not in SHOWN_ELSEWHERE:
            parts.extend(field_text(page, field))
    return join_sentences(unique_sentences(parts))


def unique_sentences(parts):
    """The sentences of the text parts (a field, a block), dropping any whose letters already appeared."""
    kept, seen = [], ""
    for part in parts:
        for sentence in SENTENCE.findall(" ".join(part.split())):
            letters = NOT_A_LETTER.sub("", sentence)
            if letters and letters not in seen:
                kept.append(sentence.strip())
                seen += letters + "|"
    return kept


def join_sentences(sentences):
    """Chinese sentences follow each other without a space; a space after a Latin letter or digit, and after a
    piece that ends without a sentence mark (a heading, a clause number, a short field: 第一章 总则 第一条 …)."""
    text = ""
    for sentence in sentences:
        text += (" " if text and (text[-1].isascii() or text[-1] not in SENTENCE_MARKS) else "") + sentence
    return text


def terms_pattern(terms):
    """One regex for all terms, longest first, case-insensitive, any spelling of 5·29."""
    shown = [term for term in terms if len(term) > 1] or terms
    alternatives = [re.escape(term).replace("·", DOTTED_SEPARATORS) for term in sorted(shown, key=len, reverse=True)]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def best_start(text, pattern, width):
    """Where a window of `width` characters covering the most distinct query words begins: at a sentence start,
    or a little before the first match when that would fall outside the window."""
    best, best_score = 0, (-1, 0)
    for sentence in re.finditer(r"(?:^|(?<=[。！？；!?;]))\s*", text):
        start = sentence.end()
        matches = [match.group().lower() for match in pattern.finditer(text, start, start + width)]
        score = (len(set(matches)), len(matches))
        if score > best_score:
            best, best_score = start, score
    first = pattern.search(text, best)
    if first and first.end() > best + width * 3 // 4:
        best = max(0, first.start() - width // 4)
    return best


def highlight(text, pattern, width=None):
    """Escaped text (a window of `width` characters around the best match) with the matches in <mark>."""
    start = best_start(text, pattern, width) if width is not None else 0
    end = len(text) if width is None else start + width
    excerpt = text[start:end]
    html, position = [], 0
    for match in pattern.finditer(excerpt):
        html += [escape(excerpt[position : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        position = match.end()
    html.append(escape(excerpt[position:]))
    # Safe: every piece of page text above went through escape(); only <mark> tags are ours.
    marked = "".join(html).replace("</mark><mark>", "")  # adjacent query words read as one highlight
    return mark_safe(("…" if start else "") + marked + ("…" if end < len(text) else ""))
