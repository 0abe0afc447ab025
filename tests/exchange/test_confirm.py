"""核对数字: a township confirms many extracted figures at once; the editor and the table stay light; values read as
written; the table is refused where the page editor would refuse (permissions, workflow locks)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from portal.exchange.models import ExperienceFigure, MetricDefinition
from tests.workflow import conftest as workflow
from tests.workflow.site import submit

from .factories import MetricDefinitionFactory

pytestmark = pytest.mark.django_db
portal_site, site, login = workflow.portal_site, workflow.site, workflow.login  # the small portal and its users

EXTRACTED = ExperienceFigure.Status.EXTRACTED
CONFIRMED = ExperienceFigure.Status.CONFIRMED
ROW_FIELDS = ("metric", "value_as_written", "unit", "qualifier", "status", "metric_text", "value_max_as_written")
ROW_FIELDS += ("role", "scope", "part_of", "source_sentence")


@pytest.fixture
def materials():
    return MetricDefinitionFactory(label="宣传品发放", synonyms="宣传资料、宣传材料", canonical_unit="份")


def with_figures(page, rows):
    """Put extracted rows on the page's draft, as “从Word提取数字” does: a new revision, rows not yet in the table."""
    draft = page.get_latest_revision_as_object()
    draft.figures = [
        ExperienceFigure(
            metric=metric,
            value_as_written=Decimal(value),
            unit=unit,
            qualifier=qualifier,
            status=EXTRACTED,
            source_sentence=sentence,
        )
        for metric, value, unit, qualifier, sentence in rows
    ]
    draft.save_revision()
    return page


def thirty_rows(metric):
    return [(metric, Decimal("696.0000") + n, "份", "", f"全镇发放宣传品{696 + n}份。") for n in range(30)]


def table_url(page):
    return reverse("exchange_confirm_figures", args=[page.pk])


def draft_figures(page):
    return list(Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().figures.all())


def table_data(page, *, ticked=(), action="confirm", **changes):
    """What the table posts: every row as shown, `ticked` row numbers (0-based) ticked, `changes` {"2-unit": "万份"}."""
    rows = []
    for number, row in enumerate(draft_figures(page)):
        data = {"id": row.pk or ""}
        for name in ROW_FIELDS:
            value = getattr(row, f"{name}_id" if name in ("metric", "scope") else name)
            data[name] = "" if value is None else value
        data |= {key.split("-", 1)[1]: value for key, value in changes.items() if key.split("-")[0] == str(number)}
        rows.append(data | ({"selected": "on"} if number in ticked else {}))
    data = nested_form_data({"figures": inline_formset(rows, initial=len(rows))})
    return data | {"revision": Page.objects.get(pk=page.pk).latest_revision_id, "action": action}


def visible(html):
    """The page without the hidden inputs that carry saved rows through the editor form."""
    return re.sub(r'<input type="hidden"[^>]*>', "", html)


def test_editor_and_table_of_thirty_figures_are_light_and_show_values_as_written(site, login, materials):
    page = with_figures(site.page("experience_a1"), thirty_rows(materials))
    client = login("submitter_a1")

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    table = client.get(table_url(page))

    assert editor.status_code == table.status_code == 200
    assert len(editor.content) < 300_000
    assert len(table.content) < 300_000
    assert "696份" in editor.content.decode()
    assert "696.0000" not in visible(editor.content.decode())
    assert 'value="696"' in table.content.decode()
    assert "696.0000" not in visible(table.content.decode())
    assert "核对数字" in editor.content.decode()  # the header button


def test_new_figure_and_chooser_show_integral_values_without_zeros(materials):
    from portal.exchange.widgets import WrittenNumberInput, written_number

    assert [written_number(value) for value in (Decimal("696.0000"), Decimal("1E+3"), Decimal("0.50"))] == [
        "696",
        "1000",
        "0.5",
    ]
    assert 'value="4300"' in WrittenNumberInput().render("value", Decimal("4300.0000"))
    assert 'value="43x"' in WrittenNumberInput().render("value", "43x")  # what was typed comes back as typed


def test_source_sentence_is_escaped_with_the_figure_marked(site, login, materials):
    sentence = "<b>全镇</b>发放宣传品4300余万份。"
    page = with_figures(site.page("experience_a1"), [(materials, "4300", "万份", "余", sentence)])

    html = login("submitter_a1").get(table_url(page)).content.decode()

    assert "&lt;b&gt;全镇&lt;/b&gt;发放宣传品<mark>4300余万份</mark>。" in html


def test_the_earlier_value_of_a_change_in_a_word_file_is_marked_as_not_counted(site, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.importer.factories import make_docx

    page = site.page("experience_a1")
    client = login("submitter_a1")
    material = make_docx(paragraphs=["全镇计生协会员由3000人增加到3200人。"], with_table=False, with_image=False)
    upload = SimpleUploadedFile("材料.docx", material)
    client.post(f"/admin/importer/experience/{page.pk}/figures/", {"file": upload})

    table = visible(client.get(table_url(page)).content.decode())
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

    note = "变化前的数，不计入合计；如果不是，请把“性质”改为“实际完成”"
    assert table.count(note) == 1 and editor.count(note) == 1
    draft = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    roles = {row.value: row.role for row in draft.figures.all()}
    assert (roles[3000], roles[3200]) == ("earlier", "actual")


def test_a_figure_given_again_is_marked_as_counted_once_in_the_table_and_the_editor(site, login, materials):
    opening, summary = "上半年全镇发放宣传品4300份。", "全年共发放宣传品0.43万份，其中……"
    rows = [(materials, "4300", "份", "", opening), (materials, "12", "份", "", "另发放12份。")]
    page = with_figures(site.page("experience_a1"), [*rows, (materials, "0.43", "万份", "", summary)])
    client = login("submitter_a1")

    table = visible(client.get(table_url(page)).content.decode())
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

    assert table.count("与第1行是同一个数字，汇总时只算一次") == 1
    assert editor.count("与第1行是同一个数字，汇总时只算一次") == 1
    assert table.index("0.43") < table.index("与第1行是同一个数字")


def test_confirm_all_confirms_exactly_the_ticked_rows(site, login, materials):
    page = with_figures(site.page("experience_a1"), thirty_rows(materials)[:4])
    client = login("submitter_a1")
    revisions = page.revisions.count()

    response = client.post(table_url(page), table_data(page, ticked=(0, 2), **{"2-unit": "万份"}))

    assert response.status_code == 302
    assert [row.status for row in draft_figures(page)] == [CONFIRMED, EXTRACTED, CONFIRMED, EXTRACTED]
    assert draft_figures(page)[2].unit == "万份"  # edits in the table are saved with the confirmation
    assert draft_figures(page)[1].source_sentence == "全镇发放宣传品697份。"
    assert page.revisions.count() == revisions + 1
    assert Page.objects.get(pk=page.pk).get_latest_revision().user == site.users["submitter_a1"]
    assert "已确认 2 个数字" in client.get(table_url(page)).content.decode()


def test_confirming_checks_the_rows_as_confirmed(site, login, materials):
    page = with_figures(site.page("experience_a1"), thirty_rows(materials)[:2])
    client = login("submitter_a1")
    revisions = page.revisions.count()

    response = client.post(table_url(page), table_data(page, ticked=(1,), **{"1-unit": "人"}))

    assert response.status_code == 200
    assert "“宣传品发放”的单位只能是：份、万份（填的是“人”）" in response.content.decode()
    assert page.revisions.count() == revisions
    assert [row.status for row in draft_figures(page)] == [EXTRACTED, EXTRACTED]


def test_nothing_ticked_saves_nothing(site, login, materials):
    page = with_figures(site.page("experience_a1"), thirty_rows(materials)[:2])
    revisions = page.revisions.count()

    response = login("submitter_a1").post(table_url(page), table_data(page))

    assert "请先勾选要确认的行" in response.content.decode()
    assert page.revisions.count() == revisions


def test_a_table_opened_before_another_save_does_not_overwrite_it(site, login, materials):
    page = with_figures(site.page("experience_a1"), thirty_rows(materials)[:2])
    client = login("submitter_a1")
    stale = table_data(page, ticked=(0, 1))
    with_figures(page, thirty_rows(materials)[:3])  # e.g. saved in the page editor meanwhile

    response = client.post(table_url(page), stale, follow=True)

    assert "又被修改过" in response.content.decode()
    assert [row.status for row in draft_figures(page)] == [EXTRACTED] * 3


def test_submitter_cannot_change_figures_of_a_material_under_review(site, login, materials):
    page = with_figures(site.page("experience_a1"), thirty_rows(materials)[:2])
    submit(Page.objects.get(pk=page.pk).specific, site.users["submitter_a1"])
    client = login("submitter_a1")
    revisions = page.revisions.count()

    assert client.get(table_url(page)).status_code == 403
    response = client.post(table_url(page), table_data(page, ticked=(0, 1)))

    assert response.status_code == 403
    assert "这份材料现在不能修改" in response.content.decode()
    assert page.revisions.count() == revisions
    assert "核对数字" not in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert login("reviewer_jia").get(table_url(page)).status_code == 200  # the county reviewer may, as in the editor


def test_submitter_cannot_open_another_townships_material(site, login, materials):
    page = with_figures(site.page("experience_b1"), thirty_rows(materials)[:2])
    client = login("submitter_a1")

    assert client.get(table_url(page)).status_code == 403
    assert client.post(table_url(page), table_data(page, ticked=(0,))).status_code == 403
    assert [row.status for row in draft_figures(page)] == [EXTRACTED, EXTRACTED]
    assert client.get(reverse("exchange_confirm_figures", args=[site.page("news").pk])).status_code == 404


def test_metric_chooser_searches_names_and_synonyms(site, login, materials):
    MetricDefinitionFactory(label="测试活动场次", canonical_unit="次", allowed_units="次")
    chooser = reverse(MetricDefinition.snippet_viewset.chooser_viewset.get_url_name("choose"))
    results = reverse(MetricDefinition.snippet_viewset.chooser_viewset.get_url_name("choose_results"))
    client = login("submitter_a1")

    assert 'name="q"' in client.get(chooser).json()["html"]
    found = client.get(results, {"q": "宣传资料"}).content.decode()
    assert "宣传品发放" in found
    assert "测试活动场次" not in found


def test_revisions_compare_values_as_written(site, login, materials):
    page = with_figures(site.page("experience_a1"), thirty_rows(materials)[:1])
    client = login("submitter_a1")
    before = Page.objects.get(pk=page.pk).latest_revision_id
    client.post(table_url(page), table_data(page, ticked=(0,), **{"0-value_as_written": "700"}))
    after = Page.objects.get(pk=page.pk).latest_revision_id

    html = client.get(reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, before, after])).content.decode()

    assert "696" in html and "700" in html
    assert "696.0000" not in html and "700.0000" not in html


def scope_options(html, prefix):
    select = re.search(rf'<select name="{prefix}-scope".*?</select>', html, re.S).group(0)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def test_scope_lists_only_the_townships_own_villages(site, login, materials):
    page = with_figures(site.page("experience_a1"), thirty_rows(materials)[:1])
    client = login("submitter_a1")
    folder = site.folder("exchange", "jia-yi")
    village = site.units["jia-yi-v1"].label

    new_material = client.get(reverse("wagtailadmin_pages:add", args=["exchange", "experiencepage", folder.pk]))
    table = client.get(table_url(page))

    assert scope_options(new_material.content.decode(), "figures-__prefix__") == ["（全乡镇）", village]
    assert scope_options(table.content.decode(), "figures-0") == ["（全乡镇）", village]


def test_every_field_of_a_row_is_named_for_screen_readers(site, login, materials):
    page = with_figures(site.page("experience_a1"), thirty_rows(materials)[:2])
    html = login("submitter_a1").get(table_url(page)).content.decode()
    ids = set(re.findall(r' id="([^"]+)"', html))

    fields = dict(re.findall(r'name="figures-1-(\w+)"[^>]*aria-labelledby="([^"]+)"', html))
    chooser = re.search(r'aria-labelledby="([^"]+)">\s*<span data-chooser-title id="id_figures-1-metric-title"', html)

    assert set(fields) >= {"selected", "value_as_written", "unit", "qualifier", "status"}
    for names in [*fields.values(), chooser.group(1)]:  # “数值 第2行”, “统计指标 第2行 宣传品（份）”
        assert "figures-1-number" in names.split()
        assert set(names.split()) <= ids


def test_a_row_ticked_for_deletion_is_removed(site, login, materials):
    page = with_figures(site.page("experience_a1"), thirty_rows(materials)[:3])

    login("submitter_a1").post(table_url(page), table_data(page, action="save", **{"1-DELETE": "on"}))

    assert [row.source_sentence for row in draft_figures(page)] == ["全镇发放宣传品696份。", "全镇发放宣传品698份。"]


def test_the_migrated_vocabulary_is_searchable_in_the_chooser(site, login):
    metric = MetricDefinition.objects.exclude(synonyms="").order_by("pk").first()
    results = reverse(MetricDefinition.snippet_viewset.chooser_viewset.get_url_name("choose_results"))
    found = login("submitter_a1").get(results, {"q": metric.synonym_list[0]}).content.decode()
    assert metric.label in found
