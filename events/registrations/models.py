"""Registrations for events: members in one click, guests after confirming their
e-mail address; confirmed places up to the capacity, then a waiting list in order of
arrival. The rules live in :mod:`events.registrations.service`; this is the ledger."""

from __future__ import annotations

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
