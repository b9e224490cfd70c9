"""Expressions of interest: a municipality asks for an initial consultation, a place in
a peer-learning series, or to be kept informed; the office works through them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from community.models import FederalState
from home.links import new_token


class InterestKind(models.TextChoices):
    CONSULTATION = "consultation", _("An initial consultation")
    PEER_LEARNING = "peer-learning", _("A place in a peer-learning series")
    KEEP_INFORMED = "keep-informed", _("To be kept informed about the programme")


class StartingSituation(models.TextChoices):
    """Where a municipality stands on its way to becoming a smart city."""

    FIRST_STEPS = "first-steps", _("We are taking our first steps")
    STRATEGY_IN_PROGRESS = "strategy", _("We are working on a strategy")
    STRATEGY_ADOPTED = "adopted", _("We have adopted a strategy")
    IMPLEMENTING = "implementing", _("We are implementing projects")


class PreferredFormat(models.TextChoices):
    VIRTUAL = "virtual", _("Virtual")
    ON_SITE = "on-site", _("On site")
    EITHER = "either", _("Either")


class InterestStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    SCHEDULED = "scheduled", _("Scheduled")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


# The way a request moves; editors may also step back one state to correct a mistake.
STATUS_FLOW: dict[str, tuple[str, ...]] = {
    InterestStatus.NEW: (InterestStatus.CONTACTED, InterestStatus.SCHEDULED,
                         InterestStatus.DECLINED),
    InterestStatus.CONTACTED: (InterestStatus.NEW, InterestStatus.SCHEDULED,
                               InterestStatus.DONE, InterestStatus.DECLINED),
    InterestStatus.SCHEDULED: (InterestStatus.CONTACTED, InterestStatus.DONE,
                               InterestStatus.DECLINED),
    InterestStatus.DONE: (InterestStatus.SCHEDULED,),
    InterestStatus.DECLINED: (InterestStatus.CONTACTED,),
}


class ExpressionOfInterest(ClusterableModel):
    kind = models.CharField(_("request"), max_length=20, choices=InterestKind.choices)
    municipality = models.ForeignKey(
        "community.Municipality", verbose_name=_("municipality"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="expressions_of_interest",
    )
    new_municipality_name = models.CharField(
        _("municipality not in the list"), max_length=200, blank=True,
    )
    federal_state = models.CharField(_("federal state"), max_length=2,
                                     choices=FederalState.choices)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    topics = ParentalManyToManyField("repository.Topic", verbose_name=_("topics of interest"),
                                     blank=True, related_name="+")
    starting_situation = models.CharField(_("starting situation"), max_length=20,
                                          choices=StartingSituation.choices)
    situation_details = models.TextField(_("about your situation"), max_length=2000,
                                         blank=True)
    preferred_format = models.CharField(_("preferred format"), max_length=10,
                                        choices=PreferredFormat.choices,
                                        default=PreferredFormat.EITHER)
    preferred_dates = models.CharField(_("preferred dates"), max_length=300, blank=True)
    consent_text = models.TextField(_("consent given"), editable=False)
    consented_at = models.DateTimeField(_("consent given on"), editable=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+")

    status = models.CharField(_("status"), max_length=10, choices=InterestStatus.choices,
                              default=InterestStatus.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="assigned_interests",
    )
    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("consultation event"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="expressions_of_interest",
    )
    # The secret of the requester's status page.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._loaded_status = self.status if self.pk else None

    def __str__(self) -> str:
        return f"{self.municipality_label} – {self.get_kind_display()}"

    @property
    def municipality_label(self) -> str:
        return self.municipality.name if self.municipality_id else self.new_municipality_name

    def status_changed(self) -> bool:
        """Whether the status differs from the one loaded from the database."""
        return self._loaded_status is not None and self._loaded_status != self.status


class InterestNote(models.Model):
    """The office's working notes on a request; the requester never sees them."""

    interest = ParentalKey(ExpressionOfInterest, on_delete=models.CASCADE,
                           related_name="notes")
    text = models.TextField(_("note"), max_length=2000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("written by"),
                               null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", editable=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]
