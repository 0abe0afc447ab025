"""One search-index update per object for the whole load, instead of one per save."""

from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch.index import get_indexed_models
from modelsearch.signal_handlers import post_save_signal_handler
from modelsearch.tasks import insert_or_update_object_task


@contextmanager
def indexed_once():
    """modelsearch indexes an object each time it is saved, and a demo page is saved three or four times as it is
    built and published. Inside this block the saves are only noted; each saved object is then indexed once, by the
    task modelsearch's own handler enqueues, so the index ends as it would have."""
    saved = {}

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[(instance._meta.app_label, instance._meta.model_name, str(instance.pk))] = True

    models = [model for model in get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(note, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(note, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)
    for app_label, model_name, pk in saved:
        insert_or_update_object_task.enqueue(app_label, model_name, pk)
