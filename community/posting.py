"""Writing in a peer group: starting a thread, replying, editing and deleting one's
post. The one way posts are written, for the site's forms and the API alike; callers
check permissions, the form and the rate limit first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from community.attachments import display_name, storage_name
from community.models import Attachment, PeerGroupPage, Post, PostRevision, Thread
from community.notifications import notify_new_post


def start_thread(group: PeerGroupPage, author: Any, title: str, body: str,
                 attachments: Sequence[tuple[Any, Any]] = ()) -> tuple[Thread, Post]:
    """A new thread in the group (whichever language version was asked) with its first
    post and files; followers hear of it."""
    with transaction.atomic():
        thread = Thread.objects.create(group=group.canonical(), title=title, author=author)
        post = Post.objects.create(thread=thread, author=author, body=body)
        attach_files(post, attachments)
        notify_new_post(post)
    return thread, post


def reply(thread: Thread, author: Any, body: str,
          attachments: Sequence[tuple[Any, Any]] = (),
          reply_to: Post | None = None) -> tuple[Post, list[Attachment]]:
    """A reply at the end of the thread, which counts as active from now on."""
    with transaction.atomic():
        post = Post.objects.create(thread=thread, author=author, body=body,
                                   reply_to=reply_to)
        stored = attach_files(post, attachments)
        Thread.objects.filter(pk=thread.pk).update(last_activity_at=timezone.now())
        notify_new_post(post)
    return post, stored


def edit(post: Post, body: str) -> None:
    """The post's new text; the old one stays in its edit history."""
    with transaction.atomic():
        _keep_revision(post)
        post.body = body
        post.edited_at = timezone.now()
        post.save()


def delete_by_author(post: Post) -> None:
    """The author takes the post back: its text goes (into the edit history, for the
    moderators), the post stays hidden in its place so that replies keep their context."""
    with transaction.atomic():
        _keep_revision(post)
        post.body = ""
        post.is_hidden = True
        post.moderation_note = "deleted-by-author"
        post.save()


def _keep_revision(post: Post) -> None:
    PostRevision.objects.create(post=post, body=post.body,
                                written_at=post.edited_at or post.created_at)


def attach_files(post: Post, accepted: Sequence[tuple[Any, Any]]) -> list[Attachment]:
    """Stores files that PostForm accepted; call inside the post's transaction."""
    stored = []
    for upload, kind in accepted:
        attachment = Attachment(post=post, name=display_name(upload.name),
                                content_type=kind.content_type, size=upload.size)
        upload.seek(0)
        attachment.file.save(storage_name(kind), upload, save=True)
        stored.append(attachment)
    return stored
