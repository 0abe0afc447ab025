"""Faults: the site keeps serving without Redis, and recovers by itself after losing its database connection."""

import shutil
import socket
import subprocess
import time
from wsgiref.util import setup_testing_defaults

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

from portal.core import cache_backends
from portal.settings.base import cache_config


@pytest.fixture
def unreachable_redis(settings, monkeypatch):
    """The production cache configuration, pointed at a port where nothing listens (connection refused)."""
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    settings.CACHES = {"default": cache_config()}  # Django's setting_changed handler rebuilds the caches
    yield
    cache_backends._Outage.until = 0.0


def test_site_serves_pages_with_redis_unreachable(client, home, unreachable_redis):
    for path in ["/", "/search/?q=计生协", "/api/v2/pages/", "/no-such-page/"]:
        response = client.get(path)
        assert response.status_code in {200, 404}, path
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["checks"]["cache"]["ok"] is False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(port):
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(50):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.05)
    process.terminate()
    pytest.fail("redis-server did not start")


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")
def test_redis_going_away_and_coming_back(client, home, settings, monkeypatch):
    """Redis stops mid-run: pages keep coming (uncached); it restarts: the cache is used again, no app restart."""
    port = free_port()
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{port}/0")
    monkeypatch.setattr(cache_backends, "RETRY_AFTER", 0.2)
    settings.CACHES = {"default": cache_config()}
    from django.core.cache import cache

    redis = start_redis(port)
    try:
        cache.set("probe", "up")
        assert cache.get("probe") == "up"
        assert client.get("/").status_code == 200

        redis.terminate()
        redis.wait(5)
        assert [client.get("/").status_code for _ in range(5)] == [200] * 5
        assert client.get("/healthz").json()["status"] == "degraded"

        redis = start_redis(port)
        time.sleep(0.3)
        cache.set("probe", "back")
        assert cache.get("probe") == "back"
        assert client.get("/healthz").json()["status"] == "ok"
    finally:
        redis.terminate()
        redis.wait(5)
        cache_backends._Outage.until = 0.0


def wsgi_get(path):
    """One request through Django's real WSGI handler (the test client skips the start-of-request
    connection checks on purpose; production does not)."""
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "HTTP_HOST": "localhost", "SERVER_NAME": "localhost"}
    setup_testing_defaults(environ)
    statuses = []
    body = WSGIHandler()(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    body.close()
    return int(statuses[0].split()[0])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_terminate_backend needs PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_next_request_recovers_after_the_database_connection_is_killed(home):
    assert wsgi_get("/") == 200
    backend_pid = connection.connection.info.backend_pid
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [backend_pid])
    # CONN_HEALTH_CHECKS: the next request finds the connection dead, drops it and opens a new one.
    assert wsgi_get("/") == 200
    assert connection.connection.info.backend_pid != backend_pid
