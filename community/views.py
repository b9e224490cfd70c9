"""Account pages (sign-up, confirmation, log-in, profile, export, deletion) and the
actions on peer groups (join, leave, decide on requests, remove members)."""

from __future__ import annotations

from typing import Any

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import permissions
from community.accounts import (
    SIGNUP_MAILS_PER_ADDRESS_AND_HOUR,
    account_links,
    confirm_email,
    delete_member,
    export_member_data,
    mail_sign_up,
)
from community.forms import (
    DecisionForm,
    DeleteAccountForm,
    SignupForm,
    ThrottledAuthenticationForm,
)
from community.group_actions import back_to, group_for_action
from community.memberships import decide_request
from community.models import (
    EmailFrequency,
    MemberProfile,
    Membership,
    MembershipState,
    PeerGroupPage,
)
from community.municipality_search import (
    QUERY_MAX_LENGTH,
    find_municipalities,
    municipality_label,
)
from community.notifications import UNSUBSCRIBE_SALT, follow
from home import signed_links
from home.limits import exceeded, is_locked_out, lockout_failed, lockout_response
from home.signed_links import LinkError, link_error_page

# Sign-ups per client and hour (home.limits): enough for an office signing up its staff.
SIGNUPS_PER_CLIENT_AND_HOUR = 10


def signup(request: HttpRequest) -> HttpResponse:
    """Every address gets the same answer ("we have sent you an e-mail"), whether it has
    an account or not: the owner of a known address learns by e-mail, nobody else."""
    if request.user.is_authenticated:
        return redirect("community:profile")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if exceeded("community:signup", f"{SIGNUPS_PER_CLIENT_AND_HOUR}/h", request=request):
            return render(request, "community/accounts/signup.html", {
                "form": form, "error": _("We have received many sign-ups from your "
                                         "connection in the last hour. Please try again "
                                         "later.")}, status=429)
        data = form.cleaned_data
        known = get_user_model().objects.filter(email__iexact=data["email"]).first()
        if known is None:
            with transaction.atomic():
                user = get_user_model().objects.create_user(
                    username=data["email"], email=data["email"], password=data["password1"],
                    is_active=False)
                MemberProfile.objects.create(
                    user=user, display_name=data["display_name"],
                    organisation_kind=data["organisation_kind"],
                    municipality=data.get("municipality"),
                    organisation=data.get("organisation", ""),
                    language=translation.get_language() or settings.LANGUAGE_CODE)
            mail_sign_up(request, user, data["display_name"], known=False)
        else:
            make_password(data["password1"])  # as long as a real sign-up takes
            mail_sign_up(request, known, data["display_name"], known=True)
        return render(request, "community/accounts/signup_done.html", {"email": data["email"]})
    status = 400 if request.method == "POST" else 200
    return render(request, "community/accounts/signup.html", {"form": form}, status=status)


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = confirm_email(token)
    except LinkError as error:
        return link_error_page(request, error, account_links())
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
    return redirect("community:profile")


class LoginView(auth_views.LoginView):
    template_name = "community/accounts/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 429 if getattr(form, "throttled", False) else 400
        return response


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("/")


class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a reset link: the same answer for every address (Django's own), and at
    most SIGNUP_MAILS_PER_ADDRESS_AND_HOUR links an hour to one address, so the form
    cannot flood an inbox."""

    template_name = "community/accounts/password_reset.html"
    email_template_name = "community/accounts/password_reset_email.txt"
    subject_template_name = "community/accounts/password_reset_subject.txt"
    success_url = reverse_lazy("community:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        if exceeded("community:reset-mail", f"{SIGNUP_MAILS_PER_ADDRESS_AND_HOUR}/h",
                    by=form.cleaned_data["email"]):
            return redirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "community/accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link from the reset e-mail: a wrong or used link counts as a failed sign-in
    for its account (the one lockout, home.limits), and once locked out, guesses get a
    429; the real link works even then, and a password set through it ends every
    lockout of the account, so its owner is never locked out for longer than it takes
    to read an e-mail."""

    template_name = "community/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("community:login")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = self.get_user(kwargs["uidb64"])
        self.account = user.get_username().lower() if user else f"uid:{kwargs['uidb64'][:40]}"
        response = super().dispatch(request, *args, **kwargs)
        if self.validlink or response.status_code == 302:
            # The e-mailed link (which first redirects to a URL without the token) is the
            # owner's way out of a lockout: it always works.
            return response
        if is_locked_out(request, self.account):
            return lockout_response(request)
        lockout_failed(request, self.account, sender=type(self))
        return response

    def form_valid(self, form: Any) -> HttpResponse:
        axes_reset(username=self.account)
        messages.success(self.request, _("Your password is set. Please sign in."))
        return super().form_valid(form)


@login_required
def member_profile(request: HttpRequest, user_id: int) -> HttpResponse:
    """Another member's profile: for signed-in members, with the contact details its
    owner shows to this reader, and the groups of theirs this reader may know of."""
    profile = get_object_or_404(
        MemberProfile.objects.select_related("user", "municipality")
        .prefetch_related("expertise"), user_id=user_id)
    if not permissions.can_view_profile(request.user, profile.user):
        raise Http404
    memberships = (Membership.objects.filter(user=profile.user, state=MembershipState.ACTIVE,
                                             group__live=True)
                   .select_related("group").order_by("group__title"))
    groups = permissions.visible_groups(request.user, [row.group for row in memberships])
    # The groups in the reader's language, in one query (where a translation exists).
    translated = {group.translation_key: group for group in PeerGroupPage.objects.live().filter(
        translation_key__in=[group.translation_key for group in groups],
        locale__language_code=translation.get_language())}
    return render(request, "community/accounts/member.html", {
        "profile": profile, "contact": permissions.visible_contact(request.user, profile),
        "groups": [translated.get(group.translation_key, group) for group in groups],
        "is_own": profile.user_id == request.user.pk,
    })


@login_required
def export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(export_member_data(request.user),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = request.user
            logout(request)
            delete_member(user)
            messages.success(request, _("Your account is deleted. What you wrote stays, "
                                        "signed “former member”."))
            return redirect("/")
        return render(request, "community/accounts/delete.html", {"form": form}, status=400)
    return render(request, "community/accounts/delete.html", {"form": form})


# --- peer group actions ------------------------------------------------------------------

@login_required
@require_POST
def join(request: HttpRequest, page_id: int) -> HttpResponse:
    group = group_for_action(request, page_id)
    if not permissions.may_belong(request.user, group):
        return HttpResponseBadRequest(_("This working community is for the model projects "
                                        "and the office, as your profile says."))
    if not permissions.can_join(request.user, group):
        return HttpResponseBadRequest(_("You cannot join this group: it takes members by "
                                        "invitation, or you already belong to it."))
    membership = Membership.join(group, request.user)
    if membership.is_active:
        follow(request.user, group=group)
    messages.success(request, _("Welcome to the group.") if membership.is_active
                     else _("Your request is with the group's moderators."))
    return back_to(group, request)


@login_required
@require_POST
def leave(request: HttpRequest, page_id: int) -> HttpResponse:
    group = group_for_action(request, page_id)
    membership = permissions.membership(request.user, group)
    if membership is None or membership.state not in (MembershipState.ACTIVE,
                                                      MembershipState.PENDING):
        return HttpResponseBadRequest(_("You are not a member of this group."))
    membership.leave()
    messages.success(request, _("You have left the group."))
    return back_to(group, request)


def _moderated(request: HttpRequest, page_id: int, membership_id: int,
               state: str) -> tuple[PeerGroupPage, Membership]:
    """The group and one of its memberships in ``state``, for its moderators; a 404 for
    everyone else (the group's existence included)."""
    group = group_for_action(request, page_id)
    if not permissions.can_moderate(request.user, group):
        raise Http404
    return group, get_object_or_404(Membership, pk=membership_id, group=group, state=state)


@login_required
@require_POST
def decide(request: HttpRequest, page_id: int, membership_id: int) -> HttpResponse:
    group, membership = _moderated(request, page_id, membership_id, MembershipState.PENDING)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(" ".join(
            str(error) for errors in form.errors.values() for error in errors))
    approve = form.cleaned_data["decision"] == "approve"
    if approve and not permissions.may_belong(membership.user, group):
        return HttpResponseBadRequest(_("This working community is for the model projects "
                                        "and the office; the requester's profile names "
                                        "neither."))
    decide_request(membership, approve=approve, by=request.user,
                   reason=form.cleaned_data["reason"])
    messages.success(request, _("The request is approved.") if approve
                     else _("The request is declined."))
    return back_to(group, request)


@login_required
@require_POST
def remove_member(request: HttpRequest, page_id: int, membership_id: int) -> HttpResponse:
    group, membership = _moderated(request, page_id, membership_id, MembershipState.ACTIVE)
    membership.remove(by=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, _("The member is removed from the group."))
    return back_to(group, request)


# --- notifications --------------------------------------------------------------------

@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    mine = request.user.notifications.select_related("group").order_by("-created_at")
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("community:notifications")
    return render(request, "community/accounts/notifications.html",
                  {"notifications": list(mine[:50])})


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click from an e-mail, no sign-in: the page asks for the click (link scanners
    only look), and the click switches every e-mail off."""
    invalid = _("This unsubscribe link is not valid.")
    try:
        data = signed_links.read(token, salt=UNSUBSCRIBE_SALT, max_age=None,
                                 expired=invalid, invalid=invalid)
    except LinkError as error:
        return link_error_page(request, error)
    profile = MemberProfile.objects.filter(user_id=data.get("user")).first()
    if profile is None:
        return link_error_page(request, LinkError(invalid))
    done = False
    if request.method == "POST":
        profile.email_frequency = EmailFrequency.NEVER
        profile.save(update_fields=["email_frequency"])
        done = True
    return render(request, "community/accounts/unsubscribe.html",
                  {"done": done or profile.email_frequency == EmailFrequency.NEVER})


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(request.user.personal_tokens, pk=token_id, revoked_at=None)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    messages.success(request, _("The token is revoked."))
    return redirect("community:create_token")


def municipality_matches(request: HttpRequest) -> HttpResponse:
    """The municipality picker's suggestions for what was typed (``q``), as JSON: each
    match's id and its name with the federal state (names repeat across states)."""
    query = request.GET.get("q", "")
    if len(query) > QUERY_MAX_LENGTH:
        return JsonResponse({"message": _("Type at most %(limit)s characters.")
                             % {"limit": QUERY_MAX_LENGTH}}, status=400)
    matches = [{"id": m.pk, "name": m.name, "label": municipality_label(m)}
               for m in find_municipalities(query)]
    response = JsonResponse({"query": query, "results": matches})
    response["Cache-Control"] = "public, max-age=3600"
    return response
