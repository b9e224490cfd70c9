"""Accounts on Django's own auth: e-mail confirmation with signed links, and the data
export and anonymising deletion that members are owed."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import Report
from home import signed_links, site_urls
from home.limits import exceeded
from home.signed_links import LinkError

CONFIRMATION_SALT = "community.confirm-email"
CONFIRMATION_MAX_AGE = 3 * 24 * 3600


INVITATION_SALT = "community.invitation"
INVITATION_MAX_AGE = 14 * 24 * 3600


def invitation_token(membership: Any) -> str:
    """The link into a peer group for the invited address (community.invitations)."""
    return signed_links.sign({"membership": membership.pk, "email": membership.invited_email},
                             salt=INVITATION_SALT)


def confirmation_token(user: AbstractUser) -> str:
    return signed_links.sign({"user": user.pk, "email": user.email}, salt=CONFIRMATION_SALT)


def account_links() -> list[tuple[str, str]]:
    """Where a person goes on from a link that cannot be used: sign in or sign up."""
    return [(_("Sign in"), reverse("community:login")),
            (_("Sign up"), reverse("community:signup"))]


def confirm_email(token: str) -> AbstractUser:
    """Activate the account the link was made for, once."""
    data = signed_links.read(
        token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE,
        expired=_("This confirmation link has expired. Please sign up again."),
        invalid=_("This confirmation link is not valid."))
    user = get_user_model().objects.filter(pk=data.get("user"), email=data.get("email")).first()
    if user is None:
        raise LinkError(_("This confirmation link is not valid."))
    profile = getattr(user, "member_profile", None)
    if user.is_active or (profile and profile.email_confirmed_at):
        raise LinkError(_("This link has already been used: your e-mail address is "
                          "confirmed. Please sign in."))
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        if profile is not None:
            profile.email_confirmed_at = timezone.now()
            profile.save(update_fields=["email_confirmed_at"])
    return user


EXPORT_README = {
    "account.email": "The e-mail address you sign in with.",
    "account.date_joined": "When you signed up (UTC).",
    "account.last_login": "When you last signed in (UTC).",
    "profile.*": "Your member profile as you filled it in, with who may see your "
                 "e-mail address and phone number.",
    "memberships": "Your peer groups: state (member, requested, declined, left, removed, "
                   "invited), role and dates.",
    "threads": "Threads you started: group, title and when.",
    "posts": "Everything you wrote, with its thread, earlier versions, whether a "
             "moderator hid it, and the names of the files you attached (download them "
             "from the thread).",
    "follows": "Groups and threads you follow for notifications.",
    "reports": "Posts you reported to the moderators, with your reason and the outcome.",
    "api_tokens": "Your personal API tokens: name, first characters, when created, last "
                  "used and revoked (the secret itself is never stored).",
}


def export_member_data(user: AbstractUser) -> str:
    """Everything the platform holds about a member, as JSON with a README of the fields."""
    profile = getattr(user, "member_profile", None)
    data: dict[str, Any] = {
        "README": EXPORT_README,
        "account": {"email": user.email, "date_joined": user.date_joined,
                    "last_login": user.last_login},
        "profile": None,
        "memberships": [
            {"group": membership.group.title, "state": membership.state,
             "role": membership.role, "since": membership.created_at,
             "decided_at": membership.decided_at, "reason": membership.reason}
            for membership in user.memberships.select_related("group")
        ],
        "threads": [
            {"id": thread.pk, "group": thread.group.title, "title": thread.title,
             "created_at": thread.created_at}
            for thread in user.threads.select_related("group").order_by("pk")
        ],
        "posts": [
            {"id": post.pk, "thread": post.thread.title, "group": post.thread.group.title,
             "text": post.body, "created_at": post.created_at, "edited_at": post.edited_at,
             "hidden_by_moderator": post.is_hidden and post.moderation_note != "deleted-by-author",
             "earlier_versions": [{"text": revision.body, "written_at": revision.written_at}
                                  for revision in post.revisions.all()],
             "attachments": [{"name": attachment.name, "type": attachment.content_type,
                              "size": attachment.size} for attachment in post.attachments.all()]}
            for post in user.posts.select_related("thread__group")
            .prefetch_related("revisions", "attachments").order_by("pk")
        ],
        "follows": [
            {"group": follow.group.title if follow.group else None,
             "thread": follow.thread.title if follow.thread else None,
             "since": follow.created_at}
            for follow in user.follows.select_related("group", "thread").order_by("pk")
        ],
        "reports": [
            {"post": report.post_id, "reason": report.reason, "status": report.status,
             "reported_at": report.created_at}
            for report in Report.objects.filter(reporter=user).order_by("pk")
        ],
        "api_tokens": [
            {"name": token.name, "starts_with": token.hint, "created_at": token.created_at,
             "last_used_at": token.last_used_at, "revoked_at": token.revoked_at}
            for token in user.personal_tokens.order_by("pk")
        ],
    }
    if profile is not None:
        data["profile"] = {
            "name": profile.display_name, "organisation_kind": profile.organisation_kind,
            "municipality": profile.municipality.name if profile.municipality else None,
            "municipality_ags": profile.municipality.ags if profile.municipality else None,
            "organisation": profile.organisation, "role": profile.role,
            "expertise": sorted(profile.expertise.names()), "about": profile.bio,
            "phone": profile.phone, "email_visible_to": profile.email_visibility,
            "phone_visible_to": profile.phone_visibility,
            "email_confirmed_at": profile.email_confirmed_at,
            "email_frequency": profile.email_frequency, "language": profile.language,
        }
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def delete_member(user: AbstractUser) -> None:
    """Remove what identifies the member; what they wrote stays, signed "former member"
    (the user row remains so that threads keep their replies)."""
    with transaction.atomic():
        if hasattr(user, "member_profile"):
            user.member_profile.delete()
        user.memberships.all().delete()
        user.groups.clear()
        user.username = f"former-member-{user.pk}"
        user.email = ""
        user.first_name = user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()


# E-mails from the sign-up and reset forms to one address per hour (home.limits): a form
# cannot be used to flood an inbox.
SIGNUP_MAILS_PER_ADDRESS_AND_HOUR = 3


def mail_sign_up(request: HttpRequest, user: Any, name: str, *, known: bool) -> None:
    """The confirmation link for a new (or never confirmed) account; for a known one, a
    note to its owner that someone tried; at most SIGNUP_MAILS_PER_ADDRESS_AND_HOUR."""
    if exceeded("community:signup-mail", f"{SIGNUP_MAILS_PER_ADDRESS_AND_HOUR}/h",
                by=user.email):
        return
    if known and user.is_active:
        link = site_urls.absolute_url(reverse("community:password_reset"), request)
        send_mail(
            _("Someone tried to sign up with your e-mail address"),
            _("Hello,\n\nsomeone, probably you, tried to sign up for the Smart Cities "
              "knowledge platform with this e-mail address. It has an account already: "
              "sign in, or set a new password here:\n\n%(link)s\n\nIf it was not you, "
              "ignore this message; nothing has changed.") % {"link": link},
            None, [user.email])
        return
    # New, or signed up before and never confirmed: the confirmation link (again).
    link = site_urls.absolute_url(
        reverse("community:confirm", args=[confirmation_token(user)]), request)
    send_mail(
        _("Please confirm your e-mail address"),
        _("Hello %(name)s,\n\nplease confirm your e-mail address for the Smart Cities "
          "knowledge platform by opening this link within three days:\n\n%(link)s\n\n"
          "If you did not sign up, ignore this message.")
        % {"name": name, "link": link},
        None, [user.email])
