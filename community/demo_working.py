"""Demo content of a working community (issue 21), loaded by community.demo for a group
whose spec has a ``workspace``: folders with files in several versions, meetings (days
counted from the day of loading, so one lies ahead), their attendance, and decisions,
of which the published ones stand on the public summary (and, with the repository
installed, become draft publications)."""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from community.attachments import storage_name, validate_upload
from community.models import (
    Attendance,
    Decision,
    Document,
    DocumentVersion,
    Folder,
    Meeting,
    PeerGroupPage,
)
from community.signals import decision_published
from home.calendars import BERLIN


def _day(days_from_today: int, hour: int = 10) -> datetime:
    day = timezone.localdate(timezone=BERLIN) + timedelta(days=days_from_today)
    return datetime.combine(day, time(hour), tzinfo=BERLIN)


def load_workspace(group: PeerGroupPage, spec: dict[str, Any], members: dict[str, Any]) -> None:
    for folder_spec in spec.get("folders", []):
        folder = Folder.objects.create(group=group, name=folder_spec["name"],
                                       created_by=members[folder_spec["files"][0]["versions"]
                                                          [0]["author"]])
        for file_spec in folder_spec["files"]:
            document = Document.objects.create(folder=folder, name=file_spec["name"])
            for number, version in enumerate(file_spec["versions"], start=1):
                content = version["content"].encode()
                kind = validate_upload(io.BytesIO(content), file_spec["name"], len(content))
                stored = DocumentVersion(document=document, number=number,
                                         note=version.get("note", ""),
                                         content_type=kind.content_type, size=len(content),
                                         uploaded_by=members[version["author"]])
                stored.file.save(storage_name(kind), ContentFile(content), save=True)
    for meeting_spec in spec.get("meetings", []):
        starts = _day(meeting_spec["days_from_today"])
        meeting = Meeting.objects.create(
            group=group, title=meeting_spec["title"], starts_at=starts,
            ends_at=starts + timedelta(hours=2), place=meeting_spec.get("place", ""),
            agenda=meeting_spec.get("agenda", ""), minutes=meeting_spec.get("minutes", ""))
        Attendance.objects.bulk_create([Attendance(meeting=meeting, user=members[email])
                                        for email in meeting_spec.get("attended", [])])
    for decision_spec in spec.get("decisions", []):
        decided = _day(decision_spec["days_from_today"])
        decision = Decision.objects.create(group=group, title=decision_spec["title"],
                                           summary=decision_spec["summary"],
                                           decided_on=decided.date())
        if decision_spec.get("published"):
            decision.published_at = decided + timedelta(days=1)
            decision.save(update_fields=["published_at"])
            decision_published.send(sender=Decision, decision=decision, user=None)
