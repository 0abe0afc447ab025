from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "portal.news"
    verbose_name = "工作动态"
