import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from wagtail.documents.models import Document
from wagtail.models import Page

from portal.core.backup import database_summary, media_summary

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_content(home):
    for number in range(3):
        home.add_child(instance=Page(title=f"测试页面{number}", slug=f"page-{number}"))
    Document.objects.create(title="工作总结", file=ContentFile("计生协 2026 年工作总结".encode(), name="总结.txt"))


def test_round_trip_restores_pages_documents_and_media(home, media_root, tmp_path):
    make_content(home)
    before = database_summary()
    media_before = media_summary(media_root)
    assert before["wagtailcore.Page"]["count"] == 5  # root, home and three children
    assert media_before["files"] == 1

    out = io.StringIO()
    call_command("backup", output=str(tmp_path / "backups"), stdout=out)
    archive = out.getvalue().strip()
    assert archive.endswith(".tar.gz") and "/backups/portal-" in archive

    Page.objects.get(slug="page-0").delete()
    Page.objects.filter(slug="page-1").update(title="被改动的标题")
    Document.objects.get().file.delete()
    assert database_summary() != before

    out = io.StringIO()
    call_command("restore", archive, yes=True, stdout=out)
    assert "已从" in out.getvalue()
    assert database_summary() == before
    assert media_summary(media_root) == media_before
    assert Page.objects.get(slug="page-1").title == "测试页面1"
    assert Document.objects.get().file.read().decode() == "计生协 2026 年工作总结"


def test_restore_needs_confirmation_and_a_real_archive(tmp_path):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "x.tar.gz"))
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "missing.tar.gz"), yes=True)
