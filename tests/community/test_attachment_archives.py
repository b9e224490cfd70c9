"""Office documents are ZIP archives: hostile ones are refused before they are unpacked,
within a fixed memory budget, and macro documents are found by content.

Before issue 24, a 0.5 MB `.ods` whose `mimetype` entry inflates to 512 MiB was read
whole (1.25 GB of memory, 7 s); the tracemalloc bound below fails on that code. The
times of the same files at the 10 MB limit are printed by tests/bench/bench_attachments.py.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.utils import translation

from community import archives, attachments
from tests.community import archive_bombs
from tests.community.archive_bombs import CRAFTED, MIB

MEMORY_BUDGET = 50 * MIB

# The file (0.5 MB) for the bombs, which the old code inflated in full; the
# archives whose directory is the attack at the 10 MB upload limit.
SIZES = {"mimetype bomb": MIB // 2, "mimetype that lies about its size": 10 * MIB - 4096,
         "[Content_Types].xml bomb": MIB // 2, "directory of empty entries": 10 * MIB - 4096,
         "many entries under the ratio floor": 10 * MIB - 4096}
REFUSED_AS = {"mimetype bomb": "would unpack to far more than its size",
              "mimetype that lies about its size": "the name says",
              "[Content_Types].xml bomb": "would unpack to far more than its size",
              "directory of empty entries": "holds more parts than any document",
              "many entries under the ratio floor": "would unpack to far more than its size"}
NAMES = {"[Content_Types].xml bomb": "Tabelle.xlsx"}


@pytest.mark.parametrize("crafted", CRAFTED)
def test_a_hostile_archive_is_refused_within_the_memory_budget(crafted):
    content = CRAFTED[crafted](SIZES[crafted])
    assert len(content) <= attachments.max_attachment_bytes()
    name = NAMES.get(crafted, "Tabelle.ods")
    upload = io.BytesIO(content)
    tracemalloc.start()
    try:
        with translation.override("en"), pytest.raises(attachments.ValidationError) as refused:
            attachments.validate_upload(upload, name, len(content))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert REFUSED_AS[crafted] in " ".join(refused.value.messages)
    assert peak < MEMORY_BUDGET, f"{peak / MIB:.1f} MiB"


def test_no_more_than_the_caps_is_read_from_an_accepted_document():
    """A real-looking document with large parts: only `mimetype` and the manifest are
    read, each through a capped stream."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as document:
        document.writestr("mimetype", archive_bombs.ODS.decode(), zipfile.ZIP_STORED)
        document.writestr("content.xml", "".join(
            f'<row r="{row}"><c>{row * 7919 % 10007}</c></row>' for row in range(100_000)))
        document.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
    contents = archives.inspect(buffer)
    assert contents.mimetype == archive_bombs.ODS.decode()
    assert contents.read_bytes < 1024
    assert attachments.validate_upload(buffer, "Liste.ods", len(buffer.getvalue())) \
        is attachments.ODS


def zipped(*entries: tuple[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as document:
        for name, text in entries:
            document.writestr(name, text)
    return buffer.getvalue()


ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
TYPES = ('<Types><Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')

DOCM_TYPES = ('<Types><Override PartName="/word/document.xml" ContentType="application/'
              'vnd.ms-word.document.macroEnabled.main+xml"/></Types>')


@pytest.mark.parametrize(("name", "content"), [
    ("Makro.ods", zipped(("mimetype", ODS_TYPE), ("content.xml", "<c/>"),
                         ("Basic/Standard/Module1.xml", "<script:module/>"))),
    ("Makro.ods", zipped(("mimetype", ODS_TYPE), ("content.xml", "<c/>"),
                         ("BASIC/standard/module1.xml", "<script:module/>"))),
    ("Makro.ods", zipped(("mimetype", ODS_TYPE), ("content.xml", "<c/>"),
                         ("META-INF/manifest.xml",
                          '<manifest:file-entry manifest:full-path="Basic/Standard/"/>'))),
    ("Makro.ods", zipped(("mimetype", ODS_TYPE), ("Scripts/python/run.py", "import os"))),
    ("Makro.xlsx", zipped(("[Content_Types].xml", TYPES), ("xl/workbook.xml", "<w/>"),
                          ("xl/VBAProject.bin ", "\x00vba"))),
    ("Makro.xlsx", zipped(("[Content_Types].xml", TYPES), ("xl/workbook.xml", "<w/>"),
                          ("XL\\vbaProject.bin", "\x00vba"))),
    ("Makro.xlsx", zipped(("[Content_Types].xml", TYPES.replace(
        "</Types>", '<Default Extension="dat" ContentType="application/'
                    'vnd.ms-office.vbaProject"/></Types>')),
        ("xl/workbook.xml", "<w/>"), ("xl/harmlos.dat", "\x00vba"))),
    ("Makro.docx", zipped(("[Content_Types].xml", DOCM_TYPES), ("word/document.xml", "<d/>"))),
])
def test_macro_documents_are_refused_by_content_whatever_the_spelling(name, content):
    with translation.override("en"), pytest.raises(attachments.ValidationError) as refused:
        attachments.validate_upload(io.BytesIO(content), name, len(content))
    assert "contains macros" in " ".join(refused.value.messages)


def test_documents_without_macros_pass():
    ods = zipped(("mimetype", ODS_TYPE), ("content.xml", "<c/>"),
                 ("META-INF/manifest.xml", '<manifest:file-entry manifest:full-path="/"/>'))
    assert attachments.validate_upload(io.BytesIO(ods), "Liste.ods", len(ods)) \
        is attachments.ODS
    xlsx = zipped(("[Content_Types].xml", TYPES), ("xl/workbook.xml", "<w/>"),
                  ("xl/printerSettings/printerSettings1.bin", "\x00"))
    assert attachments.validate_upload(io.BytesIO(xlsx), "Budget.xlsx", len(xlsx)) \
        is attachments.XLSX
