"""Looking inside the ZIP container of an office document without being blown up by it.

Office Open XML (DOCX, XLSX, PPTX) and OpenDocument (ODT, ODS, ODP) files are ZIP
archives, and a ZIP archive can declare anything: a 0.5 MB file whose `mimetype` entry
inflates to 512 MiB, or a million tiny entries whose directory alone fills memory. So,
before any other work and before `zipfile` parses the directory:

1. The end-of-directory record is read by hand: more than `MAX_MEMBERS` entries, a
   directory larger than `MAX_DIRECTORY_BYTES`, or ZIP64 (which no office document of
   10 MB needs) is refused.
2. Each entry's declared size is compared with its compressed size: more than
   `MAX_RATIO` to one (for entries above `RATIO_FLOOR`), or more than
   `MAX_DECLARED_BYTES` unpacked in all, is a compression bomb.
3. Only the few entries that decide the kind are read, each through a stream capped at
   `MAX_ENTRY_BYTES`, and never more than `MAX_READ_BYTES` in all; an entry that lies
   about its size is cut at what it declared (zipfile stops there) or at the cap.

Macros (Basic or scripts in OpenDocument, VBA projects and ActiveX in Office Open XML)
are recognised by entry names and by the declared content types, case-insensitively and
ignoring stray spaces, so `xl/VBAProject.bin ` is found as surely as `xl/vbaProject.bin`.
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass, field
from typing import IO

MAX_MEMBERS = 2000
MAX_DIRECTORY_BYTES = 1024 * 1024
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
MAX_DECLARED_BYTES = 256 * 1024 * 1024
MAX_ENTRY_BYTES = 1024 * 1024
MAX_READ_BYTES = 2 * 1024 * 1024
# The ODF `mimetype` entry is a short line such as application/vnd.oasis.opendocument.text.
MAX_MIMETYPE_BYTES = 256

END_OF_DIRECTORY = b"PK\x05\x06"
ZIP64_LOCATOR = b"PK\x06\x07"
END_RECORD = struct.Struct("<4s4H2LH")
MAX_COMMENT = 0xFFFF

# Names and content types that carry code, found in lowercase with spaces removed.
MACRO_NAME = re.compile(r"(^|/)(basic|scripts)/|vbaproject|vbadata|activex")
MACRO_CONTENT_TYPE = re.compile(rb"vbaproject|macroenabled|activex")
MACRO_MANIFEST = re.compile(rb'full-path="\s*(basic|scripts)\s*[/\\]', re.IGNORECASE)


class ArchiveRefused(ValueError):
    """The archive is refused before anything is unpacked; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


TOO_MANY_MEMBERS = "too_many_members"
COMPRESSION_BOMB = "compression_bomb"
MACROS = "macros"
DAMAGED = "damaged"


@dataclass
class ArchiveContents:
    """What the kind of an office document is decided on."""

    names: set[str]
    mimetype: str | None = None
    has_macros: bool = False
    read_bytes: int = field(default=0, repr=False)


def normalised(name: str) -> str:
    """`XL\\VBAProject.bin ` → `xl/vbaproject.bin`: how a lenient office suite reads it."""
    return "/".join(part.strip() for part in name.replace("\\", "/").lower().split("/"))


def check_directory(upload: IO[bytes]) -> None:
    """Refuse an archive whose directory is too large to parse, from its end record."""
    upload.seek(0, 2)
    size = upload.tell()
    tail_length = min(size, END_RECORD.size + MAX_COMMENT)
    upload.seek(size - tail_length)
    tail = upload.read(tail_length)
    at = tail.rfind(END_OF_DIRECTORY)
    if at < 0 or len(tail) - at < END_RECORD.size:
        raise ArchiveRefused(DAMAGED)
    (_signature, _disk, _directory_disk, _on_disk, entries, directory_bytes,
     directory_offset, _comment) = END_RECORD.unpack_from(tail, at)
    zip64 = (entries == 0xFFFF or directory_bytes == 0xFFFFFFFF
             or directory_offset == 0xFFFFFFFF
             or tail.rfind(ZIP64_LOCATOR, max(0, at - 20), at) >= 0)
    if zip64 or entries > MAX_MEMBERS:
        raise ArchiveRefused(TOO_MANY_MEMBERS)
    if directory_bytes > MAX_DIRECTORY_BYTES:
        raise ArchiveRefused(TOO_MANY_MEMBERS)


def check_sizes(archive: zipfile.ZipFile) -> None:
    declared = 0
    for info in archive.infolist():
        declared += info.file_size
        if info.file_size > RATIO_FLOOR and (
                info.compress_size == 0 or info.file_size / info.compress_size > MAX_RATIO):
            raise ArchiveRefused(COMPRESSION_BOMB)
    if declared > MAX_DECLARED_BYTES:
        raise ArchiveRefused(COMPRESSION_BOMB)


class CappedReader:
    """Reads entries through streams, never more than the caps allow."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.read_bytes = 0

    def read(self, info: zipfile.ZipInfo, limit: int = MAX_ENTRY_BYTES) -> bytes:
        allowed = min(limit, MAX_READ_BYTES - self.read_bytes)
        if info.file_size > allowed:
            # Larger than any such entry of a real document: not one we accept.
            raise ArchiveRefused(DAMAGED)
        with self.archive.open(info) as stream:
            # zipfile stops at the declared size; the cap holds even if it did not.
            data = stream.read(allowed + 1)
        self.read_bytes += len(data)
        if len(data) > allowed:
            raise ArchiveRefused(COMPRESSION_BOMB)
        return data


def inspect(upload: IO[bytes]) -> ArchiveContents:
    """The entry names, the ODF mimetype and whether macros are inside; or
    ArchiveRefused. The upload's position is left at the start."""
    try:
        check_directory(upload)
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            check_sizes(archive)
            return read_contents(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, KeyError,
            OSError, EOFError, RuntimeError, ValueError) as error:
        if isinstance(error, ArchiveRefused):
            raise
        raise ArchiveRefused(DAMAGED) from None
    finally:
        upload.seek(0)


def read_contents(archive: zipfile.ZipFile) -> ArchiveContents:
    reader = CappedReader(archive)
    entries = {normalised(info.filename): info for info in archive.infolist()}
    contents = ArchiveContents(names=set(entries))
    contents.has_macros = any(MACRO_NAME.search(name) for name in entries)
    if "mimetype" in entries:
        raw = reader.read(entries["mimetype"], MAX_MIMETYPE_BYTES)
        contents.mimetype = raw.decode("ascii", "replace").strip()
        manifest = entries.get("meta-inf/manifest.xml")
        if manifest is not None and MACRO_MANIFEST.search(reader.read(manifest)):
            contents.has_macros = True
    types = entries.get("[content_types].xml")
    if types is not None and MACRO_CONTENT_TYPE.search(reader.read(types).lower()):
        contents.has_macros = True
    contents.read_bytes = reader.read_bytes
    return contents
