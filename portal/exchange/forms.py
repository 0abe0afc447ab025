"""The ExperiencePage edit form: checks across figure rows (其中 breakdowns, the same figure twice), rows blocking
publication; the stale-save check comes from PortalPageForm."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.utils.functional import cached_property
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm

from portal.core.page_forms import PortalPageForm

from .numbers import LOWER_BOUND_QUALIFIERS, Role, base_unit


class RowChoiceField(forms.ModelChoiceField):
    """A row's metric or village, found among those all rows of the formset posted (FigureFormSet fetches them in one
    query) rather than with a query of its own."""

    posted = None  # {str(pk): object}, set by FigureFormSet on a bound form

    def to_python(self, value):
        if self.posted is None or value in self.empty_values:
            return super().to_python(value)
        try:
            return self.posted[str(value)]
        except KeyError:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None


ROW_FIELD_CLASSES = {"metric": RowChoiceField, "scope": RowChoiceField}


class FigureRowChecks:
    """For the forms of figure rows (page editor, 核对数字): the metric and the village were found by their form fields,
    so the model's own check of each reference (one query per row) is skipped."""

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() | set(ROW_FIELD_CLASSES)


class FigureForm(FigureRowChecks, WagtailAdminModelForm):
    """A figure row of the page editor (FigureInlinePanel)."""

    class Meta:
        field_classes = ROW_FIELD_CLASSES


class FigureFormSet(BaseChildFormSet):
    """Figure rows whose metrics and villages are fetched in one query per field for all rows, and whose ids are
    those of the rows being edited (Django's formset looks up each row's id in the table)."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        for name, objects in self.posted_choices.items():
            form.fields[name].posted = objects
        return form

    def add_fields(self, form, index):
        super().add_fields(form, index)
        name = self._pk_field.name
        if form.is_bound and name in form.fields:
            field = form.fields[name]
            form.fields[name] = RowChoiceField(
                field.queryset, initial=field.initial, required=False, widget=field.widget
            )
            form.fields[name].posted = self.rows_by_id

    @cached_property
    def rows_by_id(self):
        return {str(row.pk): row for row in self.get_queryset() if row.pk is not None}

    @cached_property
    def posted_choices(self):
        """{field name: {str(pk): object}} of the metrics and villages named in the posted rows."""
        if not self.is_bound:
            return {}
        choices = {}
        for name, field in self.form.base_fields.items():
            if isinstance(field, RowChoiceField):
                keys = {str(self.data.get(f"{self.add_prefix(i)}-{name}", "")) for i in range(self.total_form_count())}
                ids = [key for key in keys if key.isdigit()]
                choices[name] = {str(pk): item for pk, item in field.queryset.in_bulk(ids).items()} if ids else {}
        return choices


def breakdown_errors(figures):
    """{row index: message} for 其中 rows that point nowhere, repeat their total's metric, or add up to more than it.

    `figures` are the rows in display order; `part_of` is the 1-based number of the total's row.
    """
    errors = {}
    parts_by_total = {}
    for index, figure in enumerate(figures):
        if figure.part_of is None:
            continue
        total_index = figure.part_of - 1
        if not 0 <= total_index < len(figures) or total_index == index:
            errors[index] = f"“其中”所属的第{figure.part_of}行不存在"
        elif figures[total_index].part_of is not None:
            errors[index] = f"第{figure.part_of}行本身也是分项，请填写总数所在的行"
        elif figure.metric_id and figure.metric_id == figures[total_index].metric_id:
            errors[index] = "分项不能和总数使用同一个指标，否则汇总时会重复计算"
        elif base_unit(figure.unit) != base_unit(figures[total_index].unit):
            errors[index] = f"分项的单位“{figure.unit}”和总数的单位“{figures[total_index].unit}”不一致"
        else:
            parts_by_total.setdefault(total_index, []).append(index)
    for total_index, part_indexes in parts_by_total.items():
        total = figures[total_index]
        ceiling = total.value_max if total.value_max is not None else total.value
        if ceiling is None or (total.qualifier in LOWER_BOUND_QUALIFIERS and total.value_max is None):
            continue
        parts_sum = sum(figures[i].value for i in part_indexes if figures[i].value is not None)
        if parts_sum > ceiling:
            for index in part_indexes:
                errors[index] = f"第{total_index + 1}行的“其中”分项合计（{parts_sum:g}）超过了总数（{ceiling:g}）"
    return errors


def duplicate_groups(figures):
    """Lists of row indexes that are one figure entered more than once: the same metric (or 原文指标 without one),
    value, unit and sentence, and the same role and village (a target and its result, or two villages' equal numbers,
    are different figures)."""
    groups = {}
    for index, figure in enumerate(figures):
        key = (
            figure.metric_id or figure.metric_text,
            figure.value,
            figure.value_max,
            figure.unit,
            figure.source_sentence,
            figure.role,
            figure.scope_id,
        )
        groups.setdefault(key, []).append(index)
    return [indexes for indexes in groups.values() if len(indexes) > 1]


def restatements(figures):
    """{row index: index of the earlier row it restates}: an actual figure given again in another sentence
    (ExperienceFigure.SAME_FIGURE), which the totals count once (aggregation.counted_figures). In the same sentence
    it is a duplicate row instead (duplicate_groups)."""
    first, restated = {}, {}
    for index, figure in enumerate(figures):
        figure.derive_values()
        if figure.role != Role.ACTUAL or figure.metric_id is None or figure.value is None:
            continue
        earlier = first.setdefault(figure.same_figure_key(), index)
        if earlier != index and figures[earlier].source_sentence != figure.source_sentence:
            restated[index] = earlier
    return restated


EARLIER_VALUE_NOTE = "变化前的数，不计入合计；如果不是，请把“性质”改为“实际完成”"


def row_notes(figures):
    """What each row's line says about how the totals take it: a restatement is counted once, an earlier value
    never."""
    restated = restatements(figures)
    return [_row_note(figure, restated.get(index)) for index, figure in enumerate(figures)]


def _row_note(figure, restated_row):
    if restated_row is not None:
        return f"与第{restated_row + 1}行是同一个数字，汇总时只算一次"
    return EARLIER_VALUE_NOTE if figure.role == Role.EARLIER else ""


def duplicate_message(figures, indexes):
    figure = figures[indexes[0]]
    rows = "、".join(f"第{index + 1}行" for index in indexes)
    sentence = f"，原句“{figure.source_sentence[:40]}”" if figure.source_sentence else ""
    return (
        f"{rows}是同一个数字（{figure.metric_name or '数字'} {figure.display}{sentence}），"
        "汇总时会重复计算，请只保留一行"
    )


class ExperiencePageForm(PortalPageForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("figures")
        if formset is None:
            return cleaned_data
        formset.is_valid()  # cleans every row; rows with their own errors still take part in the checks below
        forms = self.ordered_figure_forms(formset)
        figures = [form.instance for form in forms]
        for figure in figures:
            figure.derive_values()
        for index, message in breakdown_errors(figures).items():
            forms[index].add_error("part_of", message)
        for indexes in duplicate_groups(figures):
            self.add_error(None, duplicate_message(figures, indexes))
            for index in indexes[1:]:
                forms[index].add_error(None, f"和第{indexes[0] + 1}行重复")
        township = self.township()
        for form, figure in zip(forms, figures, strict=True):
            if township and figure.scope_id and not figure.scope.path.startswith(township.path):
                form.add_error("scope", f"涉及的村(社区)必须属于{township.label}")
        if self.publishing():
            blockers = self.instance.publish_blockers(figures)
            if blockers:
                raise ValidationError(["发布前请处理这些数字：", *blockers])
        return cleaned_data

    def township(self):
        """The township of the folder the page is (or will be) in."""
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        return getattr(parent.specific if parent else None, "orgunit", None)

    def publishing(self):
        return bool(self.data.get("action-publish"))

    @staticmethod
    def ordered_figure_forms(formset):
        kept = [form for form in formset.forms if form.has_changed() or form.instance.pk]
        kept = [form for form in kept if not getattr(form, "cleaned_data", {}).get(DELETION_FIELD_NAME)]
        return sorted(kept, key=lambda form: form.cleaned_data.get(ORDERING_FIELD_NAME) or 0)
