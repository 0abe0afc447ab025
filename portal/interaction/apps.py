from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "portal.interaction"
    verbose_name = "互动交流"

    def ready(self):
        from . import signal_handlers  # noqa: F401
