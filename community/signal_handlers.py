"""Keeps the private file store and the access groups in step with the database."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from community.models import Attachment, Membership, PeerGroupPage
from community.models.groups import sync_access


def remove_attachment_file(sender: type[Attachment], instance: Attachment, **kwargs: Any) -> None:
    """Deleting a post (or its thread or group) removes its files, once the deletion is
    committed; a rolled-back deletion keeps them."""
    if instance.file.name:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))


def revoke_access_of_deleted_membership(sender: type[Membership], instance: Membership,
                                        **kwargs: Any) -> None:
    """A deleted membership (in the admin, in bulk, with its member's account or its
    group) gives no access from this transaction on."""
    access = (PeerGroupPage.objects.filter(pk=instance.group_id)
              .values_list("access_group_id", flat=True).first())
    sync_access({(instance.user_id, access)})


def delete_orphaned_access_group(sender: type[PeerGroupPage], instance: PeerGroupPage,
                                 **kwargs: Any) -> None:
    """When the last page of a group (in any language) is deleted, its access group
    goes too, and with it whatever access it still gave."""
    if instance.access_group_id and not PeerGroupPage.objects.filter(
            access_group_id=instance.access_group_id).exists():
        Group.objects.filter(pk=instance.access_group_id).delete()
