from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Length, NullIf, Substr
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from portal.core.blocks import RICH_TEXT_FEATURES, body_blocks
from portal.core.filters import ListingFilterSet, OrgUnitFilter, RowNameFilter, YearFilter
from portal.core.listing import ListingIndexPage
from portal.core.models import OrgUnit
from portal.core.pages import BasePage, GalleryImage, GalleryPage, InlineRow

YEAR_VALIDATORS = [MinValueValidator(1949), MaxValueValidator(2100)]


def with_township_name(queryset):
    """Annotate each village page with the short name of the township its OrgUnit lies in (a subquery)."""
    townships = OrgUnit.objects.filter(
        level=OrgUnit.Level.TOWNSHIP, path=Substr(OuterRef("orgunit__path"), 1, Length("path"))
    )
    label = Coalesce(NullIf("short_name", Value("")), "name")
    return queryset.annotate(township_name=Subquery(townships.annotate(label=label).values("label")[:1]))


class VillageFilterSet(ListingFilterSet):
    year = YearFilter()
    orgunit = OrgUnitFilter(label="县(区)/乡镇")
    honour = RowNameFilter(label="荣誉", related_name="honours")


class VillageIndexPage(ListingIndexPage):
    """示范村 at /villages/: the model villages below it, filtered by county or township and by honour."""

    listing_model = "villages.ModelVillagePage"
    filterset_class = VillageFilterSet
    subpage_types = ["villages.ModelVillagePage"]

    class Meta:
        verbose_name = verbose_name_plural = "示范村栏目"

    def listing_rows(self, queryset):
        """Cards also show the township, annotated on the same query."""
        return with_township_name(super().listing_rows(queryset))


class ModelVillagePage(GalleryPage, BasePage):
    """A model village (示范村/示范协会): where it is, its figures, honours, facilities, practices and photos."""

    location = models.CharField(
        "地理位置", max_length=200, blank=True, help_text="一句话说明村子在哪里，如“地处白水镇东部，省道穿村而过”"
    )
    distance_to_township = models.DecimalField(
        "距镇区（公里）",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="到乡镇政府所在地的距离，只填数字，如 6 或 2.5",
    )
    practices = RichTextField(
        "典型做法", blank=True, features=RICH_TEXT_FEATURES, help_text="协会工作中值得推广的做法，可分条列出"
    )
    body = StreamField(body_blocks(), verbose_name="村情介绍", blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("location"), FieldPanel("distance_to_township")], heading="位置"),
        InlinePanel("profile_figures", label="基本数据", heading="基本数据（注明数据年份）"),
        InlinePanel("honours", label="荣誉", heading="所获荣誉"),
        InlinePanel("facilities", label="阵地设施", heading="阵地设施"),
        FieldPanel("practices"),
        FieldPanel("body"),
        InlinePanel("gallery_images", label="图片", heading="图片集"),
    ]
    search_fields = [
        *BasePage.search_fields,
        *map(index.SearchField, ["location", "practices", "body"]),
        index.RelatedFields("honours", [index.SearchField("name")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        *GalleryPage.api_fields,
        *map(APIField, ["location", "distance_to_township", "profile_figures", "honours", "facilities", "practices"]),
        APIField("body"),
    ]

    parent_page_types = ["villages.VillageIndexPage"]

    class Meta:
        verbose_name = verbose_name_plural = "示范村"

    def clean(self):
        super().clean()
        if self.orgunit_id is None:
            raise ValidationError({"orgunit": "请选择这个示范村对应的村(社区)"})
        if self.orgunit.level != OrgUnit.Level.VILLAGE:
            raise ValidationError({"orgunit": f"“{self.orgunit.label}”不是村(社区)，请选择村(社区)一级的单位"})

    def units(self):
        """The village's OrgUnit and those above it, by level, in one query."""
        if self.orgunit_id is None:
            return {}
        village_path = OrgUnit.objects.filter(pk=self.orgunit_id).values("path")
        units = OrgUnit.objects.filter(path=Substr(Subquery(village_path), 1, Length("path")))
        return {unit.level: unit for unit in units}

    def units_by_level(self):
        """{"county", "township", "village"}: the OrgUnits the page shows, for the template (called only when the
        page's cached content fragment is rendered, not on a fragment hit)."""
        units = self.units()
        levels = (OrgUnit.Level.COUNTY, OrgUnit.Level.TOWNSHIP, OrgUnit.Level.VILLAGE)
        return {level.value: units.get(level) for level in levels}


class VillageFigure(InlineRow):
    """One profile figure (人口, 育龄妇女, 会员…) with the year it refers to."""

    Item = models.TextChoices("Item", "常住人口 户籍人口 户数 村民小组 育龄妇女 协会会员 协会小组 中心户 志愿者")

    page = ParentalKey(ModelVillagePage, on_delete=models.CASCADE, related_name="profile_figures")
    item = models.CharField("项目", max_length=8, choices=Item.choices)
    value = models.DecimalField(
        "数值", max_digits=10, decimal_places=1, validators=[MinValueValidator(0)], help_text="只填数字，如 2300"
    )
    unit = models.CharField("单位", max_length=8, help_text="如“人”“户”“个”")
    year = models.PositiveSmallIntegerField("数据年份", validators=YEAR_VALIDATORS, help_text="数字所属的年份，如 2025")

    row_fields = ("item", "value", "unit", "year")

    class Meta(InlineRow.Meta):
        verbose_name = verbose_name_plural = "基本数据"


class VillageHonour(Orderable):
    Level = models.TextChoices("Level", "国家级 省级 市级 县级 乡镇级")

    page = ParentalKey(ModelVillagePage, on_delete=models.CASCADE, related_name="honours")
    name = models.CharField("荣誉名称", max_length=60, help_text="如“示范村”“五好协会小组”“先进协会”")
    level = models.CharField("级别", max_length=4, choices=Level.choices)
    year = models.PositiveSmallIntegerField("获评年份", validators=YEAR_VALIDATORS)
    awarded_by = models.CharField("授予单位", max_length=100, blank=True, help_text="如“省计划生育协会”")

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("level"), FieldPanel("year")]), FieldPanel("awarded_by")]
    api_fields = [APIField("name"), APIField("level"), APIField("year"), APIField("awarded_by")]

    class Meta(Orderable.Meta):
        verbose_name = verbose_name_plural = "荣誉"


class VillageFacility(InlineRow):
    Kind = models.TextChoices("Kind", "会员之家 活动室 宣传栏 人口学校 图书室 健康小屋 其他")

    page = ParentalKey(ModelVillagePage, on_delete=models.CASCADE, related_name="facilities")
    kind = models.CharField("设施", max_length=8, choices=Kind.choices)
    description = models.CharField(
        "说明", max_length=200, blank=True, help_text="面积、设备或用途，如“面积80平方米，每月开放两次”"
    )

    row_fields = ("kind", "description")

    class Meta(InlineRow.Meta):
        verbose_name = verbose_name_plural = "阵地设施"


class VillageImage(GalleryImage):
    page = ParentalKey(ModelVillagePage, on_delete=models.CASCADE, related_name="gallery_images")

    class Meta(GalleryImage.Meta):
        verbose_name = verbose_name_plural = "图片"
