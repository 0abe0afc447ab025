"""Uploaded images under /media/, served by the portal itself: one gunicorn needs no other web server.

Only while uploads live on the local disk (FileSystemStorage); with S3 the bucket serves them and no route exists.
Only Wagtail's image folders are served. Documents never are: their links go to /documents/<id>/<name>, Wagtail's
serve view, which applies collection privacy and sends them as attachments.

The content type comes from the file's first bytes, never from its name: a real JPEG, PNG, GIF, WebP or AVIF is
served as that image, anything else (an HTML page renamed .png, an SVG) as an application/octet-stream attachment.
Every answer forbids sniffing and carries a sandboxing CSP, so not even a file that is really HTML runs in our origin.

A township's image stays private until a public page shows it (portal/core/privacy.py): its original and renditions
are then 404 to visitors, and sent only to those who may choose or edit it, never to be kept by a shared cache.
"""

import os
import re
from pathlib import Path

import filetype
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.urls import re_path
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since
from wagtail.images import get_image_model

from .privacy import image_audience, in_private_collection

IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"}
HEAD_BYTES = 512  # every signature above, AVIF's whole ftyp box (its brands) included
# The folders of MEDIA_ROOT that are served, with how long browsers and CDNs may keep a file: a rendition's name
# changes with its original and filter, so it is all but immutable; an original can be replaced under its name.
CACHE_SECONDS = {"images": 7 * 24 * 60 * 60, "original_images": 5 * 60, "avatar_images": 5 * 60}
PRIVATE_COLLECTION_SECONDS = 5 * 60
SANDBOX_POLICY = "default-src 'none'; sandbox"


def media_urls():
    """The /media/ route, only while uploads are files on this machine."""
    if not isinstance(storages["default"], FileSystemStorage):
        return []
    return [re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", serve_media, name="media")]


def media_file(path):
    """The file `path` names inside a served folder of MEDIA_ROOT (symlinks resolved), and its name relative to
    MEDIA_ROOT as the storage names it; Http404 for anything else."""
    root = Path(settings.MEDIA_ROOT).resolve()
    file = (root / path).resolve()  # "..", an absolute path or a symlink may lead outside: checked next
    parts = file.relative_to(root).parts if file.is_relative_to(root) else ()
    if len(parts) < 2 or parts[0] not in CACHE_SECONDS or not os.path.isfile(file):  # False for a name too long
        raise Http404
    return file, "/".join(parts)


def image_named(name):
    """The Wagtail image whose original or rendition file this is, with `private` (in a private collection)
    annotated; None for an avatar or a file no image row names."""
    images = get_image_model().objects.annotate(private=in_private_collection())
    if name.startswith("original_images/"):
        return images.filter(file=name).first()
    if name.startswith("images/"):
        return images.filter(renditions__file=name).first()
    return None


def cache_control(request, name):
    """The Cache-Control header for the file, or Http404 when this visitor may not have it. A file of a private
    collection's image is kept 5 minutes at most, even while public: unpublishing its page makes it private again."""
    max_age = CACHE_SECONDS[name.split("/", 1)[0]]
    image = image_named(name)
    if image is None or not image.private:
        return f"public, max-age={max_age}"
    audience = image_audience(image, request.user)
    if audience is None:
        raise Http404
    return f"{audience}, max-age={min(max_age, PRIVATE_COLLECTION_SECONDS)}"


def image_type(head):
    """The image MIME type the file's first bytes prove, if it is one we serve as an image; else None."""
    kind = filetype.image_match(head)
    return kind.mime if kind and kind.mime in IMAGE_TYPES else None


@require_safe
def serve_media(request, path):
    file, name = media_file(path)
    modified = file.stat().st_mtime
    headers = {
        "Cache-Control": cache_control(request, name),
        "Last-Modified": http_date(modified),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": SANDBOX_POLICY,
    }
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), modified):
        return HttpResponseNotModified(headers=headers)
    handle = file.open("rb")
    content_type = image_type(handle.read(HEAD_BYTES))
    handle.seek(0)
    return FileResponse(
        handle,
        content_type=content_type or "application/octet-stream",
        as_attachment=content_type is None,
        filename=file.name,
        headers=headers,
    )
