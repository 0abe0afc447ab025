from django.apps import AppConfig


class DemoConfig(AppConfig):
    """An app only so that Django finds its `load_demo` command."""

    name = "portal.demo"
    verbose_name = "演示内容"
