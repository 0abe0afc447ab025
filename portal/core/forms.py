from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .models import OrgUnit, chinese_day


class OrgUnitForm(WagtailAdminModelForm):
    """Edits an OrgUnit and places it in the tree; treebeard needs add_child/move rather than a plain save."""

    parent = forms.ModelChoiceField(
        queryset=OrgUnit.objects.order_by("path"),
        required=False,
        label="上级单位",
        help_text="留空表示最上层（市级）",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].initial = self.instance.get_parent()

    def clean(self):
        cleaned = super().clean()
        if "level" in cleaned:
            self.instance.level = cleaned["level"]
            try:
                self.instance.validate_parent(cleaned.get("parent"))
            except forms.ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def save(self, commit=True):
        unit = super().save(commit=False)
        parent = self.cleaned_data.get("parent")
        if unit.pk is None:
            return parent.add_child(instance=unit) if parent else OrgUnit.add_root(instance=unit)
        unit.save()
        if parent != unit.get_parent():
            if parent:
                unit.move(parent, pos="sorted-child")
            else:
                unit.move(OrgUnit.get_first_root_node(), pos="sorted-sibling")
        return OrgUnit.objects.get(pk=unit.pk)

    class Meta:
        model = OrgUnit
        fields = ["name", "short_name", "code", "level"]


class HolidayForm(WagtailAdminModelForm):
    """A 调休上班日 is entered once, and lies outside the days off it makes up for (within them it would be both)."""

    def clean(self):
        cleaned = super().clean()
        first, last, workdays = cleaned.get("first_day"), cleaned.get("last_day"), self.formsets["workdays"]
        seen = set()
        for form in workdays.forms if workdays.is_valid() else ():
            day = form.cleaned_data.get("date")
            if day is None or form.cleaned_data.get("DELETE"):
                continue
            if day in seen:
                form.add_error("date", f"{chinese_day(day)}录了两次")
            elif first and last and first <= day <= last:
                form.add_error("date", f"{chinese_day(day)}在放假日期之内，调休上班日在放假前后")
            seen.add(day)
        return cleaned
