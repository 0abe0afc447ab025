from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .models import OrgUnit


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
