"""Personal tokens: a member creates one, sees it once, and can revoke it. Only a hash is
stored. An API token (created in the account) signs API requests in; a calendar token
(created on a working community's meetings page) opens that group's iCal feed and
nothing else, since calendar apps cannot sign in and keep the address where others may
read it (shared calendars, sync logs)."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "sct_"


class TokenScope(models.TextChoices):
    API = "api", _("API")
    CALENDAR = "calendar", _("Calendar feed of a working community")


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class PersonalToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="personal_tokens")
    name = models.CharField(_("name"), max_length=80)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=TokenScope.choices,
                             default=TokenScope.API)
    # The working community whose feed a calendar token opens (its German page).
    group = models.ForeignKey("community.PeerGroupPage", null=True, blank=True,
                              on_delete=models.CASCADE, related_name="calendar_tokens")

    class Meta:
        verbose_name = _("personal API token")
        verbose_name_plural = _("personal API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user, name: str, *, scope: str = TokenScope.API,
              group=None) -> tuple[PersonalToken, str]:
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=hash_token(raw),
                                   hint=raw[:10], scope=scope, group=group)
        return token, raw
