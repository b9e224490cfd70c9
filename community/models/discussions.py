"""Discussions in peer groups: threads and posts are ordinary models, written by
members, not published by editors. A post keeps its Markdown source, the sanitised
HTML rendered from it, and every earlier version (visible to moderators)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.attachments import KIND_BY_CONTENT_TYPE, FileKind, attachment_storage
from community.markup import render_markdown
from community.models.groups import PeerGroupPage

MAX_POST_LENGTH = 20_000


class Thread(models.Model):
    group = models.ForeignKey(PeerGroupPage, verbose_name=_("peer group"),
                              on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.SET_NULL, related_name="threads")
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    moderation_note = models.CharField(_("moderation note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [models.Index(fields=["group", "-is_pinned", "-last_activity_at"])]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    thread = models.ForeignKey(Thread, verbose_name=_("thread"), on_delete=models.CASCADE,
                               related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.SET_NULL, related_name="posts")
    body = models.TextField(_("text"), max_length=MAX_POST_LENGTH)
    body_html = models.TextField(editable=False, blank=True)
    reply_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="replies")
    created_at = models.DateTimeField(_("written"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    moderation_note = models.CharField(_("moderation note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self) -> str:
        return f"{self.thread}: {self.body[:40]}"

    def save(self, *args, **kwargs) -> None:
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)


class Attachment(models.Model):
    """A file attached to a post, stored privately (see community.attachments)."""

    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE,
                             related_name="attachments")
    file = models.FileField(_("file"), storage=attachment_storage, max_length=200)
    name = models.CharField(_("file name"), max_length=160)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:attachment", args=[self.pk, self.name])

    @property
    def kind(self) -> FileKind:
        return KIND_BY_CONTENT_TYPE[self.content_type]


class PostRevision(models.Model):
    """An earlier version of a post, kept when its author edits it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at"]

    def __str__(self) -> str:
        return f"{self.post_id} @ {self.written_at:%Y-%m-%d %H:%M}"


class ReportStatus(models.TextChoices):
    OPEN = "open", _("open")
    DISMISSED = "dismissed", _("dismissed")
    HIDDEN = "hidden", _("post hidden")


class ReportRecord(models.Model):
    """What every member's report to the moderators holds, whatever it reports: who, why,
    and what the moderators made of it. Posts' reports below; other plugins report their
    own members' writing with it (repository's questions and answers)."""

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"),
                                 null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("reason"), max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices,
                              default=ReportStatus.OPEN, db_index=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    # What the moderators did, kept with the report for the queue's history tab (the
    # audit trail of each step is Wagtail's log, community.moderation).
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("resolved by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    moderator_note = models.TextField(_("moderators' note"), blank=True, max_length=2000)

    class Meta:
        abstract = True


class Report(ReportRecord):
    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE,
                             related_name="reports")
    author_warned_at = models.DateTimeField(_("author warned"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [models.UniqueConstraint(fields=["post", "reporter"],
                                               name="one_report_per_post_and_member")]

    def __str__(self) -> str:
        return f"{self.post} ({self.status})"

    def save(self, *args, **kwargs) -> None:
        """Resolving a report in the admin queue: "post hidden" hides the post."""
        if self.status != ReportStatus.OPEN and self.resolved_at is None:
            self.resolved_at = timezone.now()
        super().save(*args, **kwargs)
        if self.status == ReportStatus.HIDDEN and not self.post.is_hidden:
            self.post.is_hidden = True
            self.post.moderation_note = self.reason[:300]
            self.post.save()
