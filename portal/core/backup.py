"""Backup and restore: one timestamped .tar.gz with the database (SQLite backup API or pg_dump custom format),
the media files and a manifest of row counts and content hashes that restore checks itself against."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone

SQLITE_DUMP = "database.sqlite3"
POSTGRES_DUMP = "database.pgdump"
MANIFEST = "manifest.json"
MEDIA = "media"
# What a round trip must keep: pages and their history, documents, images, and the figures when the app has them.
CHECKED_MODELS = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtaildocs.Document",
    "wagtailimages.Image",
    "exchange.ExperienceFigure",
    "core.OrgUnit",
]


class BackupError(Exception):
    pass


def database_summary():
    """{model label: {"count", "sha256"}} over every row's field values, for the models a round trip must keep."""
    summary = {}
    for label in CHECKED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        digest = hashlib.sha256()
        fields = [field.attname for field in model._meta.concrete_fields]
        rows = model._base_manager.order_by("pk").values_list(*fields)
        count = 0
        for row in rows.iterator(chunk_size=2000):
            digest.update(json.dumps(row, default=str, ensure_ascii=False).encode())
            count += 1
        summary[label] = {"count": count, "sha256": digest.hexdigest()}
    return summary


def media_summary(root):
    digest, count = hashlib.sha256(), 0
    root = Path(root)
    if root.exists():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
            count += 1
    return {"files": count, "sha256": digest.hexdigest()}


def is_postgres():
    return connection.vendor == "postgresql"


def postgres_command(program, *args):
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    command = [program, "--no-owner", "--no-privileges", "-h", db.get("HOST") or "127.0.0.1"]
    command += ["-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres", *args]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{program} 失败：{result.stderr.strip()[:2000]}")


def dump_database(target_dir):
    if is_postgres():
        path = target_dir / POSTGRES_DUMP
        postgres_command("pg_dump", "--format=custom", "-f", str(path), settings.DATABASES["default"]["NAME"])
        return path
    path = target_dir / SQLITE_DUMP
    connection.ensure_connection()
    with sqlite3.connect(path) as target:
        connection.connection.backup(target)
    target.close()
    return path


def load_database(source_dir):
    connection.ensure_connection()
    if is_postgres():
        dump = source_dir / POSTGRES_DUMP
        if not dump.exists():
            raise BackupError("备份中没有 PostgreSQL 数据库（它可能来自 SQLite）")
        connection.close()
        name = settings.DATABASES["default"]["NAME"]
        postgres_command("pg_restore", "--clean", "--if-exists", "--single-transaction", "-d", name, str(dump))
        return
    dump = source_dir / SQLITE_DUMP
    if not dump.exists():
        raise BackupError("备份中没有 SQLite 数据库（它可能来自 PostgreSQL）")
    with sqlite3.connect(dump) as source:
        source.backup(connection.connection)
    source.close()


def create_backup(output_dir):
    """Write <output_dir>/portal-YYYYmmdd-HHMMSS.tar.gz and return its path."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive_path = output_dir / f"portal-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        database = dump_database(work)
        manifest = {
            "created": timezone.now().isoformat(),
            "engine": connection.vendor,
            "database": database_summary(),
            "media": media_summary(settings.MEDIA_ROOT),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
        partial = archive_path.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / MANIFEST, MANIFEST)
            archive.add(database, database.name)
            if Path(settings.MEDIA_ROOT).exists():
                archive.add(settings.MEDIA_ROOT, MEDIA)
        partial.rename(archive_path)
    return archive_path


def restore_backup(archive_path):
    """Replace the database and media with the backup's, then check counts and hashes against its manifest."""
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(work, filter="data")
        manifest = json.loads((work / MANIFEST).read_text())
        load_database(work)
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.exists():
            shutil.rmtree(media_root)
        if (work / MEDIA).exists():
            shutil.copytree(work / MEDIA, media_root)
        else:
            media_root.mkdir(parents=True)
    restored = {"database": database_summary(), "media": media_summary(settings.MEDIA_ROOT)}
    expected = {"database": manifest["database"], "media": manifest["media"]}
    if restored != expected:
        raise BackupError(f"恢复后的数据与备份清单不一致：{json.dumps(restored, ensure_ascii=False)}")
    return manifest
