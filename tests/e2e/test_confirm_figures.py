"""核对数字 in the browser with the demo users: 白水镇's submitter opens a material whose figures were extracted from
its Word file, finds a metric by a synonym in the chooser, ticks all rows, confirms them; every row reads 已确认."""

import pytest
from wagtail.search.index import insert_or_update_object

from portal.exchange.models import ExperienceFigure, ExperiencePage, ExperienceTownshipPage, MetricDefinition
from portal.importer.documents import parse_document
from portal.importer.experience import attach_figures

from .conftest import screenshot
from .test_accessibility import axe_violations
from .wagtail_admin import ADMIN

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "白水镇关爱行动经验（待核对）"
MATERIAL = """白水镇关爱行动经验
全镇建立村级计生协会18个，发展会员2300余人。
投入关爱经费45.5万元，走访慰问计生家庭320户。
印发《致育龄群众的一封信》3000份。
"""


def extracted_material():
    """A draft of 白水镇 with the figures of MATERIAL as “从Word提取数字” leaves them: extracted, to confirm."""
    folder = ExperienceTownshipPage.objects.get(orgunit__code="qingxi-baishui")
    page = folder.add_child(instance=ExperiencePage(title=TITLE, slug="care-to-confirm", live=False))
    attach_figures(page, parse_document("material.txt", MATERIAL.encode()).figures)
    for row in page.figures.all():
        if "一封信" in row.source_sentence:
            row.metric = None  # the row a person has to place: as if the matcher had proposed nothing
    page.save_revision()
    return page


def figures(page):
    return list(ExperiencePage.objects.get(pk=page.pk).get_latest_revision_as_object().figures.all())


def test_township_confirms_extracted_figures_in_one_table(sign_in, demo):
    for metric in MetricDefinition.objects.all():  # the vocabulary came from a migration, unseen by the index
        insert_or_update_object(metric)
    page = extracted_material()
    letter = next(number for number, row in enumerate(figures(page)) if "一封信" in row.source_sentence)
    assert figures(page)[letter].metric is None

    township = sign_in("submitter_qingxi-baishui")
    township.set_viewport_size({"width": 1366, "height": 900})
    township.goto(f"{demo}{ADMIN}pages/{page.pk}/edit/")
    township.locator("a", has_text="核对数字").first.click()
    township.wait_for_selector("table.confirm-table")
    assert township.locator("mark", has_text="3000份").count() == 1  # the figure is marked in its sentence

    # The letter is a 宣传品: the chooser finds it by its synonym 宣传资料.
    township.locator(f"#id_figures-{letter}-metric-chooser button", has_text="选择指标").click()
    township.locator(".modal-content input[name=q]").fill("宣传资料")
    township.locator(".modal-content a", has_text="宣传品（份）").click()
    township.wait_for_selector(".modal-content", state="detached")
    assert township.locator(f"#id_figures-{letter}-metric-chooser").inner_text().strip().startswith("宣传品（份）")

    # Enter in a field does not send the form half done.
    township.locator(f"[name='figures-{letter}-unit']").press("Enter")
    township.wait_for_timeout(500)
    assert figures(page)[letter].metric is None

    township.locator("label", has_text="全选").click()
    screenshot(township, "confirm-figures-ticked-1366")
    assert "已勾选 " in township.locator(".confirm-actions").inner_text()
    township.locator("button", has_text="全部确认").click()
    township.wait_for_selector(".messages")
    assert f"已确认 {len(figures(page))} 个数字" in township.locator(".messages").inner_text()
    statuses = township.locator("select[name$='-status'] option:checked").all_inner_texts()
    assert statuses == ["已确认"] * len(figures(page))
    assert {row.status for row in figures(page)} == {ExperienceFigure.Status.CONFIRMED}
    assert figures(page)[letter].metric.label == "宣传品"

    screenshot(township, "confirm-figures-1366")
    assert axe_violations(township) == []
    township.set_viewport_size({"width": 375, "height": 800})
    screenshot(township, "confirm-figures-375")
    assert axe_violations(township) == []
    township.goto(f"{demo}{ADMIN}pages/{page.pk}/edit/")
    township.locator(".figure-rows__confirm").scroll_into_view_if_needed()
    screenshot(township, "confirm-figures-editor-375")
