"""The page add form, without autosave.

Wagtail 8 autosaves the add form: the first keystroke in the title creates the page as a draft, so an editor who
opens 添加子页面 and walks away leaves a page behind. Here a page exists once the editor presses 保存草稿, 提交审核 or
发布 (Wagtail's unsaved-changes warning still guards the form); from then on the edit form autosaves as usual.
Wagtail turns autosave off the same way in its revisions views (the `autosave_enabled` context variable)."""

from django.urls import path
from wagtail.admin.views.pages.create import CreateView


class CreatePageWithoutAutosaveView(CreateView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(autosave_enabled=False, autosave_indicator=None)
        return context


def create_page_urls(admin_path):
    """Wagtail's own add-page address, answered by the view above (listed before the admin's URLs)."""
    return [
        path(
            f"{admin_path}pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
            CreatePageWithoutAutosaveView.as_view(),
            name="portal_add_page",
        )
    ]
