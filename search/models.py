"""What editors manage for search: synonym groups and the terms never shown as 热门搜索."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from portal.core.cache import remembered

from .popular import forget_popular
from .segment import normalize
from .snippets import page_text

WORD_SEPARATORS = re.compile(r"[\n\r、，,;；]+")


def split_words(text):
    """The words of a list written one per line or separated by 、 (or commas), in order, without duplicates."""
    words = []
    for word in WORD_SEPARATORS.split(normalize(text)):
        word = "".join(word.split())
        if word and word not in words:
            words.append(word)
    return words


class SearchSynonym(models.Model):
    """Words that mean the same to a visitor: a search for one finds pages with any of them."""

    words = models.TextField("同义词", help_text="每行一个词，或用顿号（、）分隔，如“计生协、计生协会、计划生育协会”")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "搜索同义词"
        ordering = ["pk"]

    def __str__(self):
        return "、".join(self.word_list())

    def word_list(self):
        return split_words(self.words)

    def clean(self):
        if len(self.word_list()) < 2:
            raise ValidationError({"words": "一组同义词至少要有两个不同的词"})

    @classmethod
    def groups(cls):
        """word → the other words of every group it belongs to (kept until the next change: a snippet's save makes
        a new cache generation)."""
        return remembered("search-synonyms", cls.read_groups)

    @classmethod
    def read_groups(cls):
        groups = {}
        for synonym in cls.objects.all():
            words = synonym.word_list()
            for word in words:
                groups.setdefault(word, [])
                groups[word] += [other for other in words if other != word and other not in groups[word]]
        return groups

    @classmethod
    def all_words(cls):
        return [word for synonym in cls.objects.all() for word in synonym.word_list()]


class HiddenSearchTerm(models.Model):
    """A search term that must not appear under 热门搜索 (however often visitors type it)."""

    term = models.CharField("关键词", max_length=100, unique=True, help_text="与访客输入的完全一致时不显示")
    note = models.CharField("原因", max_length=200, blank=True)

    class Meta:
        ordering = ["term"]
        verbose_name = verbose_name_plural = "不显示的热门搜索"

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.term = normalise_query_string(self.term)  # as the search statistics store it
        super().save(*args, **kwargs)
        forget_popular()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget_popular()
        return result


class PageText(models.Model):
    """What a search result's snippet is cut from (search/snippets.py `page_text`): written with the page's index
    entries, so the results page reads ten rows instead of walking ten pages' StreamFields."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="search_text"
    )
    text = models.TextField()

    class Meta:
        verbose_name = verbose_name_plural = "页面正文（搜索摘要）"

    def __str__(self):
        return self.text[:30]

    @classmethod
    def store(cls, objs):
        """The texts of the pages among `objs`, replacing what was stored for them."""
        rows = [cls(page_id=obj.pk, text=page_text(obj)) for obj in objs if isinstance(obj, Page)]
        cls.objects.bulk_create(rows, update_conflicts=True, unique_fields=["page"], update_fields=["text"])
