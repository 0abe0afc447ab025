"""Backup and restore: one timestamped .tar.gz with the database (SQLite backup API or pg_dump custom format),
the media files and a manifest of row counts and content hashes that restore checks itself against.

Restore checks the whole archive in a staging directory before it touches anything live: safe tar members, a
valid manifest, a database that opens, passes its integrity check and matches the manifest's counts and hashes,
every media file present with its hash. Only then is the database replaced in one transaction (SQLite backup API
into the live database / pg_restore --single-transaction) and the media directory swapped in by renames. What was
replaced is kept in var/backups/before-restore-<time>/ (a copy of the database, the old media directory and their
manifest) and put back automatically when the restored data does not match the manifest.

With the media in a bucket (S3, when the default storage is not the local disk) they are read and written through
Django's default storage: a backup downloads every file into the archive; a restore downloads the bucket's files
into var/backups/before-restore-<time>/media, deletes them and uploads the backup's. The manifest lists the same
names either way, so a backup made on local disk restores into a bucket and back.
"""

import copy
import gzip
import hashlib
import itertools
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from contextlib import closing, contextmanager
from pathlib import Path, PurePosixPath

from botocore.exceptions import BotoCoreError, ClientError
from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.utils import timezone

from portal.core.cache import invalidate

SQLITE_DUMP = "database.sqlite3"
POSTGRES_DUMP = "database.pgdump"
MANIFEST = "manifest.json"
MEDIA = "media"
ARCHIVE_ENTRIES = {MANIFEST, SQLITE_DUMP, POSTGRES_DUMP, MEDIA}
# What a round trip must keep: pages and their history, documents, images, and the figures when the app has them.
CHECKED_MODELS = {
    "wagtailcore.Page": "页面",
    "wagtailcore.Revision": "页面修订",
    "wagtaildocs.Document": "文档",
    "wagtailimages.Image": "图片",
    "exchange.ExperienceFigure": "数字行",
    "core.OrgUnit": "组织单位",
}
MEDIA_ERRORS = (OSError, BotoCoreError, ClientError)  # the disk, or the bucket
CHECK_ALIAS = "restore-check"  # a second connection, to the staged SQLite file or the scratch PostgreSQL database


class BackupError(Exception):
    """A refusal or a failure, as one Chinese line for the operator."""


def database_summary(using=DEFAULT_DB_ALIAS):
    """{model label: {"count", "sha256"}} over every row's field values, for the models a round trip must keep."""
    summary = {}
    for label in CHECKED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        digest = hashlib.sha256()
        fields = [field.attname for field in model._meta.concrete_fields]
        rows = model._base_manager.using(using).order_by("pk").values_list(*fields)
        count = 0
        for row in rows.iterator(chunk_size=2000):
            digest.update(json.dumps(row, default=str, ensure_ascii=False).encode())
            count += 1
        summary[label] = {"count": count, "sha256": digest.hexdigest()}
    return summary


def file_sha256(path):
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def summarized(hashes):
    """{"files", "sha256", "hashes": {relative path: sha256}}: all the media, and file by file."""
    hashes = {name: hashes[name] for name in sorted(hashes, key=PurePosixPath)}
    digest = hashlib.sha256()
    for name, sha256 in hashes.items():
        digest.update(name.encode())
        digest.update(bytes.fromhex(sha256))
    return {"files": len(hashes), "sha256": digest.hexdigest(), "hashes": hashes}


def media_summary(root):
    """summarized() over a media directory."""
    root = Path(root)
    paths = [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
    return summarized({path.relative_to(root).as_posix(): file_sha256(path) for path in paths})


# Media in a bucket: the default storage is S3 (settings: AWS_STORAGE_BUCKET_NAME), not the local disk.


def media_on_disk():
    return isinstance(default_storage, FileSystemStorage)


def stored_names(folder=""):
    """Every file in the default storage, by its name there (as the models store it), walking its folders."""
    folders, files = default_storage.listdir(folder)
    for name in files:
        yield posixpath.join(folder, name)
    for name in folders:
        yield from stored_names(posixpath.join(folder, name))


def stored_summary():
    """summarized() over the files in the default storage."""
    hashes = {}
    for name in stored_names():
        with default_storage.open(name) as file:
            hashes[name] = hashlib.file_digest(file, "sha256").hexdigest()
    return summarized(hashes)


def download_media(target):
    """Copy every file in the default storage into the directory `target`, under the same names."""
    for name in stored_names():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name) as source, open(path, "wb") as copy_:
            shutil.copyfileobj(source, copy_)
    return target


def replace_stored_media(incoming):
    """Delete every file in the default storage, then upload the files of the directory `incoming`."""
    for name in list(stored_names()):
        default_storage.delete(name)
    paths = sorted(p for p in incoming.rglob("*") if p.is_file()) if incoming.exists() else []
    for path in paths:
        name = path.relative_to(incoming).as_posix()
        with open(path, "rb") as file:
            saved = default_storage.save(name, File(file))
        if saved != name:
            raise BackupError(f"媒体文件 {name} 上传后名为 {saved}")


def live_media_summary():
    return media_summary(settings.MEDIA_ROOT) if media_on_disk() else stored_summary()


def is_postgres():
    return connection.vendor == "postgresql"


def postgres_command(program, *args, failure=None):
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    command = [program, "--no-owner", "--no-privileges", "-h", db.get("HOST") or "127.0.0.1"]
    command += ["-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres", *args]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = " ".join(result.stderr.split())[:500]
        raise BackupError(f"{failure or program + ' 失败'}：{detail}")


def live_database_name():
    return connection.settings_dict["NAME"]


def dump_database(target_dir):
    if is_postgres():
        path = target_dir / POSTGRES_DUMP
        postgres_command("pg_dump", "--format=custom", "-f", str(path), live_database_name())
        return path
    path = target_dir / SQLITE_DUMP
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as target:
        connection.connection.backup(target)
    return path


def load_database(source_dir):
    """Replace the live database with the one in source_dir, in one transaction: on any error it is unchanged."""
    if is_postgres():
        connection.close()
        postgres_command(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "-d",
            live_database_name(),
            str(source_dir / POSTGRES_DUMP),
            failure="替换数据库失败（现有数据库未改动）",
        )
        return
    connection.ensure_connection()
    try:
        with closing(sqlite3.connect(source_dir / SQLITE_DUMP)) as source:
            source.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(f"替换数据库失败（现有数据库未改动）：{error}") from None


def build_manifest(media):
    return {
        "created": timezone.now().isoformat(),
        "engine": connection.vendor,
        "database": database_summary(),
        "media": media,
    }


def write_manifest(directory, manifest):
    (directory / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


def create_backup(output_dir):
    """Write <output_dir>/portal-YYYYmmdd-HHMMSS.tar.gz and return its path."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive_path = output_dir / f"portal-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        database = dump_database(work)
        media = Path(settings.MEDIA_ROOT) if media_on_disk() else download_media(work / MEDIA)
        write_manifest(work, build_manifest(media_summary(media)))
        partial = archive_path.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / MANIFEST, MANIFEST)
            archive.add(database, database.name)
            if media.exists():
                archive.add(media, MEDIA)
        partial.rename(archive_path)
    return archive_path


# Restore: check everything in a staging directory, then swap.


def check_member(member, staging):
    """Only plain files and directories, inside the staging directory, under the names a backup has."""
    if not (member.isfile() or member.isdir()):
        raise BackupError(f"备份中有链接或设备文件“{member.name}”，不能恢复")
    try:
        if PurePosixPath(member.name).is_absolute():  # tarfile's filters would strip the slash and extract it
            raise tarfile.AbsolutePathError(member)
        tarfile.data_filter(member, str(staging))
    except tarfile.FilterError:
        raise BackupError(f"备份中有不安全的路径“{member.name}”（绝对路径或 ..），不能恢复") from None
    parts = PurePosixPath(member.name).parts
    if not parts or parts[0] not in ARCHIVE_ENTRIES:
        raise BackupError(f"备份中有不认识的条目“{member.name}”，不能恢复")


def extract(archive_path, staging):
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"找不到备份文件 {archive_path}")
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            members = archive.getmembers()  # reads the whole archive: a truncated one fails here
            for member in members:
                check_member(member, staging)
            archive.extractall(staging, members=members, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(f"备份文件已损坏或不完整，不能读取（{error}）") from None


def is_summary(value, *keys):
    return isinstance(value, dict) and all(key in value for key in keys)


def read_manifest(staging):
    path = staging / MANIFEST
    if not path.is_file():
        raise BackupError("备份中没有清单 manifest.json，不能恢复")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"备份清单 manifest.json 不是有效的 JSON（{error}），不能恢复") from None
    valid = (
        is_summary(manifest, "engine", "database", "media")
        and isinstance(manifest["database"], dict)
        and all(is_summary(entry, "count", "sha256") for entry in manifest["database"].values())
        and is_summary(manifest["media"], "files", "sha256")
    )
    if not valid:
        raise BackupError("备份清单 manifest.json 缺少 engine、database 或 media 的内容，不能恢复")
    return manifest


def staged_dump(staging, manifest):
    name, engine, other = (
        (POSTGRES_DUMP, "PostgreSQL", "SQLite") if is_postgres() else (SQLITE_DUMP, "SQLite", "PostgreSQL")
    )
    path = staging / name
    if manifest["engine"] != connection.vendor or not path.is_file():
        raise BackupError(f"备份中没有 {engine} 数据库（它可能来自 {other}），不能恢复")
    return path


@contextmanager
def database_named(name):
    """The alias CHECK_ALIAS for another database of the live engine (a file or a database name), for this thread
    only: it is not a configured database."""
    live = connections[DEFAULT_DB_ALIAS]
    connections[CHECK_ALIAS] = type(live)({**copy.deepcopy(live.settings_dict), "NAME": str(name)}, CHECK_ALIAS)
    try:
        yield CHECK_ALIAS
    finally:
        connections[CHECK_ALIAS].close()
        del connections[CHECK_ALIAS]


def summary_of(name):
    try:
        with database_named(name) as alias:
            return database_summary(alias)
    except DatabaseError as error:
        raise BackupError(f"备份中的数据库读不出（已损坏，或来自不兼容的版本）：{error}") from None


def check_sqlite(dump):
    """PRAGMA integrity_check on the staged file, then its counts and hashes."""
    try:
        with closing(sqlite3.connect(dump)) as database:
            result = database.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"备份中的数据库已损坏：{error}") from None
    if result != [("ok",)]:
        raise BackupError(f"备份中的数据库未通过完整性检查：{result[0][0]}")
    return summary_of(dump)


def quoted(name):
    return '"' + name.replace('"', '""') + '"'


def check_postgres(dump):
    """pg_restore --list, then a restore into a scratch database, whose counts and hashes are returned."""
    postgres_command("pg_restore", "--list", str(dump), failure="备份中的 PostgreSQL 数据库已损坏")
    scratch = f"{live_database_name()[:40]}_restore_check_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted(scratch)} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {quoted(scratch)} TEMPLATE template0")
    try:
        postgres_command(
            "pg_restore", "--single-transaction", "-d", scratch, str(dump), failure="备份中的 PostgreSQL 数据库无法恢复"
        )
        return summary_of(scratch)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted(scratch)} WITH (FORCE)")


def database_differences(expected, actual):
    problems = []
    for label in sorted(expected.keys() | actual.keys()):
        want, got = expected.get(label, {}), actual.get(label, {})
        name = CHECKED_MODELS.get(label, label)
        if want.get("count") != got.get("count"):
            problems.append(f"{name}数量应为 {want.get('count', '—')}，实际 {got.get('count', '—')}")
        elif want.get("sha256") != got.get("sha256"):
            problems.append(f"{name}内容哈希不符")
    return problems


def listed(names, what):
    names = sorted(names)
    return [f"{what} {names[0]}" + (f" 等 {len(names)} 个" if len(names) > 1 else "")] if names else []


def media_differences(expected, actual):
    """Missing and changed files by name (manifests before 2026-12 have only the count and the overall hash)."""
    hashes = expected.get("hashes")
    problems = []
    if isinstance(hashes, dict):
        present = actual["hashes"]
        problems += listed(hashes.keys() - present.keys(), "缺少媒体文件")
        problems += listed(
            {name for name in hashes.keys() & present.keys() if hashes[name] != present[name]}, "内容不符的媒体文件"
        )
    if not problems and (expected["files"], expected["sha256"]) != (actual["files"], actual["sha256"]):
        problems.append(f"媒体文件应为 {expected['files']} 个，实际 {actual['files']} 个，或内容不符")
    return problems


def stage(archive_path, staging):
    """Extract and check the whole archive; return its manifest. Nothing live is touched."""
    extract(archive_path, staging)
    manifest = read_manifest(staging)
    dump = staged_dump(staging, manifest)
    summary = check_postgres(dump) if is_postgres() else check_sqlite(dump)
    (staging / MEDIA).mkdir(exist_ok=True)
    problems = database_differences(manifest["database"], summary)
    problems += media_differences(manifest["media"], media_summary(staging / MEDIA))
    if problems:
        raise BackupError("备份与其清单不符，不能恢复：" + "；".join(problems[:3]))
    return manifest


def new_directory(parent, name):
    for number in itertools.count(1):
        path = parent / (name if number == 1 else f"{name}-{number}")
        try:
            path.mkdir(parents=True)
            return path
        except FileExistsError:
            continue


def keep_live_state():
    """var/backups/before-restore-<time>/: a copy of the live database and its manifest (the media follow)."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    kept = new_directory(Path(settings.VAR_DIR) / "backups", f"before-restore-{stamp}")
    try:
        write_manifest(kept, build_manifest(live_media_summary()))
        dump_database(kept)
    except (BackupError, *MEDIA_ERRORS, DatabaseError, sqlite3.Error) as error:
        shutil.rmtree(kept, ignore_errors=True)
        raise BackupError(f"无法保存恢复前的数据（{error}），现有数据未改动") from None
    return kept


def swap_media(incoming, outgoing):
    """The live media directory moves to `outgoing`, `incoming` takes its place (renames on one filesystem).
    In a bucket: its files are downloaded into `outgoing`, then replaced by those of `incoming`."""
    if not media_on_disk():
        download_media(outgoing)
        replace_stored_media(incoming)
        return
    live = Path(settings.MEDIA_ROOT)
    if live.exists():
        shutil.move(live, outgoing)
    if incoming.exists():
        shutil.move(incoming, live)
    else:
        live.mkdir(parents=True)


def restored_differences(manifest):
    return database_differences(manifest["database"], database_summary()) + media_differences(
        manifest["media"], live_media_summary()
    )


def roll_back(kept, staging):
    """Put back what the restore replaced; the rejected media go to the staging directory, which is deleted."""
    try:
        load_database(kept)
        swap_media(kept / MEDIA, staging / "rejected-media")
    except (BackupError, *MEDIA_ERRORS, DatabaseError) as error:
        return f"自动回滚也失败（{error}）；恢复前的数据在 {kept}"
    shutil.rmtree(kept)
    return "已自动回滚到恢复前的状态"


def swap_in(staging, manifest):
    """Keep the live state, swap the staged database and media in, check them; roll back if they do not match."""
    kept = keep_live_state()
    try:
        load_database(staging)
    except BackupError:
        shutil.rmtree(kept)
        raise
    try:
        swap_media(staging / MEDIA, kept / MEDIA)
        problems = restored_differences(manifest)
    except (*MEDIA_ERRORS, DatabaseError) as error:
        problems = [str(error)]
    if problems:
        raise BackupError(f"恢复后的数据与备份清单不符（{'；'.join(problems[:3])}），{roll_back(kept, staging)}")
    return kept


def restore_backup(archive_path):
    """Check the archive, then replace the database and media with it. Returns (manifest, directory keeping what
    was replaced). Raises BackupError, with the live data untouched or put back, when anything is wrong."""
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media_root.parent))  # beside the media: renames
    try:
        manifest = stage(archive_path, staging)
        try:
            kept = swap_in(staging, manifest)
        finally:
            invalidate()  # the page and fragment caches hold pages of the replaced (or briefly restored) data
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest, kept
