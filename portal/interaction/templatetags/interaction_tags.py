from django import template

from ..privacy import mask_in_text

register = template.Library()


@register.filter
def public_text(value):
    """A visitor's text as the public may see it: mobile and ID-card numbers they typed are masked."""
    return mask_in_text(value or "")
