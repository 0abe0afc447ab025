import factory

from portal.checks.models import CommonMistake, SensitiveWord


class SensitiveWordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SensitiveWord
        django_get_or_create = ("word",)

    word = factory.Sequence(lambda n: f"测试敏感词{n}")


class CommonMistakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommonMistake
        django_get_or_create = ("wrong",)

    wrong = factory.Sequence(lambda n: f"错词{n}")
    correct = factory.Sequence(lambda n: f"对词{n}")
