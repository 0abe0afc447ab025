"""After an administrator saves a message: email a newly chosen 承办人, and refresh 留言选登 in the page cache
when the message is or was public. A visitor's new message changes no public page, so it never invalidates."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from portal.core.cache import invalidate

from .models import Message
from .notifications import notify_assignee


@receiver(pre_save, sender=Message)
def remember_stored_state(sender, instance, raw=False, **kwargs):
    stored = Message.objects.filter(pk=instance.pk).first() if instance.pk and not raw else None
    instance._stored_assignee_id = stored.assignee_id if stored else None
    instance._stored_public = stored.is_public if stored else False


@receiver(post_save, sender=Message)
def after_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance._stored_public or instance.is_public:
        invalidate()
    if instance.assignee_id and instance.assignee_id != instance._stored_assignee_id:
        transaction.on_commit(lambda: notify_assignee(instance))


@receiver(post_delete, sender=Message)
def after_delete(sender, instance, **kwargs):
    if instance.is_public:
        invalidate()
