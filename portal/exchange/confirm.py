"""核对数字 (/admin/exchange/figures/<page id>/): a material's figures as one table, one line per figure.

Tick rows (or 全选) and press 全部确认 to mark them 已确认; fix a metric (searchable chooser), value, unit or qualifier
on the way. Saving makes a new revision of the page, as the page editor does, with the page form's own checks
(ExperiencePageForm: 其中 breakdowns, 涉及村(社区) inside the township, …), and the editor's permissions and locks.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.forms.formsets import ORDERING_FIELD_NAME
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from wagtail.models import Page

from .forms import (
    ROW_FIELD_CLASSES,
    ExperiencePageForm,
    FigureFormSet,
    FigureRowChecks,
    row_notes,
)
from .models import ExperienceFigure, ExperiencePage, MetricDefinition
from .numbers import format_number
from .widgets import MetricChooser, WrittenNumberInput, column_help, prepare_rows, written_number

# On the row's line, then under 更多 (rarely needed). The source sentence is shown, not edited, and travels hidden:
# rows fresh from “从Word提取数字” have no id yet, so the formset rebuilds them from what is posted.
LINE_FIELDS = ["metric", "value_as_written", "unit", "qualifier", "status"]
MORE_FIELDS = ["metric_text", "value_max_as_written", "role", "scope", "part_of"]
ROW_FIELDS = LINE_FIELDS + MORE_FIELDS + ["source_sentence"]
CONFIRM = "confirm"


class FigureRowForm(FigureRowChecks, forms.ModelForm):
    selected = forms.BooleanField(label="选中", required=False, widget=forms.CheckboxInput({"data-row-select": ""}))

    class Meta:
        model = ExperienceFigure
        fields = ROW_FIELDS
        widgets = {
            "source_sentence": forms.HiddenInput(),
            "metric": MetricChooser(MetricDefinition),
            "value_as_written": WrittenNumberInput(attrs={"size": 8}),
            "value_max_as_written": WrittenNumberInput(attrs={"size": 8}),
            "unit": forms.TextInput(attrs={"size": 4}),
            "scope": forms.Select(),
            "part_of": forms.TextInput(attrs={"size": 3, "inputmode": "numeric"}),
        }
        labels = {"metric": "统计指标"}
        field_classes = ROW_FIELD_CLASSES

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in LINE_FIELDS + ["selected"]:  # named by the column heading and the row's number
            self.fields[name].widget.attrs["aria-labelledby"] = f"figures-column-{name} {self.prefix}-number"


class FigureRowFormSet(FigureFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields[ORDERING_FIELD_NAME].widget = forms.HiddenInput()  # rows keep their order (moved in the editor)


class ConfirmFiguresForm(ExperiencePageForm):
    """The page form with only its figures: ExperiencePageForm's checks run as in the editor."""

    class Meta:
        model = ExperiencePage
        fields = []
        formsets = {
            "figures": {
                "form": FigureRowForm,
                "formset": FigureRowFormSet,
                "fields": ROW_FIELDS,
                "extra": 0,
            }
        }


@dataclass
class Row:
    """A line of the table: the row's form, its source sentence (HTML: escaped, the figure in <mark>) and fields."""

    form: FigureRowForm
    sentence: str
    note: str = ""

    @property
    def line(self):
        return [self.form[name] for name in LINE_FIELDS]

    @property
    def more(self):
        return [self.form[name] for name in MORE_FIELDS]

    @property
    def more_has_errors(self):
        return any(self.form[name].errors for name in MORE_FIELDS)


def highlighted(figure) -> str:
    """The source sentence, escaped, with the figure's own text (4300余万元, else 4,300 or 4300) in <mark>."""
    sentence, value = figure.source_sentence, figure.value_as_written
    if value is not None:
        for text in (figure.display, format_number(value, 4), written_number(value)):
            start = sentence.find(text)
            if start >= 0:
                end = start + len(text)
                return format_html("{}<mark>{}</mark>{}", sentence[:start], text, sentence[end:])
    return format_html("{}", sentence)


def edit_refusal(page, user):
    """Why `user` may not change `page`'s figures (the page editor's own rules), or None."""
    if not page.permissions_for_user(user).can_edit():
        return "你没有修改这份材料的权限。"
    lock = page.get_lock()
    if lock and lock.for_user(user):
        return format_html("这份材料现在不能修改：{}", lock.get_message(user))
    return None


def ticked(data):
    """The prefixes (figures-3) of the rows ticked in the posted table."""
    return [key.removesuffix("-selected") for key in data if key.endswith("-selected")]


def confirm_ticked(data):
    """The posted table with every ticked row's status set to 已确认 (before validation, so it is checked as such)."""
    data = data.copy()
    for prefix in ticked(data):
        data[f"{prefix}-status"] = ExperienceFigure.Status.CONFIRMED
    return data


def refused(request, page, refusal):
    """403 with the reason; a locked page can still be looked at in the editor."""
    may_view = page.permissions_for_user(request.user).can_edit()
    back = reverse("wagtailadmin_pages:edit", args=[page.pk]) if may_view else reverse("wagtailadmin_home")
    context = {"page": page, "refusal": refusal, "back": back}
    return TemplateResponse(request, "exchange/admin/confirm_refused.html", context, status=403)


def rows(row_forms):
    figures = [row_form.instance for row_form in row_forms]
    return [
        Row(row_form, highlighted(figure), note)
        for row_form, figure, note in zip(row_forms, figures, row_notes(figures), strict=True)
    ]


def table(request, page, form):
    formset = form.formsets["figures"]
    prepare_rows(formset.forms, form.parent_page)
    context = {
        "page": page,
        "form": form,
        "formset": formset,
        "rows": rows(formset.forms),
        "column_help": column_help(ExperienceFigure, LINE_FIELDS + MORE_FIELDS),
        "media": form.media + forms.Media(css={"all": ["css/figures_admin.css"]}, js=["js/confirm_figures.js"]),
    }
    return TemplateResponse(request, "exchange/admin/confirm_figures.html", context)


def confirm_figures(request, page_id):
    page = get_object_or_404(Page, id=page_id).specific
    if not isinstance(page, ExperiencePage) or page.alias_of_id:
        raise Http404
    refusal = edit_refusal(page, request.user)
    if refusal:
        return refused(request, page, refusal)
    draft, folder = page.get_latest_revision_as_object(), page.get_parent()
    if request.method != "POST":
        return table(request, page, ConfirmFiguresForm(instance=draft, parent_page=folder, for_user=request.user))
    if request.POST.get("revision") != str(page.latest_revision_id):
        messages.error(request, "这份材料在你打开核对页之后又被修改过（编辑页或另一个窗口），请重新核对。")
        return redirect("exchange_confirm_figures", page.pk)
    confirming = request.POST.get("action") == CONFIRM
    data = confirm_ticked(request.POST) if confirming else request.POST
    form = ConfirmFiguresForm(data, instance=draft, parent_page=folder, for_user=request.user)
    if confirming and not ticked(request.POST):
        messages.warning(request, "请先勾选要确认的行（或“全选”），再按“全部确认”。")
        return table(request, page, form)  # what was typed stays, nothing is saved
    if not form.is_valid():
        return table(request, page, form)
    form.save(commit=False).save_revision(user=request.user, log_action=True)
    done = f"已确认 {len(ticked(request.POST))} 个数字，" if confirming else ""
    messages.success(request, f"{done}已保存为新的草稿版本。")
    return redirect("exchange_confirm_figures", page.pk)
