from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "portal.activities"
    verbose_name = "活动报道"
