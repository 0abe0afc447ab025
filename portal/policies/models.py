from dataclasses import dataclass, field

import django_filters
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from portal.core.fields import optional_link
from portal.core.filters import ListingFilterSet, PresentChoiceFilter, RowNameFilter, YearFilter
from portal.core.listing import ListingIndexPage
from portal.core.pages import BasePage

from .blocks import policy_body_blocks
from .document_number import parse_document_number
from .serializers import IssuingAgencySerializer, LivePolicyLinksField, PolicyLinkField

# The stored value is the word shown, so a member is named by it: DocType.通知, Validity.已废止.
DocType = models.TextChoices(
    "DocType", "决定 通知 通报 意见 报告 批复 函 纪要 公告 通告 条例 办法 规定 细则 方案 章程 制度 解读 其他"
)
Subject = models.TextChoices(
    "Subject", "综合政务 协会建设 宣传教育 生育关怀 生殖健康 青春健康 流动人口 家庭发展 财务管理"
)
Validity = models.TextChoices("Validity", "有效 已修改 已废止 失效")
ENDED = {Validity.已废止, Validity.失效}


class IssuingAgency(models.Model):
    """A body that issues documents (发文机关): an association, a party office, a government department."""

    name = models.CharField("机关名称", max_length=100, unique=True, help_text="全称，如“云溪市计划生育协会”")
    code = models.CharField("机关代字", max_length=30, blank=True, help_text="发文字号里的代字，如“云计生协”")
    orgunit = optional_link(
        "core.OrgUnit", "对应组织单位", help_text="机关是计生协时选择对应的组织单位；政府部门可不选"
    )

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("orgunit")]
    search_fields = [index.SearchField("name"), index.SearchField("code")]

    class Meta:
        verbose_name = verbose_name_plural = "发文机关"
        ordering = ["name"]

    def __str__(self):
        return self.name


def keyword_matches(queryset, name, keyword):
    """Texts whose title, 发文字号, 索引号 or 内容概述 contain the keyword."""
    return queryset.filter(
        Q(title__icontains=keyword)
        | Q(document_number__icontains=keyword)
        | Q(index_number__icontains=keyword)
        | Q(overview__icontains=keyword)
    )


class PolicyFilterSet(ListingFilterSet):
    """Texts are filtered by their issuing body rather than by OrgUnit."""

    q = django_filters.CharFilter(label="关键词", method=keyword_matches, max_length=50)
    subject = PresentChoiceFilter("主题分类", "subject", Subject.choices)
    doc_type = PresentChoiceFilter("文种", "doc_type", DocType.choices)
    agency = RowNameFilter(label="发文机关", related_name="issuers")
    year = YearFilter()
    validity = PresentChoiceFilter("有效性", "validity", Validity.choices)


class PolicyIndexPage(ListingIndexPage):
    """政策法规 at /policies/: a table of the texts below it, filtered by 文种, 发文机关, year and 有效性."""

    listing_model = "policies.PolicyPage"
    filterset_class = PolicyFilterSet
    subpage_types = ["policies.PolicyPage"]
    per_page = 20

    class Meta:
        verbose_name = verbose_name_plural = "政策法规栏目"

    def listing_rows(self, queryset):
        """The table shows no images; it marks the texts that have a live 解读, and a 解读 whose text has ended,
        on the same query."""
        return queryset.annotate(
            has_interpretation=Exists(live_policies().filter(interprets=OuterRef("pk"))),
            interpreted_validity=F("interprets__validity"),
        )


def live_policies():
    return PolicyPage.objects.live().public()


@dataclass
class PolicyLinks:
    """A text's links to other live texts: what replaces it, what it replaces, what it interprets, its 解读."""

    replaced_by: "PolicyPage | None" = None
    interprets: "PolicyPage | None" = None
    replaces: list = field(default_factory=list)
    interpretations: list = field(default_factory=list)


class PolicyPage(BasePage):
    """A policy text (政策法规) with the metadata block of a 政府信息公开 page: 文号, 机关, dates, 有效性."""

    index_number = models.CharField(
        "索引号", max_length=50, blank=True, help_text="信息公开目录的索引号，如“YXJSX-2024-00012”"
    )
    document_number = models.CharField(
        "发文字号",
        max_length=60,
        blank=True,
        help_text="照文件原样填写，如“云计生协发〔2024〕12号”；认不出的写法也会原样保存，并标记为“文号待核”",
    )
    document_agency_code = models.CharField("机关代字", max_length=60, blank=True, editable=False)
    document_year = models.PositiveSmallIntegerField("文号年份", null=True, blank=True, editable=False)
    document_serial = models.PositiveIntegerField("文号序号", null=True, blank=True, editable=False)
    document_number_flagged = models.BooleanField(
        "文号待核", default=False, editable=False, help_text="发文字号无法完整识别（写法不规范或含 XX 等占位符）"
    )
    doc_type = models.CharField("文种", max_length=8, choices=DocType.choices, default=DocType.通知)
    subject = models.CharField("主题分类", max_length=8, choices=Subject.choices, blank=True)
    written_date = models.DateField("成文日期", null=True, blank=True, help_text="文件落款的日期")
    effective_date = models.DateField("施行日期", null=True, blank=True, help_text="文件开始执行的日期；不早于成文日期")
    validity = models.CharField(
        "有效性",
        max_length=4,
        choices=Validity.choices,
        default=Validity.有效,
        help_text="已修改须填写修改它的文件；已废止或失效须填写替代文件或废止日期",
    )
    replaced_by = optional_link(
        "policies.PolicyPage", "替代文件", related_name="replaces", help_text="修改或废止本文件的新文件"
    )
    repealed_date = models.DateField("废止日期", null=True, blank=True, help_text="文件废止或失效的日期")
    interprets = optional_link(
        "policies.PolicyPage",
        "解读的文件",
        related_name="interpretations",
        help_text="文种为“解读”时，选择被解读的文件；该文件页面会自动链接到本解读",
    )
    overview = models.TextField("内容概述", blank=True, help_text="用几句话说明文件的主要内容、适用对象和要求")
    body = StreamField(policy_body_blocks(), verbose_name="正文", blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("overview"),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件", heading="附件"),
    ]
    metadata_panels = [
        MultiFieldPanel(
            [FieldPanel("index_number"), FieldPanel("document_number"), FieldPanel("doc_type"), FieldPanel("subject")],
            heading="文号与分类",
        ),
        InlinePanel("issuers", label="发文机关", heading="发文机关（联合发文按署名顺序）", min_num=1),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("written_date"), FieldPanel("effective_date")])],
            heading="日期",
        ),
        MultiFieldPanel(
            [FieldPanel("validity"), FieldPanel("replaced_by"), FieldPanel("repealed_date")], heading="有效性"
        ),
        FieldPanel("interprets"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="正文"),
            ObjectList(metadata_panels, heading="元数据"),
            ObjectList(BasePage.promote_panels, heading="推广"),
            ObjectList(BasePage.settings_panels, heading="设置", classname="settings"),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        *map(index.SearchField, ["index_number", "document_number", "overview", "body"]),
        index.RelatedFields("issuers", [index.SearchField("name")]),
        *map(index.FilterField, ["doc_type", "validity", "subject"]),
    ]
    api_fields = [
        *BasePage.api_fields,
        *map(APIField, ["index_number", "document_number", "document_agency_code", "document_year", "document_serial"]),
        *map(APIField, ["document_number_flagged", "issuers", "doc_type", "subject", "written_date", "effective_date"]),
        APIField("validity"),
        APIField("replaced_by", serializer=PolicyLinkField()),
        APIField("repealed_date"),
        APIField("replaces", serializer=LivePolicyLinksField()),
        APIField("interprets", serializer=PolicyLinkField()),
        APIField("interpretations", serializer=LivePolicyLinksField()),
        *map(APIField, ["overview", "body", "attachments"]),
    ]

    parent_page_types = ["policies.PolicyIndexPage"]

    class Meta:
        verbose_name = verbose_name_plural = "政策文件"

    def save(self, *args, **kwargs):
        self.store_document_number()
        super().save(*args, **kwargs)

    def store_document_number(self):
        """Keep the raw 文号 as typed and store its parts; flag it when it is there but cannot be fully read."""
        self.document_number = self.document_number.strip()
        parsed = parse_document_number(self.document_number)
        self.document_agency_code = parsed.agency_code[: self._meta.get_field("document_agency_code").max_length]
        self.document_year = parsed.year
        self.document_serial = parsed.serial
        self.document_number_flagged = bool(self.document_number) and not parsed.valid

    def clean(self):
        super().clean()
        self.store_document_number()
        errors = self.date_errors() | self.validity_errors() | self.interpretation_errors()
        if errors:
            raise ValidationError(errors)

    def date_errors(self):
        errors = {}
        if self.written_date and self.effective_date and self.effective_date < self.written_date:
            errors["effective_date"] = "施行日期不能早于成文日期"
        if self.written_date and self.date and self.date < self.written_date:
            errors["date"] = "发布日期不能早于成文日期"
        if self.written_date and self.repealed_date and self.repealed_date < self.written_date:
            errors["repealed_date"] = "废止日期不能早于成文日期"
        return errors

    def validity_errors(self):
        errors = {}
        if self.validity in ENDED and not (self.replaced_by_id or self.repealed_date):
            errors["validity"] = f"“{self.validity}”的文件须填写替代文件或废止日期"
        if self.validity == Validity.已修改 and not self.replaced_by_id:
            errors["replaced_by"] = "“已修改”的文件须选择修改它的文件"
        if self.validity == Validity.有效 and self.repealed_date:
            errors["repealed_date"] = "有效的文件不能填写废止日期；请先把有效性改为“已废止”或“失效”"
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            errors["replaced_by"] = "替代文件不能是本文件"
        return errors

    def interpretation_errors(self):
        errors = {}
        if self.interprets_id and self.doc_type != DocType.解读:
            errors["interprets"] = "只有文种为“解读”的文件才能选择被解读的文件"
        elif self.interprets_id and self.interprets_id == self.pk:
            errors["interprets"] = "解读不能解读它自己"
        return errors

    @property
    def has_ended(self):
        return self.validity in ENDED

    @property
    def complete_document_number(self):
        """The 发文字号 when it could be read in full; "" for a blank or incomplete one (白计生协〔2026〕 号)."""
        return "" if self.document_number_flagged else self.document_number

    @property
    def interpreted_text_has_ended(self):
        """A 解读 whose text has been repealed or has expired (the listing annotates the text's validity)."""
        validity = getattr(self, "interpreted_validity", None)
        return validity in ENDED

    def issuer_names(self):
        return [issuer.name for issuer in self.issuers.all()]

    def linked_texts(self):
        """The live texts this one links to or is linked from, in one query."""
        links = PolicyLinks()
        if not self.pk:
            return links
        related = Q(replaced_by_id=self.pk) | Q(interprets_id=self.pk)
        targets = [pk for pk in (self.replaced_by_id, self.interprets_id) if pk]
        if targets:
            related |= Q(pk__in=targets)
        for other in live_policies().filter(related).exclude(pk=self.pk).order_by("-date", "-pk"):
            if other.pk == self.replaced_by_id:
                links.replaced_by = other
            if other.pk == self.interprets_id:
                links.interprets = other
            if other.replaced_by_id == self.pk:
                links.replaces.append(other)
            if other.interprets_id == self.pk:
                links.interpretations.append(other)
        return links

    @cached_property
    def attachment_rows(self):
        return list(self.attachments.select_related("document"))


class PolicyIssuer(Orderable):
    """One issuing body of a text; several rows in order for a joint issuance (联合发文)."""

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="issuers")
    agency = optional_link(
        IssuingAgency,
        "发文机关",
        related_name="issued",
        help_text="从发文机关库中选择；库里没有的机关直接在下面填写名称",
    )
    name = models.CharField(
        "机关名称", max_length=100, blank=True, help_text="照文件署名填写；选了发文机关且此处留空时，自动使用机关名称"
    )

    panels = [FieldRowPanel([FieldPanel("agency"), FieldPanel("name")])]
    api_fields = [APIField("name"), APIField("agency", serializer=IssuingAgencySerializer())]

    class Meta(Orderable.Meta):
        verbose_name = verbose_name_plural = "发文机关"

    def clean(self):
        if not self.name.strip() and self.agency_id is None:
            raise ValidationError("请选择发文机关或填写机关名称")
        self.fill_name()

    def fill_name(self):
        self.name = self.name.strip()
        if not self.name and self.agency_id is not None:
            self.name = self.agency.name

    def save(self, *args, **kwargs):
        self.fill_name()
        super().save(*args, **kwargs)


class PolicyAttachment(Orderable):
    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("附件名称", max_length=200, blank=True, help_text="如“附件1：申报表”；留空则使用文件标题")

    panels = [FieldPanel("document"), FieldPanel("title")]
    api_fields = [APIField("document"), APIField("display_title"), APIField("file_size"), APIField("file_extension")]

    class Meta(Orderable.Meta):
        verbose_name = verbose_name_plural = "附件"

    @property
    def display_title(self):
        return self.title or self.document.title

    @property
    def file_size(self):
        return self.document.file_size

    @property
    def file_extension(self):
        return self.document.file_extension.lower()
