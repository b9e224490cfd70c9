"""Peer groups: Wagtail pages that editors create, with memberships that members hold.

Each group has a Django auth group that mirrors its active members (`access_group`).
A secret group's page carries a Wagtail view restriction to that auth group, so Wagtail
itself keeps it out of listings, menus, the pages API, the sitemap and search for
everyone outside; the search index sees the same restriction as a permission principal.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class GroupVisibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone reads, members write")
    CLOSED = "closed", _("Closed: anyone sees the group, members read and write")
    SECRET = "secret", _("Secret: only members know it exists")


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone signed in joins at once")
    REQUEST = "request", _("On request: moderators approve or decline")
    INVITATION = "invitation", _("By invitation only")


class PeerGroupIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    subpage_types = ["community.PeerGroupPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    translatable_fields = [TranslatableField("title"), TranslatableField("slug"),
                           TranslatableField("seo_title"),
                           TranslatableField("search_description"),
                           TranslatableField("intro")]

    class Meta:
        verbose_name = _("peer group index")
        verbose_name_plural = _("peer group indexes")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from community.permissions import visible_groups

        context = super().get_context(request, *args, **kwargs)
        context["groups"] = visible_groups(request.user, self.get_children().live()
                                           .type(PeerGroupPage).specific())
        return context


class PeerGroupPage(Page):
    topic = models.CharField(_("topic"), max_length=120)
    description = RichTextField(_("description"), features=TEXT_FEATURES)
    visibility = models.CharField(_("visibility"), max_length=10,
                                  choices=GroupVisibility.choices,
                                  default=GroupVisibility.PUBLIC)
    join_policy = models.CharField(_("joining"), max_length=12, choices=JoinPolicy.choices,
                                   default=JoinPolicy.REQUEST)
    access_group = models.ForeignKey(
        Group, null=True, blank=True, editable=False, on_delete=models.SET_NULL,
        related_name="peer_groups",
        help_text=_("Mirrors the active members; kept up to date by the platform."))

    parent_page_types = ["community.PeerGroupIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("topic"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("visibility"), FieldPanel("join_policy")],
                        heading=_("Access")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("topic"),
                     index.SearchField("description"), index.FilterField("visibility")]
    translatable_fields = [
        TranslatableField("title"), TranslatableField("slug"), TranslatableField("seo_title"),
        TranslatableField("search_description"), TranslatableField("topic"),
        TranslatableField("description"), SynchronizedField("visibility"),
        SynchronizedField("join_policy"), SynchronizedField("access_group"),
    ]

    class Meta:
        verbose_name = _("peer group")
        verbose_name_plural = _("peer groups")

    @property
    def is_secret(self) -> bool:
        return self.visibility == GroupVisibility.SECRET

    def canonical(self) -> PeerGroupPage:
        """The page that holds the memberships: the group in the default language."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        found = PeerGroupPage.objects.filter(
            translation_key=self.translation_key,
            locale__language_code=settings.LANGUAGE_CODE).first()
        return found or self

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Membership state, what the reader may do, members and open requests: a fixed
        number of queries, whatever the size of the group."""
        from community import permissions

        context = super().get_context(request, *args, **kwargs)
        group = self.canonical()
        user = request.user
        may_read = permissions.can_read(user, group)
        may_moderate = permissions.can_moderate(user, group)
        rows = (Membership.objects.filter(group=group, state__in=[
            MembershipState.ACTIVE, MembershipState.PENDING])
            .select_related("user__member_profile").order_by("-role", "created_at"))
        members, pending = [], []
        for row in rows if (may_read or may_moderate) else []:
            profile = getattr(row.user, "member_profile", None)
            entry = {"membership_id": row.pk, "role": row.role, "user_id": row.user_id,
                     "display_name": profile.display_name if profile else str(row.user)}
            (members if row.is_active else pending).append(entry)
        if may_read:
            from community.discussions import threads_for

            context["threads"] = threads_for(request, group)
        context.update(group=group, membership=permissions.membership(user, group),
                       may_join=permissions.can_join(user, group), may_read=may_read,
                       may_moderate=may_moderate, members=members, pending=pending)
        return context

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            if self.access_group_id is None:
                source = (PeerGroupPage.objects.filter(translation_key=self.translation_key)
                          .exclude(access_group=None).values_list("access_group", flat=True)
                          .first())
                self.access_group_id = source or Group.objects.create(
                    name=f"Peer group {self.translation_key}").pk
            super().save(*args, **kwargs)
            self.sync_restriction()

    def sync_restriction(self) -> None:
        """A secret group's page is restricted to its members; other groups are not."""
        if self.pk is None:
            return
        ours = PageViewRestriction.objects.filter(
            page=self, restriction_type=PageViewRestriction.GROUPS,
            groups=self.access_group_id)
        if self.is_secret and not ours.exists():
            restriction = PageViewRestriction.objects.create(
                page=self, restriction_type=PageViewRestriction.GROUPS)
            restriction.groups.add(self.access_group_id)
        elif not self.is_secret and ours.exists():
            for restriction in ours:
                restriction.delete()


class MembershipState(models.TextChoices):
    INVITED = "invited", _("invited")
    PENDING = "pending", _("requested")
    ACTIVE = "active", _("member")
    DECLINED = "declined", _("declined")
    LEFT = "left", _("left")
    REMOVED = "removed", _("removed")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("member")
    MODERATOR = "moderator", _("moderator")


class Membership(models.Model):
    group = models.ForeignKey(PeerGroupPage, verbose_name=_("peer group"),
                              on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"), null=True,
                             blank=True, on_delete=models.CASCADE, related_name="memberships")
    invited_email = models.EmailField(_("invited e-mail address"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=MembershipState.choices)
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices,
                            default=MembershipRole.MEMBER)
    reason = models.TextField(_("reason"), blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_member"),
        ]
        indexes = [models.Index(fields=["group", "state"])]

    def __str__(self) -> str:
        return f"{self.user or self.invited_email} @ {self.group} ({self.state})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.sync_access()

    @property
    def is_active(self) -> bool:
        return self.state == MembershipState.ACTIVE

    @property
    def is_moderator(self) -> bool:
        return self.is_active and self.role == MembershipRole.MODERATOR

    def sync_access(self) -> None:
        """The group's auth group holds exactly its active members."""
        if self.user_id is None or self.group.access_group_id is None:
            return
        access = self.group.access_group
        if self.is_active:
            self.user.groups.add(access)
        else:
            self.user.groups.remove(access)
