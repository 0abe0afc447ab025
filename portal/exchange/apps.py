from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "portal.exchange"
    label = "exchange"
    verbose_name = "经验交流"

    def ready(self):
        from wagtail.signals import page_published

        from .aliases import record_aliases_on_publish
        from .models import ExperiencePage

        page_published.connect(
            record_aliases_on_publish, sender=ExperiencePage, dispatch_uid="exchange_record_metric_aliases"
        )
