"""The reuse ledger: which municipalities adopted a solution, and how far they are.

Editors enter adoptions (source "office"); a municipality's member reports its own
(source "municipality"), which stays pending until an editor or the solution's project
team confirms it. Only confirmed entries are public: every public reader asks
``Adoption.objects.public()``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class AdoptionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    IN_OPERATION = "in_operation", _("In operation")
    DROPPED = "dropped", _("Dropped")


class AdoptionSource(models.TextChoices):
    """Who said that the municipality adopted the solution."""

    OFFICE = "office", _("Office")
    MUNICIPALITY = "municipality", _("Municipality")
    PROJECT = "project", _("Model project")


class ReviewState(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class AdoptionQuerySet(models.QuerySet):
    def public(self) -> AdoptionQuerySet:
        """What anyone may see: confirmed entries (reports under review and rejected
        ones stay with the editors and the project team)."""
        return self.filter(review_state=ReviewState.CONFIRMED)

    def pending(self) -> AdoptionQuerySet:
        return self.filter(review_state=ReviewState.PENDING)


class Adoption(models.Model):
    """A municipality that took over a solution: the reuse ledger."""

    solution = models.ForeignKey(
        "repository.SolutionPage", verbose_name=_("solution"), on_delete=models.CASCADE,
        related_name="adoption_records",
    )
    municipality = models.ForeignKey(
        "community.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT,
        related_name="adoptions",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AdoptionStatus.choices,
        default=AdoptionStatus.PLANNED,
    )
    adopted_on = models.DateField(_("since"), null=True, blank=True)
    local_adaptations = models.TextField(_("local adaptations"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=AdoptionSource.choices,
        default=AdoptionSource.OFFICE,
    )
    reason = models.TextField(
        _("why"), blank=True, max_length=1000,
        help_text=_("Why the municipality decided as it did, in its own words."),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="adoption_reports",
    )
    review_state = models.CharField(
        _("review"), max_length=10, choices=ReviewState.choices,
        default=ReviewState.CONFIRMED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # Opt-in: the member who answers other municipalities' questions about this adoption
    # (repository.questions); empty, and the adopter is not asked.
    questions_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answers questions"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="adoptions_answered",
        help_text=_("A member of the municipality who answers questions about its use of "
                    "the solution. Leave empty if the municipality does not want to be "
                    "asked."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AdoptionQuerySet.as_manager()

    panels = [
        FieldPanel("solution"),
        FieldPanel("municipality"),
        FieldPanel("status"),
        FieldPanel("adopted_on"),
        FieldPanel("local_adaptations"),
        FieldPanel("contact_name"),
        FieldPanel("contact_email"),
        FieldPanel("source"),
        FieldPanel("reason"),
        FieldPanel("questions_contact"),
    ]

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["-adopted_on", "municipality__name"]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["review_state"])]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.solution}"

    # Columns of the ledger's spreadsheet export, for the office's evaluation.
    def federal_state(self) -> str:
        return self.municipality.get_federal_state_display()

    federal_state.short_description = _("federal state")

    def size_class(self) -> str:
        return str(self.municipality.get_size_class_display())

    size_class.short_description = _("size class")

    def topic_names(self) -> str:
        return ", ".join(topic.name for topic in self.solution.localized_topics())

    topic_names.short_description = _("topics")

    def clean(self) -> None:
        super().clean()
        if not (self.solution_id and self.municipality_id):
            return
        if self.solution.model_project.municipality_id == self.municipality_id:
            raise ValidationError({"municipality": _(
                "This is the municipality that developed the solution; record adoptions by "
                "other municipalities."
            )})
        same = Adoption.objects.filter(
            solution__translation_key=self.solution.translation_key,
            municipality_id=self.municipality_id,
        ).exclude(pk=self.pk).exclude(review_state=ReviewState.REJECTED)
        if same.exists():
            raise ValidationError({"municipality": _(
                "This municipality's adoption of this solution is recorded already."
            )})
