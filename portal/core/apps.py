from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "portal.core"
    verbose_name = "基础"

    def ready(self):
        from django.db.models.signals import post_migrate

        from portal.core import sites
        from portal.core.cache import connect_invalidation

        connect_invalidation()
        post_migrate.connect(sites.sync_default_site, dispatch_uid="portal_sync_default_site")
