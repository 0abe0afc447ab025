from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "portal.editorial"
    verbose_name = "栏目监测与报送统计"
