"""What a reader learns about a document before downloading it (as GOV.UK shows for
attachments: "PDF, 2,1 MB, 48 Seiten"), and a cover rendered from a PDF's first page.

The page count comes from pypdf; the cover from PDFium (pypdfium2), both read from the
stored file once, when the publication is saved, not on every request.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

import pypdf
import pypdfium2
from PIL import Image

from home.illustrations import store_image

log = logging.getLogger(__name__)

COVER_WIDTH = 800  # pixels: enough for the 480 px rendition at 1x and 240 px at 2x

# What each file extension is called in the download link.
KINDS = {"pdf": "PDF", "docx": "Word", "doc": "Word", "xlsx": "Excel", "xls": "Excel",
         "pptx": "PowerPoint", "odt": "OpenDocument", "ods": "OpenDocument",
         "csv": "CSV", "txt": "Text", "zip": "ZIP"}


@dataclass(frozen=True)
class DocumentFacts:
    kind: str
    size: int | None
    pages: int | None


def document_kind(document: Any) -> str:
    extension = document.file_extension.lower()
    return KINDS.get(extension, extension.upper())


def _pdf_bytes(document: Any) -> bytes | None:
    """The stored file's bytes if it is a PDF that can be read, else None."""
    if document.file_extension.lower() != "pdf":
        return None
    try:
        with document.file.open("rb") as stored:
            return stored.read()
    except OSError:
        log.warning("document %s: file %s cannot be read", document.pk, document.file.name)
        return None


def pdf_page_count(document: Any) -> int | None:
    """The number of pages of a PDF; None for other files and for a PDF that pypdf
    cannot read (a broken upload must not stop the page from being saved)."""
    data = _pdf_bytes(document)
    if data is None:
        return None
    try:
        return len(pypdf.PdfReader(io.BytesIO(data)).pages)
    except (pypdf.errors.PyPdfError, ValueError, KeyError) as error:
        log.warning("document %s: no page count (%s)", document.pk, error)
        return None


def render_first_page(document: Any) -> Image.Image | None:
    """The PDF's first page as a picture, COVER_WIDTH wide; None when it cannot be drawn."""
    data = _pdf_bytes(document)
    if data is None:
        return None
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        log.warning("document %s: no cover (%s)", document.pk, error)
        return None
    try:
        if len(pdf) == 0:
            return None
        page = pdf[0]
        try:
            bitmap = page.render(scale=COVER_WIDTH / page.get_width())
            picture = bitmap.to_pil().convert("RGB")
            bitmap.close()
            if picture.width != COVER_WIDTH:  # PDFium rounds the scaled width up
                height = round(picture.height * COVER_WIDTH / picture.width)
                picture = picture.resize((COVER_WIDTH, height), Image.Resampling.LANCZOS)
            return picture
        finally:
            page.close()
    finally:
        pdf.close()


def cover_from_document(document: Any) -> Any | None:
    """A Wagtail image of the document's first page (made once per document file)."""
    title = f"Cover: {document.title} ({document.file.name.rsplit('/', 1)[-1]})"[:255]
    picture = render_first_page(document)
    if picture is None:
        return None
    # The focal point on the upper third, where a cover carries its title.
    return store_image(title, picture, (picture.width // 2, picture.height // 3))
