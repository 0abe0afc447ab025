"""What a visitor meets on 我要留言 and 我为网站找错: the form, its errors, and what hostile input gets."""

import logging
import re

import pytest
from django.core.cache.backends import locmem
from django.test import Client

from portal.interaction.models import Message, add_working_days
from portal.interaction.views import MAX_REQUEST_BYTES

MESSAGE_URL = "/interaction/message/"
REPORT_URL = "/interaction/report/"


def valid_message(**changes):
    return {
        "subject": "生育关怀救助怎么申请",
        "body": "家里有困难，想了解生育关怀救助的条件和办理地点。",
        "name": "张三丰",
        "phone": "13812341234",
        "email": "zhang@example.com",
        "website": "",
        **changes,
    }


def valid_report(**changes):
    return {"error_kind": "typo", "page_url": "/news/", "body": "第二段有错别字。", "contact": "", **changes}


def text(response):
    return response.content.decode()


@pytest.fixture
def visitor(home):
    return Client(REMOTE_ADDR="203.0.113.7")


def test_message_form_has_a_label_limit_and_token_for_every_field(visitor):
    response = visitor.get(MESSAGE_URL)
    html = text(response)
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in html
    for name, limit in {"subject": 60, "body": 2000, "name": 30, "phone": 20, "email": 254}.items():
        assert f'<label for="id_{name}">' in html, name
        assert re.search(rf'<(input|textarea)[^>]*name="{name}"[^>]*maxlength="{limit}"', html), name
    assert '<div class="hp-field">' in html  # the honeypot, hidden by the stylesheet
    assert "<h1>留言咨询</h1>" in html


def test_a_valid_message_is_saved_new_with_a_due_date_and_the_visitor_is_thanked(visitor):
    response = visitor.post(MESSAGE_URL, valid_message())
    assert response.status_code == 302 and response["Location"] == "/interaction/thanks/"
    message = Message.objects.get()
    assert (message.kind, message.status, message.subject, message.phone) == (
        Message.Kind.MESSAGE,
        Message.Status.NEW,
        "生育关怀救助怎么申请",
        "13812341234",
    )
    assert message.due_date == add_working_days(message.submitted_at.astimezone().date(), 5)
    assert not message.consent_to_publish
    assert "5 个工作日内" in text(visitor.get("/interaction/thanks/"))


def test_missing_fields_are_named_in_chinese_and_tied_to_their_inputs(visitor):
    response = visitor.post(MESSAGE_URL, valid_message(subject="", body="   ", name=""))
    html = text(response)
    assert response.status_code == 400
    assert "没有提交成功，请修改以下 3 处" in html
    for name, error in {
        "subject": "请填写留言主题。",
        "body": "请填写留言内容。",
        "name": "请填写您的姓名或称呼。",
    }.items():
        assert f'<p class="field-error" id="id_{name}-error">{error}</p>' in html
        field = re.search(rf'<(input|textarea)[^>]*name="{name}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in field and f"id_{name}-error" in field
    assert not Message.objects.exists()


def test_an_oversized_field_is_refused_with_its_limit(visitor):
    response = visitor.post(MESSAGE_URL, valid_message(body="长" * 2001, subject="题" * 61))
    html = text(response)
    assert response.status_code == 400
    assert "最多 2000 个字（现在 2001 个）" in html and "最多 60 个字（现在 61 个）" in html
    assert not Message.objects.exists()


def test_a_huge_request_is_refused_before_it_is_read(visitor):
    response = visitor.post(MESSAGE_URL, valid_message(body="长" * MAX_REQUEST_BYTES))
    assert response.status_code == 413
    assert "提交的内容过长" in text(response)
    assert not Message.objects.exists()


def test_invisible_and_control_characters_are_removed_and_emoji_kept(visitor):
    subject = "\u202e咨询\u200b生育\u0007关怀 😀"
    body = "第一行\r\n\r\n\r\n\r\n第二行\ufeff\u2066"
    assert visitor.post(MESSAGE_URL, valid_message(subject=subject, body=body)).status_code == 302
    message = Message.objects.get()
    assert message.subject == "咨询生育关怀 😀"
    assert message.body == "第一行\n\n第二行"


def test_a_nul_character_is_refused_with_words_that_say_so(visitor):
    response = visitor.post(MESSAGE_URL, valid_message(body="请问\x00怎么申请？"))
    assert response.status_code == 400
    assert "内容里有无法保存的空字符" in text(response) and "空字符串" not in text(response)
    assert not Message.objects.exists()


def test_a_field_of_only_invisible_characters_counts_as_empty(visitor):
    response = visitor.post(MESSAGE_URL, valid_message(subject="\u200b\u200c\u202e"))
    assert response.status_code == 400 and "请填写留言主题。" in text(response)


def test_a_nul_byte_is_a_form_error_not_a_server_error(visitor):
    response = visitor.post(MESSAGE_URL, valid_message(body="有\x00空字符"))
    assert response.status_code == 400
    assert not Message.objects.exists()


def test_a_message_full_of_links_is_refused(visitor):
    body = " ".join(f"https://spam{n}.example/" for n in range(4))
    response = visitor.post(MESSAGE_URL, valid_message(body=body))
    assert response.status_code == 400 and "内容中的网址过多" in text(response)


@pytest.mark.parametrize("phone", ["12345", "138abcd1234", "138-1234-"])
def test_a_malformed_phone_number_is_refused(visitor, phone):
    response = visitor.post(MESSAGE_URL, valid_message(phone=phone))
    assert response.status_code == 400 and "请填写正确的电话号码" in text(response)


def test_a_landline_and_no_phone_at_all_are_accepted(visitor):
    assert visitor.post(MESSAGE_URL, valid_message(phone="0571-12345678")).status_code == 302
    assert visitor.post(MESSAGE_URL, valid_message(phone="", email="")).status_code == 302
    assert Message.objects.count() == 2


def test_a_filled_honeypot_looks_accepted_but_nothing_is_kept(visitor, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.interaction.views"):
        response = visitor.post(MESSAGE_URL, valid_message(website="http://spam.example/"))
    assert response.status_code == 302 and response["Location"] == "/interaction/thanks/"
    assert not Message.objects.exists()
    assert "拦截疑似机器提交" in caplog.text


def test_more_than_five_submissions_an_hour_from_one_address_are_refused(visitor, home):
    for number in range(5):
        assert visitor.post(MESSAGE_URL, valid_message(subject=f"第{number}条")).status_code == 302
    response = visitor.post(REPORT_URL, valid_report())  # the two forms share the limit
    assert response.status_code == 429
    assert "每小时最多提交 5 次" in text(response)
    assert Message.objects.count() == 5
    assert Client(REMOTE_ADDR="198.51.100.9").post(MESSAGE_URL, valid_message()).status_code == 302


def test_the_limit_holds_across_the_servers_workers_without_redis(visitor, home, settings, tmp_path):
    """Without REDIS_URL the count is kept in files every worker of the server reads (var/counters), not in each
    worker's memory: five submissions through one worker, and the next through a fresh one is refused."""
    shared = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": tmp_path}
    settings.CACHES = {**settings.CACHES, "counters": shared}
    for number in range(5):
        assert visitor.post(MESSAGE_URL, valid_message(subject=f"第{number}条")).status_code == 302
    settings.CACHES = {**settings.CACHES}  # another worker process: new cache connections, the same files,
    locmem._caches.clear()  # and nothing in its memory
    assert visitor.post(MESSAGE_URL, valid_message()).status_code == 429


def test_honeypot_hits_count_towards_the_limit(visitor):
    for _ in range(5):
        visitor.post(MESSAGE_URL, valid_message(website="x"))
    assert visitor.post(MESSAGE_URL, valid_message()).status_code == 429
    assert not Message.objects.exists()


def test_a_post_without_the_csrf_token_is_refused_in_chinese(home):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(MESSAGE_URL, valid_message())
    assert response.status_code == 403
    assert "提交没有成功" in text(response) and "刷新页面" in text(response)
    assert not Message.objects.exists()
    token = browser.get(MESSAGE_URL).cookies["csrftoken"].value
    assert browser.post(MESSAGE_URL, valid_message(csrfmiddlewaretoken=token)).status_code == 302


def test_the_report_form_is_prefilled_with_the_page_it_was_opened_from(visitor):
    html = text(visitor.get(REPORT_URL, {"page": "/news/news-1/?tag=义诊"}))
    assert 'value="/news/news-1/?tag=义诊"' in html
    assert '<legend>错误类型<span class="required-mark">（必填）</span></legend>' in html
    for label in ("错别字", "内容过时", "链接错误", "其他"):
        assert f"<span>{label}</span>" in html


@pytest.mark.parametrize("page", ["https://evil.example/x", "javascript:alert(1)", "//evil.example/", "news"])
def test_the_report_form_ignores_a_page_from_elsewhere(visitor, page):
    html = text(visitor.get(REPORT_URL, {"page": page}))
    assert re.search(r'name="page_url"[^>]*>', html).group(0).count("value=") == 0


def test_a_report_keeps_only_the_path_of_an_address_on_this_site(visitor):
    assert visitor.post(REPORT_URL, valid_report(page_url="http://testserver/news/?page=2")).status_code == 302
    report = Message.objects.get()
    assert (report.kind, report.page_url, report.error_kind) == (Message.Kind.ERROR_REPORT, "/news/?page=2", "typo")


def test_a_report_about_another_site_or_kind_is_refused(visitor):
    response = visitor.post(REPORT_URL, valid_report(page_url="https://evil.example/", error_kind="hack"))
    html = text(response)
    assert response.status_code == 400
    assert "请填写本网站网页的地址" in html and "选择一个有效的选项" in html
    assert not Message.objects.exists()


def test_the_log_line_of_a_submission_masks_personal_data(visitor, caplog):
    with caplog.at_level(logging.INFO, logger="portal.interaction.views"):
        visitor.post(MESSAGE_URL, valid_message())
    assert "138****1234" in caplog.text and "张**" in caplog.text and "z***@example.com" in caplog.text
    assert "13812341234" not in caplog.text and "张三丰" not in caplog.text and "zhang@" not in caplog.text
