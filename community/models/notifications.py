"""Following and notifications: members follow groups and threads; new threads,
replies, mentions and membership decisions reach them in the site and by e-mail,
immediately or in a daily or weekly digest."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailFrequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("immediately")
    DAILY = "daily", _("as a daily digest")
    WEEKLY = "weekly", _("as a weekly digest")
    NEVER = "never", _("never (only in the site)")


class Follow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="follows")
    group = models.ForeignKey("community.PeerGroupPage", null=True, blank=True,
                              on_delete=models.CASCADE, related_name="follows")
    thread = models.ForeignKey("community.Thread", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="follow_group_once"),
            models.UniqueConstraint(fields=["user", "thread"], name="follow_thread_once"),
            models.CheckConstraint(
                condition=models.Q(group__isnull=False) | models.Q(thread__isnull=False),
                name="follow_something"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.group or self.thread}"


class NotificationKind(models.TextChoices):
    NEW_THREAD = "new_thread", _("new thread")
    REPLY = "reply", _("reply")
    MENTION = "mention", _("mention")
    MEMBERSHIP = "membership", _("membership decision")
    INVITATION = "invitation", _("invitation")
    # News for a model project's team from the knowledge repository (an adoption
    # reported, a solution to confirm).
    PROJECT = "project", _("model project")


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications")
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    group = models.ForeignKey("community.PeerGroupPage", null=True, blank=True,
                              on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey("community.Thread", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey("community.Post", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"]),
                   models.Index(fields=["emailed_at", "created_at"])]

    def __str__(self) -> str:
        return self.text
