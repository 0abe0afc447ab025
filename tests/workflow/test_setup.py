"""setup_portal: groups, permissions, collections, folders and workflows from the OrgUnit tree; idempotent."""

from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)

from portal.core.models import OrgUnit
from portal.workflow.models import UnitGroup
from portal.workflow.setup import setup_portal
from tests.core.factories import OrgUnitFactory


def counts():
    return (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Collection.objects.count(),
        Workflow.objects.count(),
        WorkflowPage.objects.count(),
    )


def test_groups_have_chinese_names_per_county_and_township(site):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"市级管理员", "编辑", "政策编辑", "市级审核员", "甲县审核员", "乙县审核员"} <= names
    assert {"一镇提交员", "二镇提交员", "三镇提交员"} <= names
    for group in Group.objects.exclude(name__endswith="（门户未使用）"):
        assert group.permissions.filter(codename="access_admin").exists(), group.name


def test_rerunning_changes_nothing(site):
    before = counts()
    setup_portal()
    call_command("setup_portal", verbosity=0)
    assert counts() == before


def test_a_new_township_gets_its_group_collection_and_folders_on_rerun(site):
    unit = OrgUnitFactory(parent=site.units["yi"], name="四镇计生协", short_name="四镇", code="yi-si", level="township")
    setup_portal()
    link = UnitGroup.objects.get(orgunit=unit, role=UnitGroup.Role.SUBMITTER)
    assert link.group.name == "四镇提交员"
    assert link.collection.name == "四镇计生协"
    assert link.collection.get_parent().name == "乡镇"
    permissions = GroupCollectionPermission.objects.filter(group=link.group)
    assert set(permissions.values_list("collection", flat=True)) == {link.collection.pk}
    assert set(permissions.values_list("permission__codename", flat=True)) == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }
    for section in ("activities", "exchange"):
        if section in site.indexes:
            folder = site.folder(section, "yi-si")
            assert folder.live and folder.orgunit == unit
            actions = GroupPagePermission.objects.filter(group=link.group, page=folder)
            assert set(actions.values_list("permission__codename", flat=True)) == {"add_page", "change_page"}


def test_same_township_name_in_two_counties_gets_distinct_groups(site):
    OrgUnitFactory(parent=site.units["yi"], name="一镇计生协", short_name="一镇", code="yi-yi", level="township")
    setup_portal()
    assert UnitGroup.objects.get(orgunit__code="yi-yi", role="submitter").group.name == "乙县一镇提交员"
    assert UnitGroup.objects.get(orgunit__code="jia-yi", role="submitter").group.name == "一镇提交员"


def test_workflows_are_assigned_to_sections_and_township_folders(site):
    assigned = {page.workflow.name for page in WorkflowPage.objects.select_related("workflow")}
    assert {"内容审核", "经验材料审核（甲县）", "经验材料审核（乙县）"} <= assigned or "exchange" not in site.indexes
    jia = Workflow.objects.get(name="经验材料审核（甲县）")
    assert [task.name for task in jia.tasks] == ["县级审核（甲县）", "市级发布"]
    assert [group.name for group in jia.tasks[0].specific.groups.all()] == ["甲县审核员"]
    assert [task.name for task in Workflow.objects.get(name="政策审核").tasks] == ["合法性审核", "发布"]
    news = site.indexes["news"]
    assert news.get_workflow().name == "内容审核"
    if "exchange" in site.indexes:
        assert site.folder("exchange", "jia-er").get_workflow() == jia
        assert site.folder("exchange", "yi-san").get_workflow().name == "经验材料审核（乙县）"


def test_only_townships_get_submitter_groups(site):
    levels = set(UnitGroup.objects.filter(role="submitter").values_list("orgunit__level", flat=True))
    assert levels == {OrgUnit.Level.TOWNSHIP}


def test_every_township_collection_is_private_until_use(site, client):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    collections = [link.collection for link in UnitGroup.objects.filter(role=UnitGroup.Role.SUBMITTER)]
    assert collections and all(collection is not None for collection in collections)
    for collection in collections:
        Document.objects.create(
            title=f"{collection.name}草稿附件", collection=collection, file=ContentFile(b"x", "a.txt")
        )
    listed = client.get("/api/v2/documents/").json()["items"]
    assert not [item for item in listed if item["title"].endswith("草稿附件")]


def test_a_county_reviewer_sees_the_files_of_the_materials_they_review_and_no_others(site, client):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    def township_file(code):
        link = UnitGroup.objects.get(orgunit__code=code, role=UnitGroup.Role.SUBMITTER)
        document = Document.objects.create(
            title="材料附件", collection=link.collection, file=ContentFile(b"x", "a.txt")
        )
        return document.url

    own, other = township_file("jia-yi"), township_file("yi-san")
    client.force_login(site.users["reviewer_jia"])
    assert client.get(own).status_code == 200
    assert client.get(other).status_code != 200


def test_city_editors_change_the_citys_files_and_only_choose_the_townships(site, client):
    from django.core.files.base import ContentFile
    from django.urls import reverse
    from wagtail.documents.models import Document
    from wagtail.models import Collection
    from wagtail.permissions import policy_registry

    from portal.workflow.setup import setup_portal

    root = Collection.get_first_root_node()
    loose = Document.objects.create(title="旧的市级文件", collection=root, file=ContentFile(b"x", "old.txt"))
    setup_portal()  # an upgrade: files from before the city collection move into it
    loose.refresh_from_db()
    assert loose.collection.name == "市计生协"
    township = UnitGroup.objects.get(orgunit__code="jia-yi", role=UnitGroup.Role.SUBMITTER).collection
    theirs = Document.objects.create(title="一镇材料附件", collection=township, file=ContentFile(b"x", "a.txt"))

    client.force_login(site.users["editor"])
    assert client.get(reverse("wagtaildocs:edit", args=(loose.pk,))).status_code == 200
    assert client.get(reverse("wagtaildocs:edit", args=(theirs.pk,))).status_code != 200
    assert client.get(theirs.url).status_code == 200  # chosen for a township's activity report, so seen
    policy = policy_registry.get_by_type(Document)
    assert policy.user_has_permission_for_instance(site.users["editor"], "choose", theirs)
