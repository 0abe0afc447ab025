import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches

from portal.workflow.setup import access_admin_permission

from .factories import MessageFactory


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The submission counter lives in the shared counters cache, which outlives a test."""
    caches["counters"].clear()
    yield
    caches["counters"].clear()


def message_permissions():
    return Permission.objects.filter(content_type__app_label="interaction", content_type__model="message")


@pytest.fixture
def inbox_group(db):
    """A group with the inbox's model permissions, as setup_portal gives 市级管理员 (it grants every permission)."""
    group = Group.objects.create(name="留言办理")
    group.permissions.add(access_admin_permission(), *message_permissions())
    return group


@pytest.fixture
def handler(django_user_model, inbox_group):
    user = django_user_model.objects.create_user("handler", "handler@example.com", "pw-for-tests-only")
    user.first_name = "李办理"
    user.save()
    user.groups.add(inbox_group)
    return user


@pytest.fixture
def editor(django_user_model):
    """Signs in to the admin but has no permission on messages."""
    user = django_user_model.objects.create_user("editor", "editor@example.com", "pw-for-tests-only")
    user.user_permissions.add(access_admin_permission())
    return user


@pytest.fixture
def message(db):
    return MessageFactory()
