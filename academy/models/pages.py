"""The Akademie's page types: the course listing, a course and its modules.

A course is a page whose children are its modules, in the order the learner takes them;
the last is the final module. A module's sessions are the sessions of an event series in
the event calendar, so registration, the waiting list and attendance are the calendar's
own (``events.registrations``); the module adds hours, learning material and what must be
done before it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from academy.api_fields import CourseModulesField
from academy.blocks import MaterialBlock
from home.images import IMAGE_API_FIELDS, IMAGE_PANEL, IMAGE_TRANSLATABLE_FIELDS, PageImageMixin
from home.page_views import RegisteredContextMixin
from repository.blocks import TEXT_FEATURES
from repository.models.base import PAGE_TRANSLATABLE_FIELDS, SUMMARY_HELP


class AcademyIndexPage(RegisteredContextMixin, Page):
    """The Smart City Akademie: its courses."""

    intro = models.TextField(_("introduction"), blank=True)

    subpage_types = ["academy.CoursePage"]
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]

    class Meta:
        verbose_name = _("academy")
        verbose_name_plural = _("academies")

    def courses(self) -> models.QuerySet[CoursePage]:
        return (CoursePage.objects.live().public().child_of(self)
                .select_related("image").order_by("path"))


class CoursePage(PageImageMixin, RegisteredContextMixin, Page):
    summary = models.TextField(_("summary"), max_length=600, help_text=SUMMARY_HELP)
    description = RichTextField(_("description"), features=TEXT_FEATURES, blank=True)
    target_group = models.CharField(
        _("target group"), max_length=300, blank=True,
        help_text=_("Who the course is for, e.g. municipal smart city managers."))
    prerequisite_course = models.ForeignKey(
        "academy.CoursePage", verbose_name=_("course to complete first"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Learners are shown whether they hold its certificate."))

    parent_page_types = ["academy.AcademyIndexPage"]
    subpage_types = ["academy.CourseModulePage"]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        IMAGE_PANEL,
        FieldPanel("description"),
        FieldPanel("target_group"),
        FieldPanel("prerequisite_course"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"),
                     index.SearchField("description")]
    api_fields = [APIField("summary"), APIField("description"), APIField("target_group"),
                  APIField("prerequisite_course_id"), APIField("hours"),
                  APIField("modules", serializer=CourseModulesField()), *IMAGE_API_FIELDS]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("summary"),
        TranslatableField("description"),
        TranslatableField("target_group"),
        SynchronizedField("prerequisite_course"),
        *IMAGE_TRANSLATABLE_FIELDS,
    ]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.prerequisite_course_id and self.prerequisite_course_id == self.pk:
            raise ValidationError({"prerequisite_course": _(
                "A course cannot be its own prerequisite.")})

    @property
    def hours(self) -> int:
        """The live modules' hours (annotated by listings, academy.api.with_hours)."""
        if "module_hours" in self.__dict__:
            return self.module_hours or 0
        return sum(module.hours for module in self.modules())

    def modules(self) -> models.QuerySet[CourseModulePage]:
        """The live modules in the order learners take them (the page tree's)."""
        return (CourseModulePage.objects.live().public().child_of(self)
                .select_related("series").order_by("path"))

    def original(self) -> CoursePage:
        """The language version that certificates point at: the one created first."""
        first = (CoursePage.objects.filter(translation_key=self.translation_key)
                 .order_by("pk").first())
        return self if first is None or first.pk == self.pk else first


class CourseModulePage(RegisteredContextMixin, Page):
    summary = models.TextField(_("summary"), max_length=600, help_text=SUMMARY_HELP)
    description = RichTextField(_("description"), features=TEXT_FEATURES, blank=True)
    hours = models.PositiveSmallIntegerField(
        _("hours"), help_text=_("Learning hours the module counts towards the certificate."))
    series = models.ForeignKey(
        "events.EventSeriesPage", verbose_name=_("sessions (event series)"),
        null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("The series in the event calendar whose sessions make up the module: "
                    "learners register there, and its attendance counts here."))
    prerequisite_module = models.ForeignKey(
        "academy.CourseModulePage", verbose_name=_("module to complete first"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("A module of the same course."))
    material = StreamField(
        MaterialBlock(), verbose_name=_("learning material"), blank=True,
        help_text=_("Documents, links and video links for the module."))

    parent_page_types = ["academy.CoursePage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("hours"),
        FieldPanel("series"),
        FieldPanel("prerequisite_module"),
        FieldPanel("material"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"),
                     index.SearchField("description")]
    api_fields = [APIField("summary"), APIField("description"), APIField("hours"),
                  APIField("series_id"), APIField("prerequisite_module_id"),
                  APIField("material")]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("summary"),
        TranslatableField("description"),
        SynchronizedField("hours"),
        SynchronizedField("series"),
        SynchronizedField("prerequisite_module"),
        TranslatableField("material"),
    ]

    class Meta:
        verbose_name = _("course module")
        verbose_name_plural = _("course modules")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        chosen = self.prerequisite_module
        if chosen is None:
            return
        parent: Any = self.get_parent() if self.pk else None
        # A translation keeps the original's choice (a module of the original course).
        same_course = parent is None or (
            chosen.get_parent().translation_key == parent.translation_key)
        if chosen.translation_key == self.translation_key or not same_course:
            raise ValidationError({"prerequisite_module": _(
                "Choose another module of the same course.")})
