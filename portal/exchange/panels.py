"""The page editor's figure rows, light: a saved row is a line of text (its fields travel as hidden inputs, so the
page form still checks them); new rows and rows with errors are compact fields. 核对数字 edits saved rows."""

from wagtail.admin.panels import InlinePanel

from .widgets import column_help, prepare_rows


class FigureInlinePanel(InlinePanel):
    """Wagtail's InlinePanel (adding, deleting and checking rows unchanged) with a light template per row."""

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "exchange/admin/figure_inline_panel.html"

        class Media:
            css = {"all": ["css/figures_admin.css"]}

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is None:
                return
            prepare_rows([child.form for child in self.children] + [self.empty_child.form], self.instance)
            saved = self.formset.initial_forms
            for child in self.children:
                child.as_summary = child.form in saved and not child.form.errors

        def get_context_data(self, parent_context=None):
            from .confirm import edit_refusal  # confirm.py needs the models, which need this module

            context = super().get_context_data(parent_context)
            context["column_help"] = column_help(self.formset.model, self.formset.form.base_fields)
            page = self.instance
            context["may_confirm"] = page.pk is not None and edit_refusal(page, self.request.user) is None
            return context
