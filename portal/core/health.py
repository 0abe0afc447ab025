"""/healthz for load balancers: database and disk are required (503 without them); a cache outage only degrades."""

import os
import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

MIN_FREE_BYTES = int(os.environ.get("HEALTH_MIN_FREE_MB", "500")) * 1024 * 1024


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "正常"


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("缓存读写不一致")
    cache.delete(key)
    return "正常"


def check_disk():
    path = Path(settings.MEDIA_ROOT)
    while not path.exists() and path != path.parent:
        path = path.parent
    free = shutil.disk_usage(path).free
    if free < MIN_FREE_BYTES:
        raise RuntimeError(f"媒体目录剩余空间不足：{free // (1024 * 1024)} MB")
    return f"剩余 {free // (1024 * 1024)} MB"


REQUIRED_CHECKS = {"database": check_database, "disk": check_disk}
OPTIONAL_CHECKS = {"cache": check_cache}


def run_checks(checks):
    results, failed = {}, False
    for name, check in checks.items():
        try:
            results[name] = {"ok": True, "detail": check()}
        except Exception as error:  # a health check reports every failure instead of raising it
            results[name] = {"ok": False, "detail": f"{type(error).__name__}: {error}"[:300]}
            failed = True
    return results, failed


@never_cache
@require_GET
def healthz(request):
    required, required_failed = run_checks(REQUIRED_CHECKS)
    optional, optional_failed = run_checks(OPTIONAL_CHECKS)
    status = "error" if required_failed else "degraded" if optional_failed else "ok"
    return JsonResponse(
        {"status": status, "checks": {**required, **optional}},
        status=503 if required_failed else 200,
        json_dumps_params={"ensure_ascii": False},
    )
