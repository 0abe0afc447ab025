from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


def days_field(label, default, help_text):
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        validators=[MinValueValidator(1, "至少1天"), MaxValueValidator(730, "不超过730天")],
        help_text=help_text,
    )


@register_setting(icon="time")
class FreshnessSettings(BaseGenericSetting):
    """How many days each kind of section may go without a new item before 栏目更新监测 reports it as overdue.
    The defaults follow the usual 政府网站 checks: 首页 and 动态类 2 weeks, 政策文件 6 months."""

    home_days = days_field("首页", 14, "全站最近一条新内容距今超过这么多天，首页算作未更新")
    news_days = days_field("工作动态（新闻）", 14, "")
    activities_days = days_field("活动报道", 30, "")
    policies_days = days_field("政策法规", 180, "")
    villages_days = days_field("示范村", 180, "")
    exchange_days = days_field("经验交流", 180, "")
    township_activities_days = days_field("乡镇活动栏目", 90, "每个乡镇自己的活动报道栏目")
    township_exchange_days = days_field("乡镇经验交流栏目", 184, "每个乡镇自己的经验交流材料栏目")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("home_days"),
                FieldPanel("news_days"),
                FieldPanel("activities_days"),
                FieldPanel("policies_days"),
                FieldPanel("villages_days"),
                FieldPanel("exchange_days"),
            ],
            heading="市级栏目（天）",
        ),
        MultiFieldPanel(
            [FieldPanel("township_activities_days"), FieldPanel("township_exchange_days")], heading="乡镇栏目（天）"
        ),
    ]

    class Meta:
        verbose_name = verbose_name_plural = "栏目更新期限"


class FreshnessDigest(models.Model):
    """One row per week the digest went out, so the scheduler may run the command every minute."""

    week_start = models.DateField("所在周的星期一", unique=True)
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)
    recipients = models.PositiveIntegerField("收件人数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "栏目更新周报"

    def __str__(self):
        return f"{self.week_start:%Y-%m-%d} 一周"
