"""Check a restored instance: rows, files, then the plugins' restore steps (reindex).

At backup time, beside the database dump:

    manage.py check_restore --write-manifest backup/manifest.json

After restoring the dump and the media and private-media folders:

    manage.py check_restore --manifest backup/manifest.json

compares the row count of every table with the manifest, checks that every file a row
names (images, renditions, documents, attachments in private storage) is in its storage,
and runs each plugin's restore steps (the search plugin rebuilds its documents and mends
the engine). Prints what it found; exits non-zero on any difference.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import models

from config.plugins import restore_steps

# Tables whose rows come and go on their own (sign-ins, finished background jobs): their
# counts say nothing about a restore.
VOLATILE_APPS = {"sessions", "django_tasks_db"}
MISSING_SHOWN = 20


def counted_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models()
            if model._meta.managed and not model._meta.proxy
            and model._meta.app_label not in VOLATILE_APPS]


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in counted_models()}


def missing_files() -> tuple[int, list[str]]:
    """How many files the rows name, and those their storage does not have."""
    checked, missing = 0, []
    for model in counted_models():
        for field in model._meta.get_fields():
            if not isinstance(field, models.FileField):
                continue
            names = (model._default_manager.exclude(**{field.name: ""})
                     .values_list(field.name, flat=True).iterator(chunk_size=2000))
            for name in names:
                checked += 1
                if not field.storage.exists(name):
                    missing.append(f"{model._meta.label}.{field.name}: {name}")
    return checked, missing


class Command(BaseCommand):
    help = ("Check a restored instance against the manifest written at backup time: row "
            "counts, files present, then reindex. Exits non-zero on any difference.")

    def add_arguments(self, parser: Any) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--write-manifest", metavar="FILE",
                            help="At backup time: write the row counts to FILE.")
        action.add_argument("--manifest", metavar="FILE",
                            help="After a restore: compare with FILE, check files, reindex.")

    def handle(self, *args: Any, write_manifest: str | None, manifest: str | None,
               **options: Any) -> None:
        if write_manifest:
            counts = row_counts()
            Path(write_manifest).write_text(json.dumps({"counts": counts}, indent=1,
                                                       sort_keys=True))
            self.stdout.write(f"Manifest: {sum(counts.values()):,} rows in {len(counts)} "
                              f"tables written to {write_manifest}.")
            return
        try:
            expected = json.loads(Path(manifest).read_text())["counts"]
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Cannot read the manifest {manifest}: {error}") from None
        problems = self.compare_counts(expected) + self.check_files()
        if problems:
            raise CommandError(f"The restored instance is not complete: {problems} "
                               "difference(s), listed above. Nothing was reindexed.")
        for label, step in restore_steps():
            try:
                step(log=lambda line, label=label: self.stdout.write(f"{label}: {line}"))
            except Exception as error:
                raise CommandError(f"Restore step of {label} failed: {error}") from error
        self.stdout.write(self.style.SUCCESS("Restore checked: rows and files complete, "
                                             "indexes rebuilt."))

    def compare_counts(self, expected: dict[str, int]) -> int:
        actual = row_counts()
        differences = [(label, expected.get(label), actual.get(label))
                       for label in sorted(set(expected) | set(actual))
                       if expected.get(label) != actual.get(label)]
        for label, before, now in differences:
            self.stdout.write(f"Rows of {label}: {before} at backup, {now} now.")
        self.stdout.write(f"Rows: {sum(actual.values()):,} in {len(actual)} tables, "
                          f"{len(differences)} table(s) differ from the manifest.")
        return len(differences)

    def check_files(self) -> int:
        checked, missing = missing_files()
        for line in missing[:MISSING_SHOWN]:
            self.stdout.write(f"Missing file: {line}")
        if len(missing) > MISSING_SHOWN:
            self.stdout.write(f"… and {len(missing) - MISSING_SHOWN} more missing files.")
        self.stdout.write(f"Files: {checked:,} named, {len(missing)} missing.")
        return len(missing)
