"""StreamField blocks shared by the domain apps' bodies."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link", "superscript", "subscript"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="标题文字", max_length=120)
    level = blocks.ChoiceBlock(
        label="级别",
        choices=[("h2", "二级标题（一、）"), ("h3", "三级标题（(一)）"), ("h4", "四级标题（1.）")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "小标题"
        template = "blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    caption = blocks.CharBlock(label="图片说明", required=False, max_length=200)
    alt = blocks.CharBlock(
        label="替代文字", required=False, max_length=200, help_text="给读屏软件用户描述图片内容；留空则使用图片标题"
    )

    class Meta:
        icon = "image"
        label = "图片"
        template = "blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    source = blocks.CharBlock(label="出处", required=False, max_length=100)

    class Meta:
        icon = "openquote"
        label = "引用"
        template = "blocks/quote.html"


TABLE_OPTIONS = {"contextMenu": True, "startRows": 3, "startCols": 3, "language": "zh-cn"}


def body_blocks():
    """The block list for an article body; a fresh list each call so pages can add their own blocks."""
    return [
        ("paragraph", blocks.RichTextBlock(label="段落", features=RICH_TEXT_FEATURES)),
        ("heading", HeadingBlock()),
        ("image", CaptionedImageBlock()),
        ("quote", QuoteBlock()),
        ("table", TableBlock(label="表格", table_options=TABLE_OPTIONS)),
        ("embed", EmbedBlock(label="嵌入媒体", help_text="视频等外部媒体的网址")),
    ]
