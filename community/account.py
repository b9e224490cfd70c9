"""My account: one page on which a signed-in member finds everything that is theirs.

The community plugin shows what it knows (peer groups and requests, followed threads,
unread notifications, the profile, API tokens, export and deletion); other plugins add
their own sections with a Wagtail hook, so that this module names no other plugin and a
plugin that is switched off leaves no section behind::

    @hooks.register("register_account_section")
    def registrations() -> AccountSection:
        return AccountSection("registrations", _("Events"), "events/account/events.html",
                              order=10, context=registrations_context)

``context(request)`` returns the section's template context, or ``None`` to leave the
section out; it uses a fixed number of queries, whatever the number of items (the page's
count is pinned by a test).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Window
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from community import permissions
from community.context_processors import account as account_nav
from community.forms import ProfileForm
from community.models import Follow, MemberProfile, MembershipState, PersonalToken, TokenScope

HOOK_NAME = "register_account_section"

# Unread notifications listed on the page; the rest are one link away.
UNREAD_SHOWN = 5


@dataclass(frozen=True)
class AccountSection:
    """One section of the account page: its anchor, heading, template and context."""

    name: str
    title: str
    template: str
    order: int
    context: Callable[[HttpRequest], dict[str, Any] | None]


class ReaderPages:
    """Pages of every section in the reader's language, fetched together: each section
    asks for its pages while it builds its context, and the first page the template
    reads fetches the translations of all of them in one query (none when every page is
    in the reader's language already). The pages come with ``locale`` selected."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._wanted: dict[int, Page] = {}
        self._found: dict[Any, Page] | None = None

    def get(self, page: Page) -> ReaderPage:
        self._wanted[page.pk] = page
        return ReaderPage(self, page)

    def localized(self, page: Page) -> Page:
        if self._found is None:
            foreign = {wanted.translation_key for wanted in self._wanted.values()
                       if wanted.locale.language_code != self.language}
            self._found = {} if not foreign else {
                found.translation_key: found for found in Page.objects.live().filter(
                    translation_key__in=foreign, locale__language_code=self.language)}
        return self._found.get(page.translation_key, page)


class ReaderPage:
    """A page as the reader sees it: its translation's title and address, if any."""

    def __init__(self, batch: ReaderPages, page: Page) -> None:
        self._batch, self.original = batch, page

    @property
    def title(self) -> str:
        return self._batch.localized(self.original).title

    @property
    def url(self) -> str:
        return self._batch.localized(self.original).url


def reader_pages(request: HttpRequest) -> ReaderPages:
    """The request's one batch of pages in the reader's language."""
    if not hasattr(request, "_account_pages"):
        request._account_pages = ReaderPages(  # type: ignore[attr-defined]
            translation.get_language())
    return request._account_pages  # type: ignore[attr-defined]


def account_sections(request: HttpRequest) -> list[dict[str, Any]]:
    """Every plugin's section with its context, in their declared order."""
    sections = sorted((register() for register in hooks.get_hooks(HOOK_NAME)),
                      key=lambda section: (section.order, section.name))
    shown = []
    for section in sections:
        context = section.context(request)
        if context is not None:
            shown.append({"name": section.name, "title": section.title,
                          "template": section.template, "context": context})
    return shown


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The member's page: the plugins' sections, then the ways to the profile, the API
    tokens and the data owed to the member (each on a page of its own, so that this one
    stays within its query budget)."""
    sections = account_sections(request)
    context: dict[str, Any] = {"sections": sections}
    unread = next((section["context"]["unread"] for section in sections
                   if section["name"] == "notifications"), None)
    if unread is not None:
        # The header's unread count, from the notifications section's query rather than
        # one more (the view's context outranks the context processor's).
        context["account_nav"] = {**account_nav(request)["account_nav"], "unread": unread}
    return render(request, "community/accounts/account.html", context)


@login_required
def edit_profile(request: HttpRequest) -> HttpResponse:
    member, _created = MemberProfile.objects.get_or_create(
        user=request.user, defaults={"display_name": request.user.get_full_name()
                                     or request.user.get_username()})
    form = ProfileForm(request.POST or None, instance=member)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile is saved."))
            return redirect("community:profile")
        return render(request, "community/accounts/profile.html", {"form": form}, status=400)
    return render(request, "community/accounts/profile.html", {"form": form})


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """The member's personal API tokens: a new one (shown once) or the list."""
    if request.method == "POST":
        name = " ".join(request.POST.get("name", "").split())[:80]
        if not name:
            messages.error(request, _("Give the token a name, so that you recognise it "
                                      "later."))
            return redirect("community:create_token")
        _token, raw = PersonalToken.issue(request.user, name)
        return render(request, "community/accounts/token_created.html",
                      {"raw": raw, "name": name})
    return render(request, "community/accounts/tokens.html", {
        "tokens": request.user.personal_tokens.filter(revoked_at=None, scope=TokenScope.API)
        .order_by("-created_at")})


# --- the community plugin's own sections --------------------------------------------------

def groups_context(request: HttpRequest) -> dict[str, Any]:
    """Groups the member belongs to and requests still waiting for a moderator, each in
    the reader's language; the invitations and past memberships stay in the export."""
    rows = (request.user.memberships.filter(
        state__in=[MembershipState.ACTIVE, MembershipState.PENDING])
        .select_related("group__locale").order_by("group__title"))
    pages = reader_pages(request)
    entries = [{"membership": row, "group": pages.get(row.group)} for row in rows]
    return {"memberships": [entry for entry in entries if entry["membership"].is_active],
            "requests": [entry for entry in entries if not entry["membership"].is_active]}


def followed_threads_context(request: HttpRequest) -> dict[str, Any]:
    """Threads the member follows and may still read (a member who left a closed group
    no longer sees its threads here either)."""
    follows = (Follow.objects.filter(
        user=request.user, thread__isnull=False, thread__is_hidden=False,
        thread__group__in=permissions.readable_as_member(request.user))
        .select_related("thread__group").order_by("-thread__last_activity_at"))
    return {"threads": [follow.thread for follow in follows]}


def notifications_context(request: HttpRequest) -> dict[str, Any]:
    """The newest unread notifications, and how many there are in all (a window over
    the same query: the header shows that number too)."""
    newest = list(request.user.notifications.filter(read_at__isnull=True)
                  .annotate(unread=Window(Count("pk"))).order_by("-created_at")[:UNREAD_SHOWN])
    unread = newest[0].unread if newest else 0
    return {"notifications": newest, "unread": unread, "more": unread > len(newest)}

