from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = "基础"

    def ready(self):
        from portal.core.cache import connect_invalidation

        connect_invalidation()
