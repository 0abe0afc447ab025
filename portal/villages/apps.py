from django.apps import AppConfig


class VillagesConfig(AppConfig):
    name = "portal.villages"
    verbose_name = "示范村"
