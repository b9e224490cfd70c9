"""Files attached to posts: what is accepted, decided by the bytes, never by the name.

A file is recognised from its content (magic numbers, the inner layout of office
documents, plain text that decodes). Its name must agree with what it is, so an
executable named `report.pdf` or a macro workbook named `.xlsx` is refused. Accepted
files are stored under random names in the `attachments` storage, which lies outside the
public media and is served only by `community.discussions.download_attachment` to those
who may read the post.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.storage import Storage, storages
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from community import archives

# Enough of a file to recognise it; text is judged on this much too.
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extensions: tuple[str, ...]
    label: str
    # Images are shown in the page; everything else downloads.
    inline: bool = False


PDF = FileKind("application/pdf", ("pdf",), "PDF")
PNG = FileKind("image/png", ("png",), "PNG", inline=True)
JPEG = FileKind("image/jpeg", ("jpg", "jpeg"), "JPEG", inline=True)
GIF = FileKind("image/gif", ("gif",), "GIF", inline=True)
WEBP = FileKind("image/webp", ("webp",), "WebP", inline=True)
DOCX = FileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ("docx",), "Word (DOCX)")
XLSX = FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ("xlsx",), "Excel (XLSX)")
PPTX = FileKind("application/vnd.openxmlformats-officedocument.presentationml.presentation",
                ("pptx",), "PowerPoint (PPTX)")
ODT = FileKind("application/vnd.oasis.opendocument.text", ("odt",), "OpenDocument (ODT)")
ODS = FileKind("application/vnd.oasis.opendocument.spreadsheet", ("ods",),
               "OpenDocument (ODS)")
ODP = FileKind("application/vnd.oasis.opendocument.presentation", ("odp",),
               "OpenDocument (ODP)")
TEXT = FileKind("text/plain", ("txt", "md"), "Text")
CSV = FileKind("text/csv", ("csv",), "CSV")

ACCEPTED_KINDS = (PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, PPTX, ODT, ODS, ODP, TEXT, CSV)
KIND_BY_EXTENSION = {extension: kind for kind in ACCEPTED_KINDS
                     for extension in kind.extensions}
KIND_BY_CONTENT_TYPE = {kind.content_type: kind for kind in ACCEPTED_KINDS}

# The main part of each Office Open XML document, and the ODF `mimetype` entries.
OOXML_MAIN_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX,
                    "ppt/presentation.xml": PPTX}
ODF_MIMETYPES = {ODT.content_type: ODT, ODS.content_type: ODS, ODP.content_type: ODP}

# Things that must never pass as a document, named so the refusal can say why.
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe",
                         b"\xca\xfe\xba\xbe", b"#!")


def max_attachment_bytes() -> int:
    return getattr(settings, "COMMUNITY_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)


def max_attachments_per_post() -> int:
    return getattr(settings, "COMMUNITY_ATTACHMENTS_PER_POST", 5)


def attachment_storage() -> Storage:
    """The private storage (settings.STORAGES["attachments"]); never served by URL."""
    return storages["attachments"]


def _zip_kind(upload: IO[bytes]) -> FileKind | None:
    """An office document by its inner layout; ArchiveRefused for a compression bomb,
    an archive too large to inspect, or macros, whatever the name says."""
    try:
        contents = archives.inspect(upload)
    except archives.ArchiveRefused as refused:
        if refused.reason == archives.DAMAGED:
            return None
        raise
    if contents.has_macros:
        raise archives.ArchiveRefused(archives.MACROS)
    if contents.mimetype is not None:
        return ODF_MIMETYPES.get(contents.mimetype)
    if "[content_types].xml" not in contents.names:
        return None
    for part, kind in OOXML_MAIN_PARTS.items():
        if part in contents.names:
            return kind
    return None


def _text_kind(head: bytes, extension: str) -> FileKind | None:
    if b"\x00" in head or head.startswith(b"#!"):
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The sample may end inside a multi-byte character; anything earlier is not text.
        if error.start < len(head) - 3:
            return None
        text = head[:error.start].decode("utf-8")
    if any(ord(char) < 32 and char not in "\t\n\r\f" for char in text):
        return None
    return CSV if extension == "csv" else TEXT


def detect_kind(upload: IO[bytes], extension: str = "") -> FileKind | None:
    """What the file is, judged by its content; None when it is nothing accepted."""
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    if head.startswith(EXECUTABLE_SIGNATURES):
        return None
    return _text_kind(head, extension)


def extension_of(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def accepted_list() -> str:
    return ", ".join(extension.upper() for kind in ACCEPTED_KINDS
                     for extension in kind.extensions)


def validate_upload(upload: IO[bytes] | None, name: str, size: int) -> FileKind:
    """The kind of an uploaded file, or a ValidationError that tells the member why it
    is refused (too large, empty, not accepted, or content that contradicts its name)."""
    if size > max_attachment_bytes():
        raise ValidationError(
            _("%(name)s is %(size)s; files may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(size),
               "limit": filesizeformat(max_attachment_bytes())}, code="too_large")
    if size == 0 or upload is None:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")
    extension = extension_of(name)
    try:
        kind = detect_kind(upload, extension)
    except archives.ArchiveRefused as refused:
        raise ValidationError(archive_refusal(refused.reason) % {"name": name},
                              code=refused.reason) from None
    named_as = KIND_BY_EXTENSION.get(extension)
    if kind is None and named_as is not None:
        raise ValidationError(
            _("%(name)s: the name says %(kind)s, but the content is not.")
            % {"name": name, "kind": named_as.label}, code="disguised")
    if kind is None:
        raise ValidationError(
            _("%(name)s is not a kind of file accepted here. Accepted: %(kinds)s.")
            % {"name": name, "kinds": accepted_list()}, code="not_accepted")
    if extension not in kind.extensions and not (kind in (TEXT, CSV) and named_as in (TEXT, CSV)):
        raise ValidationError(
            _("%(name)s: the content is %(kind)s, but the name says otherwise. Rename the "
              "file to end in .%(extension)s.")
            % {"name": name, "kind": kind.label, "extension": kind.extensions[0]},
            code="disguised")
    return kind


def archive_refusal(reason: str) -> str:
    return {
        archives.TOO_MANY_MEMBERS: _("%(name)s holds more parts than any document accepted "
                                     "here; it is refused."),
        archives.COMPRESSION_BOMB: _("%(name)s would unpack to far more than its size; it "
                                     "is refused."),
        archives.MACROS: _("%(name)s contains macros; documents with macros are not "
                           "accepted."),
    }[reason]


def display_name(name: str) -> str:
    """A safe name to offer for download: no path, no control characters, not too long."""
    try:
        cleaned = get_valid_filename(PurePath(name.replace("\\", "/")).name)
    except SuspiciousFileOperation:
        cleaned = "file"
    if len(cleaned) > 150:
        suffix = PurePath(cleaned).suffix[:10]
        cleaned = cleaned[:150 - len(suffix)] + suffix
    return cleaned


def storage_name(kind: FileKind) -> str:
    """A random path: the member's file name never reaches the file system."""
    now = timezone.now()
    return f"{now:%Y/%m}/{uuid.uuid4().hex}.{kind.extensions[0]}"

