"""Rich text is cleaned on output as well as on input: whatever reached the database (import, API, ORM, an old
revision) is rendered through an allow-list of the tags and attributes Wagtail's own rich text produces."""

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "u", "s", "sup", "sub", "code",
    "ol", "ul", "li", "a", "hr", "blockquote", "img", "div", "iframe", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"class", "data-block-key"},
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "iframe": {"src", "width", "height", "title", "allowfullscreen", "frameborder", "allow"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_rich_text(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
