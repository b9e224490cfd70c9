"""Backup → restore → check, as platform/README.md describes it: dump the database
(pg_dump on PostgreSQL; SQLite's online backup for the embedded default), archive media
and private media, restore both into a fresh database and fresh folders, and let
`manage.py check_restore` compare rows, find every file and reindex."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from community.models import Attachment

# Committed rows, so that pg_dump (another connection) sees them; afterwards the database
# is emptied and the migrations' rows (locales, roles, content types) put back, so that
# the tests after this one on the same worker find what they expect.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def postgres_url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (f"postgresql://{db['USER']}{password}@{db['HOST'] or 'localhost'}:"
            f"{db['PORT'] or 5432}/{name}")


def dump_and_restore(backup: Path) -> tuple[str, object]:
    """Dump the database into `backup`, restore it into a fresh one; returns its URL and
    a function that drops it."""
    if connection.vendor == "sqlite":
        # The embedded default: SQLite's online backup (`sqlite3 platform.sqlite3
        # ".backup …"` in the README) copies a consistent database into one file.
        dump = backup / "platform.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(dump) as target:
            connection.connection.backup(target)
        restored = backup.parent / "restored.sqlite3"
        shutil.copy(dump, restored)
        return f"sqlite:///{restored}", lambda: None
    name = connection.settings_dict["NAME"]
    dump = backup / "platform.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", postgres_url(name)],
                   check=True)
    restored = f"{name}_restored"
    with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored}"')
        admin.execute(f'CREATE DATABASE "{restored}"')
    subprocess.run(["pg_restore", "--no-owner", "--exit-on-error",
                    f"--dbname={postgres_url(restored)}", str(dump)], check=True)

    def drop() -> None:
        with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
    return postgres_url(restored), drop


def archive(folder: Path, target: Path) -> Path:
    with tarfile.open(target, "w:gz") as tar:
        tar.add(folder, arcname=".")
    return target


def unpack(archive_file: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    with tarfile.open(archive_file) as tar:
        tar.extractall(folder, filter="data")
    return folder


def check_restore(database_url: str, media: Path, private: Path, manifest: Path):
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(private),
        "PLATFORM_VAR_DIR": str(media.parent),
        "PLATFORM_PLUGINS": ",".join(settings.PLATFORM_PLUGINS),
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.run([sys.executable, "manage.py", "check_restore", "--manifest",
                           str(manifest)], cwd=PROJECT_ROOT, env=environment,
                          capture_output=True, text=True, timeout=300)


def test_backup_restore_and_check_on_a_fresh_database(tmp_path):
    call_command("load_demo", "home", "community", stdout=StringIO())
    attachments = list(Attachment.objects.all())
    assert attachments, "the community demo brings attachments in private storage"
    backup = tmp_path / "backup"
    backup.mkdir()
    manifest = backup / "manifest.json"
    call_command("check_restore", "--write-manifest", str(manifest), stdout=StringIO())
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    database_url, drop = dump_and_restore(backup)
    try:
        media = unpack(archive(Path(settings.MEDIA_ROOT), backup / "media.tar.gz"),
                       tmp_path / "restored" / "media")
        private = unpack(archive(Path(settings.PRIVATE_MEDIA_ROOT),
                                 backup / "private-media.tar.gz"),
                         tmp_path / "restored" / "private-media")

        checked = check_restore(database_url, media, private, manifest)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "0 table(s) differ from the manifest" in checked.stdout
        assert ", 0 missing." in checked.stdout
        assert "search: Search index:" in checked.stdout
        assert "Restore checked" in checked.stdout

        # A restore that forgot a private file says which one, and reindexes nothing.
        (private / "attachments" / attachments[0].file.name).unlink()
        broken = check_restore(database_url, media, private, manifest)
        assert broken.returncode != 0
        assert f"Missing file: community.Attachment.file: {attachments[0].file.name}" in (
            broken.stdout)
        assert "Search index" not in broken.stdout
    finally:
        drop()
