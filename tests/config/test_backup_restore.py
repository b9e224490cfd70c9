"""Backup → restore → check, as platform/README.md describes it, on a database of its
own (the test database stays untouched): migrate and load demo content into a fresh
database, write the manifest, dump it (pg_dump on PostgreSQL; SQLite's online backup on
the embedded default), archive media and private media, restore both into another fresh
database and fresh folders, and let `manage.py check_restore` compare rows, find every
file and reindex."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

# Only to learn which database server the suite runs on; the round trip uses its own.
pytestmark = pytest.mark.django_db

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def postgres_url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (f"postgresql://{db['USER']}{password}@{db['HOST'] or 'localhost'}:"
            f"{db['PORT'] or 5432}/{name}")


def fresh_postgres_database(name: str) -> str:
    with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return postgres_url(name)


def drop_postgres_database(name: str) -> None:
    with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(database_url: str, files: Path, *command: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(files / "media"),
        "PRIVATE_MEDIA_ROOT": str(files / "private-media"),
        "PLATFORM_VAR_DIR": str(files),
        "PLATFORM_PLUGINS": ",".join(settings.PLATFORM_PLUGINS),
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.run([sys.executable, "manage.py", *command], cwd=PROJECT_ROOT,
                          env=environment, capture_output=True, text=True, timeout=600)


def archive(folder: Path, target: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(target, "w:gz") as tar:
        tar.add(folder, arcname=".")
    return target


def unpack(archive_file: Path, folder: Path) -> None:
    folder.mkdir(parents=True)
    with tarfile.open(archive_file) as tar:
        tar.extractall(folder, filter="data")


def test_backup_restore_and_check_on_a_fresh_database(tmp_path):
    source, restored, backup = tmp_path / "source", tmp_path / "restored", tmp_path / "backup"
    for folder in (source, restored, backup):
        folder.mkdir()
    postgres = connection.vendor == "postgresql"
    base = f"{connection.settings_dict['NAME']}_backup"
    source_url = (fresh_postgres_database(f"{base}_source") if postgres
                  else f"sqlite:///{source / 'platform.sqlite3'}")
    try:
        for command in (["migrate", "--no-input"], ["load_demo", "home", "community"],
                        ["check_restore", "--write-manifest", str(backup / "manifest.json")]):
            done = manage(source_url, source, *command)
            assert done.returncode == 0, done.stdout + done.stderr
        # The backup: the database, then the two file folders.
        if postgres:
            subprocess.run(["pg_dump", "--format=custom", f"--file={backup / 'platform.dump'}",
                            source_url], check=True)
        else:
            with sqlite3.connect(source / "platform.sqlite3") as live, \
                    sqlite3.connect(backup / "platform.sqlite3") as copy:
                live.backup(copy)
        archive(source / "media", backup / "media.tar.gz")
        archive(source / "private-media", backup / "private-media.tar.gz")

        # The restore: a fresh database and fresh folders.
        if postgres:
            restored_url = fresh_postgres_database(f"{base}_restored")
            subprocess.run(["pg_restore", "--no-owner", "--exit-on-error",
                            f"--dbname={restored_url}", str(backup / "platform.dump")],
                           check=True)
        else:
            shutil.copy(backup / "platform.sqlite3", restored / "platform.sqlite3")
            restored_url = f"sqlite:///{restored / 'platform.sqlite3'}"
        unpack(backup / "media.tar.gz", restored / "media")
        unpack(backup / "private-media.tar.gz", restored / "private-media")

        checked = manage(restored_url, restored, "check_restore", "--manifest",
                         str(backup / "manifest.json"))
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "0 table(s) differ from the manifest" in checked.stdout
        assert ", 0 missing." in checked.stdout
        assert "search: Search index:" in checked.stdout
        assert "Restore checked" in checked.stdout

        # A restore that forgot a private file says which one, and reindexes nothing.
        attachments = sorted((restored / "private-media" / "attachments").rglob("*.*"))
        assert attachments, "the community demo brings attachments in private storage"
        lost = attachments[0]
        lost.unlink()
        broken = manage(restored_url, restored, "check_restore", "--manifest",
                        str(backup / "manifest.json"))
        assert broken.returncode != 0
        name = lost.relative_to(restored / "private-media" / "attachments")
        # Posts' attachments and the working communities' documents share the folder.
        assert re.search(rf"Missing file: community\.(Attachment|DocumentVersion)\.file: "
                         rf"{re.escape(str(name))}\n", broken.stdout), broken.stdout
        assert "Search index" not in broken.stdout
    finally:
        if postgres:
            drop_postgres_database(f"{base}_source")
            drop_postgres_database(f"{base}_restored")
