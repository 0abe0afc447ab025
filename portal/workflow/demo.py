"""Demo users, one (or one per county / township) for each role, so a person can walk every workflow. Dev only."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import UnitGroup
from .setup import CITY_ADMINS, CITY_REVIEWERS, EDITORS, POLICY_EDITORS, setup_portal

CITY_USERS = [
    ("city_admin", CITY_ADMINS, "市级管理员"),
    ("editor", EDITORS, "编辑"),
    ("policy_editor", POLICY_EDITORS, "政策编辑"),
    ("city_reviewer", CITY_REVIEWERS, "市级审核员"),
]
# Two townships in different counties, so each county reviewer sees one submitter's material and not the other's.
DEMO_TOWNSHIPS = ["qingxi-baishui", "baishi-shanmen"]


def demo_password():
    return os.environ.get("DEV_DEMO_PASSWORD", "portal-demo-2026")


def ensure_user(username, group, display_name, password):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@example.org", "first_name": display_name, "is_staff": False},
    )
    if created:
        user.set_password(password)
        user.save()
    user.groups.add(group)
    return user


def unit_users():
    """(username, group, display name) for every county's reviewers and the demo townships' submitters."""
    rows = []
    for link in UnitGroup.objects.select_related("orgunit", "group").order_by("orgunit__path"):
        unit = link.orgunit
        if link.role == UnitGroup.Role.REVIEWER:
            rows.append((f"reviewer_{unit.code}", link.group, link.group.name))
        elif unit.code in DEMO_TOWNSHIPS:
            rows.append((f"submitter_{unit.code}", link.group, link.group.name))
    return rows


def ensure_demo_users(password):
    """Every demo user, created once with `password`; returns [(username, role)] in a stable order."""
    rows = [(username, Group.objects.get(name=group), name) for username, group, name in CITY_USERS]
    rows += unit_users()
    for username, group, name in rows:
        ensure_user(username, group, name, password)
    return [(username, name) for username, _group, name in rows]


def load(home, city):
    """Run setup_portal after every section exists, then (DEBUG only) create and print the demo users."""
    setup_portal()
    if not settings.DEBUG:
        return
    password = demo_password()
    print("演示用户（仅开发环境）：")
    for username, role in ensure_demo_users(password):
        print(f"  {username:<28} {role:<12} 密码 {password}")
