"""What the editor and the review emails say about a page beyond Wagtail's own notices."""

from django import template

register = template.Library()


@register.simple_tag
def superseded_notice(page) -> str:
    """Which published material the page's latest revision replaces in the totals once published; "" if none."""
    material = page.specific.get_latest_revision_as_object()
    superseded = material.superseded_material() if hasattr(material, "superseded_material") else None
    if superseded is None:
        return ""
    return (
        f"这份材料发布后，将替换《{superseded.title}》在{superseded.period_label}的数字"
        "（同一乡镇同一时段只计最新发布的一份）。"
    )
