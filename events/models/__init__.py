from events.models.interest import (
    STATUS_FLOW,
    ExpressionOfInterest,
    InterestKind,
    InterestNote,
    InterestStatus,
    PreferredFormat,
    StartingSituation,
)
from events.models.newsletter import NewsletterSubscription
from events.models.pages import (
    EventFormat,
    EventIndexPage,
    EventMode,
    EventPage,
    EventSeriesPage,
    FAQPage,
)
from events.models.registrations import (
    ACTIVE_STATES,
    Registration,
    RegistrationStatus,
)

__all__ = [
    "ACTIVE_STATES",
    "STATUS_FLOW",
    "EventFormat",
    "EventIndexPage",
    "EventMode",
    "EventPage",
    "EventSeriesPage",
    "ExpressionOfInterest",
    "FAQPage",
    "InterestKind",
    "InterestNote",
    "InterestStatus",
    "NewsletterSubscription",
    "PreferredFormat",
    "Registration",
    "RegistrationStatus",
    "StartingSituation",
]
