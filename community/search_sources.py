"""What the community contributes to the search index: peer groups, threads and posts.
A secret group's page carries a view restriction to the group's members, so its
document is found only by them; a closed or secret group's threads and posts carry
the same group principal. Hidden threads and posts are found by no one. Duck-typed
contract, see `search/sources.py`."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from community import permissions
from community.models import GroupVisibility, PeerGroupPage, Post, Thread


class PeerGroupSource:
    name = "peer_group"
    label = _("Peer group")
    model = PeerGroupPage

    def queryset(self) -> QuerySet:
        return PeerGroupPage.objects.live().select_related("locale")

    def document(self, page: PeerGroupPage) -> dict[str, Any]:
        description = " ".join(strip_tags(page.description).split())
        return {
            "title": page.title,
            "summary": description[:300],
            "body": f"{page.topic} {description}",
            "date": page.last_published_at or page.first_published_at,
        }

    def principals(self, user: Any) -> list[str]:
        """Editors read every group (community.permissions), so they also find every
        group's page, threads and posts; members count through their access groups."""
        if not permissions.is_editor(user):
            return []
        return [f"group:{pk}" for pk in PeerGroupPage.objects.filter(
            access_group__isnull=False).values_list("access_group_id", flat=True).distinct()]


def group_principals(group: PeerGroupPage) -> list[str]:
    """Who may find a group's discussions: everyone for a public group; otherwise the
    members, through the group's access group (the search plugin's group principal)."""
    if not group.live:
        return []
    if group.visibility == GroupVisibility.PUBLIC:
        return ["public"]
    return [f"group:{group.access_group_id}"] if group.access_group_id else []


class ThreadSource:
    name = "thread"
    label = _("Discussion")
    model = Thread

    def __init__(self) -> None:
        self.dependencies = {
            PeerGroupPage: lambda group: Thread.objects.filter(
                group__translation_key=group.translation_key).values_list("pk", flat=True),
        }

    def queryset(self) -> QuerySet:
        return (Thread.objects.filter(group__live=True)
                .select_related("group__locale").prefetch_related(
                    Prefetch("posts", queryset=Post.objects.filter(is_hidden=False)
                             .order_by("created_at"))))

    def visible_to(self, thread: Thread) -> list[str]:
        return [] if thread.is_hidden else group_principals(thread.group)

    def url(self, thread: Thread) -> str:
        with override(thread.group.locale.language_code):
            return reverse("community:thread", args=[thread.group_id, thread.pk])

    def locale(self, thread: Thread) -> str:
        return thread.group.locale.language_code

    def document(self, thread: Thread) -> dict[str, Any]:
        posts = list(thread.posts.all())
        first = " ".join(strip_tags(posts[0].body_html).split()) if posts else ""
        return {"title": thread.title, "summary": first[:300],
                "body": f"{thread.group.title} {first}",
                "date": thread.last_activity_at}


class PostSource:
    name = "post"
    label = _("Post")
    model = Post

    def __init__(self) -> None:
        self.dependencies = {
            Thread: lambda thread: thread.posts.values_list("pk", flat=True),
            PeerGroupPage: lambda group: Post.objects.filter(
                thread__group__translation_key=group.translation_key,
            ).values_list("pk", flat=True),
        }

    def queryset(self) -> QuerySet:
        return Post.objects.filter(thread__group__live=True).select_related(
            "thread__group__locale")

    def visible_to(self, post: Post) -> list[str]:
        if post.is_hidden or post.thread.is_hidden:
            return []
        return group_principals(post.thread.group)

    def url(self, post: Post) -> str:
        with override(post.thread.group.locale.language_code):
            return reverse("community:thread",
                           args=[post.thread.group_id, post.thread_id]) + f"#post-{post.pk}"

    def locale(self, post: Post) -> str:
        return post.thread.group.locale.language_code

    def document(self, post: Post) -> dict[str, Any]:
        text = " ".join(strip_tags(post.body_html).split())
        return {"title": post.thread.title, "summary": text[:300], "body": text,
                "date": post.created_at}
