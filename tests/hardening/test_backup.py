import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.documents.models import Document
from wagtail.models import Page

from portal.core import backup
from portal.core.backup import database_summary, media_summary
from portal.core.cache import invalidate

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"  # where restore keeps the data it replaced
    return settings.MEDIA_ROOT


def make_content(home):
    for number in range(3):
        home.add_child(instance=Page(title=f"测试页面{number}", slug=f"page-{number}"))
    Document.objects.create(title="工作总结", file=ContentFile("计生协 2026 年工作总结".encode(), name="总结.txt"))


def make_backup(tmp_path):
    out = io.StringIO()
    call_command("backup", output=str(tmp_path / "backups"), stdout=out)
    return Path(out.getvalue().strip())


def change_live_data():
    """What happens after the backup: a page deleted, a title changed, the document's file gone."""
    Page.objects.get(slug="page-0").delete()
    Page.objects.filter(slug="page-1").update(title="被改动的标题")
    Document.objects.get().file.delete()


def live_state(media_root):
    files = sorted(str(path.relative_to(media_root)) for path in Path(media_root).rglob("*") if path.is_file())
    return Page.objects.count(), files, database_summary()


def kept_directories():
    return sorted((Path(django_settings.VAR_DIR) / "backups").glob("before-restore-*"))


def test_round_trip_restores_pages_documents_and_media(home, media_root, tmp_path):
    make_content(home)
    before = database_summary()
    media_before = media_summary(media_root)
    assert before["wagtailcore.Page"]["count"] == 5  # root, home and three children
    assert media_before["files"] == 1

    archive = make_backup(tmp_path)
    assert archive.name.endswith(".tar.gz") and archive.parent.name == "backups"

    change_live_data()
    assert database_summary() != before

    out = io.StringIO()
    call_command("restore", str(archive), yes=True, stdout=out)
    assert "已从" in out.getvalue() and "页面：5 条，已核对" in out.getvalue()
    assert database_summary() == before
    assert media_summary(media_root) == media_before
    assert Page.objects.get(slug="page-1").title == "测试页面1"
    assert Document.objects.get().file.read().decode() == "计生协 2026 年工作总结"


def test_restore_keeps_the_replaced_data_for_rolling_back(home, media_root, tmp_path):
    make_content(home)
    archive = make_backup(tmp_path)
    change_live_data()
    replaced = live_state(media_root)

    out = io.StringIO()
    call_command("restore", str(archive), yes=True, stdout=out)
    [kept] = kept_directories()
    assert str(kept) in out.getvalue()
    assert json.loads((kept / "manifest.json").read_text())["database"]["wagtailcore.Page"]["count"] == 4

    rollback = tmp_path / "rollback.tar.gz"  # the README's manual rollback: pack the kept directory, restore it
    with tarfile.open(rollback, "w:gz") as packed:
        for child in kept.iterdir():
            packed.add(child, child.name)
    call_command("restore", str(rollback), yes=True, stdout=io.StringIO())
    assert live_state(media_root) == replaced
    assert not Page.objects.filter(slug="page-0").exists()


def test_restore_needs_confirmation_and_a_real_archive(tmp_path):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "x.tar.gz"))
    with pytest.raises(CommandError, match="找不到备份文件"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), yes=True)


def rewritten(archive, target, *, replace=None, drop=(), add=()):
    """A copy of the archive with some members' bytes replaced, some left out and extra members added."""
    replace = replace or {}
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            if member.name in drop:
                continue
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name in replace:
                data = replace[member.name](data)
                member.size = len(data)
            copy.addfile(member, io.BytesIO(data) if data is not None else None)
        for member, data in add:
            copy.addfile(member, io.BytesIO(data) if data is not None else None)
    return target


def database_member(archive):
    with tarfile.open(archive, "r:gz") as source:
        return next(name for name in source.getnames() if name.startswith("database."))


def media_member(archive):
    with tarfile.open(archive, "r:gz") as source:
        return next(
            member.name for member in source.getmembers() if member.isfile() and member.name.startswith("media/")
        )


def corrupted(data):
    """The middle of the file overwritten: the tables' pages (or the dump's data blocks) are garbage."""
    start, end = len(data) * 2 // 5, len(data) * 3 // 5
    return data[:start] + b"\xab" * (end - start) + data[end:]


def extra(name, data=b"", kind=tarfile.REGTYPE, linkname=""):
    member = tarfile.TarInfo(name)
    member.type, member.linkname, member.size = kind, linkname, len(data)
    return member, data if kind == tarfile.REGTYPE else None


def one_more_page(manifest):
    manifest = json.loads(manifest)
    manifest["database"]["wagtailcore.Page"]["count"] += 1
    return json.dumps(manifest).encode()


def truncated(archive, target):
    data = archive.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


BAD_ARCHIVES = {
    "truncated": (lambda archive, target: truncated(archive, target), "已损坏或不完整"),
    "parent-path": (
        lambda archive, target: rewritten(archive, target, add=[extra("../outside.txt", b"x")]),
        "不安全的路径",
    ),
    "absolute-path": (
        lambda archive, target: rewritten(archive, target, add=[extra("/tmp/outside.txt", b"x")]),
        "不安全的路径",
    ),
    "symlink": (
        lambda archive, target: rewritten(
            archive, target, add=[extra("media/passwd", kind=tarfile.SYMTYPE, linkname="/etc/passwd")]
        ),
        "链接或设备",
    ),
    "device": (
        lambda archive, target: rewritten(archive, target, add=[extra("media/null", kind=tarfile.CHRTYPE)]),
        "链接或设备",
    ),
    "no-manifest": (lambda archive, target: rewritten(archive, target, drop={"manifest.json"}), "没有清单"),
    "bad-manifest-json": (
        lambda archive, target: rewritten(archive, target, replace={"manifest.json": lambda data: b'{"engine": "sq'}),
        "不是有效的 JSON",
    ),
    "manifest-not-a-manifest": (
        lambda archive, target: rewritten(archive, target, replace={"manifest.json": lambda data: b"[1, 2]"}),
        "缺少",
    ),
    "corrupt-database": (
        lambda archive, target: rewritten(archive, target, replace={database_member(archive): corrupted}),
        "数据库",
    ),
    "no-database": (lambda archive, target: rewritten(archive, target, drop={database_member(archive)}), "没有"),
    "counts-differ": (
        lambda archive, target: rewritten(archive, target, replace={"manifest.json": one_more_page}),
        "页面数量",
    ),
    "missing-media-file": (
        lambda archive, target: rewritten(archive, target, drop={media_member(archive)}),
        "缺少媒体文件",
    ),
    "changed-media-file": (
        lambda archive, target: rewritten(archive, target, replace={media_member(archive): lambda data: b"changed"}),
        "媒体文件",
    ),
}


@pytest.mark.parametrize("case", BAD_ARCHIVES)
def test_a_bad_archive_is_refused_before_anything_is_touched(home, media_root, tmp_path, case):
    make_content(home)
    archive = make_backup(tmp_path)
    change_live_data()
    live = live_state(media_root)
    make_bad, message = BAD_ARCHIVES[case]
    bad = make_bad(archive, tmp_path / "bad.tar.gz")

    with pytest.raises(CommandError, match=message) as refusal:
        call_command("restore", str(bad), yes=True, stdout=io.StringIO())
    assert "\n" not in str(refusal.value)
    assert live_state(media_root) == live  # same pages, same media files, same rows
    assert kept_directories() == []
    assert not (tmp_path / "outside.txt").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backups", "bad.tar.gz", "media"]  # no staging left


def test_a_refusal_on_the_command_line_is_one_chinese_line(tmp_path):
    archive = tmp_path / "portal-truncated.tar.gz"
    archive.write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 20)
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
        "TEST_MEDIA_ROOT": str(tmp_path / "media"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive), "--yes"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "备份文件已损坏或不完整" in line


def test_a_failed_check_after_the_swap_puts_everything_back(home, media_root, tmp_path, monkeypatch):
    make_content(home)
    archive = make_backup(tmp_path)
    change_live_data()
    live = live_state(media_root)
    monkeypatch.setattr(backup, "restored_differences", lambda manifest: ["页面数量应为 5，实际 4"])

    with pytest.raises(CommandError, match="已自动回滚到恢复前的状态"):
        call_command("restore", str(archive), yes=True, stdout=io.StringIO())
    assert live_state(media_root) == live


def test_restore_clears_the_page_cache(home, media_root, tmp_path, settings):
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True
    invalidate()
    archive = make_backup(tmp_path)
    home = home.specific
    home.intro = "备份之后改的导语"
    home.save_revision().publish()
    assert "备份之后改的导语" in Client().get("/").content.decode()
    assert Client().get("/")["X-Cache"] == "HIT"

    call_command("restore", str(archive), yes=True, stdout=io.StringIO())
    page = Client().get("/")
    assert page["X-Cache"] == "MISS"
    assert "测试导语" in page.content.decode() and "备份之后改的导语" not in page.content.decode()


def without_file_hashes(manifest):
    manifest = json.loads(manifest)
    del manifest["media"]["hashes"]
    return json.dumps(manifest).encode()


def test_a_backup_made_before_file_hashes_were_listed_still_restores(home, media_root, tmp_path):
    make_content(home)
    archive = rewritten(make_backup(tmp_path), tmp_path / "old.tar.gz", replace={"manifest.json": without_file_hashes})
    before = live_state(media_root)
    change_live_data()

    call_command("restore", str(archive), yes=True, stdout=io.StringIO())
    assert live_state(media_root) == before
