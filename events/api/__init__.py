"""The programme's headless API.

- ``/api/v2/events/``: live, public events, filtered exactly like the event calendar
  page (``when=upcoming|past``, ``format``, ``mode``, ``topic``, ``month=YYYY-MM``, each
  repeatable, through :class:`events.listing.EventFilters`) and by ``locale``; a value
  outside the allowed ones answers 400 with the allowed values.
- ``/api/v2/events/<id>/``: one event. Its joining link is shown to the event's
  confirmed participants only, and never in the listing.
- ``/api/v2/events/feed.ics``: the filtered calendar as iCalendar, for subscriptions.
- ``/api/v2/events/<id>/registration/``: the signed-in member's registration: GET it,
  POST to register (confirmed or on the waiting list), DELETE to cancel.
- ``/api/v2/event-series/`` with ``<id>/`` and ``<id>/registration/``: series with their
  sessions; registering for a series registers for every session still open.

Members write with their session (CSRF checked) or a personal API token
(``Authorization: Token sct_…``), as in the community's API. Dates are ISO 8601 in
Europe/Berlin with the offset; labels, topics and reasons are in the page's language.
"""

from events.api.views import EventsAPIViewSet, EventSeriesAPIViewSet

__all__ = ["EventSeriesAPIViewSet", "EventsAPIViewSet"]
