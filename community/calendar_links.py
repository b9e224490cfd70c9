"""A member's personal link to a working community's meeting calendar: calendar apps
subscribe to an address and cannot sign in, so the address itself carries a token
(community.models.tokens, scope "calendar", one group). The token is shown once, opens
only that group's feed, and only while its owner is a member: a wrong, revoked or
foreign token, or a member who left, gets the same 404 as an outsider, which tells
nothing of the group or its meetings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community import permissions
from community.group_actions import working_community_for
from community.meetings import feed_response
from community.models import PeerGroupPage, PersonalToken, TokenScope
from community.models.tokens import TOKEN_PREFIX, hash_token
from home import site_urls


def _revoke(user: Any, group: PeerGroupPage) -> int:
    return (PersonalToken.objects.filter(user=user, group=group, scope=TokenScope.CALENDAR,
                                         revoked_at=None).update(revoked_at=timezone.now()))


@require_POST
def create_link(request: HttpRequest, page_id: int) -> HttpResponse:
    """A new personal link (the previous one stops working), shown this once. Like every
    members' address, a 404 for anyone else, signed in or not."""
    group = working_community_for(request, page_id)
    with transaction.atomic():
        _revoke(request.user, group)
        _token, raw = PersonalToken.issue(request.user, group.title[:80],
                                          scope=TokenScope.CALENDAR, group=group)
    link = site_urls.base_url(request) + reverse("community:meetings_calendar_link",
                                                 args=[group.pk, raw])
    return render(request, "community/working/calendar_link.html",
                  {"group": group, "page": group.localized, "link": link})


@require_POST
def revoke_link(request: HttpRequest, page_id: int) -> HttpResponse:
    group = working_community_for(request, page_id)
    if _revoke(request.user, group):
        messages.success(request, _("Your calendar link is revoked: calendar apps that use "
                                    "it no longer receive the meetings."))
    return redirect("community:meetings", page_id=group.pk)


@require_GET
def calendar_feed(request: HttpRequest, page_id: int, token: str) -> HttpResponse:
    """The meetings as iCalendar for whoever holds a member's link."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        raise Http404
    group = get_object_or_404(PeerGroupPage.objects.live(), pk=page_id).canonical()
    found = (PersonalToken.objects.select_related("user")
             .filter(key_hash=hash_token(token), scope=TokenScope.CALENDAR, group=group,
                     revoked_at=None).first())
    if found is None or not found.user.is_active or not permissions.can_use_workspace(
            found.user, group):
        raise Http404
    PersonalToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return feed_response(request, group)
