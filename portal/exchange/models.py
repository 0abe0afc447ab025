"""经验交流: township submissions (ExperiencePage) with typed figure rows; the city dashboard (ExperienceIndexPage)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from modelcluster.models import model_from_serializable_data
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from portal.core.blocks import body_blocks
from portal.core.fields import optional_link
from portal.core.models import OrgUnit
from portal.core.pages import BasePage, InlineRow, TownshipFolder
from portal.core.permissions import PortalPagePermissions
from portal.core.serializers import OrgUnitSerializer

from .forms import ExperiencePageForm
from .numbers import QUALIFIER_CHOICES, Role, in_base_unit, multiplier_for, written
from .panels import FigureInlinePanel, WrittenNumberPanel
from .periods import PeriodKind, current_year, period_label
from .rows import reference_index_paused, save_rows
from .widgets import MetricChooser

UNIT_SEPARATORS = str.maketrans({",": "、", "，": "、", " ": "、", "/": "、"})


class MetricDefinition(index.Indexed, models.Model):
    """A quantity townships report (村级协会个数, 宣传品发放数…): its names, family, units and how totals are built."""

    class Family(models.TextChoices):
        ORGANISATIONS = "organisations", "组织数量"
        PROFILE = "profile", "辖区概况"
        MEMBERS = "members", "会员和人员"
        FUNDS = "funds", "经费"
        MATERIALS = "materials", "宣传品和物资"
        SERVED = "served", "服务人数和户数"
        RATES = "rates", "比率"
        EVENTS = "events", "活动和产出"
        SCORES = "scores", "考核分值"

    label = models.CharField("指标名称", max_length=40, unique=True, help_text="如“村级计生协会”“宣传品发放”")
    synonyms = models.CharField(
        "同义词", max_length=200, blank=True, help_text="材料里的其他说法，用顿号分隔，如“宣传品、宣传资料、宣传材料”"
    )
    family = models.CharField("类别", max_length=16, choices=Family.choices)
    canonical_unit = models.CharField("标准单位", max_length=8, help_text="汇总时使用的单位，如“个”“人”“元”“%”")
    allowed_units = models.CharField(
        "允许的单位", max_length=60, help_text="填报时可以使用的单位，用顿号分隔，如“元、万元”"
    )

    class Aggregation(models.TextChoices):
        SUM = "sum", "求和"
        AVERAGE = "average", "求平均"
        LATEST = "latest", "取最新值"
        NONE = "none", "不汇总"

    aggregation = models.CharField(
        "汇总方式", max_length=8, choices=Aggregation.choices, default=Aggregation.SUM, help_text="比率只能求平均"
    )
    headline = models.BooleanField("首页展示", default=False, help_text="在首页显示全市合计")
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    panels = [
        FieldPanel("label"),
        FieldPanel("synonyms"),
        FieldRowPanel([FieldPanel("family"), FieldPanel("aggregation")]),
        FieldRowPanel([FieldPanel("canonical_unit"), FieldPanel("allowed_units")]),
        FieldRowPanel([FieldPanel("headline"), FieldPanel("sort_order")]),
    ]
    # The snippet chooser's search box: a synonym (宣传资料) finds its metric (宣传品发放), as does the start of a name.
    search_fields = [
        index.SearchField("label", boost=2),
        index.SearchField("synonyms"),
        index.AutocompleteField("label"),
        index.AutocompleteField("synonyms"),
    ]

    class Meta:
        verbose_name = verbose_name_plural = "统计指标"
        ordering = ["sort_order", "label"]

    def __str__(self):
        return f"{self.label}（{self.canonical_unit}）" if self.canonical_unit else self.label

    @property
    def unit_list(self) -> list[str]:
        return [unit for unit in self.allowed_units.translate(UNIT_SEPARATORS).split("、") if unit]

    @property
    def synonym_list(self) -> list[str]:
        return [word for word in self.synonyms.translate(UNIT_SEPARATORS).split("、") if word]

    @property
    def is_rate(self) -> bool:
        return self.family == self.Family.RATES

    def clean(self):
        if self.canonical_unit not in self.unit_list:
            raise ValidationError({"allowed_units": f"允许的单位里必须包含标准单位“{self.canonical_unit}”"})
        if self.is_rate and self.aggregation == self.Aggregation.SUM:
            raise ValidationError({"aggregation": "比率不能求和，请选择“求平均”或“取最新值”"})


register_snippet(MetricDefinition)


class ExperienceIndexPage(PortalPagePermissions, RoutablePageMixin, Page):
    """经验交流 at /exchange/: the city dashboard of the townships' figures, with charts, tables and exports."""

    intro = models.TextField("导语", blank=True, max_length=500, help_text="数据看板上方的一段说明")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["exchange.ExperienceTownshipPage"]
    max_count = 1

    class Meta:
        verbose_name = verbose_name_plural = "经验交流数据看板"

    @path("")
    def dashboard_view(self, request):
        from .views import dashboard

        return dashboard(request, self)

    @path("export/")
    def export_view(self, request):
        from .views import export

        return export(request, self)

    def headline_figures(self):
        from .aggregation import headline_figures

        return headline_figures()


class ExperienceTownshipPage(PortalPagePermissions, TownshipFolder, Page):
    """A township's folder, /exchange/<OrgUnit code>/: its submissions live here (and its editors' permissions)."""

    folder_name = "经验交流栏目"
    content_panels = Page.content_panels + [FieldPanel("orgunit")]
    api_fields = [APIField("orgunit", serializer=OrgUnitSerializer())]
    parent_page_types = ["exchange.ExperienceIndexPage"]
    subpage_types = ["exchange.ExperiencePage"]

    class Meta:
        verbose_name = verbose_name_plural = "乡镇经验交流栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["submissions"] = (
            ExperiencePage.objects.child_of(self)
            .live()
            .public()
            .order_by("-year", "period_kind", "-first_published_at")
        )
        return context


class CaseBlock(blocks.StructBlock):
    place = blocks.CharBlock(label="单位", max_length=60, help_text="案例所在的村(社区)或单位，如“桃源村计生协会”")
    text = blocks.TextBlock(label="案例")

    class Meta:
        label = "案例"


class MeasureBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="做法", help_text="“一是……”“二是……”中的一条")
    cases = blocks.ListBlock(CaseBlock(), label="案例", required=False, default=[])

    class Meta:
        label = "做法"


class ThemeBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="主题", max_length=120, help_text="如“从服务阵地入手，推进活动载体创新”")
    measures = blocks.ListBlock(MeasureBlock(), label="做法")

    class Meta:
        icon = "list-ol"
        label = "经验主题"
        template = "exchange/blocks/theme.html"


def narrative_blocks():
    return [("theme", ThemeBlock()), *body_blocks()]


class ExperiencePage(BasePage):
    """One township's experience material (经验交流材料) for a period, with its figures as typed rows."""

    PeriodKind = PeriodKind

    year = models.PositiveSmallIntegerField(
        "年度",
        default=current_year,
        validators=[MinValueValidator(2000, "年度不能早于2000年"), MaxValueValidator(2100, "年度不能晚于2100年")],
        help_text="材料所属年度，如 2025",
    )
    period_kind = models.CharField(
        "时段",
        max_length=8,
        choices=PeriodKind.choices,
        default=PeriodKind.YEAR,
        help_text="全年、上半年、下半年或自定义",
    )
    period_start = models.DateField("开始日期", null=True, blank=True, help_text="只有“自定义时段”才填")
    period_end = models.DateField("结束日期", null=True, blank=True, help_text="只有“自定义时段”才填")
    body = StreamField(narrative_blocks(), verbose_name="正文", blank=True, help_text="按“主题 → 做法 → 案例”填写")
    county = optional_link("core.OrgUnit", "所属县(区)", editable=False, help_text="由提交单位自动得出，供按县(区)汇总")
    is_current = models.BooleanField(
        "计入汇总",
        default=False,
        editable=False,
        help_text="本乡镇本时段最新发布的一份；发布、撤销发布或删除时重新计算",
    )

    base_form_class = ExperiencePageForm
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("period_kind")]),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            ],
            heading="材料时段",
        ),
        FieldPanel("body"),
        FigureInlinePanel(
            "figures",
            label="数字",
            heading="材料中的数字",
            help_text="每行一个数字：按原文填数值和单位（如 4300、万元），系统自动换算；占位数字（XX）状态选“占位”",
        ),
        InlinePanel("attachments", label="附件", heading="原始材料（Word 文档）"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        *map(index.FilterField, ["year", "period_kind"]),
    ]
    api_fields = [
        *BasePage.api_fields,
        *map(APIField, ["year", "period_kind", "period_label", "period_start", "period_end"]),
        *map(APIField, ["body", "figures", "attachments"]),
    ]
    parent_page_types = ["exchange.ExperienceTownshipPage"]

    class Meta:
        verbose_name = verbose_name_plural = "经验交流材料"
        indexes = [
            models.Index(fields=["period_kind", "year"], name="exchange_period_idx"),
            models.Index(fields=["is_current", "period_kind", "year"], name="exchange_current_idx"),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["figures"] = self.figures.select_related("metric", "scope")
        context["attachments"] = self.attachments.select_related("document")
        return context

    @property
    def period_label(self):
        return period_label(self.year, self.period_kind, self.period_start, self.period_end)

    def clean(self):
        super().clean()
        self.clean_period()
        parent = self.get_parent() if self.path else None
        township = getattr(parent.specific if parent else None, "orgunit", None)
        if township is not None:
            self.orgunit = township
        if self.orgunit_id is not None:
            self.county = self.orgunit.ancestor_at(OrgUnit.Level.COUNTY)

    def clean_period(self):
        if self.period_kind != self.PeriodKind.CUSTOM:
            self.period_start = self.period_end = None
            return
        if not (self.period_start and self.period_end):
            raise ValidationError({"period_start": "自定义时段需要填写开始日期和结束日期"})
        if self.period_end < self.period_start:
            raise ValidationError({"period_end": "结束日期不能早于开始日期"})
        self.year = self.period_start.year

    def publish_blockers(self, figures=None):
        """Chinese reasons why this page may be neither published nor approved at any review step yet: rows that are
        placeholders (XX) or were extracted from Word and nobody has confirmed. The one rule for the editor's 发布,
        every review step, bulk publishing and the admin API."""
        figures = list(self.figures.all()) if figures is None else figures
        problems = {
            ExperienceFigure.Status.PLACEHOLDER: "仍是占位数字（如 XX），请填写实际数值或删除这一行后再发布",
            ExperienceFigure.Status.EXTRACTED: "是自动提取、尚未确认的数字，请核对原句后把状态改为“已确认”或删除这一行",
        }
        return [
            f"第{number}行“{figure.metric_name or '数字'}”{problems[figure.status]}"
            for number, figure in enumerate(figures, start=1)
            if figure.status in problems
        ]

    def superseded_material(self):
        """The published material this one replaces in the totals once it is published, or None: the current submission
        of the same township and period (a custom period: the same dates), unless this page was first published before
        it (publishing it again does not put it back in front)."""
        if self.orgunit_id is None:
            return None
        current = (
            ExperiencePage.objects.live()
            .filter(
                is_current=True,
                orgunit_id=self.orgunit_id,
                year=self.year,
                period_kind=self.period_kind,
                period_start=self.period_start,
                period_end=self.period_end,
            )
            .exclude(pk=self.pk)
            .first()
        )
        if current is None or self.first_published_at is None:
            return current
        return current if (self.first_published_at, self.pk) > (current.first_published_at, current.pk) else None

    @cached_property
    def township(self):
        return self.orgunit

    def save(self, *args, **kwargs):
        """Save the page and, when they are to be saved too, its figure rows in a few queries whatever their number:
        modelcluster would save them one by one, and Wagtail would rebuild the page's reference index after each."""
        update_fields = kwargs.get("update_fields")
        pending = getattr(self, "_cluster_related_objects", {})
        if "figures" not in pending or (update_fields is not None and "figures" not in update_fields):
            return super().save(*args, **kwargs)
        if update_fields is not None:
            kwargs["update_fields"] = [name for name in update_fields if name != "figures"]
        rows = pending.pop("figures")
        try:
            with reference_index_paused(self):
                result = super().save(*args, **kwargs)
                save_rows(self, rows)
        except BaseException:
            pending.setdefault("figures", rows)
            raise
        return result

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        """A revision as a page; the figure rows' metrics and villages are checked in one query each (modelcluster
        checks every reference of every row on its own)."""
        page = super().from_serializable_data(data, check_fks, strict_fks)
        if page is not None and check_fks:
            forget_deleted_references(page.figures.all())
        return page


class ExperienceFigure(Orderable):
    """One figure of a submission as written (4300, 万元, 余), with its value in the base unit for totals."""

    Role = Role

    class Status(models.TextChoices):
        EXTRACTED = "extracted", "自动提取，待确认"
        CONFIRMED = "confirmed", "已确认"
        PLACEHOLDER = "placeholder", "占位（XX）"

    page = ParentalKey(ExperiencePage, on_delete=models.CASCADE, related_name="figures")
    metric = models.ForeignKey(
        MetricDefinition,
        verbose_name="指标",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="figures",
        help_text="选择统计指标；不在列表里的数字可以留空，只填“原文指标”",
    )
    metric_text = models.CharField("原文指标", max_length=100, blank=True, help_text="原文的说法，如“宣传材料及宣传品”")
    value_as_written = models.DecimalField(
        "数值", max_digits=20, decimal_places=4, null=True, blank=True, help_text="按原文填写，如“4300万元”填 4300"
    )
    value_max_as_written = models.DecimalField(
        "上限", max_digits=20, decimal_places=4, null=True, blank=True, help_text="范围的上限，如“500-1000元”填 1000"
    )
    unit = models.CharField("单位", max_length=12, blank=True, help_text="按原文填写，如“万元”“人次”“%”")
    qualifier = models.CharField(
        "限定词", max_length=4, choices=QUALIFIER_CHOICES, blank=True, default="", help_text="“15000余份”选“余”"
    )
    role = models.CharField("性质", max_length=10, choices=Role.choices, default=Role.ACTUAL)
    scope = optional_link(
        "core.OrgUnit", "涉及村(社区)", help_text="数字只涉及本乡镇的某个村(社区)时选择；留空表示全乡镇"
    )
    source_sentence = models.TextField("原文句子", blank=True, help_text="数字所在的原句，便于审核核对")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    part_of = models.PositiveSmallIntegerField(
        "其中：属于第几行",
        null=True,
        blank=True,
        help_text="“其中”分项填所属总数所在的行号（从 1 开始）；不是分项留空",
    )
    # The written values in the base unit (4300 万元 → 43000000 元), derived on save for the totals' SQL.
    value = models.DecimalField("折算数值", max_digits=24, decimal_places=4, null=True, blank=True, editable=False)
    value_max = models.DecimalField("折算上限", max_digits=24, decimal_places=4, null=True, blank=True, editable=False)

    # FigureInlinePanel (exchange/admin/figure_row.html) shows a saved row as a line of text and these fields, in this
    # order, only for a new row or one with errors; 核对数字 (confirm.py) edits saved rows.
    panels = [
        FieldPanel("metric", widget=MetricChooser(MetricDefinition)),
        FieldPanel("metric_text"),
        FieldPanel("qualifier"),
        WrittenNumberPanel("value_as_written"),
        WrittenNumberPanel("value_max_as_written"),
        FieldPanel("unit"),
        FieldPanel("role"),
        FieldPanel("status"),
        FieldPanel("scope", widget=forms.Select()),
        FieldPanel("part_of"),
        FieldPanel("source_sentence", widget=forms.Textarea(attrs={"rows": 2})),
    ]
    api_fields = [
        *map(
            APIField, ["metric_name", "metric_text", "value_as_written", "value_max_as_written", "unit", "multiplier"]
        ),
        *map(APIField, ["value", "value_max", "qualifier", "role", "status"]),
        APIField("scope", serializer=OrgUnitSerializer()),
        *map(APIField, ["part_of", "source_sentence", "display"]),
    ]

    # What makes two rows of one submission the same figure stated twice (全镇共有企业计生协会12个, in the opening and
    # in the summary): the totals count it once (aggregation.counted_figures), the editor says so (forms.restatements).
    SAME_FIGURE = ("metric", "value", "value_max", "qualifier", "scope", "part_of")

    class Meta(Orderable.Meta):
        verbose_name = verbose_name_plural = "数字"
        indexes = [models.Index(fields=["metric", "role", "page"], name="exchange_figure_metric_idx")]

    def __str__(self):
        return f"{self.metric_name}：{self.display}"

    def same_figure_key(self):
        return tuple(self.serializable_value(name) for name in self.SAME_FIGURE)

    @property
    def metric_name(self):
        return self.metric.label if self.metric_id else self.metric_text

    @property
    def display(self):
        if self.value_as_written is None:
            return "（占位）" if self.status == self.Status.PLACEHOLDER else ""
        return written(self.value_as_written, self.unit, self.qualifier, self.value_max_as_written)

    @property
    def multiplier(self) -> int:
        return multiplier_for(self.unit)

    def derive_values(self):
        """`value` and `value_max` from what is written: (4300, 万元) → 43000000."""
        self.value = in_base_unit(self.value_as_written, self.unit)
        self.value_max = in_base_unit(self.value_max_as_written, self.unit)

    def clean(self):
        self.derive_values()
        errors = {}
        if self.value_as_written is None and self.status != self.Status.PLACEHOLDER:
            errors["value_as_written"] = "请填写数值；原文是“XX”等占位数字时，状态选“占位”"
        if self.value_as_written is not None and self.value_as_written < 0:
            errors["value_as_written"] = "数值不能是负数"
        has_both = self.value_max_as_written is not None and self.value_as_written is not None
        if has_both and self.value_max_as_written < self.value_as_written:
            errors["value_max_as_written"] = "上限不能小于数值"
        if self.metric_id is not None:
            errors.update(self.metric_errors())
        if errors:
            raise ValidationError(errors)

    def metric_errors(self):
        metric = self.metric
        if self.unit not in metric.unit_list:
            return {"unit": f"“{metric.label}”的单位只能是：{'、'.join(metric.unit_list)}（填的是“{self.unit}”）"}
        limit = {"%": 100, "‰": 1000}.get(self.unit)
        highest = self.value_max_as_written if self.value_max_as_written is not None else self.value_as_written
        if metric.is_rate and limit and highest is not None and highest > limit:
            return {"value_as_written": f"比率不能超过{limit}{self.unit}，请核对原文（填的是{highest}{self.unit}）"}
        return {}

    def save(self, *args, **kwargs):
        self.derive_values()
        super().save(*args, **kwargs)

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        """A row of a revision, its values derived again from what is written; its references unchecked: the page
        checks those of all its rows at once."""
        row = model_from_serializable_data(cls, data, check_fks=False)
        row.derive_values()
        return row


def forget_deleted_references(rows):
    """Rows of an old revision may name a metric or a village deleted since: they then name none."""
    for field_name, model in (("metric", MetricDefinition), ("scope", OrgUnit)):
        attname = f"{field_name}_id"
        named = {getattr(row, attname) for row in rows} - {None}
        existing = set(model.objects.filter(pk__in=named).values_list("pk", flat=True)) if named else set()
        for row in rows:
            if getattr(row, attname) not in existing:
                setattr(row, attname, None)


class ExperienceAttachment(InlineRow):
    page = ParentalKey(ExperiencePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="文档",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="上传原始的 Word 文档（.docx）",
    )
    title = models.CharField("说明", max_length=120, blank=True, help_text="留空则使用文档标题")

    row_fields = ("document", "title")

    class Meta(InlineRow.Meta):
        verbose_name = verbose_name_plural = "附件"


def _normalised_label(text: str) -> str:
    from portal.importer.metrics import normalise_label

    return normalise_label(text)[:100]


class MetricAlias(models.Model):
    """A 原文指标 a reviewer assigned to a 统计指标 (“宣传资料及折页” → 宣传品): later figures with that label get
    that metric proposed, ahead of the matching rules (unit and role still checked). Learnt when a page is
    published (portal.exchange.aliases); editable here."""

    text = models.CharField("原文指标", max_length=100, help_text="材料里的说法，如“宣传资料及折页”")
    normalised = models.CharField("规范化文本", max_length=100, unique=True, editable=False)
    metric = models.ForeignKey(
        MetricDefinition, verbose_name="统计指标", on_delete=models.CASCADE, related_name="aliases"
    )
    source_page = optional_link("wagtailcore.Page", "来自", editable=False)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [FieldPanel("text"), FieldPanel("metric")]

    class Meta:
        verbose_name = verbose_name_plural = "指标别名"
        ordering = ["metric__sort_order", "text"]

    def __str__(self):
        return f"{self.text} → {self.metric.label}"

    def save(self, *args, **kwargs):
        self.normalised = _normalised_label(self.text)
        super().save(*args, **kwargs)

    def clean(self):
        self.normalised = _normalised_label(self.text)
        if not self.normalised:
            raise ValidationError({"text": "请填写原文指标"})
        taken = MetricAlias.objects.filter(normalised=self.normalised).exclude(pk=self.pk).first()
        if taken is not None:
            raise ValidationError({"text": f"“{taken.text}”已经对应“{taken.metric.label}”（同一说法只能对应一个指标）"})
