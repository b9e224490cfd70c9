"""Questions to the implementers of a solution, their answers, and the solution's FAQ.

A member asks on a solution page; the question reaches the developing project's team and
the members adopting municipalities named as their contact for questions (an opt-in on
the adoption). Until the office promotes a question with its most helpful answer into
the solution's FAQ, only the asker, those who answer and the editors see it: the asker
asked a small circle, and publishing is the office's decision. The FAQ entry is a
translatable object (one row per language, as wagtail-localize keeps snippets).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from community.markup import render_markdown
from community.models import ReportRecord, ReportStatus

QUESTION_LENGTH = 2000
ANSWER_LENGTH = 5000
# After a week without an answer the office steps in (its dashboard lists the question).
UNANSWERED_AFTER = timedelta(days=7)


class QuestionQuerySet(models.QuerySet):
    def shown(self) -> QuestionQuerySet:
        return self.filter(is_hidden=False)

    def unanswered(self) -> QuestionQuerySet:
        return self.shown().exclude(answers__is_hidden=False)

    def waiting_too_long(self) -> QuestionQuerySet:
        """Unanswered a week after they were asked: the office's dashboard lists them."""
        return self.unanswered().filter(created_at__lte=timezone.now() - UNANSWERED_AFTER)


class Question(models.Model):
    solution = models.ForeignKey(
        "repository.SolutionPage", verbose_name=_("solution"), on_delete=models.CASCADE,
        related_name="questions",
        help_text=_("The solution in the default language, whichever language was asked in."))
    asker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("asked by"),
                              null=True, on_delete=models.SET_NULL,
                              related_name="solution_questions")
    text = models.TextField(_("question"), max_length=QUESTION_LENGTH)
    helpful_answer = models.ForeignKey(
        "repository.Answer", verbose_name=_("most helpful answer"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    is_hidden = models.BooleanField(_("hidden by the office"), default=False)
    promoted_at = models.DateTimeField(_("promoted to the FAQ"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question to the implementers")
        verbose_name_plural = _("questions to the implementers")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["solution", "created_at"])]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def text_html(self) -> SafeString:
        """The text in the posts' small Markdown dialect, sanitised (community.markup)."""
        return mark_safe(render_markdown(self.text))


class Answer(models.Model):
    question = models.ForeignKey(Question, verbose_name=_("question"),
                                 on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.SET_NULL, related_name="solution_answers")
    text = models.TextField(_("answer"), max_length=ANSWER_LENGTH)
    is_hidden = models.BooleanField(_("hidden by the office"), default=False)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def text_html(self) -> SafeString:
        """The text in the posts' small Markdown dialect, sanitised (community.markup)."""
        return mark_safe(render_markdown(self.text))


class QuestionReport(ReportRecord):
    """A member's report of a question (``answer`` empty) or of one of its answers to the
    moderators, who work it in the admin (repository.questions.moderation). A member has
    one open report per item; once resolved, the item may be reported again."""

    question = models.ForeignKey(Question, verbose_name=_("question"),
                                 on_delete=models.CASCADE, related_name="reports")
    answer = models.ForeignKey(Answer, verbose_name=_("answer"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="reports")

    class Meta:
        verbose_name = _("report of a question or answer")
        verbose_name_plural = _("reports of questions and answers")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "reporter"], name="one_open_report_per_question_and_member",
                condition=models.Q(answer__isnull=True, status=ReportStatus.OPEN)),
            models.UniqueConstraint(
                fields=["answer", "reporter"], name="one_open_report_per_answer_and_member",
                condition=models.Q(answer__isnull=False, status=ReportStatus.OPEN)),
        ]

    def __str__(self) -> str:
        return f"{self.answer or self.question} ({self.status})"


class FaqEntry(TranslatableMixin, models.Model):
    """A question and its answer in the solution's public FAQ, in one language; its
    translations share the translation key."""

    solution = models.ForeignKey(
        "repository.SolutionPage", verbose_name=_("solution"), on_delete=models.CASCADE,
        related_name="faq_entries",
        help_text=_("The solution in the default language; the FAQ shows in each "
                    "language the entries of that language."))
    question = models.ForeignKey(Question, verbose_name=_("from the question"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="faq")
    question_text = models.TextField(_("question"), max_length=QUESTION_LENGTH)
    answer_text = models.TextField(_("answer"), max_length=ANSWER_LENGTH,
                                   help_text=_("Simple formatting: *emphasis*, lists, links."))
    created_at = models.DateTimeField(auto_now_add=True)

    # The office edits the texts in each language; which solution and question an entry
    # came from stays as promoted (entries are made by promoting a question, never added).
    panels = [FieldPanel("solution", read_only=True), FieldPanel("question_text"),
              FieldPanel("answer_text")]
    translatable_fields = [TranslatableField("question_text"),
                           TranslatableField("answer_text"),
                           SynchronizedField("solution"), SynchronizedField("question")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.question_text[:80]

    @property
    def answer_html(self) -> SafeString:
        return mark_safe(render_markdown(self.answer_text))
