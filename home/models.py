from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.core.blocks import body_blocks
from portal.core.cache import remembered
from portal.core.fields import optional_link
from portal.core.permissions import PortalPagePermissions


class HomePage(PortalPagePermissions, Page):
    """The site root. Its sections come from the index pages below it: each index that can list its latest
    items (`latest_items`) or its headline figures (`headline_figures`) gets a slot, so home imports no domain app."""

    intro = models.TextField("导语", blank=True, max_length=300, help_text="首页顶部的一两句介绍")
    headline = optional_link("wagtailcore.Page", "头条报道", help_text="首页顶部配大图显示的一篇报道；未发布时不显示")
    headline_image = optional_link("wagtailimages.Image", "头条图片", help_text="横幅照片，至少 960×540 像素")
    headline_text = models.TextField("头条简介", blank=True, max_length=200, help_text="图片旁的一两句话")
    notices = optional_link(
        "wagtailcore.Page", "通知公告栏目", help_text="首页头条旁列出这个栏目的最新内容，如“通知公告”"
    )
    latest_count = models.PositiveSmallIntegerField("每栏条数", default=5)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("headline"), FieldPanel("headline_image"), FieldPanel("headline_text")], heading="头条"
        ),
        FieldPanel("notices"),
        FieldPanel("latest_count"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = verbose_name_plural = "首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(remembered(f"home-sections:{self.pk}", self.sections))
        context["notices"] = next(
            (section for section in context["sections"] if section[0].pk == self.notices_id), None
        )
        context["sections"] = [section for section in context["sections"] if section is not context["notices"]]
        return context

    def sections(self):
        """Each section's latest items and headline figures, from the live, public index pages below home."""
        indexes = list(self.get_children().live().public().specific(defer=True).order_by("path"))
        return {
            "sections": [
                (index, index.latest_items(self.latest_count)) for index in indexes if hasattr(index, "latest_items")
            ],
            "headline_figures": [
                (index, index.headline_figures()) for index in indexes if hasattr(index, "headline_figures")
            ],
        }

    @property
    def meta_description(self):
        return self.search_description or self.intro


class StandardPage(PortalPagePermissions, Page):
    """A plain page directly below home, such as 协会概况 or 联系我们, linked from the footer."""

    body = StreamField(body_blocks(), verbose_name="正文", blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = verbose_name_plural = "普通页面"

    @property
    def meta_description(self):
        return self.search_description
