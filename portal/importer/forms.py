from pathlib import PurePath

from django import forms

from portal.exchange.periods import PeriodKind

from .documents import SUPPORTED_SUFFIXES
from .importing import PAGE_TYPES

# The periods an import can file a material under (a custom range is set on the page afterwards).
IMPORT_PERIODS = [(kind.value, kind.label) for kind in PeriodKind if kind != PeriodKind.CUSTOM]
MAX_UPLOAD_FILES = 10
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's documented pattern for <input type="file" multiple>: cleans to a list of files."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(SUPPORTED_SUFFIXES)}))
        kwargs.setdefault("allow_empty_file", True)  # reported per file on the result page, not as a form error
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, list | tuple):
            return [single_clean(item, initial) for item in data]
        return [single_clean(data, initial)]


class ImportDocumentsForm(forms.Form):
    files = MultipleFileField(
        label="文件",
        help_text=f"可一次选多个 .docx、.txt 或 .md 文件（最多 {MAX_UPLOAD_FILES} 个，每个不超过 10 MB），"
        "每个文件生成一个草稿页面。",
    )
    page_type = forms.ChoiceField(label="页面类型")

    def __init__(self, *args, type_keys: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page_type"].choices = [(key, PAGE_TYPES[key][1]) for key in type_keys]
        if len(type_keys) == 1:
            self.fields["page_type"].initial = type_keys[0]
            self.fields["page_type"].widget = forms.HiddenInput()
        if "experience" in type_keys:
            # Asked, never assumed: a material filed under the wrong period replaces another one in the totals.
            self.fields["year"] = forms.IntegerField(
                label="材料所属年度",
                required=False,
                min_value=2000,
                max_value=2100,
                help_text="经验交流材料必填，如 2025",
            )
            self.fields["period_kind"] = forms.ChoiceField(
                label="材料时段",
                required=False,
                choices=[("", "请选择"), *IMPORT_PERIODS],
                help_text="经验交流材料必填；自定义起止日期请导入后在页面上修改",
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("page_type") == "experience":
            for name in ("year", "period_kind"):
                if not cleaned.get(name):
                    self.add_error(name, "导入经验交流材料时请选择材料所属的年度和时段")
        return cleaned

    def period(self):
        """(year, period kind) for experience materials, else None."""
        if self.cleaned_data.get("page_type") != "experience":
            return None
        return self.cleaned_data["year"], self.cleaned_data["period_kind"]

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_UPLOAD_FILES:
            raise forms.ValidationError(f"一次最多上传 {MAX_UPLOAD_FILES} 个文件。")
        for upload in files:
            if PurePath(upload.name).suffix.lower() not in SUPPORTED_SUFFIXES:
                raise forms.ValidationError(f"“{upload.name}”不是 .docx、.txt 或 .md 文件。")
            if upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(f"“{upload.name}”超过 10 MB。")
        return files


class ExperienceFiguresForm(forms.Form):
    file = forms.FileField(
        label="材料文件", allow_empty_file=True, help_text="一个 .docx、.txt 或 .md 文件，不超过 10 MB。"
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in SUPPORTED_SUFFIXES:
            raise forms.ValidationError(f"“{upload.name}”不是 .docx、.txt 或 .md 文件。")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"“{upload.name}”超过 10 MB。")
        return upload
