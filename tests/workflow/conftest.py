import pytest
from django.db import transaction

from .site import build_site


@pytest.fixture(scope="module")
def portal_site(django_db_setup, django_db_blocker):
    """The portal of tests/workflow/site.py, built once per module and rolled back after it; each test runs in a
    savepoint inside it (the `db` fixture), so what a test changes is undone before the next one."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site()
        transaction.set_rollback(True)


@pytest.fixture
def site(portal_site, db):
    return portal_site


@pytest.fixture
def login(client, site):
    """`login("editor")` → the test client, logged in as that role's user."""

    def as_user(username):
        client.force_login(site.users[username])
        return client

    return as_user
