"""The database side of the knowledge index.

`SearchDocument` holds every searchable thing as the search engine sees it. It is three
things at once: the index of the database backend (the embedded default and the
fallback when Elasticsearch is down), the durable record of what Elasticsearch still
owes (a row whose `indexed_hash` differs from its `content_hash`, or a removed row,
is a pending job), and the reference that `search_reconcile` compares the engine with.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    key = models.CharField(_("key"), max_length=80, unique=True)
    source = models.CharField(_("content type"), max_length=40, db_index=True)
    locale = models.CharField(_("language"), max_length=10, blank=True)
    title = models.TextField(_("title"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("URL"), max_length=500, blank=True)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    # The whole document as the engine receives it (facet values, labels, permissions).
    fields = models.JSONField(_("fields"), default=dict, blank=True)
    # Normalised word stems (case, umlauts and ß folded; German and English endings
    # removed), each surrounded by spaces: the database backend's match on SQLite.
    title_terms = models.TextField(blank=True)
    text_terms = models.TextField(blank=True)
    # PostgreSQL full-text search with the document language's configuration.
    search_vector = SearchVectorField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)

    # Sync state: `stale` means the source changed and the document must be rebuilt;
    # `removed` means the engine must drop it (then the row goes too).
    stale = models.BooleanField(default=True, db_index=True)
    removed = models.BooleanField(default=False, db_index=True)
    indexed_hash = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [
            models.Index(fields=["source", "locale"]),
            models.Index(fields=["-date"]),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def searchable(self) -> bool:
        return bool(self.content_hash) and not self.removed


class SearchTerm(models.Model):
    """One facet value or permission principal of a document, for the database
    backend's filters and counts (field "visible_to" holds the principals)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE,
                                 related_name="terms")
    field = models.CharField(max_length=30)
    value = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["field", "value"])]
        constraints = [
            models.UniqueConstraint(fields=["document", "field", "value"],
                                    name="unique_search_term"),
        ]

    def __str__(self) -> str:
        return f"{self.field}={self.value}"


class RebuildStatus(models.TextChoices):
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


class IndexRebuild(models.Model):
    """One run of `search_rebuild`: while it runs, index jobs also write to its index."""

    index_name = models.CharField(_("index"), max_length=120)
    status = models.CharField(_("status"), max_length=10, choices=RebuildStatus.choices,
                              default=RebuildStatus.RUNNING)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    documents = models.PositiveIntegerField(_("documents"), default=0)
    replayed = models.PositiveIntegerField(_("changes replayed"), default=0)
    error = models.TextField(_("error"), blank=True)
    # Where the load stands, per source: the last object id whose document the new index
    # has taken. A failed rebuild resumes from here (its index is kept until then).
    cursor = models.JSONField(_("progress"), default=dict, blank=True)
    progress_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    retries = models.PositiveIntegerField(_("bulk requests retried"), default=0)

    class Meta:
        verbose_name = _("index rebuild")
        verbose_name_plural = _("index rebuilds")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.index_name} ({self.status})"

    def has_loaded(self, source: str, object_id: str) -> bool:
        """Whether the load has passed this object (so index jobs must write its changes
        to the new index too); the load reads the others itself, later."""
        position = self.cursor.get(source) or {}
        if position.get("done"):
            return True
        return str(object_id).isdigit() and int(object_id) <= position.get("after", 0)

    @property
    def resumable(self) -> bool:
        return self.status == RebuildStatus.FAILED and bool(self.cursor)


class EngineIndex(models.Model):
    """The generation marker: each index behind the alias that the sync has sent
    documents to. When the alias points at another index than the newest row names (the
    engine came back empty and the sync created a new one, or someone deleted the
    index), everything the documents table says the engine holds must be sent again."""

    name = models.CharField(_("index"), max_length=120, unique=True)
    seen_at = models.DateTimeField(_("first used"), auto_now_add=True)

    class Meta:
        verbose_name = _("engine index")
        verbose_name_plural = _("engine indices")
        ordering = ["-seen_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class RepairReason(models.TextChoices):
    NEW_INDEX = "new_index", _("the engine holds a new, empty index")
    MISSING = "missing", _("documents were missing from the engine")


class IndexRepair(models.Model):
    """The sync noticed that the engine had lost documents and sent them again."""

    noticed_at = models.DateTimeField(_("noticed"), auto_now_add=True)
    index_name = models.CharField(_("index"), max_length=120)
    reason = models.CharField(_("reason"), max_length=20, choices=RepairReason.choices)
    expected = models.PositiveIntegerField(_("documents sent before"))
    found = models.PositiveIntegerField(_("documents found in the engine"))
    resent = models.PositiveIntegerField(_("documents sent again"))

    class Meta:
        verbose_name = _("index repair")
        verbose_name_plural = _("index repairs")
        ordering = ["-noticed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.index_name}: {self.reason}"
