from wagtail.admin.ui.components import Component

from .freshness import overdue_sections_for


class OverdueSectionsPanel(Component):
    """Dashboard: the overdue sections the user answers for (nothing when none is)."""

    name = "overdue_sections"
    template_name = "editorial/overdue_panel.html"
    order = 90  # near the top: a stale section is a failed check
    shown = 10

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        sections = overdue_sections_for(self.user)
        return {"sections": sections[: self.shown], "more": max(len(sections) - self.shown, 0)}
