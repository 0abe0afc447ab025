"""Groups, permissions, collections, township folders and review workflows, all derived from the OrgUnit tree.

Idempotent: rerun it after OrgUnits are added. It only adds what is missing (and keeps each review step's groups as
below); it never removes a permission someone granted by hand.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portal.core.models import Campaign, OrgUnit
from portal.core.privacy import keep_private

from .models import ReviewTask, UnitGroup

CITY_ADMINS = "市级管理员"
EDITORS = "编辑"
POLICY_EDITORS = "政策编辑"
CITY_REVIEWERS = "市级审核员"

CONTENT_WORKFLOW = "内容审核"
POLICY_WORKFLOW = "政策审核"
TOWNSHIP_COLLECTIONS = "乡镇"
CITY_COLLECTION = "市计生协"  # what city editors upload and may change; the townships' files they may only choose

EDIT = ("add", "change")
EVERY_PAGE_ACTION = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
MEDIA_EDIT = ("add", "change", "choose")

NEWS_INDEX = "news.NewsIndexPage"
ACTIVITY_INDEX = "activities.ActivityIndexPage"
VILLAGE_INDEX = "villages.VillageIndexPage"
POLICY_INDEX = "policies.PolicyIndexPage"
EXPERIENCE_INDEX = "exchange.ExperienceIndexPage"
EDITOR_SECTIONS = (NEWS_INDEX, ACTIVITY_INDEX, VILLAGE_INDEX)
ALL_SECTIONS = (*EDITOR_SECTIONS, POLICY_INDEX, EXPERIENCE_INDEX)
# Snippets that page forms choose from: every group that edits pages may view them.
CHOOSABLE_SNIPPETS = ("core.Campaign", "exchange.MetricDefinition")


@dataclass(frozen=True)
class TownshipFolder:
    index: str
    folder: str
    title: str  # format string for the township's label


TOWNSHIP_FOLDERS = (
    TownshipFolder(EXPERIENCE_INDEX, "exchange.ExperienceTownshipPage", "{}经验交流"),
    TownshipFolder(ACTIVITY_INDEX, "activities.ActivityTownshipPage", "{}活动"),
)


def model_or_none(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def section_index(label):
    """The first index page of that type, or None while the app or the page does not exist yet."""
    model = model_or_none(label)
    return model.objects.order_by("path").first() if model else None


def experience_workflow_name(county):
    return f"经验材料审核（{county.label}）"


def county_review_task_name(county):
    return f"县级审核（{county.label}）"


def model_permission(model, action):
    content_type = ContentType.objects.get_for_model(model)
    return Permission.objects.get(content_type=content_type, codename=f"{action}_{model._meta.model_name}")


def access_admin_permission():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def ensure_group(name):
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(access_admin_permission())
    return group


def grant_pages(group, page, actions):
    for action in actions:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=model_permission(Page, action))


def grant_media(group, collection, actions):
    for model in (get_image_model(), get_document_model()):
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=model_permission(model, action)
            )


def revoke_media(group, collection, actions):
    for model in (get_image_model(), get_document_model()):
        permissions = [model_permission(model, action) for action in actions]
        granted = GroupCollectionPermission.objects.filter(group=group, collection=collection)
        granted.filter(permission__in=permissions).delete()


def city_media_collection(root):
    """The city's own images and documents: created once, and the files kept directly in the root collection from
    before it existed moved into it, so that editors may still change them."""
    collection = root.get_children().filter(name=CITY_COLLECTION).first() or root.add_child(name=CITY_COLLECTION)
    for model in (get_image_model(), get_document_model()):
        for file in model.objects.filter(collection=root):
            file.collection = collection
            file.save(update_fields=["collection"])  # through save: the search index filters by collection
    return collection


def grant_snippet_viewing(group):
    for label in CHOOSABLE_SNIPPETS:
        model = model_or_none(label)
        if model is not None:
            group.permissions.add(model_permission(model, "view"))


def ensure_city_groups():
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()

    admins = ensure_group(CITY_ADMINS)
    admins.permissions.add(*Permission.objects.all())
    grant_pages(admins, root_page, EVERY_PAGE_ACTION)
    grant_media(admins, root_collection, (*MEDIA_EDIT, "delete"))

    editors = ensure_group(EDITORS)
    policy_editors = ensure_group(POLICY_EDITORS)
    reviewers = ensure_group(CITY_REVIEWERS)
    for label in EDITOR_SECTIONS:
        if index := section_index(label):
            grant_pages(editors, index, EDIT)
    if index := section_index(POLICY_INDEX):
        grant_pages(policy_editors, index, EDIT)
    for label in ALL_SECTIONS:
        if index := section_index(label):
            grant_pages(reviewers, index, ("change", "lock"))
    city_collection = city_media_collection(root_collection)
    for group in (editors, policy_editors):
        revoke_media(group, root_collection, ("add", "change"))  # given on the root before there was a city collection
        grant_media(group, root_collection, ("choose",))  # every file, the townships' included (activity reports)
        grant_media(group, city_collection, MEDIA_EDIT)
        grant_snippet_viewing(group)
    editors.permissions.add(*(model_permission(Campaign, action) for action in ("add", "change")))
    grant_media(reviewers, root_collection, ("choose",))
    return {"admins": admins, "editors": editors, "policy_editors": policy_editors, "reviewers": reviewers}


def unit_group(unit, role, name):
    """The group linked to (unit, role); named `name`, or prefixed with the parent's label if that name is taken."""
    link = UnitGroup.objects.filter(orgunit=unit, role=role).select_related("group", "collection").first()
    if link:
        return link
    if Group.objects.filter(name=name).exclude(unit_role=None).exists():
        name = f"{unit.get_parent().label}{name}"
    link = UnitGroup.objects.create(orgunit=unit, role=role, group=ensure_group(name))
    return link


def township_collection(link, parent):
    if link.collection is None:
        link.collection = parent.add_child(name=link.orgunit.name)
        link.save(update_fields=["collection"])
    return link.collection


def township_folder(spec, unit):
    """The township's folder page under the section index (created and published if missing), or None."""
    index = section_index(spec.index)
    model = model_or_none(spec.folder)
    if index is None or model is None:
        return None
    folder = model.objects.filter(orgunit=unit).first() or model.objects.child_of(index).filter(slug=unit.code).first()
    if folder is None:
        folder = model(title=spec.title.format(unit.label), slug=unit.code, orgunit=unit)
        index.add_child(instance=folder)
        folder.save_revision().publish()
    return folder


def ensure_review_task(name, groups):
    task = ReviewTask.objects.filter(name=name).first() or ReviewTask.objects.create(name=name)
    task.groups.set(groups)
    return task


def ensure_workflow(name, tasks):
    workflow, _created = Workflow.objects.get_or_create(name=name)
    if [task.pk for task in workflow.tasks] != [task.pk for task in tasks]:
        workflow.workflow_tasks.all().delete()
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def assign_workflow(page, workflow):
    if page is not None:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


def ensure_city_workflows(groups):
    review = ensure_review_task("审核", [groups["reviewers"]])
    content = ensure_workflow(CONTENT_WORKFLOW, [review])
    for label in (*EDITOR_SECTIONS, EXPERIENCE_INDEX):
        assign_workflow(section_index(label), content)
    legality = ensure_review_task("合法性审核", [groups["reviewers"]])
    publication = ensure_review_task("发布", [groups["admins"]])
    assign_workflow(section_index(POLICY_INDEX), ensure_workflow(POLICY_WORKFLOW, [legality, publication]))
    return ensure_review_task("市级发布", [groups["reviewers"]])


def ensure_county(county, city_publication, township_parent):
    reviewers = unit_group(county, UnitGroup.Role.REVIEWER, f"{county.label}审核员").group
    county_review = ensure_review_task(county_review_task_name(county), [reviewers])
    workflow = ensure_workflow(experience_workflow_name(county), [county_review, city_publication])
    for township in county.get_descendants().filter(level=OrgUnit.Level.TOWNSHIP):
        link = unit_group(township, UnitGroup.Role.SUBMITTER, f"{township.label}提交员")
        collection = township_collection(link, township_parent)
        grant_media(link.group, collection, MEDIA_EDIT)
        grant_media(reviewers, collection, ("choose",))  # the images and attachments of the materials they review
        keep_private(collection)
        grant_snippet_viewing(link.group)
        for spec in TOWNSHIP_FOLDERS:
            folder = township_folder(spec, township)
            if folder is None:
                continue
            grant_pages(link.group, folder, EDIT)
            if spec.index == EXPERIENCE_INDEX:
                grant_pages(reviewers, folder, ("change",))
                assign_workflow(folder, workflow)


def township_parent_collection():
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=TOWNSHIP_COLLECTIONS).first() or root.add_child(name=TOWNSHIP_COLLECTIONS)


@transaction.atomic
def setup_portal():
    """Create or complete every group, permission, collection, township folder and workflow. Returns the counties."""
    groups = ensure_city_groups()
    city_publication = ensure_city_workflows(groups)
    township_parent = township_parent_collection()
    counties = list(OrgUnit.objects.filter(level=OrgUnit.Level.COUNTY).order_by("path"))
    for county in counties:
        ensure_county(county, city_publication, township_parent)
    return counties
