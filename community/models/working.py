"""Working communities: peer groups of the model projects and the office that the
editors mark as such (``PeerGroupPage.is_working_community``). Such a group keeps a
document space (folders, files with versions), a meeting series (agenda, minutes,
attendance) and decisions, which its moderators may publish as a public summary.

Everything here belongs to the group's members; who may see and do what is decided in
``community.permissions`` like for the group's threads. Files lie in the private
``attachments`` storage and are served only by ``community.documents``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community.attachments import KIND_BY_CONTENT_TYPE, FileKind, attachment_storage
from community.models.groups import PeerGroupPage


class Folder(models.Model):
    group = models.ForeignKey(PeerGroupPage, verbose_name=_("working community"),
                              on_delete=models.CASCADE, related_name="folders")
    name = models.CharField(_("name"), max_length=120)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("folder")
        verbose_name_plural = _("folders")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["group", "name"],
                                               name="one_folder_name_per_group")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:folder", args=[self.group_id, self.pk])


class Document(models.Model):
    """A file by its name in a folder; each upload of the same name adds a version.
    A deleted document stays in the record of changes, its files are gone."""

    folder = models.ForeignKey(Folder, verbose_name=_("folder"), on_delete=models.CASCADE,
                               related_name="documents")
    name = models.CharField(_("file name"), max_length=160)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("deleted by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(
            fields=["folder", "name"], condition=models.Q(deleted_at=None),
            name="one_current_document_name_per_folder")]

    def __str__(self) -> str:
        return self.name


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, verbose_name=_("document"),
                                 on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), storage=attachment_storage, max_length=200)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                    null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"],
                                               name="one_version_number_per_document")]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("community:document_version",
                       args=[self.document.folder.group_id, self.pk, self.document.name])

    @property
    def kind(self) -> FileKind:
        return KIND_BY_CONTENT_TYPE[self.content_type]


class Meeting(models.Model):
    group = models.ForeignKey(PeerGroupPage, verbose_name=_("working community"),
                              on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place or video link"), max_length=300, blank=True)
    agenda = models.TextField(_("agenda"), max_length=10000, blank=True)
    minutes = models.TextField(_("minutes"), max_length=50000, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="meeting_ends_after_it_starts")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:meeting", args=[self.group_id, self.pk])


class Attendance(models.Model):
    """Who attended a meeting, as a moderator recorded it."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"),
                             on_delete=models.CASCADE, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["meeting", "user"],
                                               name="one_attendance_per_member")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.meeting}"


class Decision(models.Model):
    """A decision or result of the community. Members read it; once a moderator
    publishes it, it stands on the public summary page, and a draft publication in the
    repository (``publication``) points back to it."""

    group = models.ForeignKey(PeerGroupPage, verbose_name=_("working community"),
                              on_delete=models.CASCADE, related_name="decisions")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=5000)
    decided_on = models.DateField(_("decided on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                   null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"),
                                     null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    # The repository's draft (a publication page) made from it, if the repository
    # plugin is installed; a page reference keeps the community free of its import.
    publication = models.ForeignKey("wagtailcore.Page", verbose_name=_("publication"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="community_decisions")

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
