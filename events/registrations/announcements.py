"""What participants must hear when an editor publishes an event: each change once.

The last announced state lives in :class:`EventAnnouncement`, outside the page's
revisions, and is compared with what was published under a row lock, so two editors
publishing at once, or an older revision published again, announce a change once and
the calendar SEQUENCE only grows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from events.models import EventAnnouncement, EventPage, Registration, RegistrationStatus

# The page's fields participants are told about, and their names in the announcement.
ANNOUNCED_FIELDS = {"start": "start", "end": "end", "mode": "mode", "place": "place",
                    "joining_link": "joining_link", "is_cancelled": "cancelled"}


@dataclass(frozen=True)
class Announcement:
    """The outcome of one publication: ``first`` when the event had never been
    announced, else the announced fields that changed and the SEQUENCE now due."""

    first: bool = False
    changed: frozenset[str] = field(default_factory=frozenset)
    sequence: int = 0

    @property
    def moved(self) -> bool:
        return bool(self.changed & {"start", "end"})


def _published(event: EventPage) -> dict[str, object]:
    return {column: getattr(event, name) for name, column in ANNOUNCED_FIELDS.items()}


def record_publication(event: EventPage) -> Announcement:
    """Compare the published event with what was announced, and record it as announced
    (the caller tells the participants, after the transaction commits)."""
    published = _published(event)
    with transaction.atomic():
        announced, created = (EventAnnouncement.objects.select_for_update()
                              .get_or_create(translation_key=event.translation_key,
                                             defaults=published))
        if created:
            event.calendar_sequence = announced.sequence
            return Announcement(first=True)
        changed = frozenset(name for name, column in ANNOUNCED_FIELDS.items()
                            if getattr(announced, column) != published[column])
        if changed:
            for column, value in published.items():
                setattr(announced, column, value)
            announced.sequence += 1
            announced.save()
    event.calendar_sequence = announced.sequence
    return Announcement(changed=changed, sequence=announced.sequence)


def recipients(event: EventPage, announcement: Announcement) -> list[Registration]:
    """Who must hear of the change: everyone with a place or waiting for one; of a new
    joining link alone, only those with a place (nobody else has the link). Of changes
    to an event that stays cancelled, nobody."""
    if not announcement.changed or (event.is_cancelled
                                    and "is_cancelled" not in announcement.changed):
        return []
    statuses = [RegistrationStatus.CONFIRMED]
    if announcement.changed != {"joining_link"}:
        statuses.append(RegistrationStatus.WAITLISTED)
    return list(Registration.objects.filter(event=event, status__in=statuses)
                .select_related("event", "series").order_by("pk"))


def forget_reminders(event: EventPage, announcement: Announcement) -> None:
    """A reminder named the old start: the new one is due again."""
    if "start" in announcement.changed:
        Registration.objects.filter(event=event, reminder_sent_at__isnull=False).update(
            reminder_sent_at=None)
