"""What the admin calls each model: Chinese has no plural, and Django's default plural appends an English "s"
("工作动态栏目s" in the page-type and usage listings)."""

import re

from django.apps import apps

PROJECT_APPS = ("portal.", "home.", "search.")


def project_models():
    return [model for model in apps.get_models() if model.__module__.startswith(PROJECT_APPS)]


def test_every_model_is_named_in_chinese_singular_and_plural():
    models = project_models()
    assert len(models) > 30
    for model in models:
        singular, plural = str(model._meta.verbose_name), str(model._meta.verbose_name_plural)
        assert not re.search(r"[A-Za-z]", singular + plural), model
        assert plural == singular, model
