"""The starting vocabulary of metrics (docs/importer.md §6 families). Editors extend it as 统计指标 snippets."""

from django.db import migrations

# label, synonyms, family, canonical unit, allowed units, aggregation, shown on the home page
METRICS = [
    ("村(社区)计生协会", "村级协会、村级计生协会、村居协会、社区计生协会", "organisations", "个", "个", "sum", True),
    ("企业计生协会", "企业协会、非公企业计生协会", "organisations", "个", "个", "sum", False),
    ("流动人口计生协会", "流动人口协会", "organisations", "个", "个", "sum", False),
    ("协会小组", "会员小组、计生协会小组", "organisations", "个", "个", "sum", False),
    ("会员之家", "会员活动室、会员活动中心、活动室", "organisations", "个", "个、所", "sum", False),
    ("人口学校", "人口文化学校、新型婚育学校", "organisations", "所", "所、个", "sum", False),
    ("志愿服务队", "志愿者服务队、志愿者队伍、服务队", "organisations", "支", "支、个", "sum", False),
    ("辖区村(社区)", "行政村、村(社区)", "profile", "个", "个", "sum", False),
    ("辖区人口", "常住人口、总人口、户籍人口", "profile", "人", "人、万人、万", "sum", False),
    ("辖区面积", "面积、国土面积", "profile", "平方公里", "平方公里", "sum", False),
    ("计生协会员", "会员、协会会员", "members", "人", "人、名、万人", "sum", True),
    ("中心户长", "计生中心户长", "members", "人", "人、名", "sum", False),
    ("计生志愿者", "志愿者", "members", "人", "人、名", "sum", False),
    ("专职工作人员", "专职人员、专干", "members", "人", "人、名", "sum", False),
    ("育龄妇女", "育龄群众、已婚育龄妇女", "members", "人", "人、名、万人", "sum", False),
    ("投入经费", "经费、专项经费、工作经费、投入资金", "funds", "元", "元、万元", "sum", True),
    ("慰问金", "慰问资金、救助金", "funds", "元", "元、万元", "sum", False),
    ("奖励扶助资金", "奖扶资金、扶助金、奖励金", "funds", "元", "元、万元", "sum", False),
    ("募集资金", "募捐、筹集资金、生育关怀基金", "funds", "元", "元、万元", "sum", False),
    ("免息贷款", "小额贷款、贴息贷款", "funds", "元", "元、万元", "sum", False),
    ("中心户长补贴(每月)", "中心户长补贴", "funds", "元", "元", "latest", False),
    ("宣传品", "宣传资料、宣传材料、宣传单、宣传折页", "materials", "份", "份、万份", "sum", True),
    ("避孕药具", "避孕套、药具", "materials", "只", "只、万只、盒", "sum", False),
    ("标语横幅", "标语、横幅", "materials", "条", "条、幅", "sum", False),
    ("宣传栏展板", "宣传栏、展板、墙报", "materials", "块", "块、个、期", "sum", False),
    ("健康读本", "书籍、手册、健康手册", "materials", "本", "本、册、份", "sum", False),
    ("宣传活动", "集中宣传活动、宣传服务活动", "events", "次", "次、场、场次", "sum", False),
    ("业务培训", "培训、培训班", "events", "期", "期、次、场", "sum", False),
    ("健康讲座", "讲座、知识讲座", "events", "场", "场、次", "sum", False),
    ("文艺演出", "文艺巡演、演出", "events", "场", "场、次", "sum", False),
    ("计生专刊", "专刊、简报、工作动态", "events", "期", "期、篇", "sum", False),
    ("咨询服务", "咨询、接受咨询", "served", "人次", "人次、万人次", "sum", False),
    ("免费体检", "体检、B超体检、健康体检", "served", "人", "人、名、人次", "sum", False),
    ("走访慰问家庭", "走访、慰问、走访慰问", "served", "户", "户、家", "sum", False),
    ("帮扶困难家庭", "帮扶、结对帮扶、困难家庭", "served", "户", "户、家", "sum", False),
    ("参与群众", "参加群众、受益群众、参加活动群众", "served", "人次", "人次、人、万人次", "sum", False),
    ("宣传品入户率", "入户率", "rates", "%", "%", "average", False),
    ("政策知晓率", "知晓率、知识普及率", "rates", "%", "%", "average", False),
    ("群众满意率", "满意率", "rates", "%", "%", "average", False),
    ("会员入会率", "入会率", "rates", "%", "%", "average", False),
    ("计划生育率", "计生率", "rates", "%", "%", "average", False),
    ("考核得分", "得分、考核分", "scores", "分", "分", "none", False),
]


def add_metrics(apps, schema_editor):
    metric_model = apps.get_model("exchange", "MetricDefinition")
    for order, (label, synonyms, family, unit, units, aggregation, headline) in enumerate(METRICS, start=1):
        metric_model.objects.update_or_create(
            label=label,
            defaults={
                "synonyms": synonyms,
                "family": family,
                "canonical_unit": unit,
                "allowed_units": units,
                "aggregation": aggregation,
                "headline": headline,
                "sort_order": order * 10,
            },
        )


def remove_metrics(apps, schema_editor):
    metric_model = apps.get_model("exchange", "MetricDefinition")
    metric_model.objects.filter(label__in=[row[0] for row in METRICS], figures__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("exchange", "0001_initial")]

    operations = [migrations.RunPython(add_metrics, remove_metrics)]
