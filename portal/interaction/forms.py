"""The two public forms. Every field has a size limit (the model's max_length, enforced here and by the browser),
text is cleaned of invisible characters, and a honeypot field that people never see catches simple bots."""

import re
from urllib.parse import urlsplit

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme

from portal.core.text import clean_text

from .models import Message

HONEYPOT = "website"
MAX_LINKS = 3
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,18}[0-9]$")


def same_site_path(url, hosts):
    """`/news/x/?a=1` for a path or an address on this site, else None (another site, javascript:, garbage)."""
    url = (url or "").strip()
    if not url or not url_has_allowed_host_and_scheme(url, allowed_hosts=hosts):
        return None
    parts = urlsplit(url)
    if not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


class PublicForm(forms.ModelForm):
    """What both forms share: the honeypot, cleaned text, and fields that tell assistive technology about their
    help text and errors."""

    website = forms.CharField(
        label="网址（请勿填写）",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    multiline_fields = ("body",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages.setdefault("max_length", "最多 %(limit_value)d 个字（现在 %(show_value)d 个）。")
            # Django's zh-hans text for a NUL character says "empty strings are not allowed"
            field.error_messages.setdefault("null_characters_not_allowed", "内容里有无法保存的空字符，请删去后再提交。")
            if isinstance(field, forms.CharField) and field.max_length:
                field.widget.attrs["maxlength"] = field.max_length

    @property
    def is_bot(self):
        return bool(self.data.get(HONEYPOT, "").strip())

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and name != HONEYPOT:
                cleaned[name] = clean_text(value, multiline=name in self.multiline_fields)
                if not cleaned[name] and self.fields[name].required and name not in self.errors:
                    self.add_error(name, self.fields[name].error_messages["required"])
        if len(LINK.findall(cleaned.get("body", ""))) > MAX_LINKS:
            self.add_error("body", f"内容中的网址过多（最多 {MAX_LINKS} 个），请删去一些后再提交。")
        return cleaned

    def describe_fields(self):
        """aria-describedby to each field's help and error text, aria-invalid on fields with errors."""
        for name, field in self.fields.items():
            described_by = []
            if field.help_text:
                described_by.append(f"id_{name}-help")
            if name in self.errors:
                described_by.append(f"id_{name}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)
        return self


class MessageForm(PublicForm):
    class Meta:
        model = Message
        fields = ["subject", "body", "name", "phone", "email", "consent_to_publish"]
        labels = {"subject": "留言主题", "body": "留言内容", "consent_to_publish": "同意在“留言选登”中公开"}
        help_texts = {
            "subject": "一句话说明要咨询或反映的事，最多 60 个字。",
            "body": "最多 2000 个字。请不要写身份证号等个人信息。",
            "phone": "手机或固定电话，便于我们联系您，不会公开。",
            "email": "答复可发到这个邮箱，不会公开。",
            "consent_to_publish": "只公开留言和答复，不公开姓名、电话和邮箱。",
        }
        error_messages = {
            "subject": {"required": "请填写留言主题。"},
            "body": {"required": "请填写留言内容。"},
            "name": {"required": "请填写您的姓名或称呼。"},
            "email": {"invalid": "请填写正确的电子邮箱，如 name@example.com。"},
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].required = True
        self.fields["name"].required = True
        self.fields["name"].label = "姓名或称呼"
        self.fields["phone"].widget.attrs.update(inputmode="tel", autocomplete="tel")
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_phone(self):
        phone = clean_text(self.cleaned_data["phone"])
        if phone and not PHONE.match(phone):
            raise forms.ValidationError("请填写正确的电话号码，如 13812341234 或 0571-12345678。")
        return phone

    def save(self, commit=True):
        self.instance.kind = Message.Kind.MESSAGE
        return super().save(commit)


class ErrorReportForm(PublicForm):
    body = forms.CharField(
        label="错误描述",
        max_length=1000,
        help_text="哪里有错、应当怎样改，最多 1000 个字。",
        error_messages={"required": "请描述错误。"},
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    class Meta:
        model = Message
        fields = ["error_kind", "page_url", "body", "contact"]
        labels = {"error_kind": "错误类型", "page_url": "出错的网页", "contact": "联系方式"}
        help_texts = {
            "page_url": "从哪个网页点进来的，这里已经填好；也可以改成别的网页地址。",
            "contact": "电话或邮箱，需要向您核实时用，不会公开。",
        }
        error_messages = {
            "error_kind": {"required": "请选择错误类型。"},
            "page_url": {"required": "请填写出错网页的地址。"},
        }
        widgets = {"error_kind": forms.RadioSelect}

    def __init__(self, *args, hosts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.hosts = set(hosts)
        self.fields["error_kind"].required = True
        self.fields["error_kind"].choices = Message.ErrorKind.choices  # no empty "---------" radio
        self.fields["page_url"].required = True

    def clean_page_url(self):
        path = same_site_path(self.cleaned_data["page_url"], self.hosts)
        if path is None:
            raise forms.ValidationError("请填写本网站网页的地址，如 /news/ 或本站的完整网址。")
        return path

    def save(self, commit=True):
        self.instance.kind = Message.Kind.ERROR_REPORT
        self.instance.subject = ""
        return super().save(commit)
