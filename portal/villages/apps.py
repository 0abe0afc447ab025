from django.apps import AppConfig


class VillagesConfig(AppConfig):
    name = "portal.villages"
    label = "villages"
    verbose_name = "示范村"
