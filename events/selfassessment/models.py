"""The stages of the maturity path, which the office edits in the admin, and the
self-assessments that signed-in members keep in their account."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.selfassessment.stage_form import MaturityStageForm


class MaturityStage(TranslatableMixin, models.Model):
    """One step on the path from first steps to passing solutions on (P1–P5 as the
    programme's scaling roadmap names them, or the office's own). A municipality stands
    on the highest stage whose threshold its score reaches."""

    code = models.CharField(_("code"), max_length=10,
                            help_text=_("A short name such as P1; the same in every "
                                        "language."))
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("what this stage means"), max_length=1000)
    next_steps = models.TextField(
        _("advice for the next steps"), max_length=2000, blank=True,
        help_text=_("Shown with the result: what a municipality at this stage does next."))
    threshold = models.PositiveSmallIntegerField(
        _("threshold (score from 0 to 100)"), validators=[MaxValueValidator(100)],
        help_text=_("The lowest score that places a municipality on this stage. The "
                    "first stage starts at 0."))
    formats = models.JSONField(
        _("Start Smart formats that fit"), default=list, blank=True,
        help_text=_("Offered as next steps, with the coming events of these formats."))

    base_form_class = MaturityStageForm
    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("next_steps"),
        FieldPanel("threshold"),
        FieldPanel("formats"),
    ]
    translatable_fields = [
        SynchronizedField("code"),
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("next_steps"),
        SynchronizedField("threshold"),
        SynchronizedField("formats"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("maturity stage")
        verbose_name_plural = _("maturity stages")
        ordering = ["threshold", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"],
                                    name="unique_maturity_stage_code_per_locale"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SelfAssessment(models.Model):
    """A signed-in member's latest self-assessment (one per member: taking it again
    replaces it). Nobody but the member sees the answers; the office's report counts
    stages per size class."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="self_assessment")
    answers = models.JSONField(_("answers"))
    score = models.PositiveSmallIntegerField(_("score"))
    stage_code = models.CharField(_("stage"), max_length=10, blank=True)
    municipality = models.ForeignKey(
        "community.Municipality", verbose_name=_("municipality"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    size_class = models.CharField(_("size class"), max_length=20, blank=True)
    federal_state = models.CharField(_("federal state"), max_length=2, blank=True)
    updated_at = models.DateTimeField(_("taken on"), auto_now=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")

    def __str__(self) -> str:
        return f"{self.stage_code} ({self.score})"
