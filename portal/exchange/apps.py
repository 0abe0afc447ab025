from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "portal.exchange"
    verbose_name = "经验交流"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signal_handlers  # noqa: F401

        post_migrate.connect(index_metrics, sender=self, dispatch_uid="exchange_index_metrics")


def index_metrics(**kwargs):
    """The vocabulary arrives by data migration, which the search index never sees: index it after every migrate,
    so the 统计指标 chooser finds a metric by its name or a synonym (42 rows, a fraction of a second)."""
    from wagtail.search.backends import get_search_backend

    from .models import MetricDefinition

    get_search_backend().add_bulk(MetricDefinition, MetricDefinition.objects.all())
