"""Expressions of interest: taking a request, moving it through the office's states, and
turning it into a consultation event.

This module is the one place that decides what the requester is told. The site form, the
JSON API and the admin all go through it, so that one status change sends one e-mail,
whichever way it was made:

- :func:`submit` stores a request with the consent wording the requester saw and sends
  the confirmation;
- :func:`change_status` moves a request along :data:`STATUS_FLOW` (the service's way);
- :func:`announce_status_change` is called by the admin's edit view after it saved a
  status chosen in the form (the admin's way, see ``events.wagtail_hooks``);
- :func:`events.interest.consultations.create_consultation_event` turns a request into a
  draft consultation event.

E-mails go out after the transaction commits: a request that is rolled back tells nobody.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.models import Locale, ModelLogEntry

from events import ical
from events.models import (
    STATUS_FLOW,
    EventPage,
    ExpressionOfInterest,
    InterestStatus,
)
from events.registrations.emails import in_language
from home import site_urls
from home.limits import exceeded
from repository.models import Topic
from repository.models.base import in_locale

# Shown beside the checkbox and stored, in the requester's language, with the request:
# what the requester agreed to must be provable later, word for word.
CONSENT_TEXT = gettext_lazy(
    "I agree that the coordination and transfer office stores the details in this form "
    "to answer my request, and writes to me about it. I can withdraw my consent at any "
    "time by writing to the office; my request is then deleted.")

# What each state means for the requester, on the status page and in the e-mail.
STATUS_EXPLANATIONS: dict[str, Any] = {
    InterestStatus.NEW: gettext_lazy(
        "We have received your request. Someone from the office will get in touch with "
        "you soon."),
    InterestStatus.CONTACTED: gettext_lazy(
        "We have been in touch with you and are working out the next steps together."),
    InterestStatus.SCHEDULED: gettext_lazy(
        "We are arranging a date with you. Once it is fixed, you will find it on the "
        "status page of your request."),
    InterestStatus.DONE: gettext_lazy(
        "Your request has been dealt with. Thank you for your interest in Start Smart."),
    InterestStatus.DECLINED: gettext_lazy(
        "We cannot offer what you asked for at the moment. The office will have told you "
        "why; you are welcome to send a new request at any time."),
}

SCHEDULED_WITH_DATE = gettext_lazy("Your consultation has been arranged.")


def explanation(status: str, event: ScheduledEvent | None) -> Any:
    """What the state means for the requester, once the date is known as well."""
    if status == InterestStatus.SCHEDULED and event is not None:
        return SCHEDULED_WITH_DATE
    return STATUS_EXPLANATIONS[status]


# The log action that records each status change: the requester's status page shows
# these as the request's history (dates and states only, never who or why).
STATUS_LOG_ACTION = "events.interest.status"

# Dates in requests and e-mails are the office's local time.
BERLIN = ZoneInfo("Europe/Berlin")


class InterestError(Exception):
    """A refused step, with a message for people; ``errors`` names the fields at fault
    when the refusal is about input, ``status`` the HTTP status that fits."""

    def __init__(self, message: str, errors: Mapping[str, list[str]] | None = None,
                 status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.errors: dict[str, list[str]] = dict(errors or {})
        self.status = status


# Each request sends an e-mail to the address given; this many an hour per address keeps
# the form from being used to flood someone's inbox. Counted per address rather than per
# client, so that visitors behind one proxy do not block each other.
REQUESTS_PER_ADDRESS_AND_HOUR = 5
# And this many an hour per client, so one client cannot write to many addresses (a
# municipality's offices behind one proxy still have room).
REQUESTS_PER_CLIENT_AND_HOUR = 20


def _within_limit(email: str) -> bool:
    return not exceeded("events:interest", f"{REQUESTS_PER_ADDRESS_AND_HOUR}/h", by=email)


# -- taking a request ------------------------------------------------------------------


def request_language(language: str | None) -> str:
    """A language the site speaks, for the requester's e-mails and status page."""
    code = (language or "").split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def canonical_topics(topics: Iterable[Topic]) -> list[Topic]:
    """The default language's version of each topic: requests are counted per topic, and
    an English reader's choice must count for the same topic as a German one's."""
    return in_locale(list(topics), Locale.get_default().pk)


REQUEST_FIELDS = ("kind", "contact_name", "contact_role", "email", "phone",
                  "starting_situation", "situation_details", "preferred_format",
                  "preferred_dates")


def submit(data: Mapping[str, Any], language: str, user: Any = None,
           request: HttpRequest | None = None) -> ExpressionOfInterest:
    """Store a request and send the requester the confirmation with the status link.

    ``data`` holds cleaned values (as :class:`events.interest.forms.ExpressionOfInterestForm`
    gives them): a ``municipality`` from the list, or a ``new_municipality_name`` with a
    ``federal_state``; ``topics`` as Topic objects; ``consent`` must be true.
    """
    language = request_language(language)
    errors: dict[str, list[str]] = {}
    if data.get("consent") is not True:
        errors["consent"] = [_("Please agree to how we use your details: without that, "
                               "we cannot take your request.")]
    municipality = data.get("municipality")
    new_name = (data.get("new_municipality_name") or "").strip()
    federal_state = data.get("federal_state") or ""
    if municipality is not None:
        # The list knows the state; a differing choice in the form would only mislead
        # the office's overview.
        federal_state, new_name = municipality.federal_state, ""
    else:
        if not new_name:
            errors["new_municipality_name"] = [_(
                "Choose your municipality from the list, or enter its name here.")]
        if not federal_state:
            errors["federal_state"] = [_(
                "Choose the federal state of a municipality that is not in the list.")]
    if errors:
        raise InterestError(_("The request could not be sent."), errors)

    with translation.override(language):
        consent_text = str(CONSENT_TEXT)
    values = {name: data[name] for name in REQUEST_FIELDS if data.get(name) is not None}
    values = {name: value.strip() if isinstance(value, str) else value
              for name, value in values.items()}
    is_member = user is not None and getattr(user, "is_authenticated", False)
    interest = ExpressionOfInterest(
        municipality=municipality, new_municipality_name=new_name,
        federal_state=federal_state, consent_text=consent_text,
        consented_at=timezone.now(), language=language, user=user if is_member else None,
        **values)
    try:
        interest.full_clean(exclude=["topics", "token"])
    except ValidationError as error:
        raise InterestError(_("The request could not be sent."), {
            field: [str(message) for message in messages]
            for field, messages in error.message_dict.items()}) from error
    if request is not None and exceeded(
            "events:interest-client", f"{REQUESTS_PER_CLIENT_AND_HOUR}/h", request=request):
        raise InterestError(_("We have received many requests from your connection in the "
                              "last hour. Please wait a while before sending another."),
                            status=429)
    if not _within_limit(interest.email):
        raise InterestError(_("We have received several requests from this e-mail address "
                              "in the last hour. Please wait a while before sending "
                              "another."), status=429)
    # modelcluster holds the topics on the unsaved instance and writes them with it.
    interest.topics.set(canonical_topics(data.get("topics") or []))
    with transaction.atomic():
        interest.save()
        transaction.on_commit(lambda: send_confirmation(interest.pk))
    return interest


# -- moving a request along ------------------------------------------------------------


def allowed_statuses(current: str) -> tuple[str, ...]:
    return tuple(STATUS_FLOW.get(current, ()))


def check_transition(current: str, new: str) -> None:
    """Refuse a step that :data:`STATUS_FLOW` does not allow, saying which ones it does."""
    if new not in InterestStatus.values:
        raise InterestError(_("There is no status “%(status)s”.") % {"status": new})
    if new == current or new in allowed_statuses(current):
        return
    labels = ", ".join(str(InterestStatus(status).label) for status in allowed_statuses(current))
    raise InterestError(_(
        "A request that is “%(current)s” cannot become “%(new)s”. It can become: "
        "%(allowed)s.") % {"current": InterestStatus(current).label,
                           "new": InterestStatus(new).label, "allowed": labels})


def change_status(interest: ExpressionOfInterest, new_status: str, by: Any) -> ExpressionOfInterest:
    """Move a request to ``new_status`` and tell the requester once the change is saved.

    The row is locked while it changes, so that two editors acting at once cannot both
    move it (and send two e-mails); asking for the state it is in already changes and
    sends nothing.
    """
    with transaction.atomic():
        locked = ExpressionOfInterest.objects.select_for_update().get(pk=interest.pk)
        previous = locked.status
        check_transition(previous, new_status)
        if new_status != previous:
            locked.status = new_status
            locked.status_changed_at = timezone.now()
            locked.save(update_fields=["status", "status_changed_at"])
            announce_status_change(locked, previous, by)
    interest.status, interest.status_changed_at = locked.status, locked.status_changed_at
    interest._loaded_status = locked.status
    return interest


def announce_status_change(interest: ExpressionOfInterest, previous: str, by: Any) -> None:
    """Record a saved status change in the request's history and tell the requester
    after the commit. Callers have saved the new status already."""
    log(instance=interest, action=STATUS_LOG_ACTION, user=by,
        data={"from": previous, "to": interest.status})
    pk, status = interest.pk, interest.status
    transaction.on_commit(lambda: send_status_changed(pk, status))


def status_history(interest: ExpressionOfInterest) -> list[dict[str, Any]]:
    """The request's way so far, for the requester: when it arrived and each state it
    reached, with dates. Who changed it and the office's notes stay in the office."""
    entries = [{"status": InterestStatus.NEW, "label": InterestStatus.NEW.label,
                "at": interest.created_at, "received": True}]
    for entry in (ModelLogEntry.objects.for_instance(interest)
                  .filter(action=STATUS_LOG_ACTION).order_by("timestamp", "pk")):
        status = (entry.data or {}).get("to")
        if status in InterestStatus.values:
            entries.append({"status": status, "label": InterestStatus(status).label,
                            "at": entry.timestamp, "received": False})
    return entries


# -- what the requester is told --------------------------------------------------------


def absolute(path: str) -> str:
    return site_urls.absolute_url(path)


def status_url(interest: ExpressionOfInterest) -> str:
    """The requester's status page, in their language, as a full address."""
    with translation.override(interest.language):
        return absolute(reverse("events:interest_status", args=[interest.token]))


@dataclass(frozen=True)
class ScheduledEvent:
    title: str
    url: str
    start: datetime
    end: datetime


def scheduled_event(interest: ExpressionOfInterest, request: Any = None) -> ScheduledEvent | None:
    """The consultation's date, once the office has published it (a draft's date is only
    a placeholder), in the requester's language where a translation is live."""
    if not interest.event_id:
        return None
    event = EventPage.objects.live().filter(pk=interest.event_id).first()
    if event is None:
        return None
    locale = Locale.objects.filter(language_code=interest.language).first()
    translated = (event.get_translation_or_none(locale) if locale else None)
    if translated is not None and translated.live:
        event = translated.specific
    url = event.get_url(request) or ""
    if request is None:
        url = site_urls.page_url(event) or ""  # for e-mails: a full address
    return ScheduledEvent(title=event.title, url=url,
                          start=timezone.localtime(event.start, BERLIN),
                          end=timezone.localtime(event.end, BERLIN))


def _send(interest: ExpressionOfInterest, subject: str, template: str,
          context: dict[str, Any]) -> None:
    body = render_to_string(template, {"interest": interest, "status_url": status_url(interest),
                                       "base_url": absolute(""), **context})
    EmailMessage(subject[:200], body.strip() + "\n", to=[interest.email]).send()


def topic_names(interest: ExpressionOfInterest, language: str) -> list[str]:
    """The request's topics, named in ``language`` where a translation exists."""
    locale = Locale.objects.filter(language_code=language).first()
    topics = list(interest.topics.all())
    return [topic.name for topic in (in_locale(topics, locale.pk) if locale else topics)]


def send_confirmation(pk: int) -> None:
    interest = ExpressionOfInterest.objects.select_related("municipality").get(pk=pk)
    with translation.override(interest.language):
        _send(interest, _("We have received your request"),
              "events/emails/interest_received.txt",
              {"topics": topic_names(interest, interest.language),
               "explanation": STATUS_EXPLANATIONS[InterestStatus.NEW]})


def send_status_changed(pk: int, status: str) -> None:
    """Tells the requester the state the request reached; ``status`` is the state at the
    time of the change, so two quick changes send two truthful e-mails."""
    interest = ExpressionOfInterest.objects.select_related("municipality").filter(pk=pk).first()
    if interest is None:
        return
    with translation.override(interest.language):
        label = InterestStatus(status).label
        event = scheduled_event(interest)
        _send(interest, _("Your request: %(status)s") % {"status": label},
              "events/emails/interest_status.txt",
              {"status_label": label, "explanation": explanation(status, event),
               "event": event})


def tell_requesters_of_their_consultation(event: EventPage) -> int:
    """When a consultation event made from requests is published, or its date, mode or
    place change, each requester hears of it in their language, with the calendar file
    (an invitation for their address, with the joining link: the consultation is
    theirs). The caller tells once per change (events.registrations.announcements)."""
    sent = 0
    for interest in event.expressions_of_interest.select_related("municipality"):
        with translation.override(interest.language):
            local = in_language(event, interest.language)
            scheduled = scheduled_event(interest)
            if scheduled is None:
                continue
            body = render_to_string("events/emails/interest_consultation.txt", {
                "interest": interest, "event": scheduled, "place": local.place,
                "mode": local.get_mode_display(), "joining_link": local.joining_link,
                "status_url": status_url(interest)})
            message = EmailMessage(
                (_("Your consultation: %(title)s") % {"title": scheduled.title})[:200],
                body.strip() + "\n", to=[interest.email],
                headers={"Reply-To": settings.DEFAULT_FROM_EMAIL})
            message.attach(*ical.attachment(
                [local], filename="termin.ics" if interest.language == "de" else "event.ics",
                method="REQUEST", private=True, attendee=interest.email))
            message.send()
            sent += 1
    return sent
