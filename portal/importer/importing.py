"""Turn a parsed document into a Wagtail page: one transaction per document, drafts unless asked to publish."""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field
from functools import cached_property

import nh3
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from portal.core.models import OrgUnit
from portal.core.text import clean_text
from portal.core.uploads import UnsafeFile, check_image_file
from portal.exchange.periods import PeriodKind
from portal.workflow.models import UnitGroup

from .documents import MAX_DOCUMENT_BYTES, Block, DocumentError, Flag, ImageData, ParsedDocument, parse_document
from .experience import attach_figures, check_figure_count
from .models import ImportRecord

PAGE_TYPES = {
    "news": ("news.NewsPage", "新闻"),
    "policy": ("policies.PolicyPage", "政策法规"),
    "village": ("villages.ModelVillagePage", "示范村"),
    "activity": ("activities.ActivityReportPage", "活动报道"),
    "experience": ("exchange.ExperiencePage", "经验交流材料"),
}
logger = logging.getLogger(__name__)
MAX_PAGE_CHARS = 1_000_000  # one page of 100万字 is already more than the admin editor handles comfortably
IMPORT_COLLECTION = "导入图片"  # where images go when the page is not in a township's folder (never Root)


class ImportFailed(Exception):
    """The document cannot become a page here; the message (Chinese) says why."""


@dataclass
class ImportResult:
    filename: str
    page: Page | None = None
    created: bool = False
    flags: list[Flag] = field(default_factory=list)
    figure_count: int = 0
    placeholder_count: int = 0
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


# --------------------------------------------------------------------------------------------------
# Where the page goes and what type it is
# --------------------------------------------------------------------------------------------------


def resolve_parent(url_path: str) -> Page:
    """'/news/' → the page at that address under the default site's root."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise ImportFailed("还没有默认站点，请先运行 load_demo 或在后台设置站点。")
    relative = "/".join(part for part in url_path.strip().split("/") if part)
    target = site.root_page.url_path + (relative + "/" if relative else "")
    page = Page.objects.filter(url_path=target).first()
    if page is None:
        raise ImportFailed(f"找不到网址为“{url_path}”的页面，请检查 --parent（例如 /news/）。")
    return page.specific


def page_model(type_key: str):
    if type_key not in PAGE_TYPES:
        raise ImportFailed(f"未知的页面类型“{type_key}”，可选：{'、'.join(PAGE_TYPES)}。")
    try:
        return apps.get_model(PAGE_TYPES[type_key][0])
    except LookupError:
        raise ImportFailed(f"页面类型“{PAGE_TYPES[type_key][1]}”尚未安装。") from None


def importable_types(parent: Page) -> list[str]:
    """The types this importer can create directly under ``parent``."""
    allowed = set(parent.specific_class.creatable_subpage_models())
    keys = []
    for key, (model_label, _name) in PAGE_TYPES.items():
        try:
            model = apps.get_model(model_label)
        except LookupError:
            continue
        if model in allowed:
            keys.append(key)
    return keys


def choose_type(parent: Page, type_key: str | None = None) -> str:
    possible = importable_types(parent)
    if type_key:
        model = page_model(type_key)
        if type_key not in possible:
            raise ImportFailed(
                f"“{parent.title}”下面不能放“{PAGE_TYPES[type_key][1]}”"
                f"（{model._meta.verbose_name}）页面，请换一个 --parent 或 --type。"
            )
        return type_key
    if not possible:
        raise ImportFailed(f"“{parent.title}”下面不能导入文档：它不是新闻、政策、示范村、活动或经验交流的栏目页。")
    if len(possible) > 1:
        names = "、".join(PAGE_TYPES[key][1] for key in possible)
        raise ImportFailed(f"“{parent.title}”下面可以放多种页面（{names}），请用 --type 指定。")
    return possible[0]


def can_import_under(user, parent: Page, type_key: str) -> bool:
    """The same check as Wagtail's "add child page": permission on the parent and the type allowed there."""
    return type_key in importable_types(parent) and parent.permissions_for_user(user).can_add_subpage()


# --------------------------------------------------------------------------------------------------
# Importing
# --------------------------------------------------------------------------------------------------


def import_file(
    parent: Page,
    filename: str,
    data: bytes,
    *,
    type_key: str | None = None,
    publish: bool = False,
    user=None,
    period: tuple[int, str] | None = None,
) -> ImportResult:
    """Parse and import one file. Never raises for bad input: the result carries the error message.
    `period` (year, "year"|"h1"|"h2") files an experience material; without it the page's default is flagged."""
    result = ImportResult(clean_text(filename) or filename)  # shown, recorded and naming the images: no U+202E
    try:
        type_key = choose_type(parent, type_key)
        document = parse_document(filename, data)
        if len(document.text) > MAX_PAGE_CHARS:
            raise ImportFailed(
                f"正文过长（约 {len(document.text) // 10_000} 万字，上限 {MAX_PAGE_CHARS // 10_000} 万字），"
                "请拆分成几个文件后再导入。"
            )
        if type_key == "experience":
            check_figure_count(document.figures)  # before the transaction: images are stored files, not just rows
        result.flags = list(document.flags)
        result.figure_count = len([f for f in document.figures if not f.placeholder])
        result.placeholder_count = document.placeholder_count
        with transaction.atomic():
            _import_parsed(parent, document, result, type_key=type_key, publish=publish, user=user, period=period)
    except (DocumentError, ImportFailed) as error:
        result.error = str(error)
    except ValidationError as error:
        result.error = "页面未通过校验：" + "；".join(_validation_messages(error, page_model(type_key)))
    except DatabaseError as error:
        logger.exception("导入 %s 时数据库出错", filename)
        result.error = f"保存时数据库出错，没有创建任何页面（{type(error).__name__}）。"
    return result


def _validation_messages(error: ValidationError, model) -> list[str]:
    if not hasattr(error, "message_dict"):
        return list(error.messages)
    labels = {f.name: str(getattr(f, "verbose_name", f.name)) for f in model._meta.get_fields()}
    return [f"{labels.get(name, name)}：{'，'.join(messages)}" for name, messages in error.message_dict.items()]


def _import_parsed(parent, document: ParsedDocument, result: ImportResult, *, type_key, publish, user, period) -> None:
    existing = ImportRecord.objects.filter(parent=parent, content_hash=document.content_hash).first()
    if existing is not None:
        result.page = existing.page.specific
        result.flags.insert(0, Flag("exists", _already_imported(result.page, period)))
        return
    model = page_model(type_key)
    page = model(title=document.title, live=False)
    page.body = _stream_data(model, document.blocks, _ImageSaver(parent, result, user))
    if hasattr(page, "summary"):
        page.summary = document.summary
    parent_orgunit = getattr(parent, "orgunit", None)
    if parent_orgunit is not None and hasattr(page, "orgunit"):
        page.orgunit = parent_orgunit
    _fill_required_fields(page, result)
    if type_key == "experience":
        _file_under_period(page, period, result)
        attach_figures(page, document.figures)
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True, clean=False)  # drafts, like Wagtail's create view
    blockers = page.publish_blockers() if publish and hasattr(page, "publish_blockers") else []
    if blockers:
        result.flags.append(Flag("not_published", f"有 {len(blockers)} 个占位数字，已存为草稿、没有发布。"))
    elif publish:
        revision.publish(user=user)
    ImportRecord.objects.create(
        page=page,
        parent=parent,
        content_hash=document.content_hash,
        filename=result.filename[:255],
        flags=[{"code": f.code, "message": f.message} for f in result.flags],
        figure_count=result.figure_count,
        imported_by=user,
    )
    result.page, result.created = page, True


def _already_imported(page, period) -> str:
    """Says which page holds the document, and when it is filed under another period than the one asked for, which
    one (the figures count once, under that period: a second page would count them twice)."""
    message = f"同一份文档已导入过，见《{page.get_admin_display_title()}》，没有重复创建。"
    draft = page.get_latest_revision_as_object()
    if period is None or not hasattr(draft, "period_kind") or (draft.year, draft.period_kind) == tuple(period):
        return message
    year, kind = period
    filed, asked = f"{draft.year}年{draft.get_period_kind_display()}", f"{year}年{PeriodKind(kind).label}"
    return message + f"它记在{filed}，不是这次选的{asked}；时段填错了请在该页面上修改。"


def _file_under_period(page, period, result: ImportResult) -> None:
    if period is None:
        result.flags.append(
            Flag("default_period", f"材料时段暂填为{page.year}年{page.get_period_kind_display()}，请核对后再提交。")
        )
        return
    page.year, page.period_kind = period


def _fill_required_fields(page, result: ImportResult) -> None:
    """A draft may leave text fields empty, but the database refuses NULL: dates get today's, others stop the import."""
    page_fields = {f.name for f in Page._meta.concrete_fields}
    for model_field in page._meta.concrete_fields:
        if model_field.name in page_fields or model_field.primary_key or model_field.null:
            continue
        if model_field.has_default() or getattr(page, model_field.attname) is not None:
            continue
        if isinstance(model_field, models.DateTimeField):
            setattr(page, model_field.attname, timezone.now())
        elif isinstance(model_field, models.DateField):
            setattr(page, model_field.attname, getattr(page, "date", None) or timezone.localdate())
        else:
            raise ImportFailed(f"“{page._meta.verbose_name}”页面必须先填写“{model_field.verbose_name}”，无法自动导入。")
        result.flags.append(Flag("default_date", f"“{model_field.verbose_name}”暂填为今天，请改成实际日期。"))


def _stream_data(model, blocks: list[Block], save_image) -> list[dict]:
    """Raw StreamField JSON for the page's body; a block type the body lacks degrades to a paragraph."""
    try:
        available = model._meta.get_field("body").stream_block.child_blocks
    except Exception:
        raise ImportFailed(f"“{model._meta.verbose_name}”没有正文（body）字段，无法导入。") from None
    data = []
    for block in blocks:
        if block.kind == "heading" and "heading" in available:
            data.append({"type": "heading", "value": {"text": block.text[:120], "level": block.level}})
        elif block.kind == "table" and "table" in available:
            data.append({"type": "table", "value": _table_value(block.rows)})
        elif block.kind == "image" and "image" in available:
            image = save_image(block.image)
            if image is not None:
                data.append({"type": "image", "value": {"image": image.pk, "caption": "", "alt": ""}})
        elif block.kind == "table":
            data.append({"type": "paragraph", "value": _paragraph_html("　".join(" | ".join(r) for r in block.rows))})
        elif block.text:
            data.append({"type": "paragraph", "value": _paragraph_html(block.text)})
    return data


def _paragraph_html(text: str) -> str:
    return nh3.clean(f"<p>{escape(text)}</p>", tags={"p"})


def _table_value(rows: list[list[str]]) -> dict:
    width = max(len(row) for row in rows)
    return {
        "data": [row + [""] * (width - len(row)) for row in rows],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "",
    }


class _ImageSaver:
    """Stores a document's images the way an admin upload would be: checked, renamed, in the township's collection.

    The name inside the .docx ("evil.html") is never used: a stored file is called word-<hash>.<format read from
    its content>, so the web server can only ever serve it as an image.
    """

    def __init__(self, parent: Page, result: ImportResult, user) -> None:
        self.parent, self.result, self.user = parent, result, user
        self.count = 0

    def __call__(self, image: ImageData):
        file = io.BytesIO(image.data)
        try:
            extension = check_image_file(file)
        except UnsafeFile as error:
            self.result.flags.append(Flag("bad_image", f"文档中的图片“{image.filename}”没有导入：{error.messages[0]}"))
            return None
        self.count += 1
        name = f"word-{hashlib.sha256(image.data).hexdigest()[:16]}.{extension}"
        title = f"{self.result.filename.rsplit('.', 1)[0]}（图 {self.count}）"[:255]
        return get_image_model().objects.create(
            title=title, file=ImageFile(file, name=name), collection=self.collection, uploaded_by_user=self.user
        )

    @cached_property
    def collection(self) -> Collection:
        return township_collection(self.parent) or import_collection()


def township_collection(parent: Page) -> Collection | None:
    """The collection of the township whose folder ``parent`` is (its submitters' media), if it has one."""
    orgunit = getattr(parent, "orgunit", None)
    township = orgunit.ancestor_at(OrgUnit.Level.TOWNSHIP) if orgunit is not None else None
    if township is None:
        return None
    link = (
        UnitGroup.objects.filter(orgunit=township, role=UnitGroup.Role.SUBMITTER).select_related("collection").first()
    )
    return link.collection if link else None


def import_collection() -> Collection:
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=IMPORT_COLLECTION).first() or root.add_child(name=IMPORT_COLLECTION)


def import_path(path, parent: Page, **kwargs) -> ImportResult:
    """Read a local file (size checked before reading) and import it."""
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            limit = MAX_DOCUMENT_BYTES // 1024 // 1024
            return ImportResult(path.name, error=f"文件太大（{size / 1024 / 1024:.1f} MB），上限 {limit} MB。")
        data = path.read_bytes()
    except OSError as error:
        return ImportResult(path.name, error=f"无法读取文件：{error.strerror or error}")
    return import_file(parent, path.name, data, **kwargs)
