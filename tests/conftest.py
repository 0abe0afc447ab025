import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from home.models import HomePage


@pytest.fixture
def home(db):
    """A published HomePage as the default site's root, replacing Wagtail's placeholder page."""
    Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).delete()
    home = Page.get_first_root_node().add_child(instance=HomePage(title="首页", slug="home", intro="测试导语"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "测试"}
    )
    return home


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", "pw-for-tests-only")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


def uses_database(item):
    if item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    from django.test import TransactionTestCase

    return isinstance(getattr(item, "cls", None), type) and issubclass(item.cls, TransactionTestCase)


def pytest_collection_modifyitems(items):
    """Marks `db` the tests that touch the database: `make test-postgres` runs only those (the others answer the
    same whatever the database, and `make test` runs them)."""
    for item in items:
        if uses_database(item):
            item.add_marker(pytest.mark.db)
