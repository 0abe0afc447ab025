"""Abstract page types shared by every domain app."""

from django.db import models
from django.db.models import Q, Subquery
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from .page_forms import PortalPageForm
from .serializers import OrgUnitSerializer


def today():
    return timezone.localdate()


class BasePage(Page):
    """What every public content page has: a date, a summary for listings, a listing image, the OrgUnit it is about."""

    date = models.DateField(
        "日期", default=today, db_index=True, help_text="新闻发布日期或材料所属日期，列表按它从新到旧排序"
    )
    summary = models.TextField(
        "摘要", blank=True, max_length=300, help_text="列表和搜索结果里显示的一两句话，不超过300字"
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="列表图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="列表卡片和分享时显示的图片",
    )
    orgunit = models.ForeignKey(
        "core.OrgUnit",
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="这篇内容涉及的县、乡镇或村",
    )

    base_form_class = PortalPageForm

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("orgunit"), FieldPanel("summary")]
    promote_panels = Page.promote_panels + [FieldPanel("listing_image")]
    # 定时发布 on the 设置 tab, in plain sight, instead of Wagtail's PublishingPanel (a dialog behind the status side
    # panel whose date picker covered its save button); the rest of Wagtail's settings panels (comments) stay
    settings_panels = [
        MultiFieldPanel(
            [FieldPanel("go_live_at"), FieldPanel("expire_at")],
            heading="定时发布",
            help_text="填上线时间后点“发布”（或提交审核、审核通过）即按时上线；到期时间一到自动下线。都可留空。",
        ),
        *Page.settings_panels[1:],
    ]
    scheduling_on_settings_tab = True  # the status side panel then shows no “设置计划” button for a dialog not there
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.FilterField("date"),
        index.FilterField("orgunit"),
    ]
    api_fields = [
        APIField("date"),
        APIField("summary"),
        APIField("orgunit", serializer=OrgUnitSerializer()),
        APIField("listing_image"),
    ]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def neighbours(self):
        """(上一篇, 下一篇): the live, public pages of this type in the same section (the page below home) dated just
        before and just after this one (the id breaks ties), in one query; either may be None."""
        section_path = self.path[: self.steplen * 3]
        siblings = type(self).objects.live().public().filter(path__startswith=section_path)
        earlier = siblings.filter(Q(date__lt=self.date) | Q(date=self.date, pk__lt=self.pk)).order_by("-date", "-pk")
        later = siblings.filter(Q(date__gt=self.date) | Q(date=self.date, pk__gt=self.pk)).order_by("date", "pk")
        found = (
            type(self)
            .objects.filter(Q(pk=Subquery(earlier.values("pk")[:1])) | Q(pk=Subquery(later.values("pk")[:1])))
            .only("title", "url_path", "path", "depth", "date")
        )
        previous = following = None
        for page in found:
            if (page.date, page.pk) < (self.date, self.pk):
                previous = page
            else:
                following = page
        return previous, following
