import os
import shutil
from pathlib import Path

import pytest

from .wagtail_admin import ADMIN, PASSWORD

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite the browser tests use a database file, not Django's shared in-memory one: the live server's threads
    then get their own connections (WAL, busy timeout) instead of sharing the test thread's, which raised
    "database table is locked" when the test queried while the server was still answering the browser."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and not database.get("TEST", {}).get("NAME"):
        worker = os.environ.get("PYTEST_XDIST_WORKER", "")
        database.setdefault("TEST", {})["NAME"] = str(Path(settings.VAR_DIR) / f"test-e2e{worker}.sqlite3")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop here
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("没有找到 Debian 的 chromium：请先运行 `make chromium`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def demo(live_server):
    """The demo site with every demo user (password PASSWORD) behind the live server; returns its base URL."""
    from django.core.management import call_command

    from portal.demo.users import ensure_demo_users

    call_command("load_demo", verbosity=0)
    ensure_demo_users(PASSWORD)
    return live_server.url


@pytest.fixture
def sign_in(browser, demo):
    """`sign_in("reviewer_qingxi")` → a browser page logged in to the admin as that demo user, on the dashboard."""
    contexts = []

    def as_user(username):
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{demo}{ADMIN}login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"**{ADMIN}")
        return page

    yield as_user
    for context in contexts:
        context.close()
