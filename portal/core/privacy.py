"""Files a township uploads stay private until a published, public page uses them.

setup_portal marks each township's collection with `keep_private()`. A document or an image in a private collection
(or below one) is listed by /api/v2/documents/ and /api/v2/images/, and downloadable at /documents/<id>/<name>, only
while a live page under no view restriction refers to it — Wagtail's reference index knows every use: an attachment
row, a document link in rich text, an image block, a listing image. Until then only users who may choose or edit
it in the admin (the township's submitters, the reviewers, administrators) can download it; anonymous visitors are
asked to sign in, as for Wagtail's own restricted collections.

Wagtail's CollectionViewRestriction cannot say this: it keeps a collection's files from the public even after the
page using them is published. The same rule holds for images wherever the portal serves /media/ itself (uploads on
this machine's disk: portal/core/media.py): a private image's original and renditions are sent only to those who may
choose or edit it. With S3 the bucket serves them, at signed addresses that only the admin and public pages give out.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Subquery
from django.db.models.functions import Cast, Length, Substr
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry
from wagtail.wagtail_hooks import require_wagtail_login

from .models import PrivateCollection


def keep_private(collection):
    """Mark a collection (a township's) as private until use; idempotent."""
    PrivateCollection.objects.get_or_create(collection=collection)


def in_private_collection():
    """For a document or image row: its collection is marked private, or lies below one that is."""
    marked = PrivateCollection.objects.filter(
        collection__path=Substr(OuterRef("collection__path"), 1, Length("collection__path"))
    )
    return Exists(marked)


def used_by_a_public_page(model):
    """For a document or image row: a live page that no view restriction hides refers to it."""
    pages = Page.objects.live().public().order_by().annotate(key=Cast("pk", CharField())).values("key")
    uses = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(model),
        to_object_id=Cast(OuterRef("pk"), CharField()),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=Subquery(pages),
    )
    return Exists(uses)


def public_files(queryset):
    """The documents or images of the queryset a visitor may see. A plain `pk IN (…)`, so the API's search
    backends, which take only simple filters, can still search it."""
    model = queryset.model
    private = model.objects.filter(in_private_collection()).exclude(used_by_a_public_page(model))
    return queryset.exclude(pk__in=private.values("pk"))


def is_public(file):
    return public_files(type(file).objects.filter(pk=file.pk)).exists()


def may_choose_or_edit(user, file):
    """The user may choose the file or edit it in the admin (a township's submitters, the reviewers, administrators)."""
    permissions = policy_registry.get_by_type(type(file))
    return permissions.user_has_any_permission_for_instance(user, ["choose", "change"], file)


def check_document_is_public(document, request):
    """before_serve_document: a private document is served only to those who may choose or edit it."""
    if is_public(document) or may_choose_or_edit(request.user, document):
        return None
    return require_wagtail_login(next=request.get_full_path())


def image_audience(image, user):
    """Who may be sent an image's file (its original or a rendition): "public", "private" (only this user, who may
    choose or edit it) or None (nobody: a visitor does not even learn that it exists)."""
    if is_public(image):
        return "public"
    return "private" if may_choose_or_edit(user, image) else None
