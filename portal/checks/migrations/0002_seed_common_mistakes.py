"""The 易错词 list to start from: misspellings met in family-planning texts, the 文号 bracket rules, and general
misspellings that are never right. Administrators edit the list afterwards; an entry they changed or removed is not
put back (this runs once)."""

from django.db import migrations

BRACKETS = "发文字号的年份用六角括号〔〕（GB/T 9704），不用方括号、半角括号或混用"
COMMON_MISTAKES = [
    ("计划生肓", "计划生育", "“育”误作“肓”"),
    ("记划生育", "计划生育", ""),
    ("计划升育", "计划生育", ""),
    ("计戈生育", "计划生育", ""),
    ("生肓", "生育", "“育”误作“肓”"),
    ("优生优肓", "优生优育", ""),
    ("孕前忧生", "孕前优生", ""),
    ("育令妇女", "育龄妇女", ""),
    ("老令化", "老龄化", ""),
    ("人囗", "人口", "“口”误作方框字“囗”（U+56D7），常见于转码和输入法"),
    ("特别辅助", "特别扶助", "计划生育家庭特别扶助制度"),
    ("奖励辅助", "奖励扶助", "农村部分计划生育家庭奖励扶助制度"),
    ("人口和计划生育法", "人口与计划生育法", "《中华人民共和国人口与计划生育法》"),
    ("全面二孩", "全面两孩", "政策的正式名称"),
    ("全面二胎", "全面两孩", "政策的正式名称"),
    ("全面两胎", "全面两孩", "政策的正式名称"),
    ("三胎政策", "三孩生育政策", "政策的正式名称"),
    ("三胎生育政策", "三孩生育政策", "政策的正式名称"),
    ("5.29会员活动日", "5·29会员活动日", "会员活动日写作“5·29”，用间隔号"),
    ("“5.29”", "“5·29”", "会员活动日写作“5·29”，用间隔号"),
    ("避孕药俱", "避孕药具", ""),
    ("妇幼保建", "妇幼保健", ""),
    ("付会长", "副会长", ""),
    ("付主任", "副主任", ""),
    ("付书记", "副书记", ""),
    ("[####]", "〔####〕", BRACKETS),
    ("【####】", "〔####〕", BRACKETS),
    ("〔####]", "〔####〕", BRACKETS),
    ("[####〕", "〔####〕", BRACKETS),
    ("〔####〕第", "〔####〕", "发文字号的序号前不加“第”，如〔2026〕12号"),
    ("截止####年", "截至####年", "表示“到某时为止”用“截至”"),
    ("截止目前", "截至目前", "表示“到某时为止”用“截至”"),
    ("截止到", "截至", "表示“到某时为止”用“截至”"),
    ("再接再励", "再接再厉", ""),
    ("一如继往", "一如既往", ""),
    ("迫不急待", "迫不及待", ""),
    ("部暑", "部署", ""),
    ("布署", "部署", ""),
    ("贯沏", "贯彻", ""),
    ("贯切落实", "贯彻落实", ""),
    ("倍受", "备受", ""),
    ("即然", "既然", ""),
    ("暴光", "曝光", ""),
    ("凑效", "奏效", ""),
    ("松驰", "松弛", ""),
    ("帐户", "账户", "《第一批异形词整理表》"),
    ("帐号", "账号", "《第一批异形词整理表》"),
    ("签定", "签订", "“签订合同、协议”用“订”"),
]


def seed(apps, schema_editor):
    CommonMistake = apps.get_model("checks", "CommonMistake")
    existing = set(CommonMistake.objects.values_list("wrong", flat=True))
    CommonMistake.objects.bulk_create(
        CommonMistake(wrong=wrong, correct=correct, note=note)
        for wrong, correct, note in COMMON_MISTAKES
        if wrong not in existing
    )


def unseed(apps, schema_editor):
    apps.get_model("checks", "CommonMistake").objects.filter(wrong__in=[row[0] for row in COMMON_MISTAKES]).delete()


class Migration(migrations.Migration):
    dependencies = [("checks", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
