"""Registrations for events: members in one click, guests after confirming their
e-mail address; confirmed places up to the capacity, then a waiting list in order of
arrival. The rules live in :mod:`events.registrations.service`; this is the ledger."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.links import new_token


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting e-mail confirmation")
    CONFIRMED = "confirmed", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


# The states in which a registration holds (or waits for) a place.
ACTIVE_STATES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED,
                 RegistrationStatus.WAITLISTED)


class Registration(models.Model):
    event = models.ForeignKey("events.EventPage", verbose_name=_("event"),
                              on_delete=models.CASCADE, related_name="registrations")
    series = models.ForeignKey(
        "events.EventSeriesPage", verbose_name=_("registered through the series"),
        null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations",
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"), null=True,
                             blank=True, on_delete=models.SET_NULL,
                             related_name="event_registrations")
    name = models.CharField(_("name"), max_length=200)
    # Stored in lower case, so that one address registers once.
    email = models.EmailField(_("e-mail address"))
    municipality = models.ForeignKey(
        "community.Municipality", verbose_name=_("municipality"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="event_registrations",
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True,
        help_text=_("For people whose municipality is not in the list, or who do not "
                    "work for a municipality."),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.PENDING)
    # The secret of the cancellation link; a forged link matches no registration.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    # The waiting list's order: when the registration joined it.
    waitlisted_at = models.DateTimeField(_("on the waiting list since"), null=True,
                                         blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True,
                                       blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"], condition=~Q(status="cancelled"),
                name="events_one_active_registration_per_address",
                violation_error_message=_("This address is registered for the event already."),
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATES


class EventAnnouncement(models.Model):
    """What participants of an event were last told: its date, mode, place, joining link
    and whether it was cancelled, and the iCalendar SEQUENCE of that message.

    Kept beside the page rather than on it, because a page's revisions carry its fields:
    publishing an older revision would bring back what was announced then, so the same
    change would be announced twice and the SEQUENCE would go backwards (calendar
    clients ignore an update whose SEQUENCE is not higher). One row per event, shared by
    its language versions (they share the UID); the sequence only ever grows."""

    translation_key = models.UUIDField(unique=True, editable=False)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    mode = models.CharField(_("mode"), max_length=10, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    joining_link = models.URLField(_("joining link"), max_length=500, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    announced_at = models.DateTimeField(_("announced"), auto_now=True)

    class Meta:
        verbose_name = _("announcement of an event")
        verbose_name_plural = _("announcements of events")

    def __str__(self) -> str:
        return f"{self.translation_key} #{self.sequence}"

    @classmethod
    def remember_sequences(cls, events: Iterable[Any]) -> None:
        """Give each event its calendar SEQUENCE in one query (a feed of many events)."""
        events = [e for e in events if "_calendar_sequence" not in e.__dict__]
        found = dict(cls.objects.filter(translation_key__in={e.translation_key for e in events})
                     .values_list("translation_key", "sequence"))
        for event in events:
            event._calendar_sequence = found.get(event.translation_key, 0)

    @classmethod
    def raise_sequence(cls, event: Any) -> int:
        """One step up for a message that replaces what a calendar holds although the
        event stayed as it was (one attendee's cancellation), recorded, so that a later
        invitation never ranks below it."""
        row, _created = cls.objects.select_for_update().get_or_create(
            translation_key=event.translation_key,
            defaults={"start": event.start, "end": event.end, "mode": event.mode,
                      "place": event.place, "joining_link": event.joining_link,
                      "cancelled": event.is_cancelled})
        row.sequence += 1
        row.save(update_fields=["sequence", "announced_at"])
        event.calendar_sequence = row.sequence
        return row.sequence
