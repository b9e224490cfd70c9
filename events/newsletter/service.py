"""The newsletter's rules: double opt-in, changes only from the subscriber's inbox, and
one-click unsubscribe.

A sign-up never changes a subscription that exists: the topics, formats, name and
language that were asked for travel inside the signed confirmation link and are applied
only when it is opened. So nobody can subscribe, or change the choices of, an address
whose inbox they cannot read, and the answer to a sign-up never tells whether an
address is subscribed already.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import EventFormat, NewsletterSubscription
from events.registrations.emails import absolute
from home import signed_links
from home.limits import exceeded
from home.signed_links import LinkError
from repository.models import Topic

CONFIRM_SALT = "events.newsletter.confirm"
CONFIRM_MAX_AGE = 3 * 24 * 3600
# Opt-in e-mails to one address per hour: enough to retry, too few to flood an inbox
# through the public form.
OPT_IN_MAILS_PER_HOUR = 3


@dataclass(frozen=True)
class NewsletterChoices:
    """What a sign-up asks for; applied when the address is confirmed."""

    email: str
    name: str = ""
    topic_ids: tuple[int, ...] = ()
    formats: tuple[str, ...] = ()
    language: str = settings.LANGUAGE_CODE


def _language(code: str) -> str:
    known = {language for language, _name in settings.LANGUAGES}
    code = (code or "").split("-")[0].lower()
    return code if code in known else settings.LANGUAGE_CODE


def request_subscription(choices: NewsletterChoices) -> None:
    """Handle a sign-up: write the confirmation e-mail (in the reader's language) to the
    address. A new address is recorded as waiting for confirmation; an address that is
    known stays exactly as it is until its owner opens the link."""
    email = choices.email.strip().lower()
    language = _language(choices.language)
    formats = tuple(value for value in choices.formats if value in EventFormat.values)
    choices = NewsletterChoices(email=email, name=choices.name.strip()[:200],
                                topic_ids=tuple(sorted(set(choices.topic_ids))),
                                formats=formats, language=language)
    try:
        with transaction.atomic():
            subscription, created = NewsletterSubscription.objects.get_or_create(
                email=email, defaults={"name": choices.name, "formats": list(formats),
                                       "language": language})
            if created:
                subscription.topics.set(Topic.objects.filter(pk__in=choices.topic_ids))
    except IntegrityError:
        # Two sign-ups for the same new address at once: the other one created it.
        subscription = NewsletterSubscription.objects.get(email=email)
    if not _may_send_opt_in(email):
        return
    transaction.on_commit(lambda: send_opt_in(subscription, choices))


def _may_send_opt_in(email: str) -> bool:
    return not exceeded("events:newsletter-opt-in", f"{OPT_IN_MAILS_PER_HOUR}/h", by=email)


def confirmation_token(subscription: NewsletterSubscription, choices: NewsletterChoices) -> str:
    return signed_links.sign({
        "s": subscription.pk, "e": subscription.email, "n": choices.name,
        "t": list(choices.topic_ids), "f": list(choices.formats), "l": choices.language,
        # When the link was made: a link from before an unsubscription cannot undo it.
        "at": round(time.time(), 6),
    }, salt=CONFIRM_SALT, compress=True)


def confirmation_url(subscription: NewsletterSubscription, choices: NewsletterChoices) -> str:
    with translation.override(choices.language):
        return absolute(reverse("events:newsletter_confirm",
                                args=[confirmation_token(subscription, choices)]))


def unsubscribe_url(subscription: NewsletterSubscription) -> str:
    with translation.override(subscription.language):
        return absolute(reverse("events:newsletter_unsubscribe", args=[subscription.token]))


def send_opt_in(subscription: NewsletterSubscription, choices: NewsletterChoices) -> None:
    """The double opt-in e-mail. To a subscriber it asks to confirm the changed choices
    instead: only its owner can change a subscription."""
    subscribed = subscription.is_subscribed
    with translation.override(choices.language):
        subject = (_("Please confirm the changes to your newsletter subscription")
                   if subscribed else _("Please confirm your newsletter subscription"))
        body = render_to_string("events/emails/newsletter_opt_in.txt", {
            "name": choices.name, "link": confirmation_url(subscription, choices),
            "subscribed": subscribed, "base_url": absolute(""),
        })
    EmailMessage(subject, body.strip() + "\n", to=[subscription.email]).send()


def confirm(token: str) -> NewsletterSubscription:
    """Open a confirmation link: the subscription counts from now on, with the choices
    that the link carries. Raises :class:`home.signed_links.LinkError` with the reason."""
    data = signed_links.read(
        token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE,
        expired=_("This confirmation link has expired: it is valid for three days. Please "
                  "sign up again."),
        invalid=_("This confirmation link is not valid. Please use the link from your most "
                  "recent e-mail."))
    now = timezone.now()
    with transaction.atomic():
        subscription = (NewsletterSubscription.objects.select_for_update()
                        .filter(pk=data.get("s"), email=data.get("e")).first())
        if subscription is None:
            raise LinkError(_("This confirmation link is not valid. Please sign up again."))
        unsubscribed = subscription.unsubscribed_at
        if unsubscribed is not None and unsubscribed.timestamp() >= data.get("at", 0):
            raise LinkError(_("You unsubscribed after this link was sent. To receive the "
                              "newsletter again, please sign up again."))
        subscription.name = str(data.get("n") or "")[:200]
        subscription.formats = [value for value in data.get("f") or []
                                if value in EventFormat.values]
        subscription.language = _language(str(data.get("l") or ""))
        if not subscription.is_subscribed:
            subscription.confirmed_at = now
        subscription.unsubscribed_at = None
        subscription.save(update_fields=["name", "formats", "language", "confirmed_at",
                                         "unsubscribed_at"])
        subscription.topics.set(Topic.objects.filter(pk__in=data.get("t") or []))
    return subscription


def subscription_for_token(token: str) -> NewsletterSubscription:
    subscription = NewsletterSubscription.objects.filter(token=token).first()
    if subscription is None:
        raise LinkError(_("This unsubscribe link is not valid. Please use the link from "
                          "your most recent newsletter."), status=404)
    return subscription


def unsubscribe(subscription: NewsletterSubscription) -> NewsletterSubscription:
    """Stop the newsletter for this address at once; safe to repeat. The record stays,
    marked, so that the address is not written to again."""
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
    return subscription


def newsletter_headers(subscription: NewsletterSubscription) -> dict[str, str]:
    """Headers for every newsletter the office sends to this subscriber: mail clients
    show an "unsubscribe" button that unsubscribes with one POST (RFC 8058). Mail
    providers honour one-click only for an https address, which the production base
    URL (``WAGTAILADMIN_BASE_URL``) is."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def subscribers() -> QuerySet[NewsletterSubscription]:
    """Confirmed subscriptions that have not been cancelled: the list the office sends to."""
    return (NewsletterSubscription.objects
            .filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)
            .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("slug")))
            .order_by("email"))


def export_rows() -> list[dict[str, Any]]:
    """The confirmed list as the office exports it: one row per subscriber, topics as
    their slugs (the same in every language), formats as their codes."""
    return [{
        "email": subscription.email,
        "name": subscription.name,
        "language": subscription.language,
        "topics": [topic.slug for topic in subscription.topics.all()],
        "formats": [value for value in subscription.formats if value in EventFormat.values],
        "confirmed": subscription.confirmed_at,
    } for subscription in subscribers()]
