from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "portal.checks"
    verbose_name = "发布前检查"
    default_auto_field = "django.db.models.BigAutoField"
