"""Keeps the private file store in step with the database."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from community.models import Attachment


def remove_attachment_file(sender: type[Attachment], instance: Attachment, **kwargs: Any) -> None:
    """Deleting a post (or its thread or group) removes its files, once the deletion is
    committed; a rolled-back deletion keeps them."""
    if instance.file.name:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
