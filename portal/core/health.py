"""/healthz for load balancers: a writable database and free disk are required (503 without them); a cache outage
only degrades. Anyone may ask, so the answer names each check and whether it passed, nothing more (the same
`checks.<name>.ok` shape monitors already read); the reasons (error messages, free space) go to the log."""

import logging
import os
import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

MIN_FREE_BYTES = int(os.environ.get("HEALTH_MIN_FREE_MB", "500")) * 1024 * 1024


def check_database():
    """The database accepts a write. The UPDATE matches no row and is rolled back, but SQLite still refuses it for a
    read-only file and PostgreSQL for a read-only transaction (a replica, default_transaction_read_only)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE django_migrations SET app = app WHERE id IS NULL")
        transaction.set_rollback(True)


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("缓存读写不一致")
    cache.delete(key)


def check_disk():
    path = Path(settings.MEDIA_ROOT)
    while not path.exists() and path != path.parent:
        path = path.parent
    free = shutil.disk_usage(path).free
    if free < MIN_FREE_BYTES:
        raise RuntimeError(f"媒体目录剩余空间不足：{free // (1024 * 1024)} MB")


REQUIRED_CHECKS = {"database": check_database, "disk": check_disk}
OPTIONAL_CHECKS = {"cache": check_cache}


def failed_checks(checks, level):
    """The names of the checks that raised; each failure is logged at `level` with its reason."""
    failed = []
    for name, check in checks.items():
        try:
            check()
        except Exception as error:  # a health check reports every failure instead of raising it
            logger.log(level, "健康检查失败：%s：%s: %s", name, type(error).__name__, error)
            failed.append(name)
    return failed


@never_cache
@require_GET
def healthz(request):
    required_failed = failed_checks(REQUIRED_CHECKS, logging.ERROR)
    optional_failed = failed_checks(OPTIONAL_CHECKS, logging.WARNING)
    failed = required_failed + optional_failed
    status = "error" if required_failed else "degraded" if optional_failed else "ok"
    checks = {name: {"ok": name not in failed} for name in [*REQUIRED_CHECKS, *OPTIONAL_CHECKS]}
    return JsonResponse({"status": status, "checks": checks}, status=503 if required_failed else 200)
