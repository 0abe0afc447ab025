import json
import logging
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import connection

from portal.core import health
from portal.core.logs import JsonFormatter, PersonalDataFilter, RequestIdFilter, mask_personal_data


def test_healthz_reports_database_cache_and_disk(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert response.json() == {
        "status": "ok",
        "checks": {"database": {"ok": True}, "disk": {"ok": True}, "cache": {"ok": True}},
    }


@contextmanager
def read_only_database():
    """The database refuses writes, as a read-only SQLite file or a PostgreSQL replica does."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET default_transaction_read_only = on")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA query_only = OFF")
            else:
                cursor.execute("SET default_transaction_read_only = off")


@pytest.mark.django_db(transaction=True)
def test_healthz_is_503_when_the_database_is_read_only(client, caplog):
    with read_only_database():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["checks"]["database"] == {"ok": False}
    assert "健康检查失败：database" in caplog.text
    assert client.get("/healthz").status_code == 200


def test_healthz_is_503_when_the_database_fails(client, db, monkeypatch):
    def broken():
        raise ConnectionError("无法连接数据库 db.internal:5432")

    monkeypatch.setitem(health.REQUIRED_CHECKS, "database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False}
    assert "db.internal" not in response.content.decode()


def test_healthz_is_503_when_the_disk_is_nearly_full_and_tells_nobody_the_free_space(client, db, monkeypatch, caplog):
    monkeypatch.setattr(health, "MIN_FREE_BYTES", 1 << 62)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"database": {"ok": True}, "disk": {"ok": False}, "cache": {"ok": True}},
    }
    assert "MB" not in response.content.decode()
    assert "剩余空间不足" in caplog.text


def test_healthz_is_degraded_but_200_when_the_cache_fails(client, db, monkeypatch):
    monkeypatch.setattr(cache, "set", lambda *args, **kwargs: (_ for _ in ()).throw(ConnectionError("redis down")))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"] == {"ok": False}


def test_healthz_refuses_post(client, db):
    assert client.post("/healthz").status_code == 405


def test_every_response_has_a_request_id_and_a_safe_incoming_one_is_kept(client, home):
    generated = client.get("/")["X-Request-ID"]
    assert len(generated) == 32
    assert client.get("/", HTTP_X_REQUEST_ID="lb-1234abcd")["X-Request-ID"] == "lb-1234abcd"
    injected = client.get("/", HTTP_X_REQUEST_ID="x\n{evil}")["X-Request-ID"]
    assert injected != "x\n{evil}" and len(injected) == 32


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("身份证 11010519491231002X 已登记", "身份证 [身份证号已屏蔽] 已登记"),
        ("id=440305199001011234&x=1", "id=[身份证号已屏蔽]&x=1"),
        ("联系电话13912345678。", "联系电话[手机号已屏蔽]。"),
        ("GET /search/?q=15800001111", "GET /search/?q=[手机号已屏蔽]"),
        ("姓名：张三丰，联系人: 李四", "姓名：[姓名已屏蔽]，联系人: [姓名已屏蔽]"),
        ("会员 696 个，基金 4300 万元，电话 0571-88881234", "会员 696 个，基金 4300 万元，电话 0571-88881234"),
        ("订单 20261123000001234567", "订单 20261123000001234567"),
    ],
)
def test_personal_data_is_masked(raw, masked):
    assert mask_personal_data(raw) == masked


def test_log_records_are_json_with_request_id_and_masked(client, home, caplog):
    handler = logging.StreamHandler()
    formatter = JsonFormatter()
    records = []
    handler.emit = lambda record: records.append(formatter.format(record))
    handler.addFilter(RequestIdFilter())
    handler.addFilter(PersonalDataFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/no-such-page/13912345678/", HTTP_X_REQUEST_ID="trace-0001abcd")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    entry = json.loads(records[-1])
    assert entry["request_id"] == "trace-0001abcd"
    assert entry["level"] == "WARNING"
    assert "13912345678" not in records[-1]
    assert "[手机号已屏蔽]" in entry["message"]


def test_exception_tracebacks_are_masked_too():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "失败 %s", ("13800138000",), None)
    try:
        raise ValueError("身份证 11010519491231002X")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    PersonalDataFilter().filter(record)
    output = JsonFormatter().format(record)
    assert "13800138000" not in output and "11010519491231002X" not in output
    assert json.loads(output)["exception"].endswith("ValueError: 身份证 [身份证号已屏蔽]")
