import pytest
from django.db import transaction

from tests.workflow.site import build_site


@pytest.fixture(scope="module")
def portal_site(django_db_setup, django_db_blocker):
    """The workflow tests' small portal (two counties, three townships, every section and role), built once per
    module and rolled back after it; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site()
        transaction.set_rollback(True)


@pytest.fixture
def site(portal_site, db):
    return portal_site


@pytest.fixture
def login(client, site):
    def as_user(username):
        client.force_login(site.users[username])
        return client

    return as_user
