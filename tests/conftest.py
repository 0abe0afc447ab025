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
