"""The pre-publish check as editors meet it in the page editor: a sensitive word stops 发布 and 提交审核 with its
place shown, a common mistake lets the page through with the correction shown, and the report lists both."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.checks.models import CheckRecord, SensitiveWord
from portal.core.models import OrgUnit
from portal.exchange.models import ExperienceFigure
from portal.news.models import NewsPage
from tests.core.factories import OrgUnitFactory
from tests.exchange.factories import (
    ExperienceIndexPageFactory,
    ExperiencePageFactory,
    ExperienceTownshipPageFactory,
    MetricDefinitionFactory,
)
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.workflow.editor import form_fields, open_editor, post_editor

from .factories import SensitiveWordFactory

REPORT_URL = "/admin/reports/prepublish-checks/"


@pytest.fixture
def index(home):
    SensitiveWordFactory(word="法轮功")
    return NewsIndexPageFactory(parent=home)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("news", "newspage", parent.pk))


def body(*blocks):
    """The body StreamField as the editor posts it: ("paragraph", html) or ("heading", text)."""
    items = []
    for kind, value in blocks:
        items.append((kind, rich_text(value) if kind == "paragraph" else {"text": value, "level": "h2"}))
    return nested_form_data({"body": streamfield(items)})


def add_news(client, parent, action, body_data=None, **fields):
    response = client.get(add_url(parent))
    data = form_fields(response.content.decode())
    data.update({"title": ["新闻"], "slug": ["xinwen"], "lead": ["导语"], action: ["1"]})
    data.update({name: [value] for name, value in fields.items()})
    data.update(body_data or {})
    return client.post(add_url(parent), data, follow=True)


def page_text(response):
    return response.content.decode()


def test_a_sensitive_word_in_the_title_stops_publishing_and_says_where(admin_client, index):
    response = add_news(admin_client, index, "action-publish", title="关于法 轮·功的通报")
    assert "标题有敏感词“法 轮·功”：关于【法 轮·功】的通报。请删除或改写后再提交。" in page_text(response)
    assert not NewsPage.objects.exists()
    record = CheckRecord.objects.get()
    assert (record.kind, record.place, record.action, record.blocked) == ("sensitive", "标题", "publish", True)


def test_a_sensitive_word_in_a_body_block_stops_submitting_for_review(admin_client, index):
    item = NewsPageFactory(parent=index)
    item.save_revision()
    _response, data = open_editor(admin_client, item)
    data |= body(("heading", "工作动态"), ("paragraph", "<p>第一段</p><p>有人宣扬<b>法轮</b>功</p>"))
    response = post_editor(admin_client, item, data, action="action-submit")
    assert response.status_code == 200
    assert "正文第2块「段落」有敏感词“法轮功”" in page_text(response)
    assert not Page.objects.get(pk=item.pk).workflow_in_progress
    assert CheckRecord.objects.get().action == "submit"


def test_a_sensitive_word_in_a_draft_is_saved_with_an_error_message(admin_client, index):
    response = add_news(admin_client, index, "action-save", summary="摘要里有ＦＡ轮功和法轮功")
    page = NewsPage.objects.get()
    assert not page.live
    assert "草稿已保存，但提交审核和发布前必须处理：摘要有敏感词“法轮功”" in page_text(response)
    assert list(CheckRecord.objects.values_list("page", "blocked")) == [(page.pk, False)]


def test_a_common_mistake_warns_with_its_correction_and_publishes(admin_client, index):
    paragraph = ("paragraph", "<p>根据云计生协发[2026]12号文件</p>")
    response = add_news(admin_client, index, "action-publish", body(paragraph), summary="推进计划生肓家庭帮扶")
    assert NewsPage.objects.get().live
    text = page_text(response)
    assert "发现易错词，请核对：摘要：“计划生肓”应为“计划生育”（推进【计划生肓】家庭帮扶）" in text
    assert "正文第1块「段落」：“[2026]”应为“〔2026〕”" in text
    assert set(CheckRecord.objects.values_list("word", "suggestion", "blocked")) == {
        ("计划生肓", "计划生育", False),
        ("[####]", "〔2026〕", False),
    }


def test_autosave_neither_warns_nor_records(admin_client, index):
    item = NewsPageFactory(parent=index)
    item.save_revision()
    _response, data = open_editor(admin_client, item)
    posted = {**data, "summary": ["计划生肓"], "action-save": ["1"]}
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(item.pk,)), posted, HTTP_ACCEPT="application/json"
    )
    assert response.json()["success"]
    assert not CheckRecord.objects.exists()
    assert "计划生肓" not in page_text(admin_client.get(reverse("wagtailadmin_home")))


def test_figure_rows_are_checked(admin_client, home):
    township = OrgUnitFactory(name="一镇计生协", short_name="一镇", code="yizhen", level=OrgUnit.Level.TOWNSHIP)
    folder = ExperienceTownshipPageFactory(parent=ExperienceIndexPageFactory(parent=home), orgunit=township)
    metric = MetricDefinitionFactory(label="宣传品发放")
    row = ExperienceFigure(
        metric=metric,
        metric_text="计划生肓宣传品",
        value_as_written=Decimal(5),
        unit="份",
        source_sentence="落实全面二胎政策，发放宣传品5份",
    )
    page = ExperiencePageFactory(parent=folder, figures=[row])
    page.save_revision()
    _response, data = open_editor(admin_client, page)
    response = post_editor(admin_client, page, data)
    assert response.status_code == 302
    text = page_text(admin_client.get(response["Location"]))
    assert "数字第1行 · 原文指标：“计划生肓”应为“计划生育”" in text
    assert "数字第1行 · 原文句子：“全面二胎”应为“全面两孩”" in text


def test_the_report_lists_what_was_caught_for_those_allowed_to_see_it(admin_client, client, index, django_user_model):
    add_news(admin_client, index, "action-publish", title="法轮功")
    add_news(admin_client, index, "action-save", title="计划生肓", slug="jihua")
    response = admin_client.get(REPORT_URL)
    text = page_text(response)
    assert response.status_code == 200
    assert "发布前检查记录" in text and "发布被拦截" in text and "保存草稿时提醒" in text and "计划生育" in text
    assert "计划生肓" not in page_text(admin_client.get(REPORT_URL, {"kind": "sensitive"}))

    export = admin_client.get(REPORT_URL, {"export": "csv"})
    csv = b"".join(export.streaming_content).decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("时间,页面,类别,词表中的词")
    assert len(csv.splitlines()) == 3

    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get_or_create(name="测试编辑")[0])
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(REPORT_URL).status_code in (302, 403)
    assert "发布前检查记录" not in page_text(client.get("/admin/"))


def test_a_word_list_entry_must_have_something_to_match(admin_client):
    response = admin_client.post(reverse("wagtailsnippets_checks_sensitiveword:add"), {"word": " ·　，"})
    assert response.status_code == 200
    assert "敏感词里至少要有一个汉字、字母或数字" in page_text(response)
    assert not SensitiveWord.objects.exists()
    response = admin_client.post(
        reverse("wagtailsnippets_checks_commonmistake:add"), {"wrong": "[####]号", "correct": "〔##〕号"}
    )
    assert "正确写法里的 # 要么不用，要么和易错写法一样多" in page_text(response)


def test_the_seeded_mistakes_are_listed_and_searchable(admin_client):
    response = admin_client.get(reverse("wagtailsnippets_checks_commonmistake:list"), {"q": "生肓"})
    text = page_text(response)
    assert "计划生肓" in text and "“生肓 → 生育”" in text and "再接再励" not in text
