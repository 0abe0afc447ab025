"""The ExperiencePage edit form: checks across figure rows (其中 breakdowns, the same figure twice), rows blocking
publication; the stale-save check comes from PortalPageForm."""

from django.core.exceptions import ValidationError
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME

from portal.core.page_forms import PortalPageForm

from .numbers import LOWER_BOUND_QUALIFIERS, base_unit


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
            figure.normalise()
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
