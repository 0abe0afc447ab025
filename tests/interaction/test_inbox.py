"""The admin inbox (收件箱) and the overdue report: who sees them, what saving does, the email to the 承办人."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from portal.interaction.models import Message

from .factories import ErrorReportFactory, MessageFactory, OverdueMessageFactory

INBOX = "/admin/inbox/"


def edit_url(message):
    return f"{INBOX}edit/{message.pk}/"


def handling(message, **changes):
    """The editable fields of the edit form, as the browser posts them."""
    data = {
        "status": message.status,
        "assignee": message.assignee_id or "",
        "due_date": message.due_date.isoformat(),
        "reply": message.reply,
        "note": message.note,
    }
    if message.publish_reply:
        data["publish_reply"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def as_handler(client, handler):
    client.force_login(handler)
    return client


def test_anonymous_visitors_are_sent_to_the_login(client, message):
    response = client.get(INBOX)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("url", [INBOX, f"{INBOX}overdue/"])
def test_an_editor_without_the_permissions_cannot_open_the_inbox_or_report(client, editor, message, url):
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert message.subject not in client.get("/admin/").content.decode()


def test_an_editor_cannot_change_a_message_by_posting(client, editor, message):
    client.force_login(editor)
    response = client.post(edit_url(message), handling(message, status="rejected"))
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == Message.Status.NEW


def test_the_admin_menu_shows_the_inbox_only_to_those_who_may_use_it(client, editor, handler):
    client.force_login(editor)
    assert '"url": "/admin/inbox/"' not in client.get("/admin/").content.decode()  # the sidebar's JSON
    client.force_login(handler)
    assert '"url": "/admin/inbox/"' in client.get("/admin/").content.decode()


def test_the_inbox_lists_messages_and_reports_in_chinese(as_handler, message):
    report = ErrorReportFactory()
    html = as_handler.get(INBOX).content.decode()
    assert message.subject in html and report.title in html
    for heading in ("标题", "类型", "状态", "承办人", "提交时间", "答复期限"):
        assert heading in html
    assert "留言咨询" in html and "网站找错" in html and "新" in html


def test_the_inbox_filters_by_status(as_handler, message):
    MessageFactory(subject="已经答复的一条", status=Message.Status.ANSWERED, reply="已答复")
    html = as_handler.get(INBOX, {"status": "new"}).content.decode()
    assert message.subject in html and "已经答复的一条" not in html


def test_nobody_adds_messages_in_the_admin(client, superuser):
    client.force_login(superuser)
    assert client.get(f"{INBOX}new/").status_code == 302
    assert "new/" not in client.get(INBOX).content.decode().split("<main", 1)[1].split("</header>", 1)[0]


def test_the_visitors_text_is_shown_but_cannot_be_changed(as_handler, message):
    html = as_handler.get(edit_url(message)).content.decode()
    assert message.body in html and message.phone in html  # the handler needs the contact details
    as_handler.post(edit_url(message), {**handling(message), "body": "改过的内容", "phone": "13900000000"})
    message.refresh_from_db()
    assert message.body == "请问生育关怀救助怎么申请？" and message.phone == "13812341234"


def test_answered_needs_a_reply(as_handler, message):
    response = as_handler.post(edit_url(message), handling(message, status="answered"))
    assert response.status_code == 200
    assert "状态为“已答复”时须填写答复内容。" in response.content.decode()
    message.refresh_from_db()
    assert message.status == Message.Status.NEW


def test_a_reply_without_the_writers_consent_cannot_be_published(as_handler, message):
    response = as_handler.post(
        edit_url(message), handling(message, status="answered", reply="答复", publish_reply="on")
    )
    assert "留言人没有同意公开，不能选登。" in response.content.decode()
    assert not Message.objects.published().exists()


def test_an_error_report_is_never_published(as_handler):
    report = ErrorReportFactory(consent_to_publish=True)
    response = as_handler.post(
        edit_url(report), handling(report, status="answered", reply="已更正", publish_reply="on")
    )
    assert "只有留言咨询可以在“留言选登”公开" in response.content.decode()


def test_publishing_a_reply_shows_it_on_the_public_page_without_personal_data(client, as_handler):
    message = MessageFactory(consent_to_publish=True, body="我的电话13812341234，身份证110101199001011234。")
    assert "暂无公开的留言答复" in client.get("/interaction/replies/").content.decode()
    response = as_handler.post(
        edit_url(message), handling(message, status="answered", reply="您好，已转乡镇计生协办理。", publish_reply="on")
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.replied_at is not None
    as_handler.logout()
    html = client.get("/interaction/replies/").content.decode()
    assert message.subject in html and "您好，已转乡镇计生协办理。" in html
    assert "138****1234" in html and "110101********1234" in html
    for personal in ("张三丰", "13812341234", "zhang@example.com", "110101199001011234"):
        assert personal not in html
    today = timezone.localdate()
    assert f"{today.year}年{today.month}月{today.day}日" in html


def test_unpublishing_takes_the_reply_off_the_public_page(client, as_handler):
    message = MessageFactory(
        consent_to_publish=True, status="answered", reply="答复内容", publish_reply=True, replied_at=timezone.now()
    )
    assert message.subject in client.get("/interaction/replies/").content.decode()
    as_handler.post(edit_url(message), {**handling(message), "publish_reply": ""})
    assert message.subject not in client.get("/interaction/replies/").content.decode()


@pytest.fixture
def save_committed(as_handler, django_capture_on_commit_callbacks):
    """Post the edit form and run what waits for the commit (the email is sent once the change is committed)."""

    def save(message, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return as_handler.post(edit_url(message), handling(message, **changes))

    return save


def test_assigning_emails_the_assignee_once(save_committed, handler, message):
    response = save_committed(message, assignee=handler.pk, status="in_progress")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["handler@example.com"]
    assert email.subject == f"【待办】请办理留言咨询：{message.subject}"
    assert f"http://testserver/admin/inbox/edit/{message.pk}/" in email.body
    assert "李办理" in email.body and "答复期限" in email.body
    assert "13812341234" not in email.body
    message.refresh_from_db()
    save_committed(message, note="已电话联系")
    assert len(mail.outbox) == 1  # saving again without a new assignee sends nothing


def test_only_people_who_may_handle_messages_can_be_assigned(as_handler, editor, message):
    html = as_handler.get(edit_url(message)).content.decode()
    assert "李办理" in html and ">editor<" not in html
    response = as_handler.post(edit_url(message), handling(message, assignee=editor.pk))
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    assert not mail.outbox


def test_the_overdue_report_lists_open_messages_past_their_due_date(as_handler):
    late = OverdueMessageFactory(subject="逾期的留言")
    OverdueMessageFactory(subject="逾期但已答复", status="answered", reply="已答复")
    OverdueMessageFactory(subject="逾期但不予处理", status="rejected")
    MessageFactory(subject="还没到期")
    html = as_handler.get(f"{INBOX}overdue/").content.decode()
    assert "逾期未办的留言与找错" in html
    assert "逾期的留言" in html and "3 天" in html and "（已逾期）" in html
    assert "逾期但已答复" not in html and "逾期但不予处理" not in html and "还没到期" not in html
    assert late.subject in as_handler.get(INBOX).content.decode()


def test_the_overdue_report_exports_with_chinese_headings(as_handler):
    OverdueMessageFactory(subject="逾期的留言")
    response = as_handler.get(f"{INBOX}overdue/", {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert content.splitlines()[0] == "编号,类型,标题,状态,承办人,提交时间,答复期限"
    assert "逾期的留言" in content and "（未指定）" in content


def test_the_overdue_report_is_in_the_reports_menu_for_handlers_only(client, editor, handler):
    client.force_login(handler)
    assert '"url": "/admin/inbox/overdue/"' in client.get("/admin/").content.decode()
    client.force_login(editor)
    assert '"url": "/admin/inbox/overdue/"' not in client.get("/admin/").content.decode()


def test_a_superuser_can_delete_spam(client, superuser, message):
    client.force_login(superuser)
    assert client.post(f"{INBOX}delete/{message.pk}/").status_code == 302
    assert not Message.objects.exists()


def test_a_moved_due_date_is_kept(as_handler, message):
    later = message.due_date + datetime.timedelta(days=7)
    as_handler.post(edit_url(message), handling(message, due_date=later.isoformat()))
    message.refresh_from_db()
    assert message.due_date == later
