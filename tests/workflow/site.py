"""A small portal built once per test module: two counties, three townships, every section, setup_portal, one user
per role and one draft page of every type (township pages in two townships of one county and one of the other)."""

import importlib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Page, Site

from home.models import HomePage
from portal.core.models import OrgUnit
from portal.workflow.models import UnitGroup
from portal.workflow.setup import CITY_ADMINS, CITY_REVIEWERS, EDITORS, POLICY_EDITORS, setup_portal
from tests.core.factories import OrgUnitFactory

ADMIN = f"/{settings.WAGTAILADMIN_PATH}"
PASSWORD = "workflow-tests-2026"

# section → (app, index model, detail model, slug)
SECTIONS = {
    "news": ("news", "NewsIndexPage", "NewsPage", "news"),
    "activities": ("activities", "ActivityIndexPage", "ActivityReportPage", "activities"),
    "villages": ("villages", "VillageIndexPage", "ModelVillagePage", "villages"),
    "policies": ("policies", "PolicyIndexPage", "PolicyPage", "policies"),
    "exchange": ("exchange", "ExperienceIndexPage", "ExperiencePage", "exchange"),
}
# target → (section, the township whose folder holds it or None for the section index, the page's OrgUnit)
TARGETS = {
    "news": ("news", None, "ceshi"),
    "activity_city": ("activities", None, "ceshi"),
    "activity_a1": ("activities", "jia-yi", "jia-yi"),
    "activity_b1": ("activities", "yi-san", "yi-san"),
    "village": ("villages", None, "jia-yi-v1"),
    "policy": ("policies", None, "ceshi"),
    "experience_a1": ("exchange", "jia-yi", "jia-yi"),
    "experience_a2": ("exchange", "jia-er", "jia-er"),
    "experience_b1": ("exchange", "yi-san", "yi-san"),
}
CITY_ROLES = {
    "city_admin": CITY_ADMINS,
    "editor": EDITORS,
    "policy_editor": POLICY_EDITORS,
    "city_reviewer": CITY_REVIEWERS,
}
UNIT_ROLES = {
    "reviewer_jia": ("jia", UnitGroup.Role.REVIEWER),
    "reviewer_yi": ("yi", UnitGroup.Role.REVIEWER),
    "submitter_a1": ("jia-yi", UnitGroup.Role.SUBMITTER),
    "submitter_a2": ("jia-er", UnitGroup.Role.SUBMITTER),
    "submitter_b1": ("yi-san", UnitGroup.Role.SUBMITTER),
}


def factory(app, model_name):
    """`tests.<app>.factories.<Model>Factory`, or None while that app's page types or factories do not exist yet."""
    try:
        module = importlib.import_module(f"tests.{app}.factories")
    except ImportError:
        return None
    return getattr(module, f"{model_name}Factory", None)


@dataclass
class PortalSite:
    home: Page
    units: dict
    indexes: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)

    def page(self, target):
        """A fresh copy of a target page (skips the test while its page type does not exist yet)."""
        import pytest

        if target not in self.pages:
            pytest.skip(f"{TARGETS[target][0]} 的页面类型或工厂还不存在")
        return Page.objects.get(pk=self.pages[target]).specific

    def folder(self, section, code):
        return self.page_below(self.indexes[section], code)

    @staticmethod
    def page_below(index, slug):
        return Page.objects.child_of(index).get(slug=slug).specific


def make_home():
    Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).delete()
    home = Page.get_first_root_node().add_child(instance=HomePage(title="首页", slug="home", intro="测试导语"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "测试"}
    )
    return home


def make_units():
    city = OrgUnitFactory(name="测试市", code="ceshi", level=OrgUnit.Level.CITY)
    jia = OrgUnitFactory(parent=city, name="甲县计生协", short_name="甲县", code="jia", level=OrgUnit.Level.COUNTY)
    yi = OrgUnitFactory(parent=city, name="乙县计生协", short_name="乙县", code="yi", level=OrgUnit.Level.COUNTY)
    township = OrgUnit.Level.TOWNSHIP
    units = {"ceshi": city, "jia": jia, "yi": yi}
    for parent, code, name in ((jia, "jia-yi", "一镇"), (jia, "jia-er", "二镇"), (yi, "yi-san", "三镇")):
        units[code] = OrgUnitFactory(parent=parent, name=f"{name}计生协", short_name=name, code=code, level=township)
    village = OrgUnit.Level.VILLAGE
    units["jia-yi-v1"] = OrgUnitFactory(parent=units["jia-yi"], name="一村计生协会", code="jia-yi-v1", level=village)
    return units


def make_user(username, group):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(group)
    return user


def build_site():
    site = PortalSite(home=make_home(), units=make_units())
    for section, (app, index_model, _detail, slug) in SECTIONS.items():
        if index_factory := factory(app, index_model):
            site.indexes[section] = index_factory(parent=site.home, slug=slug)
    setup_portal()
    for username, group_name in CITY_ROLES.items():
        site.users[username] = make_user(username, Group.objects.get(name=group_name))
    for username, (code, role) in UNIT_ROLES.items():
        site.users[username] = make_user(username, UnitGroup.objects.get(orgunit__code=code, role=role).group)
    for target, (section, code, unit_code) in TARGETS.items():
        app, _index, detail_model, _slug = SECTIONS[section]
        detail_factory = factory(app, detail_model)
        if detail_factory is None or section not in site.indexes:
            continue
        parent = site.folder(section, code) if code else site.indexes[section]
        unit = site.units[unit_code]
        page = detail_factory(parent=parent, title=f"{target}草稿", slug=f"{target}-draft", live=False, orgunit=unit)
        page.save_revision()
        site.pages[target] = page.pk
    return site


def is_denied(response):
    """Wagtail answers a forbidden admin action with 403, 404 or a redirect to the dashboard with an error."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def submit(page, user):
    """What the editor's “提交审核” does after saving: start the page's workflow as `user`."""
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def act(client, page, action, comment=""):
    """POST a workflow action (approve/reject) on the page's current task, as the admin's action modal does."""
    task_state = Page.objects.get(pk=page.pk).specific.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})
