import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.settings import base

ROOT = Path(__file__).resolve().parents[2]


def settings_value(module, expression, **env):
    """Import a settings module in a fresh interpreter with `env` and print one expression."""
    clean_env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"}}
    code = f"import {module} as s; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean_env, **env}, capture_output=True, text=True, check=False
    )
    return result


def test_defaults_are_sqlite_locmem_chinese():
    result = settings_value(
        "portal.settings.dev",
        "s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], s.LANGUAGE_CODE, s.TIME_ZONE",
    )
    assert result.stdout.strip() == (
        "django.db.backends.sqlite3 django.core.cache.backends.locmem.LocMemCache zh-hans Asia/Shanghai"
    )


def test_database_and_redis_come_from_the_environment():
    result = settings_value(
        "portal.settings.dev",
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], s.CACHES['default']['LOCATION']",
        DATABASE_URL="postgres://u@db.example:5432/portal",
        REDIS_URL="redis://cache.example:6379/1",
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "portal", "redis://cache.example:6379/1"]


def test_production_refuses_to_start_without_a_secret():
    result = settings_value("portal.settings.production", "s.DEBUG")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_is_not_debug_and_hosts_come_from_env():
    result = settings_value(
        "portal.settings.production",
        "s.DEBUG, s.ALLOWED_HOSTS",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="a.example,b.example",
    )
    assert result.stdout.strip() == "False ['a.example', 'b.example']"


def test_check_deploy_is_clean_with_a_real_secret_and_host(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "k3y-" + "Zq9#xT2!vB7@mN4$" * 4,
        "ALLOWED_HOSTS": "portal.example.org",
        "SITE_URL": "https://portal.example.org",
        "PORTAL_VAR_DIR": str(tmp_path),  # settings alone: not this checkout's database (its Site record)
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_unknown_search_backend_is_an_error():
    result = settings_value("portal.settings.dev", "s.WAGTAILSEARCH_BACKENDS", SEARCH_BACKEND="solr")
    assert result.returncode != 0
    assert "SEARCH_BACKEND" in result.stderr


@pytest.mark.parametrize(("raw", "expected"), [("a, b,,c", ["a", "b", "c"]), ("", [])])
def test_env_list(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_LIST", raw)
    assert base.env_list("SOME_LIST") == expected
