"""The edit form every content page shares."""

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.utils import get_user_display_name

from portal.checks.checks import check_page_form

from .slugs import assign_slug


def stale_revision(data, page):
    """True if the editor was opened on an older revision than the page's latest: someone saved since. Wagtail's own
    test (EditView.is_out_of_date), which its edit view applies only to autosave."""
    latest = page.latest_revision
    if latest is None:
        return False
    if overwrite_revision_id := data.get("overwrite_revision_id"):
        return overwrite_revision_id != str(latest.pk)
    if loaded_revision_id := data.get("loaded_revision_id"):
        return (
            loaded_revision_id != str(latest.pk)
            or data.get("loaded_revision_created_at", "") != latest.created_at.isoformat()
        )
    return False


def stale_revision_message(page):
    latest = page.latest_revision
    who = get_user_display_name(latest.user) or "系统"
    when = timezone.localtime(latest.created_at).strftime("%Y-%m-%d %H:%M")
    return (
        f"没有保存：你打开这个页面之后，{who}于{when}保存了新的版本，保存你的内容会覆盖它。"
        "你填写的内容还在下面；请先在新标签页打开“历史”核对最新版本，确定要用你的内容覆盖时再保存一次。"
    )


class PortalPageForm(WagtailAdminPageForm):
    """Every content page's edit form: a save from an editor opened before someone else saved is refused, not a
    silent overwrite (saving the same form again then overwrites on purpose)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django gives fields with a callable default (日期, 年度) a hidden "initial-" input to compare against, which
        # Wagtail's panels never render: the field then always reads as changed, so approving in the editor saved a
        # new revision, and under re-approval sent the page back to the first step. Compare with the instance instead.
        for field in self.fields.values():
            field.show_hidden_initial = False

    def clean(self):
        assign_slug(self)  # before Wagtail's duplicate-slug check
        cleaned_data = super().clean()
        if stale_revision(self.data, self.instance):
            self.add_error(None, stale_revision_message(self.instance))
        check_page_form(self)  # 敏感词 stop submitting and publishing, 易错词 warn (portal/checks)
        return cleaned_data
