"""Lists the office downloads from the admin (registrations, newsletter subscribers) as
CSV or XLSX: one place decides how cells are written and how the file is sent.

Every export holds personal data, so every response says ``Cache-Control: private,
no-store``: no proxy or browser cache keeps a copy.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

FORMATS = ("csv", "xlsx")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet_safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_response(rows: Iterable[Mapping[str, Any]],
                    columns: Sequence[tuple[str, Any]], *, file_format: str,
                    filename: str, sheet_title: str) -> HttpResponse:
    """``rows`` as a download named ``filename.<file_format>``, one column per
    ``(key, heading)``. Moments are written in the platform's time zone (as text in CSV, as
    dates in XLSX); an unknown format is a 404."""
    if file_format not in FORMATS:
        raise Http404(_("Exports are available as csv or xlsx."))
    headings = [str(label) for _key, label in columns]
    table = [[spreadsheet_safe(_local(row[key])) for key, _label in columns] for row in rows]
    if file_format == "csv":
        response = _csv(headings, table)
    else:
        response = _xlsx(headings, table, sheet_title)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _local(value: Any) -> Any:
    # Spreadsheets have no time zones: the office reads its own local time.
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _csv(headings: list[str], table: list[list[Any]]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headings)
    for cells in table:
        writer.writerow([f"{cell:%Y-%m-%d %H:%M}" if isinstance(cell, datetime) else cell
                         for cell in cells])
    # A byte order mark, so that spreadsheet programs read the umlauts as UTF-8.
    return HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")


def _xlsx(headings: list[str], table: list[list[Any]], sheet_title: str) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(headings)
    for cells in table:
        sheet.append(cells)
        for column, cell in enumerate(cells, start=1):
            if isinstance(cell, datetime):
                sheet.cell(row=sheet.max_row, column=column).number_format = "yyyy-mm-dd hh:mm"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
