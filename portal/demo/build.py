"""What every demo section needs: its data file, pages published through the test factories, generated files."""

import hashlib
import io
import tomllib
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents.models import Document
from wagtail.images.models import Image

from tests.policies.factories import DocumentFactory

DATA = Path(__file__).parent / "data"


def read(name):
    """The demo data file data/<name>.toml, as a dict."""
    with (DATA / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def publish_child(factory, parent, *, publish=True, **fields):
    """The child of `parent` slugged fields["slug"] if there is one, so that loading twice changes nothing; else a
    new page from `factory`, saved as a revision (and published, unless `publish` is false) as an editor's would be."""
    existing = parent.get_children().filter(slug=fields["slug"]).first()
    if existing:
        return existing.specific
    page = factory(parent=parent, **fields)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def file_name(title, extension):
    return f"demo-{hashlib.sha1(title.encode()).hexdigest()[:10]}.{extension}"


def demo_image(title, *, size=(1200, 800)):
    """A picture drawn from its title (no downloads), saved once per title."""
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    digest = hashlib.sha1(title.encode()).digest()
    base = (120 + digest[0] % 100, 40 + digest[1] % 80, 40 + digest[2] % 60)
    picture = PILImage.new("RGB", size, base)
    draw = ImageDraw.Draw(picture)
    for step in range(0, size[0], 60):
        shade = tuple(min(255, channel + step // 12) for channel in base)
        draw.rectangle([step, size[1] * 2 // 3, step + 40, size[1]], fill=shade)
    draw.ellipse([size[0] // 3, size[1] // 5, size[0] * 2 // 3, size[1] * 3 // 5], fill=(250, 240, 220))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=file_name(title, "png")))


def demo_document(title, extension, text):
    """A small text file as a Wagtail document, saved once per title."""
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    return DocumentFactory(title=title, file=ContentFile(text.encode(), name=file_name(title, extension)))
