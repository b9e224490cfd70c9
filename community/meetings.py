"""A working community's meeting series: date and time, agenda, minutes and who
attended. Members read; moderators plan meetings, write the minutes and record
attendance. The series is an iCalendar feed for the members (home.calendars, as the
events' feeds are). Outsiders get a 404 for all of it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from icalendar import Event

from community import permissions
from community.discussions import author_name
from community.documents import _forbidden
from community.group_actions import working_community_for
from community.models import (
    Attendance,
    Meeting,
    Membership,
    MembershipState,
    PeerGroupPage,
    PersonalToken,
    TokenScope,
)
from community.working_forms import MeetingForm
from home import site_urls
from home.calendars import BERLIN, CONTENT_TYPE, new_calendar, organiser

FIELDS = ("title", "starts_at", "ends_at", "place", "agenda", "minutes")


def _save(meeting: Meeting, form: MeetingForm) -> Meeting:
    for field in FIELDS:
        setattr(meeting, field, form.cleaned_data[field])
    meeting.save()
    return meeting


def meeting_list(request: HttpRequest, page_id: int) -> HttpResponse:
    """Upcoming and past meetings; moderators plan the next one below."""
    group = working_community_for(request, page_id)
    may_manage = permissions.can_manage_workspace(request.user, group)
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        if not may_manage:
            return _forbidden(request)
        if form.is_valid():
            meeting = _save(Meeting(group=group), form)
            messages.success(request, _("The meeting is planned."))
            return redirect(meeting.get_absolute_url())
    now = timezone.now()
    meetings = list(Meeting.objects.filter(group=group))
    calendar_link = (PersonalToken.objects.filter(
        user=request.user, group=group, scope=TokenScope.CALENDAR, revoked_at=None)
        .order_by("-created_at").first() if request.user.is_authenticated else None)
    context = {"group": group, "page": group.localized, "may_manage": may_manage,
               "form": form, "calendar_link": calendar_link,
               "upcoming": [m for m in reversed(meetings) if m.ends_at >= now],
               "past": [m for m in meetings if m.ends_at < now]}
    return render(request, "community/working/meetings.html", context,
                  status=400 if form.errors else 200)


def _active_members(group: PeerGroupPage) -> list[dict[str, Any]]:
    rows = (Membership.objects.filter(group=group, state=MembershipState.ACTIVE)
            .select_related("user__member_profile").order_by("user__member_profile__display_name",
                                                             "pk"))
    return [{"user_id": row.user_id, "name": author_name(row.user)} for row in rows]


def meeting_detail(request: HttpRequest, page_id: int, meeting_id: int) -> HttpResponse:
    """Agenda, minutes and attendance; moderators change the meeting here."""
    group = working_community_for(request, page_id)
    meeting = get_object_or_404(Meeting, pk=meeting_id, group=group)
    may_manage = permissions.can_manage_workspace(request.user, group)
    initial = {field: getattr(meeting, field) for field in FIELDS}
    initial["starts_at"] = timezone.localtime(meeting.starts_at)
    initial["ends_at"] = timezone.localtime(meeting.ends_at)
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not may_manage:
            return _forbidden(request)
        if form.is_valid():
            _save(meeting, form)
            messages.success(request, _("The meeting is saved."))
            return redirect(meeting.get_absolute_url())
    present = set(Attendance.objects.filter(meeting=meeting).values_list("user_id", flat=True))
    members = _active_members(group)
    for member in members:
        member["present"] = member["user_id"] in present
    context = {"group": group, "page": group.localized, "meeting": meeting,
               "may_manage": may_manage, "form": form, "members": members,
               "attended": [member for member in members if member["present"]]}
    return render(request, "community/working/meeting.html", context,
                  status=400 if form.errors else 200)


@require_POST
def record_attendance(request: HttpRequest, page_id: int, meeting_id: int) -> HttpResponse:
    """Moderators tick who attended; the list replaces the one recorded before. Only
    the group's active members can be recorded."""
    group = working_community_for(request, page_id)
    meeting = get_object_or_404(Meeting, pk=meeting_id, group=group)
    if not permissions.can_manage_workspace(request.user, group):
        return _forbidden(request)
    members = {member["user_id"] for member in _active_members(group)}
    wanted = set()
    for value in request.POST.getlist("present"):
        if not (value.isascii() and value.isdigit()) or int(value) not in members:
            return render(request, "community/not_allowed.html", {"message": _(
                "Only the community's members can be recorded as present.")}, status=400)
        wanted.add(int(value))
    with transaction.atomic():
        Attendance.objects.filter(meeting=meeting).exclude(user_id__in=wanted).delete()
        known = set(Attendance.objects.filter(meeting=meeting).values_list("user_id", flat=True))
        Attendance.objects.bulk_create([Attendance(meeting=meeting, user_id=user,
                                                   recorded_by=request.user)
                                        for user in wanted - known])
    messages.success(request, _("The attendance is recorded."))
    return redirect(meeting.get_absolute_url())


def meeting_uid(meeting: Meeting, request: HttpRequest | None = None) -> str:
    return f"meeting-{meeting.pk}@{site_urls.served_host(request)}"


@require_GET
def calendar_feed(request: HttpRequest, page_id: int) -> HttpResponse:
    """The series as an iCalendar file for the members (agenda in the description)."""
    return feed_response(request, working_community_for(request, page_id))


def feed_response(request: HttpRequest, group: PeerGroupPage) -> HttpResponse:
    """The group's meetings as iCalendar, for a reader the caller has let in (a signed-in
    member here, a member's personal link in community.calendar_links)."""
    cal = new_calendar(group.localized.title)
    root = site_urls.base_url(request)
    for meeting in Meeting.objects.filter(group=group).order_by("starts_at", "pk"):
        entry = Event()
        entry.add("uid", meeting_uid(meeting, request))
        entry.add("dtstamp", timezone.now())
        entry.add("dtstart", timezone.localtime(meeting.starts_at, BERLIN))
        entry.add("dtend", timezone.localtime(meeting.ends_at, BERLIN))
        entry.add("summary", meeting.title)
        url = root + meeting.get_absolute_url()
        entry.add("description", "\n\n".join(part for part in (meeting.agenda.strip(), url)
                                               if part))
        entry.add("url", url)
        entry.add("organizer", organiser())
        entry.add("last-modified", meeting.updated_at)
        if meeting.place:
            entry.add("location", meeting.place)
        cal.add_component(entry)
    response = HttpResponse(cal.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="meetings.ics"'
    patch_cache_control(response, private=True, max_age=0)
    return response
