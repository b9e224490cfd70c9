"""The one place that decides who may see and do what in the community.

Views, the API, search sources, notifications and sitemaps all ask here. "Editors" are
staff who may edit peer groups in the Wagtail admin; they moderate every group.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from community.models.groups import (
    GroupVisibility,
    JoinPolicy,
    Membership,
    MembershipState,
    PeerGroupPage,
)
from community.models.members import ContactVisibility, OrganisationKind


def is_editor(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active and (
        user.is_superuser or user.has_perm("community.change_peergrouppage")))


def membership(user: Any, group: PeerGroupPage) -> Membership | None:
    if not (user and user.is_authenticated):
        return None
    cache = getattr(user, "_community_memberships", None)
    if cache is None:
        cache = user._community_memberships = {}
    canonical = group.canonical()
    if canonical.pk not in cache:
        cache[canonical.pk] = Membership.objects.filter(group=canonical, user=user).first()
    return cache[canonical.pk]


def is_member(user: Any, group: PeerGroupPage) -> bool:
    found = membership(user, group)
    return bool(found and found.is_active and user.is_active)


def can_see_group(user: Any, group: PeerGroupPage) -> bool:
    """Whether the user may know the group exists (its page, name and description)."""
    if group.visibility != GroupVisibility.SECRET:
        return True
    return is_editor(user) or is_member(user, group)


def can_read(user: Any, group: PeerGroupPage) -> bool:
    """Whether the user may read the group's threads and posts."""
    if group.visibility == GroupVisibility.PUBLIC:
        return True
    return is_editor(user) or is_member(user, group)


def can_post(user: Any, group: PeerGroupPage) -> bool:
    return is_member(user, group)


def can_moderate(user: Any, group: PeerGroupPage) -> bool:
    found = membership(user, group)
    return is_editor(user) or bool(found and found.is_moderator and user.is_active)


def can_join(user: Any, group: PeerGroupPage) -> bool:
    """Join at once (open groups) or ask to (groups on request)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if group.join_policy == JoinPolicy.INVITATION or not can_see_group(user, group):
        return False
    if not may_belong(user, group):
        return False
    found = membership(user, group)
    return found is None or found.state in (MembershipState.LEFT, MembershipState.DECLINED)


def member_of(user: Any) -> Q:
    """The groups in which the user holds an active membership, as a query condition:
    the membership itself decides, not the access group that mirrors it."""
    if not (user and user.is_authenticated and user.is_active):
        return Q(pk__in=[])
    return Q(pk__in=Membership.objects.filter(user=user, state=MembershipState.ACTIVE)
             .values("group_id"))


def seeable_groups(user: Any) -> QuerySet[PeerGroupPage]:
    """The canonical groups the user may know exist (`can_see_group`), as one query."""
    groups = PeerGroupPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)
    if is_editor(user):
        return groups
    return groups.filter(Q(visibility__in=[GroupVisibility.PUBLIC, GroupVisibility.CLOSED])
                         | member_of(user))


def readable_groups(user: Any) -> QuerySet[PeerGroupPage]:
    """The canonical groups whose threads the user may read (`can_read`), as one query."""
    groups = PeerGroupPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)
    if is_editor(user):
        return groups
    return groups.filter(Q(visibility=GroupVisibility.PUBLIC) | member_of(user))


def readable_as_member(user: Any) -> QuerySet[PeerGroupPage]:
    """The canonical groups whose threads the user may read as the public or as a
    member: `readable_groups` without an editor's rights over every group, for lists of
    a member's own things (their followed threads), where the office's rights add nothing
    and asking for them would cost the permission queries."""
    groups = PeerGroupPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)
    return groups.filter(Q(visibility=GroupVisibility.PUBLIC) | member_of(user))


def visible_groups(user: Any, groups: Iterable[PeerGroupPage]) -> list[PeerGroupPage]:
    groups = list(groups)
    if is_editor(user):
        return groups
    member_of = set()
    if user and user.is_authenticated:
        member_of = set(Membership.objects.filter(
            user=user, state=MembershipState.ACTIVE).values_list("group__translation_key",
                                                                  flat=True))
    return [group for group in groups
            if group.visibility != GroupVisibility.SECRET or group.translation_key in member_of]


def can_read_thread(user: Any, thread: Any) -> bool:
    """Hidden threads are for moderators only."""
    if not can_read(user, thread.group):
        return False
    return not thread.is_hidden or can_moderate(user, thread.group)


def can_reply(user: Any, thread: Any) -> bool:
    return can_post(user, thread.group) and not thread.is_locked and not thread.is_hidden


def can_edit_post(user: Any, post: Any) -> bool:
    """Authors edit and delete their own posts while they may still post in the thread
    and no moderator has hidden the post."""
    return (user.is_authenticated and post.author_id == user.pk and not post.is_hidden
            and can_reply(user, post.thread))


def can_report(user: Any, post: Any) -> bool:
    return (user.is_authenticated and user.is_active and post.author_id != user.pk
            and can_read_thread(user, post.thread))


def can_read_post(user: Any, post: Any) -> bool:
    """A post's text and files: for readers of its thread while the post is shown, and for
    its group's moderators always."""
    if not can_read_thread(user, post.thread):
        return False
    return not post.is_hidden or can_moderate(user, post.thread.group)


def can_view_profile(user: Any, member: Any) -> bool:
    """Member profiles are for signed-in members; former members have none."""
    return bool(user and user.is_authenticated and user.is_active
                and member is not None and member.is_active)


def shares_group(user: Any, member: Any) -> bool:
    """Both are active members of at least one peer group."""
    return Membership.objects.filter(
        user=user, state=MembershipState.ACTIVE,
        group__memberships__user=member,
        group__memberships__state=MembershipState.ACTIVE).exists()


def visible_contact(user: Any, profile: Any) -> dict[str, str]:
    """The contact details of `profile` that `user` may see, as each member chose:
    nobody, members of their peer groups, or all signed-in members."""
    if not can_view_profile(user, profile.user):
        return {}
    wanted = {"email": (profile.email_visibility, profile.user.email),
              "phone": (profile.phone_visibility, profile.phone)}
    own = user.pk == profile.user_id
    together: bool | None = None
    shown = {}
    for field, (visibility, value) in wanted.items():
        if not value:
            continue
        if own or visibility == ContactVisibility.MEMBERS:
            shown[field] = value
        elif visibility == ContactVisibility.GROUPS:
            if together is None:
                together = shares_group(user, profile.user)
            if together:
                shown[field] = value
    return shown


# --- working communities -------------------------------------------------------------
# A working community's document space, meetings and decisions are the group's: its
# members read and add, its moderators delete, publish and record attendance. Outsiders
# learn nothing of them (404), as of a secret group's threads.

WORKING_COMMUNITY_ORGANISATIONS = (OrganisationKind.MODEL_PROJECT, OrganisationKind.OFFICE)


def may_belong(user: Any, group: PeerGroupPage) -> bool:
    """Whether the user may be a member at all: a working community takes people of the
    model projects and the office only (as their profile says); other groups anyone."""
    if not group.is_working_community:
        return True
    profile = getattr(user, "member_profile", None)
    return bool(profile and profile.organisation_kind in WORKING_COMMUNITY_ORGANISATIONS)


def can_use_workspace(user: Any, group: PeerGroupPage) -> bool:
    """Read the documents, meetings and decisions of a working community."""
    return group.is_working_community and can_read(user, group)


def can_contribute(user: Any, group: PeerGroupPage) -> bool:
    """Upload files, add folders and record decisions: the members."""
    return group.is_working_community and can_post(user, group)


def can_manage_workspace(user: Any, group: PeerGroupPage) -> bool:
    """Delete files, plan meetings, record attendance, publish decisions."""
    return group.is_working_community and can_moderate(user, group)
