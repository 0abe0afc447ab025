"""The word lists editors are checked against, and the record of what the checks caught."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel

from portal.core.fields import optional_link

from .matching import DIGIT, fold_word

WORD_MAX_LENGTH = 50


class SensitiveWord(models.Model):
    """A word that may not go out: a page containing it cannot be submitted, approved or published."""

    word = models.CharField(
        "敏感词",
        max_length=WORD_MAX_LENGTH,
        unique=True,
        help_text="中间夹了空格、标点或写成全角的也能查到，如“法 轮·功”",
    )
    note = models.CharField("说明", max_length=200, blank=True, help_text="为什么列入，供其他管理员参考")
    created_at = models.DateTimeField("添加时间", auto_now_add=True)

    panels = [FieldPanel("word"), FieldPanel("note")]

    class Meta:
        verbose_name = verbose_name_plural = "敏感词"
        ordering = ["word"]

    def __str__(self):
        return self.word

    def clean(self):
        if not fold_word(self.word, drop_separators=True):
            raise ValidationError({"word": "敏感词里至少要有一个汉字、字母或数字"})


class CommonMistake(models.Model):
    """A frequent wrong spelling and its correct form: the editor is warned and shown the correction."""

    wrong = models.CharField(
        "易错写法",
        max_length=WORD_MAX_LENGTH,
        unique=True,
        help_text=f"原样匹配（全角、半角视为相同）；{DIGIT} 代表任意一位数字，如“[####]”查出“[2026]”",
    )
    correct = models.CharField(
        "正确写法",
        max_length=WORD_MAX_LENGTH,
        help_text=f"提示给编辑的写法；{DIGIT} 依次换成查到的数字，如“〔####〕”",
    )
    note = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField("添加时间", auto_now_add=True)

    panels = [FieldPanel("wrong"), FieldPanel("correct"), FieldPanel("note")]

    class Meta:
        verbose_name = verbose_name_plural = "易错词"
        ordering = ["wrong"]

    def __str__(self):
        return f"{self.wrong} → {self.correct}"

    def clean(self):
        errors = {}
        if not fold_word(self.wrong, drop_separators=False).strip():
            errors["wrong"] = "易错写法不能只有空格"
        if self.wrong == self.correct:
            errors["correct"] = "正确写法和易错写法一样"
        if self.correct.count(DIGIT) not in (0, self.wrong.count(DIGIT)):
            errors["correct"] = f"正确写法里的 {DIGIT} 要么不用，要么和易错写法一样多"
        if errors:
            raise ValidationError(errors)


class CheckRecord(models.Model):
    """One word caught in one place of a page, when an editor saved, submitted, approved or published it."""

    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    page = optional_link("wagtailcore.Page", "页面")
    page_title = models.CharField("页面标题", max_length=255)
    user = optional_link(settings.AUTH_USER_MODEL, "操作人")

    class Action(models.TextChoices):
        SAVE = "save", "保存草稿"
        SUBMIT = "submit", "提交审核"
        APPROVE = "approve", "审核通过"
        PUBLISH = "publish", "发布"

    action = models.CharField("操作", max_length=10, choices=Action.choices)

    class Kind(models.TextChoices):
        SENSITIVE = "sensitive", "敏感词"
        MISTAKE = "mistake", "易错词"

    kind = models.CharField("类别", max_length=10, choices=Kind.choices, db_index=True)
    word = models.CharField("词", max_length=WORD_MAX_LENGTH)
    found = models.CharField("原文写法", max_length=200)
    suggestion = models.CharField("建议", max_length=WORD_MAX_LENGTH * 2, blank=True)
    place = models.CharField("位置", max_length=200)
    excerpt = models.CharField("上下文", max_length=200)
    blocked = models.BooleanField("已拦截", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "检查记录"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.page_title}：{self.word}"
