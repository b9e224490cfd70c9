"""What the community contributes to the search index: peer groups, threads and posts.
A secret group's page carries a view restriction to the group's members, so its
document is found only by them; a closed or secret group's threads and posts carry
the same group principal. Hidden threads and posts are found by no one. Duck-typed
contract, see `search/sources.py`."""

from __future__ import annotations

from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery
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

    def values(self, queryset: QuerySet) -> list[dict[str, Any]]:
        """The chunk as plain values: one query."""
        return list(queryset.values(
            "pk", "path", "url_path", "title", "description", "topic", "last_published_at",
            "first_published_at", language=F("locale__language_code")))

    def document(self, page: dict[str, Any]) -> dict[str, Any]:
        description = " ".join(strip_tags(page["description"]).split())
        return {
            "title": page["title"],
            "summary": description[:300],
            "body": f"{page['topic']} {description}",
            "date": page["last_published_at"] or page["first_published_at"],
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
    return principals_of(group.live, group.visibility, group.access_group_id)


def principals_of(live: bool, visibility: str, access_group_id: int | None) -> list[str]:
    """group_principals from the group's columns."""
    if not live:
        return []
    if visibility == GroupVisibility.PUBLIC:
        return ["public"]
    return [f"group:{access_group_id}"] if access_group_id else []


def group_values(prefix: str) -> dict[str, F]:
    """The group's columns that visibility, URL and locale need, for a values() query
    of a model that reaches the group through `prefix` ("group", "thread__group")."""
    return {"group_live": F(f"{prefix}__live"), "group_visibility": F(f"{prefix}__visibility"),
            "group_access": F(f"{prefix}__access_group_id"), "group_pk": F(f"{prefix}_id"),
            "language": F(f"{prefix}__locale__language_code")}


def thread_url(item: dict[str, Any], thread_id: int) -> str:
    with override(item["language"]):
        return reverse("community:thread", args=[item["group_pk"], thread_id])


class ThreadSource:
    """Threads, read as plain values with their first visible post (one query)."""

    name = "thread"
    label = _("Discussion")
    model = Thread

    def __init__(self) -> None:
        self.dependencies = {
            PeerGroupPage: lambda group: Thread.objects.filter(
                group__translation_key=group.translation_key).values_list("pk", flat=True),
        }

    def queryset(self) -> QuerySet:
        return Thread.objects.filter(group__live=True)

    def values(self, queryset: QuerySet) -> list[dict[str, Any]]:
        first_post = (Post.objects.filter(thread=OuterRef("pk"), is_hidden=False)
                      .order_by("created_at", "pk").values("body_html")[:1])
        return list(queryset.values(
            "pk", "title", "is_hidden", "last_activity_at", group_title=F("group__title"),
            first_post=Subquery(first_post), **group_values("group")))

    def visible_to(self, thread: dict[str, Any]) -> list[str]:
        if thread["is_hidden"]:
            return []
        return principals_of(thread["group_live"], thread["group_visibility"],
                             thread["group_access"])

    def url(self, thread: dict[str, Any]) -> str:
        return thread_url(thread, thread["pk"])

    def locale(self, thread: dict[str, Any]) -> str:
        return thread["language"]

    def document(self, thread: dict[str, Any]) -> dict[str, Any]:
        first = " ".join(strip_tags(thread["first_post"] or "").split())
        return {"title": thread["title"], "summary": first[:300],
                "body": f"{thread['group_title']} {first}",
                "date": thread["last_activity_at"]}


class PostSource:
    """Posts, read as plain values with their thread's and group's columns (one query)."""

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
        return Post.objects.filter(thread__group__live=True)

    def values(self, queryset: QuerySet) -> list[dict[str, Any]]:
        return list(queryset.values(
            "pk", "body_html", "created_at", "is_hidden", "thread_id",
            thread_hidden=F("thread__is_hidden"), thread_title=F("thread__title"),
            **group_values("thread__group")))

    def visible_to(self, post: dict[str, Any]) -> list[str]:
        if post["is_hidden"] or post["thread_hidden"]:
            return []
        return principals_of(post["group_live"], post["group_visibility"],
                             post["group_access"])

    def url(self, post: dict[str, Any]) -> str:
        return thread_url(post, post["thread_id"]) + f"#post-{post['pk']}"

    def locale(self, post: dict[str, Any]) -> str:
        return post["language"]

    def document(self, post: dict[str, Any]) -> dict[str, Any]:
        text = " ".join(strip_tags(post["body_html"]).split())
        return {"title": post["thread_title"], "summary": text[:300], "body": text,
                "date": post["created_at"]}
