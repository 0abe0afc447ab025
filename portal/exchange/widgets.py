"""Light widgets for figure rows, shared by the page editor and 核对数字: a row costs a few KB, not 28 KB."""

from decimal import Decimal

from django import forms
from wagtail.snippets.widgets import AdminSnippetChooser

from .numbers import format_number


def written_number(value) -> str:
    """A stored figure the way it was written: Decimal('696.0000') → '696', Decimal('1E+3') → '1000', 0.5 → '0.5'."""
    if value is None or value == "":
        return ""
    return format_number(Decimal(value), 4, grouping=False)


class WrittenNumberInput(forms.TextInput):
    """A number field showing 696, not 696.0000; typed text (even with an error) is shown back as typed."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        return written_number(value) if isinstance(value, Decimal) else super().format_value(value)


class MetricChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser (its modal, with search) as one button naming the chosen metric: no menu, no icons.

    `titles` ({str(pk): label}, set by `prepare_rows`) names the chosen metric without a query per row.
    """

    template_name = "exchange/admin/metric_chooser.html"
    show_edit_link = False
    titles = None

    def get_context(self, name, value_data, attrs):
        # The choose button is named by the field's label (editor) or the column and row headings (核对数字).
        labelled_by = {**self.attrs, **attrs}.get("aria-labelledby") or f"{attrs['id']}-label"
        return super().get_context(name, value_data, attrs) | {"labelled_by": labelled_by}

    def get_value_data(self, value):
        if self.titles is None or value in (None, ""):
            return super().get_value_data(value)
        key = str(getattr(value, "pk", value))
        return {"id": key, self.display_title_key: self.titles[key]} if key in self.titles else None


def township_units(folder):
    """The villages and other units of the township whose folder (ExperienceTownshipPage) holds a material: what
    涉及村(社区) may be."""
    from portal.core.models import OrgUnit

    township = getattr(folder.specific if folder else None, "orgunit", None)
    return township.get_descendants() if township else OrgUnit.objects.none()


def prepare_rows(row_forms, folder):
    """Make figure rows light: every row's metric (chooser title, summary) and scope list come from two queries in
    all, and help texts are shown once above the rows (`column_help`) instead of in every row."""
    if not row_forms:
        return
    metrics = {str(metric.pk): metric for metric in row_forms[0].fields["metric"].queryset}
    titles = {key: str(metric) for key, metric in metrics.items()}
    scopes = None
    for form in row_forms:
        if str(form.instance.metric_id) in metrics:
            form.instance.metric = metrics[str(form.instance.metric_id)]
        form.fields["metric"].widget.titles = titles
        if "scope" in form.fields:
            scopes = scopes or [("", "（全乡镇）"), *((unit.pk, unit.label) for unit in township_units(folder))]
            form.fields["scope"].widget.choices = scopes
        for field in form.fields.values():
            field.help_text = ""


def column_help(model, names):
    """[(label, help text)] of the model's fields, for the one explanation above a table of rows."""
    fields = [model._meta.get_field(name) for name in names]
    return [(field.verbose_name, field.help_text) for field in fields if field.help_text]
