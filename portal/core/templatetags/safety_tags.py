from django import template
from django.utils.safestring import mark_safe

from portal.core.richtext import clean_rich_text

register = template.Library()


@register.filter
def clean_html(html):
    """Allow-list sanitising of rich text HTML that Wagtail has already expanded (links, images, embeds)."""
    return mark_safe(clean_rich_text(str(html)))  # nh3 output contains only allow-listed markup
