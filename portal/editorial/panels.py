from portal.core.dashboard import DashboardTable

from .freshness import overdue_sections_for


class OverdueSectionsPanel(DashboardTable):
    """Dashboard: the overdue sections the user answers for (nothing when none is)."""

    name = "overdue_sections"
    template_name = "editorial/overdue_panel.html"
    panel_id = "overdue-sections"
    heading = "栏目更新逾期"
    order = 90  # near the top: a stale section is a failed check
    shown = 10

    def get_context_data(self, parent_context):
        sections = overdue_sections_for(self.user)
        return self.table_context(sections[: self.shown], more=max(len(sections) - self.shown, 0))
