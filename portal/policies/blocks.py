"""The clause block of a policy text's body: 第X章, 第X条, 一、, (一), 1. kept as structure, not as loose text."""

import re

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from portal.core.blocks import RICH_TEXT_FEATURES, body_blocks

CHINESE_NUMERAL = "[一二三四五六七八九十百零〇两]+"

# level: (label, pattern the number must match, example)
CLAUSE_LEVELS = {
    "chapter": ("章（第X章）", rf"^第({CHINESE_NUMERAL}|\d+)章$", "第一章"),
    "article": ("条（第X条）", rf"^第({CHINESE_NUMERAL}|\d+)条$", "第三条"),
    "section": ("一级（一、）", rf"^{CHINESE_NUMERAL}、$", "一、"),
    "subsection": ("二级（(一)）", rf"^[(（]{CHINESE_NUMERAL}[)）]$", "(一)"),
    "item": ("三级（1.）", r"^\d+[.．、]$", "1."),
}


class ClauseBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(
        label="层级", choices=[(key, label) for key, (label, _pattern, _example) in CLAUSE_LEVELS.items()]
    )
    number = blocks.CharBlock(label="序号", max_length=20, help_text="照原文填写，如“第三条”“一、”“(一)”“1.”")
    heading = blocks.CharBlock(label="标题", required=False, max_length=120, help_text="如“总则”“工作目标”；条文可不填")
    text = blocks.RichTextBlock(label="内容", required=False, features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "list-ol"
        label = "条款"
        template = "policies/blocks/clause.html"

    def clean(self, value):
        value = super().clean(value)
        level = value.get("level")
        if level in CLAUSE_LEVELS:
            label, pattern, example = CLAUSE_LEVELS[level]
            if not re.match(pattern, value.get("number", "").strip()):
                raise StructBlockValidationError(
                    {"number": ValidationError(f"“{label}”的序号应写成“{example}”这样的格式")}
                )
        return value


def policy_body_blocks():
    """The article body blocks plus clauses."""
    return [("clause", ClauseBlock()), *body_blocks()]
