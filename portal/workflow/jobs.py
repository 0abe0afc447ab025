"""One runner at a time for a periodic job, whatever number of servers start it.

PostgreSQL: a session advisory lock (released by the server if the process dies). SQLite: a row in JobLock, taken
inside the write transaction SQLite serialises; a row older than its time to live belongs to a dead runner.
"""

import datetime
import os
import socket
import uuid
import zlib
from contextlib import contextmanager

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from .models import JobLock

LOCK_TTL = datetime.timedelta(minutes=10)


@contextmanager
def exclusive(name: str):
    """`with exclusive("publish_scheduled") as mine:` — `mine` is False when another process runs the job now."""
    if connection.vendor == "postgresql":
        with _advisory_lock(name) as mine:
            yield mine
    else:
        with _lock_row(name) as mine:
            yield mine


class ExclusiveCommand(BaseCommand):
    """A management command that runs under `exclusive(lock_name)`: while another process holds the lock it only
    says `busy_message`."""

    lock_name = ""
    busy_message = ""

    def handle(self, *args, **options):
        with exclusive(self.lock_name) as mine:
            if not mine:
                self.stdout.write(self.busy_message)
                return
            self.handle_exclusively(*args, **options)

    def handle_exclusively(self, *args, **options):
        """The command's work, done holding the lock: by default the handle() of the command class mixed in next."""
        super().handle(*args, **options)


@contextmanager
def _advisory_lock(name):
    key = zlib.crc32(f"portal:{name}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        mine = cursor.fetchone()[0]
    try:
        yield mine
    finally:
        if mine:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


@contextmanager
def _lock_row(name):
    holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    now = timezone.now()
    with transaction.atomic():
        JobLock.objects.filter(name=name, expires_at__lt=now).delete()
        taken = {"holder": holder, "expires_at": now + LOCK_TTL}
        _lock, mine = JobLock.objects.get_or_create(name=name, defaults=taken)
    try:
        yield mine
    finally:
        if mine:
            JobLock.objects.filter(name=name, holder=holder).delete()
