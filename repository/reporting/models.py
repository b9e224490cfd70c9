"""Reporting rounds: the office opens a round, every model project answers it in one
report (per solution: maturity step, operation, indicators, costs, lessons, adoptions
known; for the project: progress), editors review it. Team roles (lead, contributor)
sit beside the Wagtail group that carries a team's rights (repository.teams)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from repository.models.solutions import Maturity

# The programme's scaling roadmap numbers the maturity steps P1 … P5.
MATURITY_STEPS = {value: f"P{number}" for number, value in enumerate(Maturity.values, 1)}


def maturity_step(value: str) -> str:
    """``pilot`` → ``P3 – Pilot`` (in the active language)."""
    return f"{MATURITY_STEPS[value]} – {Maturity(value).label}" if value in MATURITY_STEPS else ""


class TeamRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    CONTRIBUTOR = "contributor", _("Contributor")


class TeamMember(models.Model):
    """A member account's role in a model project's team. The project's Wagtail group
    carries the rights: saving puts the person into it, deleting takes them out."""

    project = models.ForeignKey("repository.ModelProjectPage", verbose_name=_("model project"),
                                on_delete=models.CASCADE, related_name="team_members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"),
                             on_delete=models.CASCADE, related_name="project_roles")
    role = models.CharField(_("role"), max_length=12, choices=TeamRole.choices,
                            default=TeamRole.CONTRIBUTOR)

    panels = [FieldPanel("project"), FieldPanel("user"), FieldPanel("role")]

    class Meta:
        verbose_name = _("project team member")
        verbose_name_plural = _("project team members")
        ordering = ["project__title", "role", "user__email"]
        constraints = [models.UniqueConstraint(fields=["project", "user"],
                                               name="unique_team_member")]

    def __str__(self) -> str:
        return f"{self.user.email} – {self.project} ({self.get_role_display()})"

    def clean(self) -> None:
        super().clean()
        if self.project_id and self.project.team_id is None:
            raise ValidationError({"project": _(
                "Choose the model project itself, not one of its translations.")})


class Indicator(TranslatableMixin, models.Model):
    """A key figure the projects of one field of action report each round."""

    topic = models.ForeignKey("repository.Topic", verbose_name=_("field of action"),
                              on_delete=models.PROTECT, related_name="indicators")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40,
                            help_text=_("For example “users per month”, “t CO₂”, “%”."))
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True,
                                 blank=True)
    description = models.TextField(_("what is counted"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("position"), default=0)

    panels = [FieldPanel("topic"), FieldPanel("name"),
              FieldRowPanel([FieldPanel("unit"), FieldPanel("target")]),
              FieldPanel("description"), FieldPanel("sort_order")]
    translatable_fields = [SynchronizedField("topic"), TranslatableField("name"),
                           TranslatableField("unit"), SynchronizedField("target"),
                           TranslatableField("description"), SynchronizedField("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["topic__sort_order", "sort_order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class RoundStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ReportingRound(models.Model):
    title = models.CharField(_("title"), max_length=100, unique=True,
                             help_text=_("For example “Bericht 2027-1”."))
    opens_on = models.DateField(_("opens on"))
    due_on = models.DateField(_("due on"))
    intro = models.TextField(_("introduction"), blank=True,
                             help_text=_("What the office asks for this time, shown above "
                                         "every report form."))
    questions = models.TextField(
        _("questions"), blank=True,
        help_text=_("Further questions to the whole project, one per line."))
    closed = models.BooleanField(_("closed"), default=False,
                                 help_text=_("A closed round takes no more answers."))
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("opens_on"), FieldPanel("due_on")]),
              FieldPanel("intro"), FieldPanel("questions"), FieldPanel("closed")]

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-opens_on", "title"]
        # The office's evaluation of every round (repository.reporting.evaluation): for
        # editors and for the evaluation partner, who reads figures, never the reports.
        permissions = [("view_evaluation", _("Can see the evaluation of the reporting "
                                             "rounds"))]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.opens_on and self.due_on and self.due_on < self.opens_on:
            raise ValidationError({"due_on": _("The due date cannot be before the opening.")})

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def status_on(self, today: datetime.date) -> str:
        if self.closed:
            return RoundStatus.CLOSED
        return RoundStatus.UPCOMING if today < self.opens_on else RoundStatus.OPEN

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class ReportStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Reviewed: accepted")
    RETURNED = "returned", _("Reviewed: returned")


# What the team may still change; submitted and accepted reports wait for or are done.
EDITABLE_STATES = (ReportStatus.NOT_STARTED, ReportStatus.DRAFT, ReportStatus.RETURNED)


class Report(models.Model):
    """One model project's answer to one round."""

    round = models.ForeignKey(ReportingRound, verbose_name=_("reporting round"),
                              on_delete=models.CASCADE, related_name="reports")
    project = models.ForeignKey("repository.ModelProjectPage", verbose_name=_("model project"),
                                on_delete=models.CASCADE, related_name="reports")
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices,
                              default=ReportStatus.NOT_STARTED)
    progress = models.TextField(_("progress of the project"), max_length=5000, blank=True)
    answers = models.JSONField(_("answers to the round's questions"), default=list,
                               blank=True)
    review_comment = models.TextField(_("comment of the review"), max_length=2000,
                                      blank=True)
    changed_at = models.DateTimeField(_("last change"), null=True, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reminded_before_at = models.DateTimeField(_("reminded before the due date"), null=True,
                                              blank=True)
    reminded_after_at = models.DateTimeField(_("reminded after the due date"), null=True,
                                             blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["round", "project__title"]
        constraints = [models.UniqueConstraint(fields=["round", "project"],
                                               name="one_report_per_project_and_round")]

    def __str__(self) -> str:
        return f"{self.round} – {self.project}"

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATES and not self.round.closed


class Operation(models.TextChoices):
    # The values of repository.freshness.Operation, which accepting a report passes on.
    RUNNING = "running", _("Yes, as before")
    CHANGED = "changed", _("Yes, but changed")
    ENDED = "ended", _("No, ended")


class SolutionAnswer(models.Model):
    """A report's answers about one of the project's solutions (the German page)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="solution_answers")
    solution = models.ForeignKey("repository.SolutionPage", verbose_name=_("solution"),
                                 on_delete=models.CASCADE, related_name="report_answers")
    maturity = models.CharField(_("maturity step now"), max_length=12, choices=Maturity.choices,
                                blank=True)
    # The step the solution's page showed when the report was accepted: with ``maturity``
    # the move the evaluation counts (P2 → P3). Empty until then.
    previous_maturity = models.CharField(_("maturity step before"), max_length=12,
                                         choices=Maturity.choices, blank=True)
    operation = models.CharField(_("still in operation?"), max_length=8,
                                 choices=Operation.choices, blank=True)
    operation_note = models.TextField(_("what changed, or why it ended"), max_length=2000,
                                      blank=True)
    costs_so_far = models.DecimalField(_("costs so far (€)"), max_digits=14, decimal_places=2,
                                       null=True, blank=True,
                                       validators=[MinValueValidator(0)])
    lessons = models.TextField(_("lessons since the last report"), max_length=3000, blank=True)
    adoptions_known = models.TextField(_("adoptions you know of"), max_length=2000, blank=True,
                                       help_text=_("Municipalities that took the solution "
                                                   "over or are introducing it."))

    class Meta:
        verbose_name = _("answer about a solution")
        verbose_name_plural = _("answers about solutions")
        ordering = ["report", "solution__title"]
        constraints = [models.UniqueConstraint(fields=["report", "solution"],
                                               name="one_answer_per_solution")]

    def __str__(self) -> str:
        return f"{self.report} – {self.solution}"


class IndicatorValue(models.Model):
    answer = models.ForeignKey(SolutionAnswer, on_delete=models.CASCADE,
                               related_name="indicator_values")
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"),
                                  on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [models.UniqueConstraint(fields=["answer", "indicator"],
                                               name="one_value_per_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"
