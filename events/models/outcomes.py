"""Which repository pages an event's outcomes link to, kept as rows.

The links live in the event's ``outcomes`` StreamField, where editors write them; a
solution or publication asking "where was I discussed?" would have to read every
event's stream. So each save of an event's content (a publication, never a draft, which
Wagtail keeps in a revision) writes its links here as well (events.outcomes), and that
question is one indexed query."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventOutcomeLink(models.Model):
    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE,
                              related_name="outcome_links", verbose_name=_("event"))
    # related_name="+": the repository's pages learn of events through its hook only
    # (repository.discussed_at), not through an accessor the events plugin adds.
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("linked page"))

    class Meta:
        verbose_name = _("event outcome link")
        verbose_name_plural = _("event outcome links")
        constraints = [models.UniqueConstraint(fields=["event", "page"],
                                               name="unique_event_outcome_link")]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.page_id}"
