from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from portal.core.blocks import body_blocks
from portal.core.filters import CampaignListingFilterSet
from portal.core.listing import ListingIndexPage
from portal.core.pages import BasePage, CampaignLink, GalleryImage, GalleryPage, InlineRow, TownshipFolder
from portal.core.serializers import OrgUnitSerializer


class ActivityIndexPage(ListingIndexPage):
    """活动报道 at /activities/: every report below it, in township folders or directly under it."""

    listing_model = "activities.ActivityReportPage"
    filterset_class = CampaignListingFilterSet
    subpage_types = ["activities.ActivityTownshipPage", "activities.ActivityReportPage"]

    class Meta:
        verbose_name = verbose_name_plural = "活动报道栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["townships"] = self.get_children().live().type(ActivityTownshipPage).public().order_by("path")
        return context


class ActivityTownshipPage(TownshipFolder, ListingIndexPage):
    """A township's folder, /activities/<OrgUnit code>/, listing that township's own reports."""

    folder_name = "活动报道栏目"
    content_panels = ListingIndexPage.content_panels + [FieldPanel("orgunit")]
    api_fields = [APIField("intro"), APIField("orgunit", serializer=OrgUnitSerializer())]

    listing_model = "activities.ActivityReportPage"
    filterset_class = CampaignListingFilterSet
    parent_page_types = ["activities.ActivityIndexPage"]
    subpage_types = ["activities.ActivityReportPage"]

    class Meta:
        verbose_name = verbose_name_plural = "乡镇活动报道栏目"


class ActivityReportPage(GalleryPage, CampaignLink, BasePage):
    """One activity report (活动报道): what was done, when, where, by whom, for how many people, at what cost."""

    ParticipantUnit = models.TextChoices("ParticipantUnit", "人 人次")

    activity_name = models.CharField(
        "活动名称", max_length=120, help_text="活动的正式名称，如“5·29会员活动日宣传服务活动”"
    )
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期", null=True, blank=True, help_text="一天内结束的活动不用填")
    place = models.CharField("地点", max_length=120, blank=True, help_text="如“白水镇中心广场”")
    participants = models.PositiveIntegerField("参与人数", null=True, blank=True, help_text="只填数字，如 350")
    participants_unit = models.CharField(
        "人数单位", max_length=4, choices=ParticipantUnit.choices, default=ParticipantUnit.人次
    )
    funds = models.DecimalField(
        "投入经费（元）",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "经费不能是负数")],
        help_text="以元为单位，如 12000 或 3500.50",
    )
    body = StreamField(body_blocks(), verbose_name="正文", blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("activity_name"),
                FieldPanel("campaign"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("place"),
            ],
            heading="活动概况",
        ),
        InlinePanel("organisers", label="单位", heading="主办、承办和协办单位"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("participants"), FieldPanel("participants_unit")]), FieldPanel("funds")],
            heading="参与人数和经费",
        ),
        InlinePanel("services", label="服务", heading="提供的服务"),
        InlinePanel("materials", label="物品", heading="发放的资料和物品"),
        FieldPanel("body"),
        InlinePanel("gallery_images", label="图片", heading="活动图片"),
    ]
    search_fields = [
        *BasePage.search_fields,
        *CampaignLink.search_fields,
        *map(index.SearchField, ["activity_name", "place", "body"]),
        index.FilterField("start_date"),
    ]
    api_fields = [
        *BasePage.api_fields,
        *CampaignLink.api_fields,
        *GalleryPage.api_fields,
        *map(APIField, ["activity_name", "start_date", "end_date", "place"]),
        *map(APIField, ["participants", "participants_unit", "funds", "body", "organisers", "services", "materials"]),
    ]

    parent_page_types = ["activities.ActivityIndexPage", "activities.ActivityTownshipPage"]

    class Meta:
        verbose_name = verbose_name_plural = "活动报道"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "结束日期不能早于开始日期"})

    @property
    def lasts_several_days(self):
        return bool(self.end_date and self.end_date != self.start_date)


class ActivityOrganiser(InlineRow):
    Role = models.TextChoices("Role", "主办 承办 协办")

    page = ParentalKey(ActivityReportPage, on_delete=models.CASCADE, related_name="organisers")
    name = models.CharField("单位名称", max_length=100, help_text="如“白水镇计生协”")
    role = models.CharField("角色", max_length=4, choices=Role.choices, default=Role.主办)

    row_fields = ("name", "role")

    class Meta(InlineRow.Meta):
        verbose_name = verbose_name_plural = "主办单位"


class ActivityService(InlineRow):
    Kind = models.TextChoices("Kind", "义诊 咨询 讲座 体检 培训 入户走访 文艺演出 其他")

    page = ParentalKey(ActivityReportPage, on_delete=models.CASCADE, related_name="services")
    kind = models.CharField("服务", max_length=8, choices=Kind.choices)
    count = models.PositiveIntegerField("数量", help_text="只填数字")
    unit = models.CharField("单位", max_length=8, default="人次", help_text="如“人次”“场”“户”")

    row_fields = ("kind", "count", "unit")

    class Meta(InlineRow.Meta):
        verbose_name = verbose_name_plural = "服务"


class ActivityMaterial(InlineRow):
    page = ParentalKey(ActivityReportPage, on_delete=models.CASCADE, related_name="materials")
    item = models.CharField("物品", max_length=60, help_text="如“宣传资料”“避孕药具”“健康手册”")
    quantity = models.PositiveIntegerField("数量", help_text="只填数字")
    unit = models.CharField("单位", max_length=8, default="份", help_text="如“份”“盒”“本”")

    row_fields = ("item", "quantity", "unit")

    class Meta(InlineRow.Meta):
        verbose_name = verbose_name_plural = "发放物品"


class ActivityImage(GalleryImage):
    page = ParentalKey(ActivityReportPage, on_delete=models.CASCADE, related_name="gallery_images")

    class Meta(GalleryImage.Meta):
        verbose_name = verbose_name_plural = "活动图片"
