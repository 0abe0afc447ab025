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


def counted_material(count):
    """A .docx like the one the audit imported (第i段：全镇共有会员i人。) with ``count`` such paragraphs, a table and
    a picture."""
    return make_docx(paragraphs=[f"第{i}段：全镇共有会员{i}人。" for i in range(1, count + 1)])


def traces():
    """What an import leaves behind: pages, images (rows and files), figure rows, import records, collections."""
    from django.apps import apps
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    from portal.importer.models import ImportRecord

    figure_model = apps.get_model("exchange", "ExperienceFigure")
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "figures": figure_model.objects.count(),
        "records": ImportRecord.objects.count(),
        "collections": Collection.objects.count(),
    }


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


def test_no_real_material_comes_near_the_figure_limit():
    from portal.importer.documents import parse_document
    from portal.importer.experience import MAX_FIGURES

    from .test_import import SEEDS

    most = max(len(parse_document(seed.name, seed.read_bytes()).figures) for seed in SEEDS)
    assert most > 60 and most * 4 <= MAX_FIGURES  # 004, a 合集 of 141 paragraphs, has 84


def test_a_material_with_more_figures_than_any_real_one_is_refused_and_leaves_no_trace(
    admin_client, experience_folder, metrics, media_root
):
    from portal.importer.experience import MAX_FIGURES

    before = traces()
    upload = SimpleUploadedFile("白水镇材料.docx", counted_material(MAX_FIGURES))
    response = admin_client.post(
        f"/admin/importer/{experience_folder.pk}/",
        {"files": upload, "page_type": "experience", "year": "2026", "period_kind": "year"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    found = MAX_FIGURES + 2  # one a paragraph, and make_docx's own 活动室1个, 活动120余场次
    assert f"找到 {found} 个数字，超过一次导入的上限 {MAX_FIGURES} 个" in html
    assert "把材料拆分成几个文件分别导入" in html
    assert traces() == before
    assert stored_files(media_root) == []


def test_extracting_figures_from_an_oversized_material_onto_a_page_changes_nothing(
    admin_client, experience_folder, metrics, media_root
):
    from portal.importer.experience import MAX_FIGURES

    importing.import_file(experience_folder, "初稿.txt", "白水镇材料\n今年开展活动12场次。".encode())
    page = only_child(experience_folder)
    revisions = page.revisions.count()
    before = traces()
    upload = SimpleUploadedFile("材料.docx", counted_material(MAX_FIGURES))
    response = admin_client.post(f"/admin/importer/experience/{page.pk}/figures/", {"file": upload})
    assert response.status_code == 200
    assert f"超过一次导入的上限 {MAX_FIGURES} 个" in response.content.decode()
    assert traces() == before and page.revisions.count() == revisions
    assert len(page.get_latest_revision_as_object().figures.all()) == 1


def test_a_material_at_the_figure_limit_is_imported(experience_folder, metrics, media_root):
    from portal.importer.experience import MAX_FIGURES

    result = importing.import_file(experience_folder, "白水镇材料.docx", counted_material(MAX_FIGURES - 2))
    assert result.ok, result.error
    assert only_child(experience_folder).figures.count() == MAX_FIGURES


BREAKDOWNS = [
    "全镇建成会员之家15个,其中新建3个。",
    "镇财政投入资金50万元(含县级配套10万元)。",
    "全年发放宣传品3000份,其中宣传折页1000份、宣传画册800份。",
]


def rows_by_value(page):
    rows = list(page.figures.all())
    return rows, {row.value_as_written: number for number, row in enumerate(rows, start=1)}


@pytest.mark.django_db
def test_breakdown_parts_point_at_their_total_and_never_take_its_metric(experience_folder, metrics):
    from portal.exchange.forms import breakdown_errors

    text = "白水镇经验交流材料\n" + "\n".join(BREAKDOWNS)
    assert importing.import_file(experience_folder, "材料.txt", text.encode()).ok
    rows, number = rows_by_value(only_child(experience_folder))
    parts = {row.value_as_written: row.part_of for row in rows if row.part_of is not None}
    assert parts == {3: number[15], 10: number[50], 1000: number[3000], 800: number[3000]}
    assert next(row for row in rows if row.value_as_written == 3).metric_text == "新建会员之家"
    materials = rows[number[3000] - 1].metric
    assert named(materials, "宣传品")
    assert rows[number[1000] - 1].metric != materials  # 3000 份 of 宣传品, not 4000
    assert breakdown_errors(rows) == {}


@pytest.mark.django_db
def test_extracting_again_keeps_parts_pointing_at_their_totals(admin_client, experience_folder, metrics):
    first = ["全镇发展会员3200余人。", "全镇建成会员之家15个,其中新建3个。"]
    importing.import_file(experience_folder, "材料.docx", make_docx(paragraphs=first))
    page = only_child(experience_folder)
    _html, draft = extract_again(admin_client, page, first[1:])  # the members' row goes, the rows move up
    rows, number = rows_by_value(draft)
    assert 3200 not in number
    assert rows[number[3] - 1].part_of == number[15]


def test_importing_the_same_material_again_under_another_period_says_which_period_holds_it(
    admin_client, experience_folder, metrics, media_root
):
    def import_material(year, period_kind):
        upload = SimpleUploadedFile("白水镇材料.docx", make_docx())
        fields = {"files": upload, "page_type": "experience", "year": year, "period_kind": period_kind}
        return admin_client.post(f"/admin/importer/{experience_folder.pk}/", fields).content.decode()

    import_material("2025", "h1")
    material = only_child(experience_folder)
    again = import_material("2025", "h1")
    elsewhere = import_material("2026", "year")

    assert f"同一份文档已导入过，见《{material.title}》，没有重复创建。" in again and "它记在" not in again
    assert "它记在2025年上半年，不是这次选的2026年全年；时段填错了请在该页面上修改。" in elsewhere
    assert only_child(experience_folder).pk == material.pk  # one page: its figures count once, under 2025年上半年
    assert (only_child(experience_folder).year, only_child(experience_folder).period_kind) == (2025, "h1")


def test_an_imported_material_once_published_numbers_its_rows_as_the_file_has_them(experience_folder, metrics):
    from portal.exchange.exports import figure_record

    material = make_docx(paragraphs=FIRST_DRAFT, with_table=False, with_image=False)
    importing.import_file(experience_folder, "材料.docx", material)
    page = only_child(experience_folder)
    draft = page.get_latest_revision_as_object()
    for row in draft.figures.all():
        row.status = "confirmed"
    draft.save_revision().publish()

    rows = list(Page.objects.get(pk=page.pk).specific.figures.order_by("pk"))
    assert [figure_record(row)["row"] for row in rows] == list(range(1, len(rows) + 1))
    assert [row.value for row in rows] == [17, 3200, 125000, 1, 120]  # as the file has them
