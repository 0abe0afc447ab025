"""What publishing, unpublishing, moving, deleting and restricting pages does to the figures; connected in
ExchangeConfig.ready()."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .aggregation import mark_current_submissions
from .aliases import record_aliases_on_publish
from .models import ExperiencePage


@receiver(page_published, sender=ExperiencePage)
@receiver(page_unpublished, sender=ExperiencePage)
@receiver(post_delete, sender=ExperiencePage)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_page_move)
def refresh_current_submissions(sender, **kwargs):
    """Keep `is_current` (what the dashboard counts) in step with publishing and with what visitors may open (view
    restrictions, moves under a restricted page): set-based, a few queries each time."""
    mark_current_submissions()


page_published.connect(record_aliases_on_publish, sender=ExperiencePage, dispatch_uid="exchange_record_metric_aliases")
