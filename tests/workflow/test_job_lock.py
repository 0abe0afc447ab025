"""Exactly one scheduler: any number of servers may run `make scheduler`; each page goes live once."""

import datetime
import threading
import zlib
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import PageLogEntry

from portal.workflow.jobs import LOCK_TTL, exclusive
from portal.workflow.models import JobLock
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

from .test_scheduling import scheduled_in_the_past


def held_elsewhere(name, started, release):
    """Hold the job's lock from another thread (its own database connection), as a second server would."""
    with exclusive(name) as mine:
        assert mine
        started.set()
        release.wait(10)
    connection.close()


@pytest.fixture
def other_runner():
    started, release = threading.Event(), threading.Event()
    thread = threading.Thread(target=held_elsewhere, args=("publish_scheduled", started, release))
    thread.start()
    assert started.wait(10)
    yield
    release.set()
    thread.join(10)


@pytest.mark.django_db(transaction=True)
def test_a_second_runner_does_not_get_the_lock_until_the_first_is_done(other_runner):
    with exclusive("publish_scheduled") as mine:
        assert not mine
    with exclusive("another_job") as mine:
        assert mine


@contextmanager
def another_server_publishing():
    """Another server holds the lock: its own PostgreSQL session, or its row in JobLock on SQLite."""
    if connection.vendor == "postgresql":
        other = connection.get_new_connection(connection.get_connection_params())
        other.autocommit = True
        other.execute("SELECT pg_advisory_lock(%s)", [zlib.crc32(b"portal:publish_scheduled")])
        yield
        other.close()
    else:
        JobLock.objects.create(name="publish_scheduled", holder="other:1", expires_at=timezone.now() + LOCK_TTL)
        yield
        JobLock.objects.all().delete()


def test_publish_scheduled_skips_while_another_server_publishes(home, capsys):
    page = NewsPageFactory(parent=NewsIndexPageFactory(parent=home), live=False)
    scheduled_in_the_past(page)
    with another_server_publishing():
        call_command("publish_scheduled")
        call_command("run_scheduler", "--interval", "10", "--runs", "1")
    page.refresh_from_db()
    assert not page.live
    assert "另一进程正在运行定时发布，本轮跳过" in capsys.readouterr().out

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


def test_rounds_in_turn_publish_a_page_exactly_once(home):
    page = NewsPageFactory(parent=NewsIndexPageFactory(parent=home), live=False)
    scheduled_in_the_past(page)
    call_command("run_scheduler", "--interval", "10", "--runs", "1")
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL's advisory locks die with the session")
def test_a_dead_runners_lock_row_expires():
    JobLock.objects.create(name="publish_scheduled", holder="gone:1", expires_at=timezone.now() - datetime.timedelta(1))
    with exclusive("publish_scheduled") as mine:
        assert mine
    assert not JobLock.objects.exists()
