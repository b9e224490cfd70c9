"""Hostile ZIP archives, crafted in milliseconds, for the attachment checks and their
benchmark (`tests/bench/bench_attachments.py`).

The archives are written byte by byte (local headers, directory, end record), so they
can say what `zipfile` would never write: a size that lies, a `mimetype` entry that
inflates to gigabytes, tens of thousands of entries. Deflated zeros are built from one
1 MiB block compressed with a full flush, which deflate then repeats byte for byte; so
10 MB of stream that inflates to about 10 GiB costs no time to make.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

MIB = 1024 * 1024
ODS = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass
class Entry:
    name: str
    data: bytes  # as stored in the archive (deflated or not)
    declared_size: int  # what the headers say it unpacks to
    deflated: bool = True
    crc: int = 0


def zeros_deflated(target_bytes: int) -> tuple[bytes, int]:
    """A raw deflate stream of about `target_bytes` that inflates to zeros; and how many
    zeros it holds."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MIB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = max(1, target_bytes // len(block))
    return block * count + compressor.flush(), count * MIB


def stored(name: str, data: bytes) -> Entry:
    return Entry(name, data, len(data), deflated=False, crc=zlib.crc32(data))


def deflated(name: str, data: bytes) -> Entry:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Entry(name, compressor.compress(data) + compressor.flush(), len(data),
                 crc=zlib.crc32(data))


def archive(entries: list[Entry]) -> bytes:
    """The archive, with the sizes each entry declares (true or not)."""
    body, directory = bytearray(), bytearray()
    for entry in entries:
        name = entry.name.encode()
        method = 8 if entry.deflated else 0
        declared = min(entry.declared_size, 0xFFFFFFFE)
        offset = len(body)
        body += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0, entry.crc,
                            len(entry.data), declared, len(name), 0) + name + entry.data
        directory += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0,
                                 entry.crc, len(entry.data), declared, len(name), 0, 0, 0, 0,
                                 0, offset) + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries),
                      len(directory), len(body), 0)
    return bytes(body + directory + end)


def mimetype_bomb(size: int) -> bytes:
    """An ODS whose `mimetype` entry inflates to about a thousand times `size`."""
    stream, zeros = zeros_deflated(size)
    return archive([Entry("mimetype", stream, zeros),
                    deflated("content.xml", b"<office:document-content/>")])


def lying_mimetype(size: int) -> bytes:
    """The same stream, but the entry claims to be 46 bytes: only a reader that trusts
    no header but its own cap stays small."""
    stream, _zeros = zeros_deflated(size)
    return archive([Entry("mimetype", stream, len(ODS)),
                    deflated("content.xml", b"<office:document-content/>")])


def content_types_bomb(size: int) -> bytes:
    """An XLSX whose `[Content_Types].xml` inflates to gigabytes."""
    stream, zeros = zeros_deflated(size)
    return archive([Entry("[Content_Types].xml", stream, zeros),
                    deflated("xl/workbook.xml", b"<workbook/>")])


def many_members(size: int) -> bytes:
    """As many empty entries as the end record can count (65,535; more needs ZIP64, which
    is refused outright): the directory alone is the attack."""
    count = min(0xFFFF - 1, size // 110)
    return archive([stored("mimetype", ODS)]
                   + [stored(f"p/{number:08d}.xml", b"") for number in range(count)])


def many_small_bombs(size: int) -> bytes:
    """Entries that each stay under the ratio floor but add up to gigabytes declared."""
    stream, zeros = zeros_deflated(1000)
    count = min(1900, size // len(stream))
    return archive([stored("mimetype", ODS)]
                   + [Entry(f"Pictures/{number}.png", stream, zeros) for number in range(count)])


CRAFTED = {
    "mimetype bomb": mimetype_bomb,
    "mimetype that lies about its size": lying_mimetype,
    "[Content_Types].xml bomb": content_types_bomb,
    "directory of empty entries": many_members,
    "many entries under the ratio floor": many_small_bombs,
}
