"""What the moderators do with a reported post, from the admin's moderation queue.

Each action works on the post and all its open reports at once (a post reported by
five members is one decision), runs in one transaction and is written to Wagtail's log
against the post, so that the office can see later who did what and why."""

from __future__ import annotations

from typing import Any

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, Min, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from community.discussions import author_name, thread_url
from community.models import Post, Report, ReportStatus
from community.notifications import language_of
from home import site_urls

# action name → (log action, its label in the log)
LOG_ACTIONS = {
    "dismiss": ("community.report.dismiss", gettext_lazy("Dismiss the reports of a post")),
    "hide": ("community.report.hide", gettext_lazy("Hide a reported post")),
    "lock": ("community.report.lock", gettext_lazy("Lock the thread of a reported post")),
    "warn": ("community.report.warn", gettext_lazy("Warn the author of a reported post")),
    "note": ("community.report.note", gettext_lazy("Note on a reported post")),
}


class ModerationRefused(ValueError):
    """The action cannot be taken as asked; the message says why, for the moderator."""


def may_moderate_reports(user: Any) -> bool:
    return bool(user.is_active and user.has_perm("community.change_report"))


def moderator_name(user: Any) -> str:
    """How a moderator signs a note or a decision: the name they go by on the site, else
    their admin name, else their login (editors of the office need no member profile)."""
    profile = getattr(user, "member_profile", None)
    return (profile.display_name if profile else "") or user.get_full_name() \
        or user.get_username()


def reported_posts() -> QuerySet[Post]:
    """Posts with open reports, the longest-waiting first."""
    return (Post.objects.filter(reports__status=ReportStatus.OPEN)
            .annotate(first_reported=Min("reports__created_at"),
                      open_reports=Count("reports"))
            .order_by("first_reported", "pk"))


def open_report_count(user: Any) -> int:
    """What the menu badge and the dashboard panel count: posts awaiting a decision."""
    return reported_posts().count() if may_moderate_reports(user) else 0


def earlier_reports_by_author(posts: list[Post]) -> dict[int, int]:
    """Per author: how often their *other* posts were reported (one query)."""
    authors = {post.author_id for post in posts if post.author_id}
    counts: dict[int, int] = {}
    rows = (Report.objects.filter(post__author_id__in=authors)
            .values_list("post__author_id", "post_id").annotate(total=Count("pk")))
    shown = {post.pk for post in posts}
    for author_id, post_id, total in rows:
        if post_id not in shown:
            counts[author_id] = counts.get(author_id, 0) + total
    return counts


def act(post: Post, action: str, *, by: Any, note: str = "", message: str = "") -> str:
    """Take ``action`` on ``post`` and its open reports; returns what the moderator is
    told. Raises :class:`ModerationRefused` for input that cannot be acted on."""
    note, message = note.strip(), message.strip()
    if action not in LOG_ACTIONS:
        raise ModerationRefused(_("Unknown moderation action."))
    if action == "note" and not note:
        raise ModerationRefused(_("Please write the note."))
    if action == "warn":
        if not message:
            raise ModerationRefused(_("Please write the warning the author receives."))
        if post.author is None or not post.author.is_active or not post.author.email:
            raise ModerationRefused(_("The author has no account any more; "
                                      "there is nobody to warn."))
    now = timezone.now()
    with transaction.atomic():
        open_reports = post.reports.filter(status=ReportStatus.OPEN)
        if action in ("dismiss", "hide"):
            status = ReportStatus.HIDDEN if action == "hide" else ReportStatus.DISMISSED
            if action == "hide":
                post.is_hidden = True
                post.moderation_note = (note or post.moderation_note)[:300]
                post.save()
            open_reports.update(status=status, resolved_at=now, resolved_by=by)
        elif action == "lock":
            post.thread.is_locked = True
            post.thread.save(update_fields=["is_locked"])
        elif action == "warn":
            _send_warning(post, message)
            open_reports.update(author_warned_at=now)
        if note:
            append_note(post.reports.all(), note, by=by, when=now)
        log(instance=post, action=LOG_ACTIONS[action][0], user=by,
            data={"note": note, "message": message})
    return {
        "dismiss": _("The reports are dismissed; the post stays visible."),
        "hide": _("The post is hidden."),
        "lock": _("The thread is locked."),
        "warn": _("The author is warned by e-mail."),
        "note": _("The note is saved."),
    }[action]


def append_note(reports: QuerySet, note: str, *, by: Any, when: Any) -> None:
    """Notes add up on an item's reports (the latest ones, resolved or not), each signed
    and dated: a note records, it does not replace. ``reports``: one item's reports
    (community.models.ReportRecord), of a post or of another plugin's item."""
    latest = reports.order_by("-created_at").values_list("resolved_at", flat=True).first()
    # In the office's time zone (Europe/Berlin), as every time the admin shows.
    line = f"{timezone.localtime(when):%d.%m.%Y %H:%M} {moderator_name(by)}: {note}"
    for report in reports.filter(resolved_at=latest):
        report.moderator_note = (f"{report.moderator_note}\n{line}".strip())[-2000:]
        report.save(update_fields=["moderator_note"])


def _send_warning(post: Post, message: str) -> None:
    """The moderators' words, with the post they are about, in the author's language."""
    author = post.author
    with translation.override(language_of(author)):
        subject = _("A note from the moderators about your post")
        body = "\n\n".join([
            _("Hello %(name)s,") % {"name": author_name(author)},
            message,
            _("Your post in “%(thread)s”:") % {"thread": post.thread.title},
            post.body[:1000],
            site_urls.absolute_url(thread_url(post.thread)),
        ])
    EmailMessage(subject, body, to=[author.email]).send()


def register_log_actions(actions: Any) -> None:
    for name, label in LOG_ACTIONS.values():
        actions.register_action(name, label, label)
