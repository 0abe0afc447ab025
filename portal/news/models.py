from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from portal.core.blocks import body_blocks
from portal.core.filters import CampaignListingFilterSet, OfferedChoiceFilter
from portal.core.listing import ListingIndexPage
from portal.core.pages import BasePage, CampaignLink


class NewsFilterSet(CampaignListingFilterSet):
    tag = OfferedChoiceFilter(label="标签", field_name="tags__name")


class NewsIndexPage(ListingIndexPage):
    """工作动态 at /news/: every news item below it, newest first, with filters, feed and year archive."""

    listing_model = "news.NewsPage"
    filterset_class = NewsFilterSet
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = verbose_name_plural = "工作动态栏目"


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = verbose_name_plural = "新闻标签"


class NewsPage(CampaignLink, BasePage):
    """One news item (工作动态): lead, body, byline, tags, campaign and related pages."""

    lead = models.TextField("导语", blank=True, max_length=500, help_text="正文前的一段概括：何时、何地、谁、做了什么")
    body = StreamField(body_blocks(), verbose_name="正文", blank=True)
    author = models.CharField("文", max_length=60, blank=True, help_text="撰稿人姓名，多人用顿号隔开，如“李明、王芳”")
    photographer = models.CharField("图", max_length=60, blank=True, help_text="摄影者姓名")
    source = models.CharField("来源", max_length=100, blank=True, help_text="转载或供稿单位，如“白水镇计生协”")
    tags = ClusterTaggableManager("标签", through=NewsPageTag, blank=True, help_text="用逗号或回车分隔多个标签")

    content_panels = BasePage.content_panels + [
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("author"), FieldPanel("photographer"), FieldPanel("source")], heading="署名"),
        MultiFieldPanel([FieldPanel("campaign"), FieldPanel("tags")], heading="分类"),
        InlinePanel("related_links", label="相关链接", heading="相关页面"),
    ]
    search_fields = [
        *BasePage.search_fields,
        *CampaignLink.search_fields,
        *map(index.SearchField, ["lead", "body", "author", "source"]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        *CampaignLink.api_fields,
        *map(APIField, ["lead", "body", "author", "photographer", "source", "tags", "related_links"]),
    ]

    parent_page_types = ["news.NewsIndexPage"]

    class Meta:
        verbose_name = verbose_name_plural = "新闻"

    def related_pages(self):
        """The related pages an anonymous reader can open, in the editor's order (one query)."""
        links = self.related_links.select_related("related_page").order_by("sort_order")
        return [link.related_page for link in links if link.related_page.live]


class NewsPageRelatedLink(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_links")
    related_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="相关页面", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("related_page")]
    api_fields = [APIField("related_page")]

    class Meta(Orderable.Meta):
        verbose_name = verbose_name_plural = "相关链接"
