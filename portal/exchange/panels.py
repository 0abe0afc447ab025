"""The page editor's figure rows, light: a saved row is a line of text (its fields travel as hidden inputs, so the
page form still checks them); new rows and rows with errors are compact fields. 核对数字 edits saved rows."""

from wagtail.admin import compare
from wagtail.admin.panels import FieldPanel, InlinePanel, get_form_for_model

from .forms import FigureForm, FigureFormSet, row_notes
from .widgets import WrittenNumberInput, column_help, prepare_rows, written_number


class WrittenNumberComparison(compare.FieldComparison):
    """Revisions compared as written: 696 → 700, not 696.0000 → 700.0000."""

    def __init__(self, field, obj_a, obj_b):
        super().__init__(field, obj_a, obj_b)
        self.val_a, self.val_b = written_number(self.val_a), written_number(self.val_b)


class WrittenNumberPanel(FieldPanel):
    """A figure's number as written, in the form (696, not 696.0000) and when revisions are compared."""

    def __init__(self, field_name, **kwargs):
        super().__init__(field_name, **{"widget": WrittenNumberInput(), **kwargs})

    def get_comparison_class(self):
        return WrittenNumberComparison


class FigureInlinePanel(InlinePanel):
    """Wagtail's InlinePanel (adding, deleting and checking rows unchanged) with a light template per row, and row
    forms that look up all rows' metrics and villages at once (FigureForm, FigureFormSet)."""

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        deferred = self.child_edit_handler.get_form_options().get("defer_required_on_fields") or []
        model = self.db_field.related_model
        formset["form"] = get_form_for_model(model, form_class=FigureForm, defer_required_on_fields=deferred)
        formset["formset"] = FigureFormSet
        return options

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "exchange/admin/figure_inline_panel.html"

        class Media:
            css = {"all": ["css/figures_admin.css"]}

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is None:
                return
            rows = [child.form for child in self.children] + [self.empty_child.form]
            prepare_rows(rows, self.form.parent_page)  # the township's folder, also while the page is being added
            saved = self.formset.initial_forms
            notes = row_notes([child.form.instance for child in self.children])
            for child, note in zip(self.children, notes, strict=True):
                child.as_summary = child.form in saved and not child.form.errors
                child.note = note
            extracted = self.formset.model.Status.EXTRACTED
            self.to_confirm = sum(child.form.instance.status == extracted for child in self.children)

        def get_context_data(self, parent_context=None):
            from .confirm import edit_refusal  # confirm.py needs the models, which need this module

            context = super().get_context_data(parent_context)
            context["column_help"] = column_help(self.formset.model, self.formset.form.base_fields)
            page = self.instance
            context["may_confirm"] = page.pk is not None and edit_refusal(page, self.request.user) is None
            context["to_confirm"] = self.to_confirm
            return context
