"""``manage.py import_municipalities FILE.csv``: load municipalities from a spreadsheet.

All or nothing: every row is checked first, and one bad row means nothing is written.
"""

from __future__ import annotations

import csv
import io
import re
from argparse import RawDescriptionHelpFormatter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community.models import FederalState, Municipality, MunicipalityKind, SizeClass

REQUIRED_COLUMNS = ("name", "ags", "federal_state", "kind")
OPTIONAL_COLUMNS = ("size_class", "population", "latitude", "longitude", "website")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

# 126329, 126.329, 126,329 or 126 329 inhabitants (German and English spreadsheets).
POPULATION = re.compile(r"^\d{1,3}(?:([.,\s])\d{3})?(?:\1\d{3})*$|^\d+$")
COORDINATE_PLACES = Decimal("0.000001")

# What German spreadsheets call the kinds and size classes, besides the values and labels.
ALIASES = {
    "kind": {
        "gemeinde": MunicipalityKind.MUNICIPALITY,
        "stadt": MunicipalityKind.MUNICIPALITY,
        "gemeinde/stadt": MunicipalityKind.MUNICIPALITY,
        "kreisfreie stadt": MunicipalityKind.MUNICIPALITY,
        "landkreis": MunicipalityKind.DISTRICT,
        "kreis": MunicipalityKind.DISTRICT,
        "interkommunaler verbund": MunicipalityKind.ASSOCIATION,
    },
    "size_class": {
        "großstadt": SizeClass.GROSSSTADT,
        "interkommunaler verbund": SizeClass.INTERKOMMUNAL,
    },
}

HELP = """\
Import municipalities from a CSV file (UTF-8, with or without a byte order mark;
separated by commas, or by semicolons as German Excel writes it).

Columns (the header names them, in any order): name, ags, federal_state, kind, and
optionally size_class, population, latitude, longitude, website.
  ags            the 8-digit Amtlicher Gemeindeschlüssel; a district (Landkreis) uses its
                 5-digit Kreisschlüssel followed by 000. A key that lost its leading zero
                 in a spreadsheet (7 digits) gets it back.
  federal_state  the state's two-digit code (08) or its name (Baden-Württemberg)
  kind           municipality, district or association (or their labels, or Gemeinde,
                 Stadt, Landkreis, Kreis, interkommunaler Verbund)
  size_class     landgemeinde, kleinstadt, mittelstadt, grossstadt, landkreis,
                 interkommunal (or their labels); when empty, derived from the population
                 and the kind following BBSR's thresholds
  latitude, longitude  decimal degrees, with a decimal point or a decimal comma

A row whose AGS already exists updates that municipality: its fields take the file's
values (an empty cell empties the field), and a column the file leaves out stays as it
is. Every row is checked before anything is written; if any row is wrong, each problem
is listed as "line N: column: message" and nothing is imported.
"""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    bad_lines: set[int] = field(default_factory=set)

    def add_error(self, line: int, column: str | None, message: str) -> None:
        self.bad_lines.add(line)
        self.errors.append(f"line {line}: {column}: {message}" if column
                           else f"line {line}: {message}")


def _choice_lookup(choices: type, aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Value by what a spreadsheet may say: the value itself, its label in German or
    English, or a usual German term; in any case."""
    lookup: dict[str, str] = dict(aliases or {})
    for language in ("de", "en"):
        with translation.override(language):
            for value, label in choices.choices:
                lookup[str(label).casefold()] = value
    for value in choices.values:
        lookup[value.casefold()] = value
    return lookup


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the CSV file to import")
        parser.add_argument(
            "--dry-run", action="store_true",
            help="check every row and report what would happen, but write nothing",
        )

    def handle(self, *args: Any, file: Path, dry_run: bool, **options: Any) -> None:
        rows = read_rows(file)
        with transaction.atomic():
            report = import_rows(rows)
            if report.errors:
                for error in report.errors:
                    self.stderr.write(error)
                count = len(report.bad_lines)
                raise CommandError(ngettext(
                    "%(file)s: %(count)d row has errors; nothing was imported.",
                    "%(file)s: %(count)d rows have errors; nothing was imported.",
                    count,
                ) % {"file": file.name, "count": count})
            if dry_run:
                transaction.set_rollback(True)
        summary = _(
            "%(file)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged."
        ) % {"file": file.name, "created": report.created, "updated": report.updated,
             "unchanged": report.unchanged}
        if dry_run:
            summary = _("Dry run, nothing was written. %(summary)s") % {"summary": summary}
        self.stdout.write(self.style.SUCCESS(summary))


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The file's rows as (line number, {column: cell}), header checked."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise CommandError(
            _("Cannot read %(file)s: %(reason)s.") % {"file": path, "reason": error.strerror}
        ) from error
    except UnicodeDecodeError as error:
        raise CommandError(
            _("%(file)s is not UTF-8 text. Save it as “CSV UTF-8”.") % {"file": path.name}
        ) from error

    header_line = text.partition("\n")[0]
    if not header_line.strip():
        raise CommandError(
            _("%(file)s is empty: the first line must name the columns.") % {"file": path.name}
        )
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    # line_num counts physical lines, also across a quoted cell that spans several.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [cell.strip().casefold() for cell in next(reader)]

    problems = []
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        problems.append(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        problems.append(_("unknown columns: %(names)s (known: %(known)s)")
                        % {"names": ", ".join(unknown), "known": ", ".join(COLUMNS)})
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        problems.append(_("repeated columns: %(names)s") % {"names": ", ".join(repeated)})
    if problems:
        raise CommandError("; ".join(f"line 1: {problem}" for problem in problems))

    rows = []
    line_number = reader.line_num
    for cells in reader:
        first_line, line_number = line_number + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # blank line, or a row of empty cells that Excel left behind
        if len(cells) > len(header) and not any(c.strip() for c in cells[len(header):]):
            cells = cells[:len(header)]  # a trailing separator
        if len(cells) > len(header):
            rows.append((first_line, {NON_FIELD_ERRORS: _(
                "the row has %(cells)d cells, but the header names %(columns)d columns."
            ) % {"cells": len(cells), "columns": len(header)}}))
            continue
        cells = [*cells, *[""] * (len(header) - len(cells))]
        cells = [cell.strip() for cell in cells]
        rows.append((first_line, dict(zip(header, cells, strict=True))))
    return rows


def import_rows(rows: list[tuple[int, dict[str, str]]]) -> ImportReport:
    """Check every row, then save them all, unless one is wrong: then save nothing."""
    report = ImportReport()
    lookups = {"federal_state": _choice_lookup(FederalState),
               "kind": _choice_lookup(MunicipalityKind, ALIASES["kind"]),
               "size_class": _choice_lookup(SizeClass, ALIASES["size_class"])}
    keys = [_ags(row.get("ags", "")) for _line, row in rows]
    existing = Municipality.objects.in_bulk([key for key in keys if key], field_name="ags")
    first_seen: dict[str, int] = {}
    checked: list[tuple[Municipality, bool]] = []

    for (line, row), ags in zip(rows, keys, strict=True):
        if NON_FIELD_ERRORS in row:
            report.add_error(line, None, row[NON_FIELD_ERRORS])
            continue
        errors: dict[str, list[str]] = {}
        if ags in first_seen:
            errors.setdefault("ags", []).append(
                _("%(ags)s appears twice in the file, also on line %(line)d.")
                % {"ags": ags, "line": first_seen[ags]}
            )
        elif ags:
            first_seen[ags] = line

        municipality = existing.get(ags) or Municipality()
        is_new = municipality.pk is None
        before = _field_values(municipality)
        municipality.ags = ags
        _fill(municipality, row, lookups, errors)
        _validate(municipality, errors)
        if errors:
            for name, messages in errors.items():
                for message in messages:
                    report.add_error(line, None if name == NON_FIELD_ERRORS else name, message)
            continue
        checked.append((municipality, is_new or _field_values(municipality) != before))

    if not report.errors:
        _save(checked, report)
    return report


def _fill(municipality: Municipality, row: dict[str, str],
          lookups: dict[str, dict[str, str]], errors: dict[str, list[str]]) -> None:
    """Sets the municipality's fields from the row's cells; a cell that cannot be read
    adds its message to ``errors``. Optional columns the file lacks stay as they are."""
    municipality.name = row["name"]
    municipality.federal_state = _choice(row, "federal_state", lookups["federal_state"],
                                         errors, _federal_state_code)
    municipality.kind = _choice(row, "kind", lookups["kind"], errors)
    if "size_class" in row:
        municipality.size_class = _choice(row, "size_class", lookups["size_class"], errors)
    if "population" in row:
        municipality.population = _population(row["population"])
    for name in ("latitude", "longitude"):
        if name in row:
            setattr(municipality, name, _coordinate(row[name]))
    if "website" in row:
        municipality.website = row["website"]


def _validate(municipality: Municipality, errors: dict[str, list[str]]) -> None:
    try:
        # Uniqueness of the AGS is settled by the caller: against the database by
        # updating the municipality that has it, within the file by the duplicate check.
        municipality.full_clean(validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            if name not in errors:  # a cell the importer could not read is said once
                errors[name] = messages


def _save(checked: list[tuple[Municipality, bool]], report: ImportReport) -> None:
    for municipality, changed in checked:
        if municipality.pk is None:
            report.created += 1
        elif changed:
            report.updated += 1
        else:
            report.unchanged += 1
            continue
        municipality.save()


def _field_values(municipality: Municipality) -> dict[str, Any]:
    return {name: getattr(municipality, name) for name in COLUMNS}


def _ags(raw: str) -> str:
    ags = raw.strip()
    # A spreadsheet that took the key for a number dropped its leading zero.
    if len(ags) == 7 and ags.isascii() and ags.isdigit():
        return f"0{ags}"
    return ags


def _federal_state_code(raw: str) -> str:
    if raw.isascii() and raw.isdigit() and len(raw) == 1:
        return f"0{raw}"
    return raw


def _choice(row: dict[str, str], name: str, lookup: dict[str, str],
            errors: dict[str, list[str]], normalise=lambda raw: raw) -> str:
    raw = row.get(name, "")
    if not raw:
        return ""  # the model says whether it may be empty
    value = lookup.get(normalise(raw).casefold())
    if value is None:
        allowed = [value for value, _label in Municipality._meta.get_field(name).choices]
        errors.setdefault(name, []).append(
            _("“%(value)s” is not one of: %(allowed)s.")
            % {"value": raw, "allowed": ", ".join(allowed)}
        )
        return ""
    return value


def _population(raw: str) -> int | str | None:
    if not raw:
        return None
    if POPULATION.match(raw):
        return int(re.sub(r"[.,\s]", "", raw))
    return raw  # the model's validation names the problem


def _coordinate(raw: str) -> Decimal | str | None:
    if not raw:
        return None
    text = raw.replace(",", ".") if raw.count(",") == 1 and "." not in raw else raw
    try:
        value = Decimal(text)
        return value.quantize(COORDINATE_PLACES) if value.is_finite() else raw
    except InvalidOperation:
        return raw  # the model's validation names the problem
