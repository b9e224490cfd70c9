"""Membership requests in the admin: approve or decline, one at a time or several at
once, with the reason the requester sees. The decision and the notification are the
group page's (community.memberships.decide_request); this module only asks and lists."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from community.discussions import author_name
from community.forms import DecisionForm
from community.memberships import decide_request, may_decide_requests, pending_requests
from community.models import Membership
from community.moderation_views import person_summary
from community.permissions import may_belong
from home.admin_lists import ListColumn, list_columns

PER_PAGE = 50
COLUMNS = list_columns(
    ListColumn("select", gettext_lazy("Select"), visually_hidden=True),
    ListColumn("person", gettext_lazy("Person")),
    ListColumn("municipality", gettext_lazy("Municipality")),
    ListColumn("group", gettext_lazy("Peer group")),
    ListColumn("requested", gettext_lazy("Requested")),
    ListColumn("decision", gettext_lazy("Decision")))
LOG_ACTIONS = {"approve": ("community.membership.approve",
                           gettext_lazy("Approve a request to join a peer group")),
               "decline": ("community.membership.decline",
                           gettext_lazy("Decline a request to join a peer group"))}


class RequestsDecisionForm(DecisionForm):
    """The group page's decision (decline needs a reason), for one or more requests."""

    memberships = forms.ModelMultipleChoiceField(
        queryset=pending_requests(), label=gettext_lazy("Requests"),
        error_messages={"required": gettext_lazy("Please select at least one request."),
                        "invalid_choice": gettext_lazy(
                            "A selected request is decided already; reload the list.")})

    def clean(self) -> dict[str, Any]:
        # The group page refuses to approve someone a working community may not take
        # (community.views.decide); the office's list must not be the way around it.
        cleaned = super().clean()
        if cleaned.get("decision") == "approve":
            for membership in cleaned.get("memberships") or []:
                if not may_belong(membership.user, membership.group):
                    self.add_error("memberships", _(
                        "%(person)s cannot join “%(group)s”: this working community is for "
                        "the model projects and the office, and the requester's profile "
                        "names neither.") % {"person": author_name(membership.user),
                                             "group": membership.group.title})
        return cleaned


def _require_decider(request: HttpRequest) -> None:
    if not may_decide_requests(request.user):
        raise PermissionDenied


def requests_list(request: HttpRequest) -> HttpResponse:
    _require_decider(request)
    return _render(request, RequestsDecisionForm(), status=200)


def _render(request: HttpRequest, form: RequestsDecisionForm, *, status: int) -> HttpResponse:
    memberships = pending_requests().select_related(
        "group", "user__member_profile__municipality")
    page = Paginator(memberships, PER_PAGE).get_page(request.GET.get("p"))
    rows = [{"membership": membership, "person": person_summary(membership.user)}
            for membership in page]
    return TemplateResponse(request, "community/admin/membership_requests.html", {
        "rows": rows, "page_obj": page, "form": form, **COLUMNS,
        "header_title": _("Membership requests"),
        "page_title": _("Membership requests"), "header_icon": "group",
    }, status=status)


@require_POST
def decide(request: HttpRequest) -> HttpResponse:
    _require_decider(request)
    form = RequestsDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _render(request, form, status=400)
    decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
    chosen: list[Membership] = list(form.cleaned_data["memberships"])
    with transaction.atomic():
        for membership in chosen:
            decide_request(membership, approve=decision == "approve", by=request.user,
                           reason=reason)
            log(instance=membership, action=LOG_ACTIONS[decision][0], user=request.user,
                data={"reason": reason})
    count = len(chosen)
    messages.success(request, ngettext("%(count)d request approved.",
                                       "%(count)d requests approved.", count)
                     % {"count": count} if decision == "approve" else
                     ngettext("%(count)d request declined.", "%(count)d requests declined.",
                              count) % {"count": count})
    return redirect(reverse("community_membership_requests:list"))


def register_log_actions(actions: Any) -> None:
    for name, label in LOG_ACTIONS.values():
        actions.register_action(name, label, label)
