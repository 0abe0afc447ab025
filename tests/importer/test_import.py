"""import_documents / extract_figures commands and the admin upload: pages created, cleaned, never half-made."""

import io
import json
import re
import unicodedata
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from portal.importer import importing
from portal.importer.models import ImportRecord
from portal.workflow.models import UnitGroup

from .factories import docx_with_image, huge_png, image_bytes, make_docx, word_file, zip_bomb_docx

SEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
assert SEEDS_DIR.is_dir(), f"找不到样本文档目录 {SEEDS_DIR}（应在仓库旁的 ../shared/seeds）"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
BOILERPLATE = [
    "APP永久免费入口",
    "由会员分享",
    "下载可任意编辑",
    "第3/7页",
    "限制150内",
    "中文期刊网精心挑选",
    "仅供参考",
]


def run(command, *args):
    out, err = StringIO(), StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def children(parent):
    return list(Page.objects.get(pk=parent.pk).get_children().specific().order_by("path"))


def block_types(page):
    return [block.block_type for block in page.body]


@pytest.mark.django_db
def test_import_seeds_creates_clean_draft_pages(news_index):
    out, _err = run("import_documents", *map(str, SEEDS), "--parent", "/news/")
    pages = children(news_index)
    assert len(pages) == 3
    assert len(out.strip().splitlines()) == 3
    for page, line in zip(pages, out.strip().splitlines(), strict=True):
        assert line.startswith(f"{page.pk}\t")
        assert page.title in line and "草稿" in line and "数字" in line
        assert not page.live and page.latest_revision is not None
        raw = json.dumps(list(page.body.raw_data), ensure_ascii=False)
        for junk in BOILERPLATE:
            assert junk not in raw
        assert "heading" in block_types(page)
    summary = next(p for p in pages if p.title.startswith("镇计生协会"))
    body = json.dumps(list(summary.body.raw_data), ensure_ascii=False)
    assert body.count("(二)拓宽范围,不断提升服务水平。") == 1
    assert ImportRecord.objects.filter(parent=news_index).count() == 3


@pytest.mark.django_db
def test_reimport_does_not_duplicate(news_index):
    run("import_documents", str(SEEDS[0]), "--parent", "/news/")
    out, _err = run("import_documents", str(SEEDS[0]), "--parent", "/news/", "--type", "news")
    assert len(children(news_index)) == 1
    assert "已存在" in out


@pytest.mark.django_db
def test_publish_goes_through_a_revision(news_index):
    run("import_documents", str(SEEDS[1]), "--parent", "/news/", "--publish")
    page = children(news_index)[0]
    assert page.live and page.live_revision_id == page.latest_revision_id


@pytest.mark.django_db
def test_docx_headings_table_and_image(news_index, media_root, tmp_path):
    path = tmp_path / "材料.docx"
    path.write_bytes(make_docx())
    run("import_documents", str(path), "--parent", "/news/")
    page = children(news_index)[0]
    assert page.title == "白水镇计生协会经验交流材料"
    types = block_types(page)
    assert types.count("heading") == 2 and "table" in types and "image" in types
    table = next(block.value for block in page.body if block.block_type == "table")
    assert table["data"][1] == ["村级协会", "17", "个"]
    image = get_image_model().objects.get()
    assert SAFE_IMAGE_NAME.search(image.file.name) and image.file.name.endswith(".png")
    assert image.collection.name == "导入图片" and not image.collection.is_root()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("坏.docx", make_docx()[:500], "损坏"),
        ("炸弹.docx", zip_bomb_docx(unpacked_mb=60), "压缩炸弹"),
        ("空.txt", b"", "空"),
        ("图.png", b"\x89PNG", "不支持"),
    ],
)
def test_bad_files_fail_cleanly_without_pages(news_index, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError, match="导入失败"):
        out, err = StringIO(), StringIO()
        try:
            call_command("import_documents", str(path), "--parent", "/news/", stdout=out, stderr=err)
        finally:
            assert message in err.getvalue()
    assert children(news_index) == []


@pytest.mark.django_db
def test_failure_inside_the_transaction_leaves_nothing(news_index, monkeypatch):
    pages_before = Page.objects.count()

    def explode(**kwargs):
        raise importing.ImportFailed("模拟写入失败")

    monkeypatch.setattr(ImportRecord.objects, "create", explode)
    result = importing.import_file(news_index, "a.txt", "标题\n全镇发放宣传品2600余份。".encode())
    assert result.error == "模拟写入失败"
    assert Page.objects.count() == pages_before


@pytest.mark.django_db
def test_unknown_parent_and_wrong_type(news_index):
    with pytest.raises(CommandError, match="找不到网址"):
        run("import_documents", str(SEEDS[0]), "--parent", "/nowhere/")
    with pytest.raises(CommandError, match="下面不能"):
        run("import_documents", str(SEEDS[0]), "--parent", "/", "--type", "news")


@pytest.mark.django_db
def test_extract_figures_formats():
    out, _err = run("extract_figures", str(SEEDS[0]), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert list(rows[0]) == [
        "file",
        "sentence",
        "metric",
        "value",
        "unit",
        "qualifier",
        "value_max",
        "start",
        "end",
        "placeholder",
        "metric_definition",
    ]
    assert {"value": 11.967, "unit": "万元"}.items() <= next(r for r in rows if r["value"] == 11.967).items()
    assert any(r["value"] == 500 and r["value_max"] == 1000 for r in rows)
    csv_out, _err = run("extract_figures", str(SEEDS[0]), "--format", "csv")
    assert csv_out.splitlines()[0] == "file,sentence,metric,value,unit,qualifier,value_max,start,end,placeholder"
    assert len(csv_out.splitlines()) == len(rows) + 1
    table, _err = run("extract_figures", str(SEEDS[0]), "--format", "table")
    assert table.splitlines()[0].startswith("文件") and f"共 {len(rows)} 个" in table


def test_extract_figures_bad_file(tmp_path):
    path = tmp_path / "空.txt"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="无法读取"):
        run("extract_figures", str(path))


# ---------------------------------------------------------------------------- admin


def upload(name, data):
    return SimpleUploadedFile(name, data)


@pytest.mark.django_db
def test_admin_upload_creates_drafts_and_reports_flags(admin_client, news_index, media_root):
    url = f"/admin/importer/{news_index.pk}/"
    form = admin_client.get(url)
    assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()
    files = [upload(SEEDS[1].name, SEEDS[1].read_bytes()), upload("材料.docx", make_docx()), upload("空.txt", b"")]
    response = admin_client.post(url, {"files": files, "page_type": "news"})
    html = response.content.decode()
    assert response.status_code == 200
    pages = children(news_index)
    assert len(pages) == 2 and not any(page.live for page in pages)
    for page in pages:
        assert f"/admin/pages/{page.pk}/edit/" in html
    assert "分页编号" in html and "未导入" in html and "文件是空的" in html


@pytest.mark.django_db
def test_the_import_result_says_which_published_material_a_new_one_will_replace(admin_client, experience_folder):
    url = f"/admin/importer/{experience_folder.pk}/"
    fields = {"page_type": "experience", "year": 2026, "period_kind": "h1"}
    first = make_docx(title="测试镇2026年上半年经验交流材料", paragraphs=["全镇共有会员3600人。"])
    admin_client.post(url, {"files": [upload("上半年.docx", first)], **fields})
    published = children(experience_folder)[0]
    published.save_revision().publish()
    second = make_docx(title="测试镇2026年上半年经验交流材料（修订）", paragraphs=["全镇共有会员3700人。"])
    html = admin_client.post(url, {"files": [upload("修订.docx", second)], **fields}).content.decode()
    assert f"这份材料发布后，将替换《{published.title}》在2026年上半年的数字" in html


@pytest.mark.django_db
def test_admin_upload_limits(admin_client, news_index):
    url = f"/admin/importer/{news_index.pk}/"
    response = admin_client.post(url, {"files": [upload("a.pdf", b"%PDF")], "page_type": "news"})
    assert response.status_code == 200 and "不是 .docx" in response.content.decode()
    too_many = [upload(f"{i}.txt", "标题\n正文。".encode()) for i in range(11)]
    response = admin_client.post(url, {"files": too_many, "page_type": "news"})
    assert "最多上传 10 个" in response.content.decode()
    assert children(news_index) == []


@pytest.mark.django_db
def test_admin_upload_needs_add_permission(client, django_user_model, news_index):
    user = django_user_model.objects.create_user("reader", password="pw-for-tests-only")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(f"/admin/importer/{news_index.pk}/").status_code == 403
    response = client.post(f"/admin/importer/{news_index.pk}/", {"files": [upload("a.txt", b"x")]})
    assert response.status_code == 403
    assert children(news_index) == []


@pytest.mark.django_db
def test_admin_button_on_the_index_page(admin_client, news_index, home):
    assert "导入Word文档" in admin_client.get(f"/admin/pages/{news_index.pk}/").content.decode()
    assert admin_client.get(f"/admin/importer/{home.pk}/").status_code == 403


@pytest.mark.django_db
def test_overlong_document_is_refused_with_a_clear_message(news_index, monkeypatch):
    monkeypatch.setattr(importing, "MAX_PAGE_CHARS", 1000)
    result = importing.import_file(news_index, "长.txt", SEEDS[2].read_bytes())
    assert "正文过长" in result.error and "请拆分" in result.error
    assert children(news_index) == []


@pytest.mark.django_db
def test_import_into_a_township_folder_takes_its_orgunit(admin_client, township_folder):
    out, _err = run("import_documents", str(SEEDS[0]), "--parent", f"/activities/{township_folder.slug}/")
    page = children(township_folder)[0]
    assert type(page).__name__ == "ActivityReportPage"
    assert page.orgunit == township_folder.orgunit and not page.live
    assert str(page.pk) in out
    assert "导入Word文档" in admin_client.get(f"/admin/pages/{township_folder.pk}/").content.decode()


@pytest.mark.django_db
def test_type_inferred_under_the_activity_index(township_folder):
    index = township_folder.get_parent().specific
    assert importing.importable_types(index) == ["activity"]
    assert importing.choose_type(index) == "activity"


@pytest.mark.django_db
def test_publish_that_fails_validation_rolls_back_with_field_labels(township_folder):
    result = importing.import_file(township_folder, SEEDS[0].name, SEEDS[0].read_bytes(), publish=True)
    assert result.error.startswith("页面未通过校验：") and "活动名称" in result.error
    assert children(township_folder) == []


# ---------------------------------------------------------------------------- images inside a .docx

SAFE_IMAGE_NAME = re.compile(r"^original_images/word-[0-9a-f]{16}\.(jpg|png|gif|webp)$")
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'


def png_html_polyglot() -> bytes:
    """A valid PNG that is also an HTML page once a browser sniffs past the header."""
    return image_bytes("PNG") + b"<html><script>alert(document.cookie)</script></html>"


def gif_js_polyglot() -> bytes:
    """A valid GIF that is also a script: GIF89a/*…binary…*/=alert(…); (the width 0x2A2F is the bytes "/*")."""
    buffer = io.BytesIO()
    PILImage.new("P", (0x2A2F, 1)).save(buffer, "GIF")
    data = buffer.getvalue()
    assert data[6:8] == b"/*" and b"*/" not in data
    return data + b"*/=alert(document.cookie);"


def township_collection_for(folder):
    """What setup_portal gives a township: a submitters' group with its own media collection."""
    collection = Collection.get_first_root_node().add_child(name=f"{folder.orgunit.name}图片")
    UnitGroup.objects.create(
        orgunit=folder.orgunit,
        role=UnitGroup.Role.SUBMITTER,
        group=Group.objects.create(name=f"{folder.orgunit.name}提交员"),
        collection=collection,
    )
    return collection


def image_files():
    return [image.file.name for image in get_image_model().objects.all()]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "stored_as"),
    [
        ("evil.html", png_html_polyglot(), ".png"),
        ("evil.js", gif_js_polyglot(), ".gif"),
        ("evil.png", image_bytes("PNG", (400, 300))[:600], None),
        ("evil.svg", SVG, None),
    ],
    ids=["png-html-polyglot", "gif-js-polyglot", "truncated-png", "svg"],
)
def test_hostile_images_in_a_docx_never_keep_their_name(client, township_folder, media_root, name, data, stored_as):
    collection = township_collection_for(township_folder)
    result = importing.import_file(township_folder, "材料.docx", docx_with_image(data, name))
    assert result.ok and result.page is not None
    names = image_files()
    assert not any("evil" in stored or stored.endswith((".html", ".js", ".svg")) for stored in names)
    if stored_as:
        [stored] = names
        assert SAFE_IMAGE_NAME.search(stored) and stored.endswith(stored_as)
        assert get_image_model().objects.get().collection == collection
        listed = client.get("/api/v2/images/?fields=download_url").json()["items"]
        assert [item["meta"]["download_url"].rsplit("/", 1)[1] for item in listed] == [stored.rsplit("/", 1)[1]]
    else:
        assert names == []
        assert "image" not in block_types(children(township_folder)[0])
        [warning] = [flag.message for flag in result.flags if flag.code == "bad_image"]
        assert f"“{name}”没有导入" in warning


@pytest.mark.django_db
def test_a_huge_image_in_a_docx_is_skipped_for_its_pixels_not_called_broken(township_folder, media_root):
    result = importing.import_file(township_folder, "材料.docx", docx_with_image(huge_png(), "全景.png"))
    assert result.ok and result.page is not None
    [warning] = [flag.message for flag in result.flags if flag.code == "bad_image"]
    assert warning == "文档中的图片“全景.png”没有导入：图片像素过多（900,000,000 像素，上限 40,000,000）。"
    assert image_files() == [] and "image" not in block_types(result.page)


@pytest.mark.django_db
def test_a_photo_in_a_docx_gets_a_safe_name_in_the_township_collection(township_folder, media_root):
    collection = township_collection_for(township_folder)
    result = importing.import_file(township_folder, "活动.docx", docx_with_image(image_bytes("JPEG"), "照片.jpeg"))
    image = get_image_model().objects.get()
    assert SAFE_IMAGE_NAME.search(image.file.name) and image.file.name.endswith(".jpg")
    assert image.collection == collection
    assert image.title == "活动（图 1）"
    assert "image" in block_types(result.page)


@pytest.mark.django_db
def test_an_imported_page_is_titled_and_summarised_from_the_text_not_the_download_notices(news_index):
    report = "全镇已建立村级协会17个，发展会员3200余人。今年开展宣传服务活动12次，发放宣传品2600余份。"
    data = word_file(
        "1、下载文档前请自行甄别文档内容的完整性，平台不提供额外的编辑、内容补充、找答案等附加服务。",
        ("白水镇计生协会2024年工作总结", "Heading 1"),
        report,
        "下一步，我们将继续推动各项工作的开展。相关文档最新文档",
    )
    result = importing.import_file(news_index, "新建 Microsoft Word 文档.docx", data)
    page = children(news_index)[0]
    assert result.ok and page.title == "白水镇计生协会2024年工作总结"
    assert page.summary == report
    body = json.dumps(list(page.body.raw_data), ensure_ascii=False)
    assert "下载文档" not in body and "相关文档" not in body and "白水镇计生协会2024年工作总结" not in body


BIDI_TITLE = "白水镇\u202e2026\u200f年特殊字符材料😀"  # as the audit found it stored: U+202E reversed it in lists


def text_of(page):
    """Everything of the page a reader sees as text: title, summary, paragraphs, headings and table cells."""
    parts = [page.title, page.summary]
    for block in page.body:
        if block.block_type == "table":
            parts += [cell for row in block.value["data"] for cell in row]
        elif block.block_type == "heading":
            parts.append(block.value["text"])
        else:
            parts.append(str(block.value))
    return "\n".join(parts)


def is_invisible(char):
    return unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn"} and char not in "\n\t"


@pytest.mark.django_db
def test_a_word_file_loses_direction_marks_and_invisible_characters_but_keeps_emoji_and_punctuation(
    news_index, media_root
):
    document = docx.Document()
    document.add_paragraph(BIDI_TITLE, style="Title")
    document.add_paragraph("全镇\u2066发放\u2069宣传品2600余份\u200b，会员\u00ad活动室\ue000建成35个😀！")
    document.add_paragraph("“婚育新风进万家”活动——《通知》要求：每村1场；你参加了吗？\u202a🎉\u202c")
    cells = document.add_table(rows=1, cols=2).rows[0].cells
    cells[0].text, cells[1].text = "村级\u202e协会", "17\u200d"
    document.add_picture(io.BytesIO(image_bytes("PNG")))
    buffer = io.BytesIO()
    document.save(buffer)
    result = importing.import_file(news_index, "白水镇\u202e材料.docx", buffer.getvalue())
    assert result.ok, result.error
    page = children(news_index)[0]
    assert page.title == "白水镇2026年特殊字符材料😀"
    text = text_of(page)
    assert [hex(ord(char)) for char in text if is_invisible(char)] == []
    assert "全镇发放宣传品2600余份，会员活动室建成35个😀！" in text
    assert "“婚育新风进万家”活动——《通知》要求：每村1场；你参加了吗？🎉" in text
    assert "村级协会" in text and "17" in text.split("\n")
    assert any(flag.code == "invisible" and "已删除 11 个不可见字符" in flag.message for flag in result.flags)
    assert get_image_model().objects.get().title == "白水镇材料（图 1）"  # named after the file, without its U+202E
    assert ImportRecord.objects.get().filename == "白水镇材料.docx"


@pytest.mark.django_db
def test_a_text_file_loses_every_invisible_character_the_public_forms_drop(news_index):
    title = "白水镇\u061c计生协\U000e0041工作\u00ad总结🌸"  # an Arabic letter mark, a tag, a soft hyphen
    body = "全镇发放\u180e宣传品2600余份\ue000，建成活动室35个。"
    result = importing.import_file(news_index, "总结.txt", f"{title}\n{body}".encode())
    assert result.ok, result.error
    page = children(news_index)[0]
    assert page.title == "白水镇计生协工作总结🌸"
    assert "全镇发放宣传品2600余份，建成活动室35个。" in text_of(page)
    assert [hex(ord(char)) for char in text_of(page) if is_invisible(char)] == []
