"""Admin for the metric vocabulary's helpers: 指标别名 (MetricAlias)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MetricAlias


class MetricAliasViewSet(SnippetViewSet):
    """原文指标 → 统计指标 learnt from reviewers; filter by metric to see one metric's aliases."""

    model = MetricAlias
    icon = "link"
    menu_label = "指标别名"
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["text", "metric", "source_page", "updated_at"]
    list_filter = ["metric"]
    search_fields = ["text"]


register_snippet(MetricAliasViewSet)
