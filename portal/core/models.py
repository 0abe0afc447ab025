import datetime

from django.contrib.admin import display
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import date_format
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from treebeard.mp_tree import MP_Node
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable
from wagtail.search import index

from .fields import optional_link


class OrgUnit(index.Indexed, MP_Node):
    """A node of the association ladder: 市 → 县(区) → 乡镇(街道) → 村(社区), plus non-geographic associations."""

    class Level(models.TextChoices):
        CITY = "city", "市"
        COUNTY = "county", "县(区)"
        TOWNSHIP = "township", "乡镇(街道)"
        VILLAGE = "village", "村(社区)"
        ENTERPRISE = "enterprise", "企业计生协会"
        FLOATING = "floating", "流动人口计生协会"

    ALLOWED_PARENT_LEVELS = {
        Level.CITY: {None},
        Level.COUNTY: {Level.CITY},
        Level.TOWNSHIP: {Level.COUNTY},
        Level.VILLAGE: {Level.TOWNSHIP},
        Level.ENTERPRISE: {Level.CITY, Level.COUNTY, Level.TOWNSHIP},
        Level.FLOATING: {Level.CITY, Level.COUNTY, Level.TOWNSHIP},
    }

    name = models.CharField("名称", max_length=100, help_text="全称，如“青溪县计划生育协会”或“青溪县”")
    short_name = models.CharField("简称", max_length=30, blank=True, help_text="列表和图表中显示，如“青溪”")
    code = models.SlugField(
        "代码",
        max_length=50,
        unique=True,
        allow_unicode=False,
        help_text="唯一的英文或拼音代码，用于网址，如 qingxi 或 qingxi-baishi",
    )
    level = models.CharField("层级", max_length=20, choices=Level.choices)

    node_order_by = ["code"]
    # The page editor's unit chooser searches these; "code" too, since editors know units by their codes.
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.SearchField("code"),
        index.AutocompleteField("name"),
        index.AutocompleteField("code"),
        index.FilterField("level"),
    ]

    panels = [
        FieldPanel("parent", heading="上级单位"),
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("code"),
        FieldPanel("level"),
    ]

    class Meta:
        verbose_name = verbose_name_plural = "组织单位"

    def __str__(self):
        return self.name

    @property
    def label(self):
        return self.short_name or self.name

    def validate_parent(self, parent):
        parent_level = parent.level if parent else None
        if parent_level not in self.ALLOWED_PARENT_LEVELS.get(self.level, set()):
            raise ValidationError({"level": f"“{self.get_level_display()}”不能放在“{parent or '最上层'}”之下"})
        if parent and self.pk and (parent.pk == self.pk or parent.is_descendant_of(self)):
            raise ValidationError({"parent": "不能把组织单位移到它自己或它的下级之下"})

    @property
    @display(description="名称")
    def indented_name(self):
        return "　" * (self.depth - 1) + self.name

    def ancestor_at(self, level):
        """The unit at `level` this unit belongs to (itself included), or None."""
        if self.level == level:
            return self
        return self.get_ancestors().filter(level=level).first()


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Each site's identity: the association, its contact details and the filing numbers a 政府网站 footer shows."""

    org_name = models.CharField("协会名称", max_length=100, default="计划生育协会")
    logo = optional_link(
        "wagtailimages.Image",
        "标志",
        help_text="页头左侧显示，高 48 像素；请上传至少 96 像素高的图片，高分辨率屏幕上才清晰",
    )
    description = models.TextField(
        "网站简介",
        blank=True,
        max_length=200,
        help_text="一两句话；搜索引擎和分享卡片在页面没有摘要时显示它",
    )
    sponsor = models.CharField("主办单位", max_length=100, blank=True, help_text="如“云溪市计划生育协会”")
    organizer = models.CharField("承办单位", max_length=100, blank=True, help_text="负责网站日常运维的部门")
    site_code = models.CharField(
        "网站标识码", max_length=20, blank=True, help_text="全国政府网站基本数据库分配的标识码，如“3600000001”"
    )
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    icp_number = models.CharField("ICP备案号", max_length=60, blank=True, help_text="如：某ICP备12345678号-1")
    police_number = models.CharField(
        "公安备案号",
        max_length=60,
        blank=True,
        help_text="如：某公网安备 36010202000001号",
    )
    about_page = optional_link("wagtailcore.Page", "关于我们", help_text="页脚“关于我们”链接的页面，如“协会概况”")
    contact_page = optional_link("wagtailcore.Page", "联系我们", help_text="页脚“联系我们”链接的页面")

    select_related = ["logo", "about_page", "contact_page"]  # every page shows them: one query for all

    panels = [
        MultiFieldPanel([FieldPanel("org_name"), FieldPanel("logo"), FieldPanel("description")], heading="协会"),
        MultiFieldPanel([FieldPanel("sponsor"), FieldPanel("organizer"), FieldPanel("site_code")], heading="网站标识"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading="联系方式",
        ),
        MultiFieldPanel([FieldPanel("icp_number"), FieldPanel("police_number")], heading="备案信息"),
        MultiFieldPanel([FieldPanel("about_page"), FieldPanel("contact_page")], heading="页脚链接"),
    ]

    class Meta:
        verbose_name = verbose_name_plural = "网站设置"

    @property
    def police_record_code(self):
        """The digits of the 公安备案号, which the 备案 system's search link takes."""
        return "".join(character for character in self.police_number if character.isdigit())


class Campaign(models.Model):
    """A commemorative day, publicity campaign or special action that news and activity reports can point to."""

    class Kind(models.TextChoices):
        DAY = "day", "纪念日"
        CAMPAIGN = "campaign", "宣传活动"
        ACTION = "action", "专项行动"

    name = models.CharField("名称", max_length=60, unique=True, help_text="如“5·29会员活动日”“婚育新风进万家”")
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, default=Kind.CAMPAIGN)
    month = models.PositiveSmallIntegerField(
        "月", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)], help_text="纪念日的月份"
    )
    day = models.PositiveSmallIntegerField(
        "日", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)], help_text="纪念日的日期"
    )
    description = models.TextField("说明", blank=True, help_text="活动的由来和主要内容，一两段话")

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        MultiFieldPanel([FieldPanel("month"), FieldPanel("day")], heading="固定日期（纪念日填写）"),
        FieldPanel("description"),
    ]

    class Meta:
        verbose_name = verbose_name_plural = "宣传活动"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if (self.month is None) != (self.day is None):
            raise ValidationError("月和日要么都填，要么都不填")
        if self.month and self.day:
            try:
                datetime.date(2024, self.month, self.day)  # a leap year, so 2月29日 is allowed
            except ValueError:
                raise ValidationError({"day": f"{self.month}月没有{self.day}日"}) from None

    def month_day(self):
        return f"{self.month}月{self.day}日" if self.month and self.day else ""

    month_day.short_description = "日期"


LONGEST_HOLIDAY_DAYS = 15  # 春节 is 8 or 9 days; a longer span is a mistyped date
WEEKDAY_NAMES = "一二三四五六日"


def chinese_day(day):
    """2026年10月10日（星期六）: zh-hans's DATE_FORMAT and the weekday."""
    return f"{date_format(day)}（星期{WEEKDAY_NAMES[day.weekday()]}）"


class Holiday(ClusterableModel):
    """One public holiday's days off as the State Council's notice sets them (国务院办公厅关于××年部分节假日安排的
    通知), with the weekend days worked instead. Reply due dates count working days by them (portal.core.workdays)."""

    name = models.CharField("节日", max_length=20, help_text="如“国庆节”“春节”")
    first_day = models.DateField("放假第一天")
    last_day = models.DateField("放假最后一天", help_text="放假一天的节日，两个日期填同一天")

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("first_day"), FieldPanel("last_day")]),
        InlinePanel("workdays", label="上班日", heading="调休上班日", help_text="放假前后要上班的星期六、星期日"),
    ]

    class Meta:
        verbose_name = verbose_name_plural = "节假日安排"
        ordering = ["-first_day"]

    def __str__(self):
        return f"{self.first_day.year}年{self.name}" if self.first_day else self.name

    def clean(self):
        if self.first_day is None or self.last_day is None:
            return
        if self.last_day < self.first_day:
            raise ValidationError({"last_day": "放假最后一天不能早于第一天"})
        if (self.last_day - self.first_day).days >= LONGEST_HOLIDAY_DAYS:
            raise ValidationError({"last_day": f"一次放假最长 {LONGEST_HOLIDAY_DAYS} 天，请检查日期"})
        overlapping = Holiday.objects.filter(first_day__lte=self.last_day, last_day__gte=self.first_day)
        if other := overlapping.exclude(pk=self.pk).first():
            days = f"{date_format(other.first_day)}至{date_format(other.last_day)}"
            raise ValidationError(f"与已有的“{other}”（{days}）放假日期重叠")


class HolidayWorkday(Orderable):
    holiday = ParentalKey(Holiday, on_delete=models.CASCADE, related_name="workdays")
    date = models.DateField("上班日期")

    class Meta(Orderable.Meta):
        verbose_name = verbose_name_plural = "调休上班日"

    def __str__(self):
        return chinese_day(self.date)

    def clean(self):
        if self.date and self.date.weekday() < 5:
            raise ValidationError({"date": f"{chinese_day(self.date)}本来就是工作日；调休上班日是星期六或星期日"})
        elsewhere = HolidayWorkday.objects.filter(date=self.date).exclude(holiday_id=self.holiday_id)
        if self.date and (other := elsewhere.select_related("holiday").first()):
            raise ValidationError({"date": f"{chinese_day(self.date)}已经是“{other.holiday}”的调休上班日"})


class PageCacheGeneration(models.Model):
    """The page cache's generation (one row): replaced in the same transaction as every change that invalidates
    cached pages, so an invalidation commits or rolls back with the change itself and a cache outage cannot lose it
    (portal.core.cache)."""

    token = models.CharField("代次", max_length=32)

    class Meta:
        verbose_name = verbose_name_plural = "页面缓存代次"

    def __str__(self):
        return self.token


class PrivateCollection(models.Model):
    """A collection (and the collections below it) whose files stay private until a live, public page uses them:
    each township's own collection (portal.core.privacy)."""

    collection = models.OneToOneField(
        "wagtailcore.Collection", verbose_name="集合", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "未公开文件的集合"

    def __str__(self):
        return str(self.collection)
