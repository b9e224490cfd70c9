from collections.abc import Callable
from typing import Any

from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from community import (
    account,
    dashboard,
    membership_admin,
    memberships,
    moderation,
    moderation_views,
    permissions,
)
from community.admin_choosers import MunicipalityChooserViewSet
from community.models import Membership, Municipality, PeerGroupIndexPage, PeerGroupPage
from home.dashboard import with_open_count


def member_label(membership: Membership) -> str:
    """A person as the office knows them: name and municipality, not an e-mail address."""
    person = moderation_views.person_summary(membership.user)
    if membership.user is None:
        return membership.invited_email
    return f"{person['name']} ({person['municipality']})" if person["municipality"] \
        else person["name"]



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
    """Memberships in the admin, for editors: who is in which group, and the state of
    each. Who and which group are facts of the row (requests are decided under
    "Membership requests", invitations on the group page), so only the state, role and
    reason are editable here."""

    model = Membership
    icon = "group"
    menu_label = _("Memberships")
    menu_order = 261
    add_to_admin_menu = True
    list_display = [Column("person", label=_("Person"), accessor=member_label),
                    "group", "state", "role", Column("created_at", label=_("Since"))]
    list_filter = ["state", "role"]
    ordering = ["-created_at"]
    form_fields = ["state", "role", "reason", "decided_at"]

    def get_queryset(self, request: Any) -> Any:
        return Membership.objects.select_related("group", "user__member_profile__municipality")


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


# -- the moderation queue and membership requests (community.moderation_views,
#    community.membership_admin), with the open count on their menu items -----------------

class PermittedMenuItem(MenuItem):
    def __init__(self, *args: Any, allowed: Callable[[Any], bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed = allowed

    def is_shown(self, request: Any) -> bool:
        return self.allowed(request.user)




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
ReportsMenuItem = with_open_count(PermittedMenuItem, moderation.open_report_count)
RequestsMenuItem = with_open_count(PermittedMenuItem, memberships.pending_request_count)


@hooks.register("register_admin_menu_item")
def moderation_queue_menu_item() -> MenuItem:
    return ReportsMenuItem(_("Reported posts"), reverse("community_moderation:queue"),
                           name="reported-posts", icon_name="warning", order=270,
                           allowed=moderation.may_moderate_reports)


@hooks.register("register_admin_menu_item")
def membership_requests_menu_item() -> MenuItem:
    return RequestsMenuItem(_("Membership requests"),
                            reverse("community_membership_requests:list"),
                            name="membership-requests", icon_name="group", order=260,
                            allowed=memberships.may_decide_requests)


@hooks.register("register_admin_urls")
def moderation_urls() -> list:
    queue = [path("", moderation_views.queue, name="queue"),
             path("<int:post_id>/", moderation_views.act, name="act")]
    requests = [path("", membership_admin.requests_list, name="list"),
                path("decide/", membership_admin.decide, name="decide")]
    return [path("moderation/", include((queue, "community_moderation"))),
            path("membership-requests/",
                 include((requests, "community_membership_requests")))]


hooks.register("register_log_actions", moderation.register_log_actions)
hooks.register("register_log_actions", membership_admin.register_log_actions)
hooks.register("construct_homepage_panels", dashboard.add_panels)
