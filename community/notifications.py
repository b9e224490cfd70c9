"""Who hears about what: followers of a group learn of new threads, followers of a
thread of replies, mentioned members of the mention, requesters of the decision.
Notifications show in the site at once; e-mail goes immediately or in a daily or
weekly digest, as each member chose, with a one-click unsubscribe link.

Other plugins add lines of their own to the weekly digest with a Wagtail hook, so that
this module names no other plugin::

    @hooks.register("register_weekly_digest_lines")
    def matchmaking() -> Callable[[QuerySet[User]], dict[int, list[DigestLine]]]:
        return lines_for_recipients

The function receives the weekly digest's recipients (active users, profiles selected)
and returns, per user id, lines already in that user's language; it uses a fixed number
of queries whatever the number of recipients.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail import hooks

from community import permissions
from community.accounts import invitation_token
from community.models import (
    EmailFrequency,
    Follow,
    Membership,
    MembershipState,
    Notification,
    NotificationKind,
    Post,
)
from home import signed_links, site_urls

UNSUBSCRIBE_SALT = "community.unsubscribe"
DIGEST_PERIODS = {EmailFrequency.DAILY: timedelta(days=1),
                  EmailFrequency.WEEKLY: timedelta(days=7)}
WEEKLY_DIGEST_LINES_HOOK = "register_weekly_digest_lines"


@dataclass(frozen=True)
class DigestLine:
    """A line another plugin adds to a member's weekly digest: its text in the member's
    language and a link (a path on the site)."""

    text: str
    url: str


def weekly_digest_lines(recipients: Any) -> dict[int, list[DigestLine]]:
    """Every plugin's lines for the weekly digest's recipients, per user id."""
    lines: dict[int, list[DigestLine]] = defaultdict(list)
    for register in hooks.get_hooks(WEEKLY_DIGEST_LINES_HOOK):
        lines_for: Callable[[Any], dict[int, list[DigestLine]]] = register()
        for user_id, found in lines_for(recipients).items():
            lines[user_id].extend(found)
    return lines


def follow(user: Any, *, group: Any = None, thread: Any = None) -> None:
    Follow.objects.get_or_create(user=user, group=group, thread=thread)


def unsubscribe_token(user: Any) -> str:
    return signed_links.sign({"user": user.pk}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(user: Any) -> str:
    with translation.override(language_of(user)):
        path = reverse("community:unsubscribe", args=[unsubscribe_token(user)])
    return site_urls.absolute_url(path)


def mentioned_members(post: Post) -> list[Any]:
    """Active members of the post's group whose name the post mentions as @Name."""
    if "@" not in post.body:
        return []
    members = (Membership.objects.filter(group=post.thread.group,
                                         state=MembershipState.ACTIVE)
               .select_related("user__member_profile"))
    found = []
    for membership in members:
        profile = getattr(membership.user, "member_profile", None)
        if profile and re.search(r"(?<!\w)@" + re.escape(profile.display_name) + r"(?!\w)",
                                 post.body):
            found.append(membership.user)
    return found


def language_of(user: Any) -> str:
    """The language a member reads notifications and e-mails in (their profile's)."""
    profile = getattr(user, "member_profile", None)
    return profile.language if profile else settings.LANGUAGE_CODE


class GroupTitles:
    """A group's title per language (its translation's, else the German one), looked up
    once per language."""

    def __init__(self, group: Any) -> None:
        self.group = group
        self.titles: dict[str, str] = {group.locale.language_code: group.title}

    def __getitem__(self, language: str) -> str:
        if language not in self.titles:
            self.titles[language] = (type(self.group).objects.filter(
                translation_key=self.group.translation_key, locale__language_code=language)
                .values_list("title", flat=True).first() or self.group.title)
        return self.titles[language]


def notify_new_post(post: Post) -> list[Notification]:
    """Notifications for a new post: the thread's first post tells the group's
    followers, a reply the thread's followers; a mention wins over either. Each
    recipient's text and link are in their own language."""
    thread, group = post.thread, post.thread.group
    first = not thread.posts.exclude(pk=post.pk).exists()
    followers = Follow.objects.filter(**({"group": group} if first else {"thread": thread}))
    recipients: dict[int, tuple[Any, str]] = {}
    kind = NotificationKind.NEW_THREAD if first else NotificationKind.REPLY
    for follower in followers.select_related("user__member_profile"):
        recipients[follower.user_id] = (follower.user, kind)
    for user in mentioned_members(post):
        recipients[user.pk] = (user, NotificationKind.MENTION)
    recipients.pop(post.author_id, None)
    titles = GroupTitles(group)
    notifications = []
    for user, kind in recipients.values():
        if not (user.is_active and permissions.can_read_thread(user, thread)):
            continue
        language = language_of(user)
        with translation.override(language):
            author = (post.author.member_profile.display_name if post.author
                      else _("former member"))
            texts = {
                NotificationKind.NEW_THREAD: _("%(author)s started “%(thread)s” in %(group)s"),
                NotificationKind.REPLY: _("%(author)s replied in “%(thread)s”"),
                NotificationKind.MENTION: _("%(author)s mentioned you in “%(thread)s”"),
            }
            text = texts[kind] % {"author": author, "thread": thread.title,
                                  "group": titles[language]}
            url = reverse("community:thread", args=[group.pk, thread.pk]) + f"#post-{post.pk}"
        notifications.append(Notification(recipient=user, kind=kind, group=group,
                                          thread=thread, post=post, url=url, text=text[:300]))
    created = Notification.objects.bulk_create(notifications)
    if post.author:
        follow(post.author, thread=thread)
    send_immediately_after_commit(created)
    return created


def notify_membership(membership: Membership) -> None:
    """Tells a member of the moderators' decision, or of an invitation, in their language."""
    group, user = membership.group, membership.user
    language = language_of(user)
    with translation.override(language):
        title = GroupTitles(group)[language]
        url = group.get_url() or "/"
        if membership.state == MembershipState.ACTIVE:
            kind = NotificationKind.MEMBERSHIP
            text = _("You are now a member of %(group)s.") % {"group": title}
            follow(user, group=group)
        elif membership.state == MembershipState.INVITED:

            kind = NotificationKind.INVITATION
            text = _("You are invited to the peer group %(group)s.") % {"group": title}
            url = reverse("community:accept_invitation", args=[invitation_token(membership)])
        else:
            kind = NotificationKind.MEMBERSHIP
            text = (_("Your request to join %(group)s was declined: %(reason)s")
                    % {"group": title, "reason": membership.reason})
    # The invitation has its own e-mail (community.invitations); the others go out now or
    # in the digest.
    notification = Notification.objects.create(
        recipient=user, kind=kind, group=group, text=text[:300], url=url[:300],
        emailed_at=timezone.now() if kind == NotificationKind.INVITATION else None)
    send_immediately_after_commit([notification])


def send_immediately_after_commit(notifications: Iterable[Notification]) -> None:
    ids = [notification.pk for notification in notifications]
    if ids:
        transaction.on_commit(lambda: send_immediate(ids))


def frequency(user: Any) -> str:
    profile = getattr(user, "member_profile", None)
    return profile.email_frequency if profile else EmailFrequency.NEVER


def send_immediate(ids: list[int]) -> int:
    sent = 0
    for notification in Notification.objects.filter(pk__in=ids, emailed_at__isnull=True) \
            .select_related("recipient__member_profile"):
        if frequency(notification.recipient) != EmailFrequency.IMMEDIATELY:
            continue
        send_mail_to(notification.recipient, notification.text, [notification])
        sent += 1
    return sent


def send_mail_to(user: Any, subject: str, notifications: list[Notification],
                 extra: list[DigestLine] = ()) -> None:
    with translation.override(language_of(user)):
        _send_mail_to(user, subject, notifications, list(extra))


def _send_mail_to(user: Any, subject: str, notifications: list[Notification],
                  extra: list[DigestLine]) -> None:
    base = site_urls.base_url()
    by_place: dict[str, list[Notification]] = defaultdict(list)
    for notification in notifications:
        place = notification.group.title if notification.group else ""
        if notification.thread:
            place += f" › {notification.thread.title}"
        by_place[place].append(notification)
    lines = []
    for place, items in by_place.items():
        lines.append(place)
        lines += [f"  - {item.text}\n    {base}{item.url}" for item in items]
        lines.append("")
    if extra:
        lines.append(_("Municipalities like yours"))
        lines += [f"  - {item.text}\n    {base}{item.url}" for item in extra]
        lines.append("")
    link = unsubscribe_url(user)
    lines += ["--", _("No more e-mails from the platform? One click: %(link)s") % {"link": link}]
    message = EmailMessage(subject[:200], "\n".join(lines), to=[user.email], headers={
        "List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
    message.send()
    Notification.objects.filter(pk__in=[item.pk for item in notifications]).update(
        emailed_at=timezone.now())


def send_digests(period: str) -> int:
    """One e-mail per member who chose this period, grouped by group and thread, with
    what has not been e-mailed yet. Running it twice sends nothing the second time."""
    pending = (Notification.objects.filter(
        emailed_at__isnull=True, recipient__is_active=True,
        recipient__member_profile__email_frequency=period)
        .select_related("recipient__member_profile", "group", "thread")
        .order_by("recipient_id", "group_id", "thread_id", "created_at"))
    by_user: dict[int, list[Notification]] = defaultdict(list)
    users: dict[int, Any] = {}
    for notification in pending:
        by_user[notification.recipient_id].append(notification)
        users[notification.recipient_id] = notification.recipient
    extra: dict[int, list[DigestLine]] = {}
    if period == EmailFrequency.WEEKLY:
        recipients = (get_user_model().objects.filter(
            is_active=True, member_profile__email_frequency=period)
            .select_related("member_profile"))
        extra = weekly_digest_lines(recipients)
        wanted = [user_id for user_id in extra if user_id not in users]
        users.update({user.pk: user for user in recipients.filter(pk__in=wanted)})
    for user_id, user in users.items():
        items, lines = by_user.get(user_id, []), extra.get(user_id, [])
        if not (items or lines):
            continue
        with translation.override(language_of(user)):
            count = len(items) + len(lines)
            subject = (_("Your daily digest: %(count)s news") if period == EmailFrequency.DAILY
                       else _("Your weekly digest: %(count)s news")) % {"count": count}
            send_mail_to(user, subject, items, lines)
    return len([user_id for user_id in users if by_user.get(user_id) or extra.get(user_id)])
