from django.apps import apps
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.models import Page

from portal.workflow.guards import lock_refusal

from .documents import DocumentError, parse_document
from .experience import attach_figures, check_figure_count
from .forms import ExperienceFiguresForm, ImportDocumentsForm
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
            import_file(parent, upload.name, upload.read(), type_key=type_key, user=request.user, period=form.period())
            for upload in form.cleaned_data["files"]
        ]
        return TemplateResponse(request, "importer/import_results.html", context | {"results": results})
    return TemplateResponse(request, "importer/import_form.html", context)


def is_experience_page(page) -> bool:
    try:
        experience_model = apps.get_model("exchange", "ExperiencePage")
    except LookupError:
        return False
    return page.specific_class is not None and issubclass(page.specific_class, experience_model)


def import_experience_figures(request, page_id):
    """Upload the material of an existing ExperiencePage: its figures become rows to confirm in a new draft revision."""
    page = get_object_or_404(Page, id=page_id).specific
    if not is_experience_page(page):
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        return HttpResponseForbidden("你没有编辑这份材料的权限。")
    if refusal := lock_refusal(page, request.user):
        return HttpResponseForbidden(refusal)
    form = ExperienceFiguresForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document = parse_document(upload.name, upload.read())
            check_figure_count(document.figures)
        except DocumentError as error:
            form.add_error("file", str(error))
        else:
            with transaction.atomic():
                draft = page.get_latest_revision_as_object()
                merge = attach_figures(draft, document.figures)
                draft.save_revision(user=request.user, log_action=True)
            messages.success(request, merge_message(upload.name, merge, document.placeholder_count))
            return redirect("wagtailadmin_pages:edit", page.id)
    return TemplateResponse(request, "importer/experience_figures_form.html", {"page": page, "form": form})


def merge_message(filename, merge, placeholders) -> str:
    """What extracting `filename` changed, for the editor to check."""
    message = (
        f"从“{filename}”提取数字：新增 {merge.added} 个，已有 {merge.kept} 个保持不变，"
        f"移除 {merge.removed} 个未确认的旧数字"
    )
    if placeholders:
        message += f"；文件中有占位符 {placeholders} 处"
    if merge.confirmed_missing:
        names = "、".join(f"“{row.metric_name or row.display}”" for row in merge.confirmed_missing)
        message += f"；已确认的{names}在新文件里没有找到，仍保留，请核对是否删除"
    return message + "。已存为草稿，请逐条确认新增的数字后再提交。"
