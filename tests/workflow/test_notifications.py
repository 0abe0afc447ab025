"""Review emails: the submitter hears of every step, in Chinese, with the reviewer's comment and a working link."""

from django.core import mail
from django.test import override_settings

from .site import act, submit


def mails_to(address):
    found = [message for message in mail.outbox if address in message.to]
    mail.outbox.clear()
    return found


@override_settings(WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000")
def test_submitter_hears_of_each_step_with_the_comment(site, login):
    page = site.page("experience_a1")
    submit(page, site.users["submitter_a1"])
    mail.outbox.clear()

    act(login("reviewer_jia"), page, "approve", "数字已核对，请市里发布")
    (county,) = mails_to("submitter_a1@example.org")
    assert "已通过“县级审核（甲县）”" in county.subject
    assert "现进入“市级发布”" in county.body
    assert "审核意见：数字已核对，请市里发布" in county.body
    assert f"http://127.0.0.1:8000/admin/pages/{page.pk}/edit/" in county.body

    act(login("city_reviewer"), page, "approve", "同意发布")
    (city,) = mails_to("submitter_a1@example.org")
    assert "已审核通过并发布" in city.subject
    assert "审核意见：同意发布" in city.body
    assert f"网上查看：http://127.0.0.1:8000{page.url}" in city.body
    assert "localhost/" not in city.body


def test_a_step_approved_without_comment_says_so_plainly(site, login):
    page = site.page("experience_a1")
    submit(page, site.users["submitter_a1"])
    mail.outbox.clear()

    act(login("reviewer_jia"), page, "approve")
    (county,) = mails_to("submitter_a1@example.org")
    assert "审核意见" not in county.body
    assert "The page" not in county.body


def test_reviewers_are_not_told_of_their_own_approval(site, login):
    page = site.page("experience_a1")
    submit(page, site.users["submitter_a1"])
    mail.outbox.clear()
    act(login("reviewer_jia"), page, "approve")
    assert not [message for message in mail.outbox if "reviewer_jia@example.org" in message.to]
