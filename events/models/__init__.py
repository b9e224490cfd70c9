"""Every model of the Start Smart plugin, for Django (which looks for an app's models
here) and for callers. The page types are in :mod:`events.models.pages`; each part of
the programme keeps its own models in its sub-package."""

from events.faq.models import FAQPage
from events.interest.models import (
    STATUS_FLOW,
    ExpressionOfInterest,
    InterestKind,
    InterestNote,
    InterestStatus,
    PreferredFormat,
    StartingSituation,
)
from events.models.outcomes import EventOutcomeLink
from events.models.pages import (
    EventFormat,
    EventIndexPage,
    EventMode,
    EventPage,
    EventSeriesPage,
)
from events.newsletter.models import NewsletterSubscription
from events.registrations.models import (
    ACTIVE_STATES,
    EventAnnouncement,
    Registration,
    RegistrationStatus,
)
from events.selfassessment.models import MaturityStage, SelfAssessment

__all__ = [
    "ACTIVE_STATES",
    "STATUS_FLOW",
    "EventAnnouncement",
    "EventFormat",
    "EventIndexPage",
    "EventMode",
    "EventOutcomeLink",
    "EventPage",
    "EventSeriesPage",
    "ExpressionOfInterest",
    "FAQPage",
    "InterestKind",
    "InterestNote",
    "InterestStatus",
    "MaturityStage",
    "NewsletterSubscription",
    "PreferredFormat",
    "Registration",
    "RegistrationStatus",
    "SelfAssessment",
    "StartingSituation",
]
