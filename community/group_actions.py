"""What every action on a peer group starts and ends with (joining, moderating, writing,
inviting): the group asked for, if the reader may know it, and the way back to it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme

from community import permissions
from community.models import PeerGroupPage


def group_for_action(request: HttpRequest, page_id: int) -> PeerGroupPage:
    """The group, if the user may know it exists; a secret group is a 404 otherwise
    (guessing its id tells nothing)."""
    group = get_object_or_404(PeerGroupPage.objects.live(), pk=page_id)
    if not permissions.can_see_group(request.user, group):
        raise Http404
    return group.canonical()


def back_to(group: PeerGroupPage, request: HttpRequest) -> HttpResponse:
    """To the group's page, or to where the form came from (``next``, such as the account
    page's "withdraw the request") when that is a page of this site: never elsewhere, so
    that the field cannot send a member to a stranger's site."""
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(wanted)
    return redirect(group.localized.get_url(request) or "/")


def working_community_for(request: HttpRequest, page_id: int) -> PeerGroupPage:
    """A working community whose documents, meetings and decisions the user may read;
    for everyone else (signed in or not) a 404, so that guessing an address tells
    nothing of what lies behind it."""
    group = get_object_or_404(PeerGroupPage.objects.live(), pk=page_id)
    group = group.canonical()
    if not permissions.can_use_workspace(request.user, group):
        raise Http404
    return group
