"""Newsletter subscriptions with double opt-in: a subscription counts only once its
address is confirmed, and every newsletter carries a one-click unsubscribe link."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.links import new_token


class NewsletterSubscription(models.Model):
    # Stored in lower case: one subscription per address.
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    topics = models.ManyToManyField("repository.Topic", verbose_name=_("topics"), blank=True,
                                    related_name="+")
    formats = models.JSONField(_("formats"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscription")
        verbose_name_plural = _("newsletter subscriptions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_subscribed(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None
