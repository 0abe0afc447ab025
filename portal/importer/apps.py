from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "portal.importer"
    verbose_name = "文档导入"
