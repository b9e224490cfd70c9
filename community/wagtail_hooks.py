from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from community import account, permissions
from community.admin_choosers import MunicipalityChooserViewSet
from community.models import Membership, Municipality, PeerGroupIndexPage, PeerGroupPage, Report


@hooks.register("before_serve_page")
def secret_groups_do_not_exist_for_outsiders(page: Any, request: Any, serve_args: list,
                                             serve_kwargs: dict) -> Any:
    """A secret group answers 404 to everyone outside it (not Wagtail's redirect to the
    sign-in page, which would tell that something is there). Editors, who manage every
    group, see it although they are not in its access group."""
    if not isinstance(page, PeerGroupPage) or not page.is_secret:
        return None
    if not permissions.can_see_group(request.user, page):
        raise Http404
    if permissions.is_editor(request.user) and not permissions.is_member(request.user, page):
        return page.serve(request, *serve_args, **serve_kwargs)
    return None


class MembershipViewSet(SnippetViewSet):
    """Memberships in the admin, for editors: who is in which group, requests, removals."""

    model = Membership
    icon = "group"
    menu_label = _("Memberships")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["user", "group", "state", "role", "created_at"]
    list_filter = ["state", "role"]
    ordering = ["-created_at"]


class MunicipalityViewSet(SnippetViewSet):
    """Municipalities in the admin: searched through the search backend (name, AGS),
    filtered by federal state, size class and kind."""

    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "ags", "federal_state", "size_class", "population"]
    list_filter = ["federal_state", "size_class", "kind"]
    list_export = ["name", "ags", "federal_state", "kind", "size_class", "population",
                   "latitude", "longitude", "website"]
    ordering = ["name"]
    chooser_viewset_class = MunicipalityChooserViewSet


register_snippet(MunicipalityViewSet)
register_snippet(MembershipViewSet)


class ReportViewSet(SnippetViewSet):
    """The moderation queue: reported posts, open ones first. Setting a report to
    "post hidden" hides the post; "dismissed" leaves it."""

    model = Report
    icon = "warning"
    menu_label = _("Reported posts")
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["post", "reason", "reporter", "status", "created_at"]
    list_filter = ["status"]
    ordering = ["status", "-created_at"]
    form_fields = ["status"]


register_snippet(ReportViewSet)


# --- sections of the account page (community.account) ------------------------------------

@hooks.register(account.HOOK_NAME)
def groups_section() -> account.AccountSection:
    return account.AccountSection("groups", _("Peer groups"), "community/account/groups.html",
                                  order=30, context=account.groups_context)


@hooks.register(account.HOOK_NAME)
def followed_threads_section() -> account.AccountSection:
    return account.AccountSection("threads", _("Followed threads"),
                                  "community/account/threads.html", order=40,
                                  context=account.followed_threads_context)


@hooks.register(account.HOOK_NAME)
def notifications_section() -> account.AccountSection:
    return account.AccountSection("notifications", _("Unread notifications"),
                                  "community/account/notifications.html", order=50,
                                  context=account.notifications_context)


@hooks.register("register_home_way_in")
def join_a_peer_group(request: Any, home_page: Any) -> dict[str, Any] | None:
    """The home page's way in for municipalities that want to learn from their peers."""
    index = (PeerGroupIndexPage.objects.live().filter(locale_id=home_page.locale_id)
             .order_by("path").first())
    if index is None:
        return None
    return {"title": _("Join a peer group"), "url": index.get_url(request),
            "text": _("Municipalities with the same questions learn together, in open and "
                      "closed groups led by moderators."),
            "label": _("See the peer groups")}
