"""A working community's decisions and its two public pages.

Members read the decisions; moderators record and publish them. Published decisions
stand on the public summary page, and the repository (if installed) drafts a
publication from each (``community.signals.decision_published``), linked both ways.
The public "what this community works on" page shows the editors' description and the
names of the members who chose to be named: nothing of the documents, meetings or
discussions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community import permissions
from community.discussions import author_name
from community.documents import _forbidden
from community.group_actions import back_to, group_for_action, working_community_for
from community.models import Decision, Membership, MembershipState, PeerGroupPage
from community.signals import decision_published
from community.working_forms import DecisionRecordForm


def decisions(request: HttpRequest, page_id: int) -> HttpResponse:
    """All decisions for the members, published or not; moderators record new ones."""
    group = working_community_for(request, page_id)
    may_manage = permissions.can_manage_workspace(request.user, group)
    form = DecisionRecordForm(request.POST or None)
    if request.method == "POST":
        if not may_manage:
            return _forbidden(request)
        if form.is_valid():
            Decision.objects.create(group=group, created_by=request.user, **form.cleaned_data)
            messages.success(request, _("The decision is recorded. Publish it when the "
                                        "public may read it."))
            return redirect("community:decisions", group.pk)
    context = {"group": group, "page": group.localized, "may_manage": may_manage,
               "form": form, "decisions": Decision.objects.filter(group=group)
               .select_related("publication")}
    return render(request, "community/working/decisions.html", context,
                  status=400 if form.errors else 200)


@require_POST
def publish(request: HttpRequest, page_id: int, decision_id: int) -> HttpResponse:
    """A moderator publishes a decision: it joins the public summary, and the
    repository drafts a publication from it."""
    group = working_community_for(request, page_id)
    decision = get_object_or_404(Decision, pk=decision_id, group=group)
    if not permissions.can_manage_workspace(request.user, group):
        return _forbidden(request)
    if decision.is_published:
        return render(request, "community/not_allowed.html",
                      {"message": _("This decision is published already.")}, status=400)
    with transaction.atomic():
        decision.published_at, decision.published_by = timezone.now(), request.user
        decision.save(update_fields=["published_at", "published_by"])
        decision_published.send(sender=Decision, decision=decision, user=request.user)
    messages.success(request, _("The decision is on the public summary page."))
    return redirect("community:decisions", group.pk)


def public_community(request: HttpRequest, page_id: int) -> PeerGroupPage:
    """A working community as anyone may know it (it is closed, never secret)."""
    group = group_for_action(request, page_id)
    if not group.is_working_community:
        raise Http404
    return group


@require_GET
def summary(request: HttpRequest, page_id: int) -> HttpResponse:
    """The public summary: what the moderators published, and nothing else."""
    group = public_community(request, page_id)
    published = (Decision.objects.filter(group=group, published_at__isnull=False)
                 .select_related("publication"))
    return render(request, "community/working/results.html",
                  {"group": group, "page": group.localized, "decisions": published})


@require_GET
def works_on(request: HttpRequest, page_id: int) -> HttpResponse:
    """What the community works on, who leads it and who is in it, as far as each
    member chose to be named."""
    group = public_community(request, page_id)
    rows = (Membership.objects.filter(group=group, state=MembershipState.ACTIVE,
                                      named_publicly=True, user__is_active=True)
            .select_related("user__member_profile").order_by("-role", "created_at"))
    named = [{"name": author_name(row.user), "role": row.role,
              "affiliation": getattr(row.user, "member_profile", None)
              and row.user.member_profile.organisation}
             for row in rows]
    membership = permissions.membership(request.user, group)
    return render(request, "community/working/works_on.html", {
        "group": group, "page": group.localized, "named": named,
        "membership": membership if membership and membership.is_active else None})


@login_required
@require_POST
def public_name(request: HttpRequest, page_id: int) -> HttpResponse:
    """A member chooses whether the public page names them."""
    group = public_community(request, page_id)
    membership = permissions.membership(request.user, group)
    if membership is None or not membership.is_active:
        return render(request, "community/not_allowed.html",
                      {"message": _("Only members choose this.")}, status=403)
    membership.named_publicly = request.POST.get("named") == "yes"
    Membership.objects.filter(pk=membership.pk).update(named_publicly=membership.named_publicly)
    messages.success(request, _("The public page names you.") if membership.named_publicly
                     else _("The public page does not name you."))
    return back_to(group, request)
