"""A sensitive word stops a page on every way out, not only in the page editor's form: approving from the dashboard's
dialog, bulk 发布 and the admin API read the revision that would go out, inline rows included, against the word list
as it is now (a word listed after the page was submitted still stops it)."""

from decimal import Decimal

from wagtail.models import Page
from wagtail.rich_text import RichText

from portal.exchange.models import ExperienceFigure, MetricDefinition
from tests.checks.factories import SensitiveWordFactory

from .site import ADMIN, act, is_denied, submit

WORD = "法轮功"


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def with_word_in_body(page):
    page.body = [("paragraph", RichText(f"<p>本月开展宣传活动，揭批{WORD}邪教。</p>"))]
    return page


def test_a_word_listed_after_submission_stops_approval_from_the_dashboard(site, login):
    page = with_word_in_body(site.page("activity_a1"))
    submit(page, site.users["submitter_a1"])
    SensitiveWordFactory(word=WORD)
    step = fresh(page).current_workflow_task

    response = act(login("city_reviewer"), page, "approve")
    assert is_denied(response)
    assert fresh(page).current_workflow_task == step
    assert not fresh(page).live


def test_bulk_publishing_refuses_a_draft_with_a_sensitive_word_and_says_where(site, login):
    SensitiveWordFactory(word=WORD)
    page = with_word_in_body(site.page("news"))
    page.save_revision()

    response = login("city_admin").post(f"{ADMIN}bulk/wagtailcore/page/publish/?id={page.pk}&next={ADMIN}", follow=True)
    text = response.content.decode()
    assert "没有发布任何页面。" in text
    assert f"第1块「段落」有敏感词“{WORD}”" in text
    assert not fresh(page).live


def test_the_admin_api_refuses_a_sensitive_word_in_an_inline_row(site, login):
    SensitiveWordFactory(word=WORD)
    page = site.page("experience_a1")
    metric = MetricDefinition.objects.order_by("pk").first()
    page.figures = [
        ExperienceFigure(
            metric=metric,
            value_as_written=Decimal(3),
            unit=metric.canonical_unit,
            status="confirmed",
            source_sentence=f"开展反{WORD}宣传3次",
        )
    ]
    page.save_revision()

    response = login("city_admin").post(f"/admin/api/main/pages/{page.pk}/action/publish/", {})
    assert response.status_code == 400
    assert f"第1行 · 原文句子有敏感词“{WORD}”" in response.json()["detail"]
    assert not fresh(page).live


def test_a_page_without_listed_words_still_publishes(site, login):
    SensitiveWordFactory(word="不在正文里的词")
    page = with_word_in_body(site.page("news"))
    page.save_revision()

    response = login("city_admin").post(f"/admin/api/main/pages/{page.pk}/action/publish/", {})
    assert response.status_code == 200
    assert fresh(page).live
