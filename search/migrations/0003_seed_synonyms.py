from django.db import migrations

SYNONYMS = [
    ("计生协、计生协会、计划生育协会", "协会的简称和全称"),
    ("计生、计划生育", ""),
    ("生育关怀、生育关爱", ""),
    ("三联创、三级联创", "“三联创”活动"),
    ("人口计生、人口和计划生育", ""),
    ("奖励扶助、奖扶", "计划生育家庭奖励扶助"),
    ("法制宣传、普法", ""),
]


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("search", "SearchSynonym")
    for words, note in SYNONYMS:
        SearchSynonym.objects.get_or_create(words=words, defaults={"note": note})


def unseed(apps, schema_editor):
    apps.get_model("search", "SearchSynonym").objects.filter(words__in=[words for words, _ in SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_synonyms_hidden_terms")]

    operations = [migrations.RunPython(seed, unseed)]
