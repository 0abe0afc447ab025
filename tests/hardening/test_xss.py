"""Every text field and StreamField block of every page type (and the snippets and units they show) gets each
XSS payload; the pages, their listings, feeds and search must render it inert."""

import pytest
from django.core.cache import cache
from django.db import models
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.documents.models import Document
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail.snippets.models import get_snippet_models

from portal.core.models import OrgUnit
from portal.demo.build import demo_image

from .site import load_demo_site, one_page_per_type, public_urls
from .xss import PAYLOADS, assert_inert, live_markup

# Fields that are identifiers or system data, not text an editor or a township writes.
SYSTEM_FIELDS = {"slug", "url_path", "path", "draft_title", "code", "content_type", "live_revision", "locale"}


def text_fields(model):
    for field in model._meta.concrete_fields:
        if field.name in SYSTEM_FIELDS or field.choices or not field.editable:
            continue
        if isinstance(field, models.CharField | models.TextField):
            yield field


def payload_for_field(field, payload, instance):
    if isinstance(field, models.URLField):
        return "javascript:alert('xss-url')"
    if isinstance(field, RichTextField):
        return f"<p>{payload}</p>"
    suffix = f"#{instance.pk}" if field.unique else ""
    return payload[: field.max_length - len(suffix)] + suffix if field.max_length else payload + suffix


def raw_block_value(block, payload, refs):
    """A raw StreamField value for `block` with the payload in every text it holds."""
    if isinstance(block, blocks.StructBlock):
        return {name: raw_block_value(child, payload, refs) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.ListBlock):
        return [raw_block_value(block.child_block, payload, refs)]
    if isinstance(block, blocks.StreamBlock):
        return stream_value(block, payload, refs)
    if isinstance(block, TableBlock):
        return {"data": [[payload, payload], [payload, payload]], "first_row_is_table_header": True,
                "first_col_is_header": True, "table_caption": payload}  # fmt: skip
    if isinstance(block, blocks.RichTextBlock):
        return f"<p>{payload}</p>"
    if isinstance(block, blocks.URLBlock):
        return "javascript:alert('xss-url')"
    if isinstance(block, blocks.ChoiceBlock | blocks.MultipleChoiceBlock):
        value = block.field.choices[-1][0] if block.field.choices else ""
        return [value] if isinstance(block, blocks.MultipleChoiceBlock) else value
    if isinstance(block, blocks.CharBlock | blocks.TextBlock | blocks.RawHTMLBlock | blocks.BlockQuoteBlock):
        max_length = getattr(block.field, "max_length", None)
        return payload[:max_length] if max_length else payload
    if isinstance(block, ImageChooserBlock):
        return refs["image"].pk
    if isinstance(block, DocumentChooserBlock):
        return refs["document"].pk
    if isinstance(block, blocks.PageChooserBlock):
        return refs["page"].pk
    if isinstance(block, SnippetChooserBlock):
        instance = block.target_model.objects.first()
        return instance.pk if instance else None
    if isinstance(block, EmbedBlock):
        return None  # an embed fetches a remote page; its HTML comes from the provider, not from the editor
    return block.get_prep_value(block.get_default())


def stream_value(stream_block, payload, refs):
    children = stream_block.child_blocks.items()
    return [{"type": name, "value": raw_block_value(child, payload, refs)} for name, child in children]


def fill(instance, payload, refs):
    for field in text_fields(type(instance)):
        setattr(instance, field.attname, payload_for_field(field, payload, instance))
    for field in type(instance)._meta.concrete_fields:
        if isinstance(field, StreamField):
            setattr(instance, field.attname, stream_value(field.stream_block, payload, refs))


def save(instance):
    if isinstance(instance, Page):
        instance.save(clean=False)
    else:
        instance.save()


@pytest.fixture
def site(db):
    load_demo_site()
    image = demo_image("xss-test")
    document = Document.objects.create(title="xss", file="documents/xss.txt")
    pages = one_page_per_type()
    refs = {"image": image, "document": document, "page": Page.objects.get(depth=2)}
    snippets = [instance for model in get_snippet_models() for instance in model.objects.all()[:3]]
    units = list(OrgUnit.objects.filter(depth__lte=3))
    return {"pages": pages, "refs": refs, "objects": [image, document, *units, *snippets, *pages]}


def test_payload_list_is_long_enough_and_the_checker_finds_each_payload():
    assert len(PAYLOADS) >= 20
    caught = [payload for payload in PAYLOADS if live_markup(f"<p>{payload}</p>")]
    # Plain-text payloads (a bare javascript: string, template syntax) are harmless unless put in an attribute.
    assert len(caught) >= len(PAYLOADS) - 3


def test_every_payload_in_every_field_and_block_is_rendered_inert(client, site):
    urls = public_urls()
    checked = 0
    # Four payloads per round keeps this quick; short fields get at least the first of the four.
    for start in range(0, len(PAYLOADS), 4):
        group = PAYLOADS[start : start + 4]
        for instance in site["objects"]:
            fill(instance, " ".join(group), site["refs"])
            save(instance)
        cache.clear()
        for url in urls:
            response = client.get(url)
            # 400: sub-URLs such as exports answer "missing parameter" when called bare; never a 500.
            assert response.status_code in {200, 301, 302, 400}, (url, group, response.status_code)
            if response.status_code == 200:
                for payload in group:
                    assert_inert(response.content.decode(), payload, url, response["Content-Type"])
                checked += 1
    rounds = -(-len(PAYLOADS) // 4)
    assert checked >= 0.8 * len(urls) * rounds  # nearly every URL answered a page to check in every round


def test_rich_text_is_cleaned_on_output():
    from wagtail.rich_text import RichText

    html = RichText("<p data-block-key='k1'>好<a href=\"javascript:alert('x')\">链接</a><script>alert(1)</script></p>")
    assert str(html.__html__()) == '<p data-block-key="k1">好<a>链接</a></p>'


@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_query_is_shown_escaped(client, home, payload):
    response = client.get("/search/", {"q": payload})
    assert response.status_code == 200
    assert_inert(response.content.decode(), payload, "/search/")
