"""Invitations into a peer group by e-mail, also for people without an account yet:
a signed link that works once, for the invited address only."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import permissions
from community.accounts import (
    INVITATION_MAX_AGE,
    INVITATION_SALT,
    account_links,
    invitation_token,
)
from community.group_actions import back_to, group_for_action
from community.models import Membership, MembershipState
from community.notifications import GroupTitles, follow, language_of, notify_membership
from home import signed_links, site_urls
from home.signed_links import LinkError, link_error_page


@login_required
@require_POST
def invite(request: HttpRequest, page_id: int) -> HttpResponse:
    group = group_for_action(request, page_id)
    if not permissions.can_moderate(request.user, group):
        raise Http404
    email = request.POST.get("email", "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        messages.error(request, _("“%(email)s” is not an e-mail address.") % {"email": email[:80]})
        return back_to(group, request)
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    existing = Membership.objects.filter(group=group, user=user).first() if user else \
        Membership.objects.filter(group=group, user=None, invited_email=email).first()
    if existing is not None and existing.state == MembershipState.ACTIVE:
        messages.info(request, _("%(email)s is a member already.") % {"email": email})
        return back_to(group, request)
    with transaction.atomic():
        membership = Membership.invite(group, email, user=user, by=request.user)
        if user is not None:
            notify_membership(membership)
    inviter = (request.user.member_profile.display_name
               if hasattr(request.user, "member_profile") else "")
    # People with an account read it in their chosen language; others in the inviter's.
    with translation.override(language_of(user) if user else translation.get_language()):
        link = site_urls.absolute_url(
            reverse("community:accept_invitation", args=[invitation_token(membership)]),
            request)
        title = GroupTitles(group)[translation.get_language()]
        send_mail(_("An invitation to the peer group %(group)s") % {"group": title},
                  _("Hello,\n\n%(inviter)s invites you to the peer group “%(group)s” on the "
                    "Smart Cities knowledge platform. Accept within two weeks:\n\n%(link)s\n\n"
                    "Without an account yet? Sign up with this e-mail address first, then "
                    "open the link again.") % {"inviter": inviter, "group": title, "link": link},
                  None, [email])
    messages.success(request, _("The invitation to %(email)s is sent.") % {"email": email})
    return back_to(group, request)


def invitation_for(token: str) -> Membership:
    data = signed_links.read(
        token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE,
        expired=_("This invitation has expired. Ask the group's moderators for a new one."),
        invalid=_("This invitation link is not valid."))
    membership = Membership.objects.select_related("group").filter(
        pk=data.get("membership"), invited_email=data.get("email")).first()
    if membership is None:
        raise LinkError(_("This invitation link is not valid."))
    if membership.state != MembershipState.INVITED:
        raise LinkError(_("This invitation has been used already."))
    return membership


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        membership = invitation_for(token)
    except LinkError as error:
        return link_error_page(request, error, account_links())
    if not request.user.is_authenticated:
        messages.info(request, _("Sign in with %(email)s to accept the invitation, or sign "
                                 "up with that address first.")
                      % {"email": membership.invited_email})
        return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
    if request.user.email.lower() != membership.invited_email.lower():
        return link_error_page(request, LinkError(
            _("This invitation is for %(email)s. Sign in with that address to accept it.")
            % {"email": membership.invited_email}, status=403), account_links())
    if request.method != "POST":
        return render(request, "community/accounts/invitation.html",
                      {"group": membership.group, "membership": membership})
    with transaction.atomic():
        membership.accept(request.user)
        follow(request.user, group=membership.group)
        notify_membership(membership)
    messages.success(request, _("Welcome to the group."))
    return back_to(membership.group, request)


