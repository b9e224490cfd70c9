"""The programme's page types: the event index, series and events, and the FAQ page.

Dates are stored in UTC and shown in Europe/Berlin (the project's time zone). Every
language version of an event shares one set of registrations: they belong to the
event's page in the default language (see :meth:`EventPage.registration_event`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.blocks import OutcomeBlock
from events.registrations.models import EventAnnouncement, RegistrationStatus
from home import page_clock
from home.choice_fields import LocalizedChoicesPageForm
from home.images import IMAGE_API_FIELDS, IMAGE_PANEL, IMAGE_TRANSLATABLE_FIELDS, PageImageMixin
from home.page_views import RegisteredContextMixin, run_page_view
from repository.blocks import TEXT_FEATURES
from repository.models.base import PAGE_TRANSLATABLE_FIELDS, in_locale

# Editors abroad, or whose computer runs on another zone, still enter German times.
BERLIN_TIME = _("German local time (Europe/Berlin), as participants see it.")


class EventFormat(models.TextChoices):
    """The five Start Smart formats, and room for the office's other events."""

    KICKOFF = "kickoff", _("Kick-off workshop")
    CONSULTATION = "consultation", _("Initial consultation")
    PEER_LEARNING = "peer-learning", _("Peer-learning series")
    THEME_WORKSHOP = "theme-workshop", _("Theme workshop")
    REGIONAL_CONFERENCE = "regional-conference", _("Regional conference")
    OTHER = "other", _("Other event")


class EventMode(models.TextChoices):
    VIRTUAL = "virtual", _("Virtual")
    ON_SITE = "on-site", _("On site")
    HYBRID = "hybrid", _("Hybrid")


class EventDetailsMixin(PageImageMixin):
    """What an event and a series both describe."""

    # Speakers and topics in the page's language (home/choice_fields.py).
    base_form_class = LocalizedChoicesPageForm

    format = models.CharField(_("format"), max_length=20, choices=EventFormat.choices)
    summary = models.TextField(
        _("summary"), max_length=600,
        help_text=_("Two or three sentences that say what it is and for whom: shown in "
                    "listings, search results and link previews, and above the text."),
    )
    description = RichTextField(_("description"), features=TEXT_FEATURES, blank=True)
    target_group = models.CharField(
        _("target group"), max_length=300, blank=True,
        help_text=_("Who the event is for, e.g. municipalities at the beginning."),
    )
    host = models.ForeignKey(
        "repository.ModelProjectPage", verbose_name=_("host (model project)"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Leave empty when the coordination and transfer office hosts."),
    )
    speakers = ParentalManyToManyField(
        "home.ContactPerson", verbose_name=_("speakers and contact people"), blank=True,
        related_name="+",
    )
    topics = ParentalManyToManyField(
        "repository.Topic", verbose_name=_("topics"), blank=True, related_name="+",
    )

    class Meta:
        abstract = True

    def localized_topics(self) -> list:
        return in_locale(self.topics.all(), self.locale_id)

    def localized_speakers(self) -> list:
        return in_locale(self.speakers.all(), self.locale_id)

    def localized_host(self) -> Page | None:
        return in_locale([self.host], self.locale_id)[0] if self.host_id else None


DETAIL_TRANSLATABLE_FIELDS = [
    SynchronizedField("format"),
    TranslatableField("summary"),
    TranslatableField("description"),
    TranslatableField("target_group"),
    SynchronizedField("host"),
    SynchronizedField("speakers"),
    SynchronizedField("topics"),
    *IMAGE_TRANSLATABLE_FIELDS,
]


class EventIndexPage(RoutablePageMixin, Page):
    """The programme's calendar: upcoming and past events, filterable, with a feed."""

    intro = models.TextField(_("introduction"), blank=True)

    subpage_types = ["events.EventPage", "events.EventSeriesPage"]
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]

    class Meta:
        verbose_name = _("event calendar")
        verbose_name_plural = _("event calendars")

    def events(self) -> models.QuerySet[EventPage]:
        """Every live event below this page, in this page's language."""
        return (EventPage.objects.live().public().descendant_of(self)
                .filter(locale_id=self.locale_id)
                .select_related("image").prefetch_related("image__renditions"))

    @path("")
    def listing(self, request: HttpRequest) -> Any:
        """The calendar with its filters (events.page_views)."""
        return run_page_view(self, "listing", request)

    @path("ical/", name="feed")
    def feed(self, request: HttpRequest) -> Any:
        """The calendar as an iCalendar feed (events.page_views)."""
        return run_page_view(self, "feed", request)


class EventSeriesPage(EventDetailsMixin, RegisteredContextMixin, Page):
    """Sessions that belong together, such as the six sessions of a peer-learning
    series; registering for the series registers for every session still ahead."""

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.EventPage"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("format"),
        FieldPanel("summary"),
        IMAGE_PANEL,
        FieldPanel("description"),
        FieldPanel("target_group"),
        FieldPanel("host"),
        FieldPanel("speakers"),
        FieldPanel("topics"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"),
                     index.SearchField("description"), index.FilterField("format")]
    api_fields = [APIField("format"), APIField("summary"), APIField("description"),
                  APIField("target_group"), APIField("host_id"), *IMAGE_API_FIELDS]
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, *DETAIL_TRANSLATABLE_FIELDS]

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return self.title

    def sessions(self) -> models.QuerySet[EventPage]:
        return EventPage.objects.live().public().child_of(self).order_by("start", "pk")

    def registration_series(self) -> EventSeriesPage:
        """The language version that registrations point at: the original."""
        original = (EventSeriesPage.objects.filter(translation_key=self.translation_key)
                    .order_by("pk").first())
        return self if original is None or original.pk == self.pk else original



class EventPage(EventDetailsMixin, RegisteredContextMixin, Page):
    start = models.DateTimeField(_("start"), help_text=BERLIN_TIME)
    end = models.DateTimeField(_("end"), help_text=BERLIN_TIME)
    mode = models.CharField(_("mode"), max_length=10, choices=EventMode.choices,
                            default=EventMode.VIRTUAL)
    place = models.CharField(
        _("place"), max_length=300, blank=True,
        help_text=_("Venue and address, for events on site or hybrid."),
    )
    joining_link = models.URLField(
        _("joining link"), max_length=500, blank=True,
        help_text=_("The video conference address. Only registered participants see it."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True,
        help_text=_("Leave empty for no limit. When every place is taken, further "
                    "registrations go to the waiting list."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"), null=True, blank=True,
        help_text=_("Leave empty to take registrations until the event starts. German "
                    "local time (Europe/Berlin)."),
    )
    registration_open = models.BooleanField(
        _("open for registration"), default=True,
        help_text=_("Turn off for events by invitation, such as a consultation."),
    )
    is_cancelled = models.BooleanField(
        _("cancelled"), default=False,
        help_text=_("Participants are told when a cancelled event is published."),
    )
    cancellation_note = models.TextField(_("reason for the cancellation"), blank=True)
    outcomes = StreamField(
        OutcomeBlock(), verbose_name=_("documents and outcomes"), blank=True,
        help_text=_("After the event: slides, minutes, results, and the solutions or "
                    "publications it produced or discussed (their pages name the event "
                    "in return)."),
    )
    parent_page_types = ["events.EventIndexPage", "events.EventSeriesPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("format"),
        FieldPanel("summary"),
        IMAGE_PANEL,
        FieldPanel("description"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            FieldPanel("mode"),
            FieldPanel("place"),
            FieldPanel("joining_link"),
        ], heading=_("Date and place")),
        MultiFieldPanel([
            FieldPanel("registration_open"),
            FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
        ], heading=_("Registration")),
        FieldPanel("target_group"),
        FieldPanel("host"),
        FieldPanel("speakers"),
        FieldPanel("topics"),
        MultiFieldPanel([FieldPanel("is_cancelled"), FieldPanel("cancellation_note")],
                        heading=_("Cancellation")),
        FieldPanel("outcomes"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("format"),
        index.FilterField("mode"),
        index.FilterField("start"),
    ]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        *DETAIL_TRANSLATABLE_FIELDS,
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("mode"),
        SynchronizedField("place"),
        SynchronizedField("joining_link"),
        SynchronizedField("capacity"),
        SynchronizedField("registration_deadline"),
        SynchronizedField("registration_open"),
        SynchronizedField("is_cancelled"),
        TranslatableField("cancellation_note"),
        TranslatableField("outcomes"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["start"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[Any]] = {}
        if self.start and self.end and self.end <= self.start:
            errors.setdefault("end", []).append(_("The event must end after it starts."))
        if (self.registration_deadline and self.end
                and self.registration_deadline > self.end):
            errors.setdefault("registration_deadline", []).append(
                _("Registration must close before the event ends."))
        if self.mode in (EventMode.ON_SITE, EventMode.HYBRID) and not self.place.strip():
            errors.setdefault("place", []).append(
                _("Say where the event takes place: it is on site or hybrid."))
        if self.capacity is not None and self.pk:
            taken = self.registration_event().taken_places()
            if self.capacity < taken:
                errors.setdefault("capacity", []).append(_(
                    "%(taken)s people are registered already; the event needs at least "
                    "that many places. Cancel registrations first to make it smaller."
                ) % {"taken": taken})
        if errors:
            raise ValidationError(errors)

    # -- registrations -------------------------------------------------------------

    @staticmethod
    def find_registration_events(events: list[EventPage]) -> None:
        """:meth:`registration_event` of all ``events`` in one query instead of one each
        (a series page asks for every session's)."""
        missing = [event for event in events
                   if getattr(event, "_registration_event", None) is None]
        if not missing:
            return
        originals: dict[Any, EventPage] = {}
        for original in EventPage.objects.filter(
                translation_key__in={event.translation_key for event in missing}).order_by("pk"):
            originals.setdefault(original.translation_key, original)
        for event in missing:
            original = originals.get(event.translation_key, event)
            event._registration_event = event if original.pk == event.pk else original

    def registration_event(self) -> EventPage:
        """The language version that registrations belong to: the original, which was
        created first, whichever language it is in (so adding a translation later
        never moves the registrations)."""
        cached = getattr(self, "_registration_event", None)
        if cached is None:
            cached = (EventPage.objects.filter(translation_key=self.translation_key)
                      .order_by("pk").first() or self)
            if cached.pk == self.pk:
                cached = self
            self._registration_event = cached
        return cached

    @property
    def calendar_sequence(self) -> int:
        """The iCalendar SEQUENCE of what participants were last told (kept in
        :class:`EventAnnouncement`, out of the page's revisions)."""
        if "_calendar_sequence" not in self.__dict__:
            EventAnnouncement.remember_sequences([self])
        return self._calendar_sequence

    @calendar_sequence.setter
    def calendar_sequence(self, value: int) -> None:
        self._calendar_sequence = value

    def taken_places(self) -> int:
        return self.registrations.filter(status=RegistrationStatus.CONFIRMED).count()

    @property
    def closes_at(self) -> datetime:
        return self.registration_deadline or self.start

    def is_past(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.end > now:
            page_clock.changes_at(self.end)  # a page that says so changes then
        return self.end <= now

    def registration_closed_reason(self, now: datetime | None = None) -> str:
        """Why nobody can register now, for people; empty while registration is open."""
        now = now or timezone.now()
        if self.closes_at > now:
            page_clock.changes_at(self.closes_at)
        if self.is_cancelled:
            return str(_("This event has been cancelled."))
        if not self.registration_open:
            return str(_("This event is by invitation; registration is not open."))
        if self.is_past(now):
            return str(_("This event is over."))
        if now >= self.closes_at:
            return str(_("Registration closed on %(date)s.")
                       % {"date": timezone.localtime(self.closes_at).strftime("%d.%m.%Y %H:%M")})
        return ""

    def series(self) -> EventSeriesPage | None:
        parent = self.get_parent().specific
        return parent if isinstance(parent, EventSeriesPage) else None
