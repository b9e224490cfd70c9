"""Peer groups: Wagtail pages that editors create, with memberships that members hold.

Each group has a Django auth group that mirrors its active members (`access_group`).
A secret group's page carries a Wagtail view restriction to that auth group, so Wagtail
itself keeps it out of listings, menus, the pages API, the sitemap and search for
everyone outside; the search index sees the same restriction as a permission principal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.images import IMAGE_API_FIELDS, IMAGE_PANEL, IMAGE_TRANSLATABLE_FIELDS, PageImageMixin
from home.page_views import RegisteredContextMixin

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class GroupVisibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone reads, members write")
    CLOSED = "closed", _("Closed: anyone sees the group, members read and write")
    SECRET = "secret", _("Secret: only members know it exists")


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone signed in joins at once")
    REQUEST = "request", _("On request: moderators approve or decline")
    INVITATION = "invitation", _("By invitation only")


class PeerGroupIndexPage(RegisteredContextMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    subpage_types = ["community.PeerGroupPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    translatable_fields = [TranslatableField("title"), TranslatableField("slug"),
                           TranslatableField("seo_title"),
                           TranslatableField("search_description"),
                           TranslatableField("intro")]

    class Meta:
        verbose_name = _("peer group index")
        verbose_name_plural = _("peer group indexes")


class PeerGroupPage(RegisteredContextMixin, PageImageMixin, Page):
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
    is_working_community = models.BooleanField(
        _("working community of the model projects"), default=False,
        help_text=_("A closed group of model projects and the office with a document "
                    "space, meetings and decisions."))
    works_on = RichTextField(
        _("what the community works on"), features=TEXT_FEATURES, blank=True,
        help_text=_("Shown to everyone on the community's public page; nothing of the "
                    "members' documents, meetings or discussions is shown there."))

    parent_page_types = ["community.PeerGroupIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("topic"),
        FieldPanel("description"),
        IMAGE_PANEL,
        MultiFieldPanel([FieldPanel("visibility"), FieldPanel("join_policy")],
                        heading=_("Access")),
        MultiFieldPanel([FieldPanel("is_working_community"), FieldPanel("works_on")],
                        heading=_("Working community")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("topic"),
                     index.SearchField("description"), index.FilterField("visibility")]
    # In /api/v2/pages/<id>/. A secret group's page is restricted to its members, and the
    # pages API honours view restrictions, so only they see it there.
    api_fields = [APIField("topic"), APIField("description"), APIField("visibility"),
                  APIField("join_policy"), APIField("is_working_community"),
                  APIField("works_on"), *IMAGE_API_FIELDS]
    translatable_fields = [
        TranslatableField("title"), TranslatableField("slug"), TranslatableField("seo_title"),
        TranslatableField("search_description"), TranslatableField("topic"),
        TranslatableField("description"), SynchronizedField("visibility"),
        SynchronizedField("join_policy"), SynchronizedField("access_group"),
        SynchronizedField("is_working_community"), TranslatableField("works_on"),
        *IMAGE_TRANSLATABLE_FIELDS,
    ]

    class Meta:
        verbose_name = _("peer group")
        verbose_name_plural = _("peer groups")

    @property
    def is_secret(self) -> bool:
        return self.visibility == GroupVisibility.SECRET

    def clean(self) -> None:
        super().clean()
        if self.is_working_community and self.visibility != GroupVisibility.CLOSED:
            raise ValidationError({"visibility": _(
                "A working community is closed: anyone sees that it exists, only its "
                "members read and write.")})
        if self.is_working_community and self.join_policy == JoinPolicy.OPEN:
            raise ValidationError({"join_policy": _(
                "A working community takes members on request or by invitation.")})

    def canonical(self) -> PeerGroupPage:
        """The page that holds the memberships: the group in the default language."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        found = PeerGroupPage.objects.filter(
            translation_key=self.translation_key,
            locale__language_code=settings.LANGUAGE_CODE).first()
        return found or self

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


class MembershipQuerySet(models.QuerySet):
    """Bulk changes keep the access groups in step too: a state set with `update()` (or
    `bulk_update`, `bulk_create`) grants or revokes access in the same transaction, as
    `save()` and deletion do (`community.signal_handlers`)."""

    def update(self, **kwargs: Any) -> int:
        with transaction.atomic():
            pks = list(self.values_list("pk", flat=True))
            before = access_pairs(Membership.objects.filter(pk__in=pks))
            count = super().update(**kwargs)
            sync_access(before | access_pairs(Membership.objects.filter(pk__in=pks)))
        return count

    def bulk_update(self, objs: Any, fields: Any, **kwargs: Any) -> int:
        objs = list(objs)
        with transaction.atomic():
            pks = [obj.pk for obj in objs]
            before = access_pairs(Membership.objects.filter(pk__in=pks))
            count = super().bulk_update(objs, fields, **kwargs)
            sync_access(before | access_pairs(Membership.objects.filter(pk__in=pks)))
        return count

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list:
        with transaction.atomic():
            created = super().bulk_create(objs, *args, **kwargs)
            sync_access(access_pairs(Membership.objects.filter(
                pk__in=[obj.pk for obj in created if obj.pk])))
        return created


class Membership(models.Model):
    """A person's place in a peer group. The state changes only through the methods
    below (or the admin's form, which saves): each runs in one transaction with the
    access group that Wagtail's view restriction and the search principals read, so
    access ends in the same commit as the membership, on every path."""

    group = models.ForeignKey(PeerGroupPage, verbose_name=_("peer group"),
                              on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"), null=True,
                             blank=True, on_delete=models.CASCADE, related_name="memberships")
    invited_email = models.EmailField(_("invited e-mail address"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=MembershipState.choices)
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices,
                            default=MembershipRole.MEMBER)
    reason = models.TextField(_("reason"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    # A working community's public page names only the members who chose so.
    named_publicly = models.BooleanField(
        _("name me on the community's public page"), default=False)

    objects = MembershipQuerySet.as_manager()

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
            self.sync_access(also_user_id=getattr(self, "_loaded_user_id", None))
            self._loaded_user_id = self.user_id

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Membership:
        instance = super().from_db(db, field_names, values)
        # Whom the row gave access when it was read: if a form moves it to someone else,
        # that person's access ends on save.
        instance._loaded_user_id = instance.__dict__.get("user_id")
        return instance

    @property
    def is_active(self) -> bool:
        return self.state == MembershipState.ACTIVE

    @property
    def is_moderator(self) -> bool:
        return self.is_active and self.role == MembershipRole.MODERATOR

    def sync_access(self, also_user_id: int | None = None) -> None:
        """The group's auth group holds exactly its active members (and a person the row
        was moved away from loses what the row gave)."""
        access = self.group.access_group_id
        sync_access({(self.user_id, access), (also_user_id, access)})

    # --- the transitions ---------------------------------------------------------------

    @classmethod
    def join(cls, group: PeerGroupPage, user: Any) -> Membership:
        """Join an open group at once, or ask to join one that takes requests."""
        active = group.join_policy == JoinPolicy.OPEN
        membership, _created = cls.objects.update_or_create(
            group=group, user=user,
            defaults={"state": MembershipState.ACTIVE if active else MembershipState.PENDING,
                      "role": MembershipRole.MEMBER, "reason": "", "decided_by": None,
                      "decided_at": timezone.now() if active else None})
        return membership

    @classmethod
    def invite(cls, group: PeerGroupPage, email: str, *, user: Any, by: Any) -> Membership:
        """Invite an address (with its account, if there is one); an earlier row of the
        same person becomes the invitation, so access it gave ends now."""
        existing = (cls.objects.filter(group=group, user=user).first() if user is not None
                    else cls.objects.filter(group=group, user=None, invited_email=email).first())
        membership = existing or cls(group=group, user=user)
        membership.invited_email = email
        membership._decide(MembershipState.INVITED, by=by, role=MembershipRole.MEMBER)
        return membership

    def accept(self, user: Any) -> None:
        """The invited person accepts, with the account they are signed in with."""
        with transaction.atomic():
            Membership.objects.filter(group=self.group, user=user).exclude(pk=self.pk).delete()
            self.user = user
            self._decide(MembershipState.ACTIVE, by=self.decided_by)

    def approve(self, *, by: Any) -> None:
        self._decide(MembershipState.ACTIVE, by=by, reason="")

    def decline(self, *, by: Any, reason: str = "") -> None:
        self._decide(MembershipState.DECLINED, by=by, reason=reason.strip()[:1000])

    def leave(self) -> None:
        self._decide(MembershipState.LEFT, by=self.user, role=MembershipRole.MEMBER)

    def remove(self, *, by: Any, reason: str = "") -> None:
        self._decide(MembershipState.REMOVED, by=by, role=MembershipRole.MEMBER,
                     reason=reason.strip()[:1000])

    def _decide(self, state: str, *, by: Any, role: str | None = None,
                reason: str | None = None) -> None:
        self.state = state
        if role is not None:
            self.role = role
        if reason is not None:
            self.reason = reason
        self.decided_at, self.decided_by = timezone.now(), by
        self.save()


def access_pairs(memberships: models.QuerySet) -> set[tuple[int | None, int | None]]:
    return set(memberships.values_list("user_id", "group__access_group_id"))


def sync_access(pairs: Iterable[tuple[int | None, int | None]]) -> None:
    """Each (user, access group) pair is made to hold exactly when the user has an
    active membership in a group with that access group: granted or revoked here, in
    the caller's transaction. Two queries to look, at most two to write."""
    pairs = {(user, group) for user, group in pairs if user and group}
    if not pairs:
        return
    users, groups = {user for user, _ in pairs}, {group for _, group in pairs}
    active = set(Membership.objects.filter(
        user_id__in=users, group__access_group_id__in=groups, state=MembershipState.ACTIVE,
    ).values_list("user_id", "group__access_group_id"))
    held_rows = get_user_model().groups.through.objects
    held = set(held_rows.filter(user_id__in=users, group_id__in=groups)
               .values_list("user_id", "group_id"))
    grant, revoke = (pairs & active) - held, (pairs - active) & held
    held_rows.bulk_create([held_rows.model(user_id=user, group_id=group)
                           for user, group in grant], ignore_conflicts=True)
    if revoke:
        condition = models.Q()
        for user, group in revoke:
            condition |= models.Q(user_id=user, group_id=group)
        held_rows.filter(condition).delete()
