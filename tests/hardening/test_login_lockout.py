import pytest
from django.conf import settings

PASSWORD = "pw-for-tests-only"


@pytest.fixture
def login_url():
    return f"/{settings.WAGTAILADMIN_PATH}login/"


def test_bad_passwords_lock_the_account_with_a_chinese_message(client, home, superuser, login_url):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for _ in range(limit - 1):
        response = client.post(login_url, {"username": "root", "password": "wrong-password"})
        assert response.status_code == 200  # the login form again, with Wagtail's error
    locked = client.post(login_url, {"username": "root", "password": "wrong-password"})
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "登录已暂时锁定" in text
    assert "30 分钟后再试" in text

    refused = client.post(login_url, {"username": "root", "password": PASSWORD})
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_user_and_address(client, home, superuser, django_user_model, login_url):
    django_user_model.objects.create_user("editor", password="editor-pw-2026", is_superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login_url, {"username": "root", "password": "wrong"})
    other_user = client.post(login_url, {"username": "editor", "password": "editor-pw-2026"})
    assert other_user.status_code == 302
    client.logout()
    other_address = client.post(login_url, {"username": "root", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
    assert other_address.status_code == 302


def test_a_good_login_before_the_limit_resets_the_count(client, home, superuser, login_url):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(login_url, {"username": "root", "password": "wrong"})
    assert client.post(login_url, {"username": "root", "password": PASSWORD}).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(login_url, {"username": "root", "password": "wrong"}).status_code == 200


def test_client_ip_uses_forwarded_address_only_behind_trusted_proxies(rf, settings):
    from portal.core.security import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # the spoofable left-most entry is ignored
