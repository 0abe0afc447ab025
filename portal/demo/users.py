"""Demo users (users.toml) in the groups setup_portal creates; each user's first name is their group's."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.workflow.models import UnitGroup

from .build import read

USERS = read("users")


def demo_password():
    return os.environ.get("DEV_DEMO_PASSWORD", USERS["password"])


def ensure_user(username, group, password):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@example.org", "first_name": group.name, "is_staff": False},
    )
    if created:
        user.set_password(password)
        user.save()
    user.groups.add(group)
    return user


def unit_users():
    """(username, group) for every county's reviewers and the demo townships' submitters."""
    rows = []
    for link in UnitGroup.objects.select_related("orgunit", "group").order_by("orgunit__path"):
        code = link.orgunit.code
        if link.role == UnitGroup.Role.REVIEWER:
            rows.append((f"reviewer_{code}", link.group))
        elif code in USERS["townships"]:
            rows.append((f"submitter_{code}", link.group))
    return rows


def ensure_demo_users(password):
    """Every demo user, created once with `password`; returns [(username, group name)] in a stable order."""
    rows = [(fields["username"], Group.objects.get(name=fields["group"])) for fields in USERS["city_users"]]
    rows += unit_users()
    for username, group in rows:
        ensure_user(username, group, password)
    return [(username, group.name) for username, group in rows]
