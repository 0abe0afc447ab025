"""Scheduled publishing really happens: go-live and expiry fields on every page type, and the timer command."""

import datetime
import logging
import time

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, get_page_models

from tests.news.factories import NewsIndexPageFactory, NewsPageFactory


@pytest.fixture
def index(home):
    return NewsIndexPageFactory(parent=home)


def scheduled_in_the_past(page):
    """Schedule the page to go live in one second, as an editor would with a time in the future, and wait for it."""
    page.go_live_at = timezone.now() + datetime.timedelta(seconds=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live and page.has_unpublished_changes
    time.sleep(1.1)


@pytest.mark.parametrize("model", [model for model in get_page_models() if model is not Page], ids=str)
def test_every_page_type_has_go_live_and_expiry_fields_in_its_form(model):
    fields = model.get_edit_handler().get_form_class().base_fields
    assert {"go_live_at", "expire_at"} <= set(fields)


def test_go_live_and_expiry_are_on_the_editors_settings_tab(index, admin_client):
    page = NewsPageFactory(parent=index)
    content = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="go_live_at"' in content and 'name="expire_at"' in content


def test_a_page_whose_go_live_time_has_passed_goes_live_when_the_timer_runs(index, client):
    page = NewsPageFactory(parent=index, live=False, title="定时发布的新闻")
    scheduled_in_the_past(page)
    assert client.get(page.url).status_code == 404

    call_command("publish_scheduled")

    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
    assert "定时发布的新闻" in client.get(index.url).content.decode()
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").exists()


def test_an_expired_page_goes_offline_when_the_timer_runs(index, client):
    page = NewsPageFactory(parent=index, title="过期的通知")
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))

    call_command("publish_scheduled")

    page.refresh_from_db()
    assert not page.live and page.expired
    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish.scheduled").exists()
    assert client.get(page.url).status_code == 404
    assert "过期的通知" not in client.get(index.url).content.decode()


def test_run_scheduler_publishes_and_logs_each_round(index, caplog):
    page = NewsPageFactory(parent=index, live=False)
    scheduled_in_the_past(page)
    with caplog.at_level(logging.INFO, logger="portal.workflow.scheduler"):
        call_command("run_scheduler", "--interval", "10", "--runs", "1")
    page.refresh_from_db()
    assert page.live
    assert "发布 1 个，下线 0 个" in caplog.text


@pytest.mark.parametrize("interval", ["0", "5", "3601"])
def test_run_scheduler_refuses_an_unbounded_interval(interval):
    with pytest.raises(CommandError, match="间隔必须在 10 到 3600 秒之间"):
        call_command("run_scheduler", "--interval", interval, "--runs", "1")
