"""What an editor may add under a page: the page types the admin's “添加子页面” offers there."""

from wagtail.models import get_page_models


def creatable_under(parent):
    return {model for model in get_page_models() if model.can_create_at(parent)}
