"""The weekly e-mail: one per responsible person with their overdue sections, once a week however often it runs."""

import datetime
import zlib
from contextlib import contextmanager

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from portal.editorial.digest import send_weekly_digest, week_start
from portal.editorial.models import FreshnessDigest
from portal.workflow.jobs import LOCK_TTL, exclusive
from portal.workflow.models import JobLock

from .factories import news_dated, policy_dated, thresholds


def sent_to():
    addresses = sorted(address for message in mail.outbox for address in message.to)
    mail.outbox.clear()
    return addresses


def test_running_every_minute_sends_one_digest_a_week(site, capsys):
    news_dated(site, 40)
    mail.outbox.clear()
    for _minute in range(3):
        call_command("send_freshness_digest")
    output = capsys.readouterr().out
    assert output.count("栏目更新周报已发送") == 1
    assert output.count("本周的栏目更新周报已经发过") == 2
    first_week = sent_to()
    assert "editor@example.org" in first_week and len(first_week) == len(set(first_week))

    next_monday = week_start(timezone.localdate()) + datetime.timedelta(days=7)
    assert send_weekly_digest(next_monday) == len(first_week)
    assert send_weekly_digest(next_monday + datetime.timedelta(days=6)) is None  # Sunday of that week
    assert FreshnessDigest.objects.count() == 2


def test_each_person_gets_only_their_overdue_sections(site):
    thresholds(news_days=14, policies_days=180)
    news_dated(site, 40)
    policy_dated(site, 10)
    mail.outbox.clear()
    send_weekly_digest()
    messages = {message.to[0]: message for message in mail.outbox}
    editor = messages["editor@example.org"]
    assert editor.subject.startswith("【栏目更新周报】")
    assert "工作动态" in editor.body and "已 40 天未更新，期限 14 天" in editor.body
    assert "政策法规（" not in editor.body
    assert "http://testserver/admin/freshness/" in editor.body
    assert "policy_editor@example.org" not in messages  # 政策法规 is on time
    city_admin = messages["city_admin@example.org"].body
    assert "首页（首页）" not in city_admin  # the 10-day-old policy keeps the home page fresh
    assert "工作动态（新闻栏目）" in city_admin and "政策法规（" not in city_admin


def test_nothing_goes_out_while_another_server_sends_it(site, capsys):
    with held_elsewhere("send_freshness_digest"):
        call_command("send_freshness_digest")
    assert "另一进程正在发送栏目更新周报" in capsys.readouterr().out
    assert mail.outbox == [] and not FreshnessDigest.objects.exists()


@contextmanager
def held_elsewhere(name):
    """Another server holds the job's lock: its own PostgreSQL session, or its row in JobLock on SQLite."""
    if connection.vendor == "postgresql":
        other = connection.get_new_connection(connection.get_connection_params())
        other.autocommit = True
        other.execute("SELECT pg_advisory_lock(%s)", [zlib.crc32(f"portal:{name}".encode())])
        yield
        other.close()
    else:
        JobLock.objects.create(name=name, holder="other:1", expires_at=timezone.now() + LOCK_TTL)
        yield
        JobLock.objects.filter(name=name).delete()


def test_the_lock_is_free_again_after_a_run(site):
    call_command("send_freshness_digest")
    with exclusive("send_freshness_digest") as mine:
        assert mine


def test_the_scheduler_sends_the_digest_once_however_many_rounds_it_runs(site):
    news_dated(site, 40)
    mail.outbox.clear()
    call_command("run_scheduler", "--interval", "10", "--runs", "1")
    first_round = sent_to()
    assert "editor@example.org" in first_round
    call_command("run_scheduler", "--interval", "10", "--runs", "1")
    assert sent_to() == []
