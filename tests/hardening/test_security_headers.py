import ast
import base64
import hashlib
import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import clear_url_caches

from tests.core.test_settings import settings_value

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "pw-for-tests-only"


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.fixture
def production_security():
    """The production module's security settings, read in a fresh interpreter, applied to this test."""
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "X_FRAME_OPTIONS",
    ]
    result = settings_value(
        "portal.settings.production", "{" + ",".join(f"'{n}': s.{n}" for n in names) + "}", SECRET_KEY="x" * 60
    )
    values = ast.literal_eval(result.stdout)
    with override_settings(**values):
        yield values


def test_public_page_sends_every_security_header(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = csp_directives(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]


def test_admin_policy_only_adds_inline_scripts_and_styles_for_wagtail_widgets(client, home):
    response = client.get(f"/{settings.WAGTAILADMIN_PATH}login/")
    assert response.status_code == 200
    policy = csp_directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]  # no hash beside it, or browsers ignore it
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_templates_have_no_inline_script():
    """Public templates only: the admin's CSP allows inline scripts (Wagtail's own panels need them)."""
    for template in (ROOT / "templates").rglob("*.html"):
        if {"admin", "wagtailadmin"} & set(template.relative_to(ROOT / "templates").parts):
            continue
        for tag in re.findall(r"<script\b[^>]*>", template.read_text()):
            assert "src=" in tag or "application/json" in tag or "application/ld+json" in tag, (template, tag)


def test_500_page_inline_style_is_allowed_by_its_hash():
    text = (ROOT / "templates" / "500.html").read_text()
    style = re.search(r"<style>(.*?)</style>", text, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]


def test_production_sends_hsts_and_secure_cookies(client, home, superuser, production_security):
    assert production_security["SECURE_HSTS_SECONDS"] >= 31536000
    insecure = client.get("/")
    assert insecure.status_code == 301
    assert insecure["Location"].startswith("https://")

    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Frame-Options"] == "SAMEORIGIN"  # Wagtail's preview panel frames our own pages

    login = client.post(f"/{settings.WAGTAILADMIN_PATH}login/", {"username": "root", "password": PASSWORD}, secure=True)
    assert login.status_code == 302
    assert login.cookies["sessionid"]["secure"]
    assert login.cookies["sessionid"]["httponly"]
    assert login.cookies["sessionid"]["samesite"] == "Lax"


def test_admin_session_ends_with_the_browser_unless_remembered(client, home, superuser):
    login_url = f"/{settings.WAGTAILADMIN_PATH}login/"
    client.post(login_url, {"username": "root", "password": PASSWORD})
    assert client.session.get_expire_at_browser_close()
    assert client.cookies["sessionid"]["max-age"] == ""

    client.logout()
    client.post(login_url, {"username": "root", "password": PASSWORD, "remember": "on"})
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert client.cookies["sessionid"]["max-age"] == 8 * 60 * 60


def test_admin_lives_at_the_configured_path(client, home):
    import portal.urls

    try:
        with override_settings(WAGTAILADMIN_PATH="houtai-7x/"):
            importlib.reload(portal.urls)
            clear_url_caches()
            assert client.get("/houtai-7x/login/").status_code == 200
            assert client.get("/admin/login/").status_code == 404
    finally:
        importlib.reload(portal.urls)
        clear_url_caches()
    assert client.get("/admin/login/").status_code == 200


def test_password_validators_refuse_weak_passwords(superuser):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["12345678901", "password123", "root-root", "short"]:
        with pytest.raises(ValidationError):
            validate_password(weak, superuser)
    validate_password("青溪-Baishui-2026-春", superuser)
