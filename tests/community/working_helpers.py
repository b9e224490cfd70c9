"""Helpers of the working-community tests (the fixture ``working`` is in conftest.py)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from community.attachments import PDF, TEXT
from community.documents import add_version
from community.models import Folder

FIRST = b"%PDF-1.4\n% Version eins\n%%EOF\n"
SECOND = b"%PDF-1.4\n% Version zwei\n%%EOF\n"


def url(name: str, *args, language: str = "de") -> str:
    with translation.override(language):
        return reverse(f"community:{name}", args=args)


def upload(folder: Folder, user, content: bytes, name: str = "Datenmodell.pdf"):
    kind = PDF if content.startswith(b"%PDF") else TEXT
    return add_version(folder, user, SimpleUploadedFile(name, content), kind)
