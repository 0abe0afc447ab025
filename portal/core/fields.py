"""Field declarations models of several apps share."""

from django.db import models


def optional_link(to, verbose_name, *, related_name="+", **options):
    """A foreign key that may be left empty and is emptied when the object it points to is deleted."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **options,
    )
