"""Review feedback in plain sight, over HTTP: the editor sees the reviewer's comment and 需修改 on the edit form and the
dashboard, and every message says what happened (已创建草稿, 已提交审核, 已退回修改, 已批准并发布, 已定时于…发布)."""

import datetime
import json

from django.contrib.messages import get_messages
from django.utils import timezone
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from .site import ADMIN, act, submit

COMMENT = "请补充活动的参与人数和照片来源"


def news_form(page, **changes):
    """The news form as the browser posts it for `page` (saved or not), with `changes` (buttons, go-live time…)."""
    fields = {
        "title": page.title,
        "slug": page.slug,
        "date": "2026-12-01",
        "summary": "",
        "lead": "导语",
        "body": streamfield([]),
        "tags": "",
        "related_links": inline_formset([]),
    }
    return nested_form_data({**fields, **changes})


def messages_of(response):
    """The messages the next page shows, without the buttons Wagtail puts after some of them."""
    return [str(message).split("<")[0].strip() for message in get_messages(response.wsgi_request)]


def edit_url(page):
    return f"{ADMIN}pages/{page.pk}/edit/"


def reload(page):
    return Page.objects.get(pk=page.pk).specific


def test_the_editor_sees_the_reviewers_comment_and_needs_changes_on_the_form(site, login):
    page = site.page("news")
    submit(page, site.users["editor"])
    act(login("city_reviewer"), page, "reject", COMMENT)

    content = login("editor").get(edit_url(page)).content.decode()
    assert COMMENT in content
    assert "需修改。审核意见（city_reviewer" in content
    assert "审核中" not in content  # the status side panel says 需修改


def test_the_dashboard_lists_the_editors_pages_sent_back_with_the_comment(site, login):
    page = site.page("news")
    submit(page, site.users["editor"])
    act(login("city_reviewer"), page, "reject", COMMENT)

    dashboard = login("editor").get(ADMIN).content.decode()
    assert "退回给我修改的页面" in dashboard and page.title in dashboard and COMMENT in dashboard
    assert "退回给我修改的页面" not in login("policy_editor").get(ADMIN).content.decode()


def test_the_comment_disappears_once_the_editor_resubmits(site, login):
    page = site.page("news")
    submit(page, site.users["editor"])
    act(login("city_reviewer"), page, "reject", COMMENT)
    editor = login("editor")

    response = editor.post(edit_url(page), news_form(page, **{"action-submit": "1"}))
    assert any("已提交审核" in message for message in messages_of(response))
    assert COMMENT not in editor.get(edit_url(page)).content.decode()
    assert "退回给我修改的页面" not in editor.get(ADMIN).content.decode()


def test_requesting_changes_in_the_editor_says_so(site, login):
    page = site.page("news")
    submit(page, site.users["editor"])
    reviewer = login("city_reviewer")
    action = {
        "action-workflow-action": "1",
        "workflow-action-name": "reject",
        "workflow-action-extra-data": json.dumps({"comment": COMMENT}),
    }

    response = reviewer.post(edit_url(page), news_form(page, **action))
    assert messages_of(response) == [f"已退回修改：“{page.title}”，审核意见已通知提交人。"]
    assert reload(page).current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_approving_in_the_editor_says_approved_and_published(site, login):
    page = site.page("news")
    submit(page, site.users["editor"])
    action = {"action-workflow-action": "1", "workflow-action-name": "approve"}

    response = login("city_reviewer").post(edit_url(page), news_form(page, **action))
    assert messages_of(response) == [f"已批准并发布：“{page.title}”。"]
    assert reload(page).live


def test_the_first_save_says_draft_created_and_later_saves_draft_saved(site, login):
    editor = login("editor")
    index = site.indexes["news"]
    form = news_form(Page(title="新建的新闻", slug="new-news"))

    response = editor.post(f"{ADMIN}pages/add/news/newspage/{index.pk}/", form, follow=True)  # shown, so read
    assert messages_of(response) == ["已创建草稿：“新建的新闻”。"]
    page = Page.objects.get(slug="new-news").specific
    response = editor.post(edit_url(page), news_form(page))
    assert messages_of(response) == ["已保存草稿：“新建的新闻”。"]


def test_submitting_a_new_page_says_created_and_submitted(site, login):
    form = news_form(Page(title="直接提交的新闻", slug="submitted-news"))
    form["action-submit"] = "1"
    response = login("editor").post(f"{ADMIN}pages/add/news/newspage/{site.indexes['news'].pk}/", form)
    assert messages_of(response) == ["已创建并提交审核：“直接提交的新闻”。"]


def test_publishing_with_a_go_live_time_says_when(site, login):
    page = site.page("news")
    go_live = (timezone.localtime() + datetime.timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    form = news_form(page, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    form["action-publish"] = "1"

    response = login("city_admin").post(edit_url(page), form)
    when = f"{go_live.year}年{go_live.month}月{go_live.day}日 09:00"
    assert messages_of(response) == [f"已定时于{when}发布：“{page.title}”。"]
    assert not reload(page).live


def test_the_publish_button_of_a_reviewer_reads_approve_and_publish_without_a_space(site, login):
    page = site.page("news")
    submit(page, site.users["editor"])
    content = login("city_reviewer").get(edit_url(page)).content.decode()
    # Under WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT Wagtail's last-step button reads 批准 (an approval may send the
    # page back to an earlier step rather than publish); whichever it reads, never with the stray space.
    assert "批准 和发布" not in content and (
        "批准并发布" in content or ">批准<" in content.replace("\n", "").replace(" ", "")
    )


def test_go_live_and_expiry_are_in_a_scheduling_panel_on_the_form_not_in_a_dialog(site, login):
    content = login("editor").get(edit_url(site.page("news"))).content.decode()
    assert "定时发布" in content
    assert content.count('name="go_live_at"') == 1 and content.count('name="expire_at"') == 1
    assert 'data-a11y-dialog-show="schedule-publishing-dialog"' not in content


def test_the_scheduled_list_shows_what_goes_live_when(site, login):
    page = site.page("news")
    go_live = (timezone.localtime() + datetime.timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    form = news_form(page, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"), **{"action-publish": "1"})
    login("city_admin").post(edit_url(page), form)

    listing = login("editor").get(f"{ADMIN}scheduled-pages/").content.decode()
    assert page.title in listing and f"{go_live.month}月{go_live.day}日 09:00" in listing
    township = login("submitter_a1").get(f"{ADMIN}scheduled-pages/").content.decode()
    assert page.title not in township and "现在没有定时发布的页面" in township


def test_approving_a_page_submitted_with_a_go_live_time_says_when_it_goes_live(site, login):
    page = site.page("news")
    go_live = (timezone.localtime() + datetime.timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    scheduled = {"go_live_at": go_live.strftime("%Y-%m-%d %H:%M")}
    login("editor").post(edit_url(page), news_form(page, **scheduled, **{"action-submit": "1"}), follow=True)
    approve = {"action-workflow-action": "1", "workflow-action-name": "approve"}

    response = login("city_reviewer").post(edit_url(page), news_form(page, **scheduled, **approve))
    when = f"{go_live.year}年{go_live.month}月{go_live.day}日 09:00"
    assert messages_of(response) == [f"已批准，定时于{when}发布：“{page.title}”。"]
    assert not reload(page).live
