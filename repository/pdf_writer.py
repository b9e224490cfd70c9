"""A small PDF writer for the demo publications and the academy's certificates: a cover
page (a JPEG drawn by home.illustrations), if any, and pages of text in Helvetica, with
the document's title and language in its metadata. Enough for a real, openable PDF of a
few pages; nothing more (no fonts embedded, no tagging; text outside WinAnsiEncoding,
Latin-1 and the typographic marks, prints as "?").

The PDF is written by hand (PDF 1.7, ISO 32000-1: objects, one content stream per page,
a cross-reference table) rather than with a library, so the platform needs no
dependency to make its demo documents.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass, field

from PIL import Image

A4 = (595, 842)  # points
MARGIN = 64
LINE_CHARS = 88  # Helvetica 11 pt over A4 less the margins


@dataclass
class TextPage:
    heading: str
    paragraphs: list[str] = field(default_factory=list)


def _text(value: str) -> bytes:
    """A string literal in WinAnsiEncoding (Latin-1 plus „“–…, enough for German)."""
    encoded = value.encode("cp1252", errors="replace")
    return b"(" + encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _info_text(value: str) -> bytes:
    """A text string for the document information (UTF-16 with its byte order mark)."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode() + b">"


def _text_stream(page: TextPage, number: int, footer: str) -> bytes:
    lines = [b"BT", b"/F2 18 Tf", f"{MARGIN} {A4[1] - MARGIN - 18} Td".encode(), b"22 TL"]
    for heading_line in textwrap.wrap(page.heading, 52):
        lines.append(_text(heading_line) + b" Tj T*")
    lines += [b"/F1 11 Tf", b"15 TL", b"T*"]
    for paragraph in page.paragraphs:
        # Lines break at spaces only: textwrap would also split a hyphenated word between
        # letters, which cut a certificate's verification address (its code has hyphens)
        # in two, a reader could not copy it, and whether it did hung on the random code.
        for line in textwrap.wrap(paragraph, LINE_CHARS, break_on_hyphens=False,
                                  break_long_words=False):
            lines.append(_text(line) + b" Tj T*")
        lines.append(b"T*")
    lines += [b"ET", b"BT", b"/F1 9 Tf", f"{MARGIN} 40 Td".encode(),
              _text(f"{footer} · {number}") + b" Tj", b"ET"]
    return b"\n".join(lines)


def write_pdf(cover: Image.Image | None, pages: list[TextPage], *, title: str, author: str,
              language: str) -> bytes:
    """The PDF's bytes: the cover filling the first page (when there is one), then the
    text pages."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(dictionary: bytes, data: bytes) -> bytes:
        return dictionary[:-2] + f" /Length {len(data)} >>".encode() + b"\nstream\n" + data \
            + b"\nendstream"

    catalog = add(b"")  # filled in once the page tree's number is known
    tree = add(b"")
    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                  b"/Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
               b"/Encoding /WinAnsiEncoding >>")
    resources = f"<< /Font << /F1 {regular} 0 R /F2 {bold} 0 R >>".encode()
    contents = []
    if cover is not None:
        jpeg = io.BytesIO()
        cover.convert("RGB").save(jpeg, "JPEG", quality=85)
        image = add(stream(f"<< /Type /XObject /Subtype /Image /Width {cover.width} "
                           f"/Height {cover.height} /ColorSpace /DeviceRGB "
                           f"/BitsPerComponent 8 /Filter /DCTDecode >>".encode(),
                           jpeg.getvalue()))
        resources += f" /XObject << /Cover {image} 0 R >>".encode()
        contents.append(f"q {A4[0]} 0 0 {A4[1]} 0 0 cm /Cover Do Q".encode())
    resources += b" >>"
    contents += [_text_stream(page, number, title)
                 for number, page in enumerate(pages, start=len(contents) + 1)]
    kids = []
    for content in contents:
        content_number = add(stream(b"<< >>", content))
        kids.append(add(f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {A4[0]} {A4[1]}] "
                        f"/Contents {content_number} 0 R /Resources ".encode() + resources
                        + b" >>"))
    objects[tree - 1] = (f"<< /Type /Pages /Count {len(kids)} /Kids ["
                         + " ".join(f"{kid} 0 R" for kid in kids) + "] >>").encode()
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R /Lang ".encode() \
        + _text(language) + b" >>"
    info = add(b"<< /Title " + _info_text(title) + b" /Author " + _info_text(author)
               + b" /Producer (Smart Cities platform) >>")

    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
              f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()
