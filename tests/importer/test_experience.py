"""Experience materials: imported figures become ExperienceFigure rows to confirm; placeholders block publishing."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Page

from portal.importer import importing

from .factories import make_docx


def named(metric, word):
    """The row was matched to a metric whose label or a synonym contains ``word``."""
    return metric is not None and any(word in name for name in [metric.label, *metric.synonym_list])


def only_child(parent):
    return Page.objects.get(pk=parent.pk).get_children().specific().get()


@pytest.mark.django_db
def test_docx_import_creates_extracted_rows_matched_and_multiplied(experience_folder, metrics, media_root):
    result = importing.import_file(experience_folder, "材料.docx", make_docx())
    assert result.ok, result.error
    page = only_child(experience_folder)
    assert type(page).__name__ == "ExperiencePage" and not page.live
    assert page.orgunit == experience_folder.orgunit
    rows = {(row.metric_text, row.unit): row for row in page.figures.all()}
    assert all(row.status == "extracted" and row.source_sentence for row in rows.values())
    fund = next(row for row in rows.values() if row.unit == "万元")
    assert named(fund.metric, "生育关怀基金")
    assert fund.value == Decimal("125000") and fund.value_as_written == Decimal("12.5") and fund.multiplier == 10000
    members = next(row for row in rows.values() if row.unit == "人")
    assert named(members.metric, "会员") and members.qualifier == "余" and members.value == 3200
    associations = next(row for row in rows.values() if row.unit == "个" and row.value == 17)
    assert named(associations.metric, "村级协会")
    assert "12.5万元" in fund.source_sentence


@pytest.mark.django_db
def test_placeholders_become_rows_that_block_publishing(experience_folder, metrics):
    text = "白水镇经验交流材料\n全镇建立村级协会XX个，发展会员3200人，投入关怀基金余万元。".encode()
    result = importing.import_file(experience_folder, "模板.txt", text, publish=True)
    page = only_child(experience_folder)
    statuses = sorted(row.status for row in page.figures.all())
    assert statuses.count("placeholder") >= 1 and "extracted" in statuses
    assert not page.live
    assert any(flag.code == "not_published" for flag in result.flags)


@pytest.mark.django_db
def test_admin_upload_on_an_existing_experience_page(admin_client, experience_folder, metrics, media_root):
    importing.import_file(experience_folder, "初稿.txt", "白水镇材料\n今年开展活动12场次。".encode())
    page = only_child(experience_folder)
    url = f"/admin/importer/experience/{page.pk}/figures/"
    assert "从Word提取数字" in admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"file": SimpleUploadedFile("材料.docx", make_docx())})
    assert response.status_code == 302 and response.url == f"/admin/pages/{page.pk}/edit/"
    draft = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    figures = list(draft.figures.all())
    assert len(figures) > 4
    assert {row.status for row in figures} == {"extracted"}
    edit = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "生育关怀基金" in edit and "自动提取，待确认" in edit


@pytest.mark.django_db
def test_admin_experience_upload_rejects_bad_files_and_other_pages(admin_client, experience_folder, metrics):
    importing.import_file(experience_folder, "初稿.txt", "白水镇材料\n今年开展活动12场次。".encode())
    page = only_child(experience_folder)
    url = f"/admin/importer/experience/{page.pk}/figures/"
    response = admin_client.post(url, {"file": SimpleUploadedFile("坏.docx", b"PK\x03\x04broken")})
    assert response.status_code == 200 and "Word 文件不能导入" in response.content.decode()
    assert admin_client.get(f"/admin/importer/experience/{experience_folder.pk}/figures/").status_code == 404


FIRST_DRAFT = ["全镇已建立村级协会17个。", "发展会员3200余人。", "生育关怀基金达到12.5万元。"]
REVISED = ["全镇已建立村级协会17个。", "发展会员3300余人。"]  # 3200 → 3300 members; the fund sentence is gone


def extract_again(client, page, paragraphs):
    """从Word提取数字 on the page with a .docx of `paragraphs`; returns the edit page it leads to, and the draft."""
    upload = SimpleUploadedFile("材料.docx", make_docx(paragraphs=paragraphs))
    response = client.post(f"/admin/importer/experience/{page.pk}/figures/", {"file": upload}, follow=True)
    assert response.status_code == 200
    return response.content.decode(), Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


def row_summary(draft):
    return sorted((row.source_sentence, row.value, row.status) for row in draft.figures.all())


@pytest.mark.django_db
def test_extracting_the_same_file_again_adds_no_copies(admin_client, experience_folder, metrics):
    importing.import_file(experience_folder, "材料.docx", make_docx(paragraphs=FIRST_DRAFT))
    page = only_child(experience_folder)
    before = row_summary(page.get_latest_revision_as_object())

    html, draft = extract_again(admin_client, page, FIRST_DRAFT)
    assert row_summary(draft) == before  # 5 rows, not 10: the city total would have doubled
    assert f"新增 0 个，已有 {len(before)} 个保持不变，移除 0 个未确认的旧数字" in html


@pytest.mark.django_db
def test_re_extracting_keeps_confirmed_work_and_drops_stale_guesses(admin_client, experience_folder, metrics):
    importing.import_file(experience_folder, "材料.docx", make_docx(paragraphs=FIRST_DRAFT))
    page = only_child(experience_folder)
    draft = page.get_latest_revision_as_object()
    rows = list(draft.figures.all())
    associations, fund = (next(row for row in rows if row.value == value) for value in (17, 125000))
    chosen = metrics.exclude(pk=associations.metric_id).filter(allowed_units__contains="个").first()
    associations.status, associations.metric = "confirmed", chosen  # checked, and another metric chosen
    fund.status = "confirmed"  # checked; the revised file no longer has it
    draft.figures = rows
    draft.save_revision()
    count = draft.figures.count()

    html, draft = extract_again(admin_client, page, REVISED)
    after = {row.value: row for row in draft.figures.all()}
    assert 3200 not in after  # an unconfirmed guess the new file does not have
    assert after[3300].status == "extracted" and "3300" in after[3300].source_sentence
    assert after[17].status == "confirmed" and after[17].metric == chosen
    assert after[125000].status == "confirmed"
    assert len(after) == count
    assert f"新增 1 个，已有 {count - 1} 个保持不变，移除 1 个未确认的旧数字" in html
    assert f"已确认的“{fund.metric_name}”在新文件里没有找到，仍保留" in html


def import_form_post(client, folder, **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("白水镇材料.txt", "白水镇经验材料\n全镇发放宣传品2600余份。".encode())
    return client.post(f"/admin/importer/{folder.pk}/", {"files": upload, "page_type": "experience", **fields})


def test_the_importer_asks_which_period_a_material_belongs_to(admin_client, experience_folder, metrics):
    response = import_form_post(admin_client, experience_folder)
    assert response.status_code == 200
    assert "导入经验交流材料时请选择材料所属的年度和时段" in response.content.decode()
    assert not experience_folder.get_children().exists()

    import_form_post(admin_client, experience_folder, year="2024", period_kind="h1")
    material = only_child(experience_folder)
    assert (material.year, material.period_kind) == (2024, "h1")


def test_the_command_files_a_material_under_the_period_given(experience_folder, metrics, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "材料.txt"
    path.write_text("白水镇经验材料\n全镇发放宣传品2600余份。", encoding="utf-8")
    call_command(
        "import_documents",
        str(path),
        "--parent",
        experience_folder.url_path.removeprefix("/home"),
        "--year",
        "2023",
        "--period",
        "h2",
    )
    material = only_child(experience_folder)
    assert (material.year, material.period_kind) == (2023, "h2")
