"""SITE_URL: the one public address that the Site record, admin links and API links follow."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from portal.core.sites import SiteURLError, check_site_url, site_address

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("https://jsx.example.org", ("jsx.example.org", 443)),
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("http://localhost", ("localhost", 80)),
        ("https://jsx.example.org:8443/", ("jsx.example.org", 8443)),
    ],
)
def test_an_address_becomes_a_host_and_port(url, address):
    assert site_address(url) == address


@pytest.mark.parametrize(
    "url", ["jsx.example.org", "ftp://jsx.example.org", "https://x.org/portal", "http://x.org:443"]
)
def test_a_malformed_address_is_refused_in_chinese(url):
    with pytest.raises(SiteURLError, match="SITE_URL"):
        site_address(url)


@pytest.mark.django_db
@override_settings(SITE_URL="https://jsx.example.org")
def test_migrate_points_the_default_site_at_site_url(home):
    call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("jsx.example.org", 443, "https://jsx.example.org")
    assert home.full_url == "https://jsx.example.org/"


@pytest.mark.django_db
@override_settings(DEBUG=False, SITE_URL="https://jsx.example.org", SITE_URL_MISSING=False, ALLOWED_HOSTS=["x.org"])
def test_production_check_names_every_disagreement(home):
    messages = [error.msg for error in check_site_url()]
    assert any("不在 ALLOWED_HOSTS" in message for message in messages)
    assert any("与 SITE_URL（jsx.example.org:443）不一致" in message for message in messages)


@pytest.mark.django_db
@override_settings(DEBUG=False, SITE_URL="http://localhost", SITE_URL_MISSING=False, ALLOWED_HOSTS=["localhost"])
def test_production_check_passes_when_all_agree(home):
    assert check_site_url() == []


def test_production_without_site_url_fails_the_check():
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "DATABASE_URL"}}
    env |= {"DJANGO_SETTINGS_MODULE": "portal.settings.production", "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "x.org"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "生产环境必须设置 SITE_URL" in result.stderr


def test_admin_emails_and_api_links_follow_site_url():
    env = {k: v for k, v in os.environ.items() if k not in {"WAGTAILADMIN_BASE_URL"}} | {"SITE_URL": "https://a.org/"}
    code = "import portal.settings.dev as s; print(s.SITE_URL, s.WAGTAILADMIN_BASE_URL, s.WAGTAILAPI_BASE_URL)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["https://a.org"] * 3
