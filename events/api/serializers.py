"""How the programme's API writes values: Berlin times, labels in the page's language,
fields worked out for a whole page of results, and the registration answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone, translation
from rest_framework.fields import Field
from wagtail.api import APIField
from wagtail.models import Page

from events import ical
from events.models import (
    Registration,
)


def berlin_time(moment: Any) -> str | None:
    """ISO 8601 with the offset of Berlin time (+01:00 or +02:00), as the office
    announces its dates."""
    return timezone.localtime(moment, ical.BERLIN).isoformat() if moment else None


def in_page_language(page: Page, text: Callable[[], Any]) -> str:
    """A label or sentence in the page's own language, whatever the request's."""
    with translation.override(page.locale.language_code):
        return str(text())



class PreparedField(Field):
    """A value that :func:`prepare_events` or :func:`prepare_series` worked out for the
    whole page of results, so that a listing costs the same queries however many items
    it shows."""

    def __init__(self, key: str, **kwargs: Any):
        self.key = key
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance: Any) -> Any:
        return instance

    def to_representation(self, page: Any) -> Any:
        return page.api_prepared[self.key]


def prepared(name: str) -> APIField:
    return APIField(name, serializer=PreparedField(name))


def registration_data(registration: Registration) -> dict[str, Any]:
    return {
        "event": registration.event_id,
        "series": registration.series_id,
        "status": registration.status,
        "status_label": str(registration.get_status_display()),
        "created_at": berlin_time(registration.created_at),
    }

