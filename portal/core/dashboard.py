"""Admin dashboard panels."""

from wagtail.admin.ui.components import Component


class DashboardTable(Component):
    """A dashboard panel for one user: a table of rows in a template extending core/dashboard_table.html, which shows
    nothing when there are no rows."""

    panel_id = ""
    heading = ""

    def __init__(self, user):
        self.user = user

    def table_context(self, rows, **extra):
        return {"panel_id": self.panel_id, "heading": self.heading, "rows": rows, **extra}
