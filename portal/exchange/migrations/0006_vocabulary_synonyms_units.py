"""More names and units for the starting vocabulary, as township materials write them.

Synonyms are the other ways materials name the same thing (宣传折页, 两癌筛查, 生育关怀资金). Units: the 万
multiples of a unit a metric already takes (万人次 for 人次: the figure is still the same quantity), 位 beside
人/名 for people, 件 for 宣传品, 例 for check-ups, 处 for boards and 会员之家. Nothing new is counted: a figure
that fitted no metric before still fits none unless one of these names or units is its own.

The scorer (tests/importer/score_metrics.py --vocabulary current) reads VOCABULARY_CHANGES from this file.
"""

from importlib import import_module

from django.db import migrations

# label: (synonyms added, units added)
VOCABULARY_CHANGES = {
    "村(社区)计生协会": (("村(居)计生协会", "村(居)协会", "村居计生协会", "社区协会", "村协会"), ()),
    "企业计生协会": (("非公企业协会", "企业计生协", "企业协会组织"), ()),
    "流动人口计生协会": (("流动人口计生协", "流动人口协会组织"), ()),
    "协会小组": (("计生协小组", "计生小组"), ()),
    "会员之家": (("会员之家活动室",), ("处", "间")),
    "人口学校": (("婚育学校",), ()),
    "志愿服务队": (("志愿服务分队", "志愿者分队", "志愿服务小分队", "志愿者服务分队"), ()),
    "辖区村(社区)": (("村", "村(居)", "村居", "社区", "居委会", "村民委员会", "行政村(社区)"), ()),
    "辖区人口": (("人口", "人口总数"), ()),
    "计生协会员": (("计生协会会员", "会员人数", "会员总数"), ("位",)),
    "中心户长": (("中心户组长",), ("位",)),
    "计生志愿者": (("计生协志愿者", "志愿者人数"), ("位",)),
    "专职工作人员": (("计生专干", "专职干部", "专职工作者"), ("位",)),
    "育龄妇女": (("育龄妇", "已婚育龄群众", "育龄人群"), ()),
    "投入经费": (("投入", "专项资金", "活动经费", "工作资金", "财政资金", "拨付经费", "下拨经费"), ("亿元",)),
    "慰问金": (("慰问款", "救助资金", "困难救助金", "医药费", "治疗费", "医疗费"), ("亿元",)),
    "奖励扶助资金": (("奖励扶助金", "特别扶助金", "特扶资金", "奖扶金", "扶助资金"), ("亿元",)),
    "募集资金": (("生育关怀资金", "关怀基金", "关怀资金", "募集", "筹集", "募捐资金", "捐款", "善款"), ("亿元",)),
    "免息贷款": (("无息贷款", "贷款", "贴息"), ("亿元",)),
    "宣传品": (
        ("折页", "宣传单页", "传单", "宣传画", "宣传挂图", "挂图", "明白纸", "一封信", "公开信", "倡议书", "告知书"),
        ("件", "万件"),
    ),
    "避孕药具": (("避孕药", "安全套", "避孕用品", "计生药具", "避孕工具"), ()),
    "标语横幅": (("宣传标语", "宣传横幅", "条幅"), ()),
    "宣传栏展板": (
        ("板报", "黑板报", "宣传专栏", "宣传牌", "广告牌", "宣传橱窗", "橱窗", "宣传版面", "版面", "宣传展板"),
        ("处", "面"),
    ),
    "健康读本": (("读本", "宣传册", "宣传手册", "科普读物", "图书", "画册"), ("万册", "万本", "万份")),
    "宣传活动": (("宣讲", "主题宣传活动", "宣传咨询活动", "宣传日活动", "宣传月活动"), ()),
    "业务培训": (("业务培训班", "骨干培训", "专题培训", "培训会"), ("场次",)),
    "健康讲座": (("健康教育讲座", "专题讲座", "健康教育课", "健康知识讲座"), ("场次", "期")),
    "文艺演出": (("文艺汇演", "文艺晚会", "晚会", "送戏下乡", "巡演", "专场演出", "文艺节目"), ("场次",)),
    "计生专刊": (("计生简报", "工作简报", "信息简报"), ()),
    "咨询服务": (("现场咨询", "政策咨询", "健康咨询", "接待咨询"), ("人",)),
    "免费体检": (
        (
            "健康检查",
            "妇科检查",
            "妇科普查",
            "普查",
            "查体",
            "孕检",
            "孕前检查",
            "孕前优生健康检查",
            "两癌筛查",
            "筛查",
            "参检",
            "免费检查",
            "生殖健康检查",
            "查治",
        ),
        ("万人", "万人次", "例"),
    ),
    "走访慰问家庭": (("看望", "入户走访", "慰问家庭", "走访家庭"), ()),
    "帮扶困难家庭": (("困难户", "特困家庭", "特困户", "挂钩", "结对", "救助", "资助", "帮扶家庭"), ("万户",)),
    "参与群众": (("参加活动", "参与活动", "受益", "受教育", "观众", "听众", "观看", "参加人数", "参与人数", "参会群众"), ("万人",)),
    "群众满意率": (("满意度",), ()),
    "考核得分": (("考核成绩",), ()),
}


MULTIPLIED = ("元", "人", "名", "位", "人次", "份", "只", "盒", "户", "本", "册", "件", "条", "幅", "块", "张")


def with_multiples(units):
    """The units plus the 万 (and for 元 the 亿) multiples of the countable ones: 4300万元 is still 元."""
    out = list(units)
    for unit in units:
        for multiple in (f"万{unit}", *((f"亿{unit}",) if unit == "元" else ())):
            if unit in MULTIPLIED and multiple not in out:
                out.append(multiple)
    return out


def _words(text):
    return [word for word in text.replace(",", "、").split("、") if word]


def extend(apps, schema_editor):
    metric_model = apps.get_model("exchange", "MetricDefinition")
    for metric in metric_model.objects.all():
        synonyms, units = VOCABULARY_CHANGES.get(metric.label, ((), ()))
        have = _words(metric.synonyms)
        metric.synonyms = "、".join(have + [word for word in synonyms if word not in have and word != metric.label])
        allowed = _words(metric.allowed_units)
        metric.allowed_units = "、".join(with_multiples(allowed + [unit for unit in units if unit not in allowed]))
        metric.save(update_fields=["synonyms", "allowed_units"])


def shrink(apps, schema_editor):
    """Take out what extend() added: the synonyms and units above, and the multiples the start did not have."""
    starting = import_module("portal.exchange.migrations.0002_metric_vocabulary").METRICS
    start_units = {row[0]: set(_words(row[4])) for row in starting}
    metric_model = apps.get_model("exchange", "MetricDefinition")
    for metric in metric_model.objects.all():
        synonyms, units = VOCABULARY_CHANGES.get(metric.label, ((), ()))
        metric.synonyms = "、".join(word for word in _words(metric.synonyms) if word not in synonyms)
        base = [unit for unit in _words(metric.allowed_units) if unit not in units]
        if metric.label in start_units:
            keep = start_units[metric.label]
            base = [unit for unit in base if unit in keep or not (unit[:1] in "万亿" and unit[1:] in MULTIPLIED)]
        metric.allowed_units = "、".join(base)
        metric.save(update_fields=["synonyms", "allowed_units"])


class Migration(migrations.Migration):
    dependencies = [("exchange", "0005_current_per_custom_range")]

    operations = [migrations.RunPython(extend, shrink)]
