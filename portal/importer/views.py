from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Page

from .forms import ImportDocumentsForm
from .importing import import_file, importable_types


def import_documents(request, parent_id):
    """Upload .docx/.txt/.md files under an index page; each becomes a draft page, then show what happened."""
    parent = get_object_or_404(Page, id=parent_id).specific
    type_keys = importable_types(parent)
    if not type_keys or not parent.permissions_for_user(request.user).can_add_subpage():
        # A plain 403, not Wagtail's redirect-with-message: the check is server-side whatever the button showed.
        return HttpResponseForbidden("你没有在这个栏目下添加页面的权限，不能导入文档。")
    form = ImportDocumentsForm(request.POST or None, request.FILES or None, type_keys=type_keys)
    context = {"parent": parent, "form": form}
    if request.method == "POST" and form.is_valid():
        type_key = form.cleaned_data["page_type"]
        results = [
            import_file(parent, upload.name, upload.read(), type_key=type_key, user=request.user)
            for upload in form.cleaned_data["files"]
        ]
        return TemplateResponse(request, "importer/import_results.html", context | {"results": results})
    return TemplateResponse(request, "importer/import_form.html", context)
