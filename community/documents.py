"""A working community's document space: folders, files by name, and each file's
versions with who uploaded them when. Every view asks community.permissions (members
read and upload, moderators delete); anyone else gets a 404 for the space, a folder,
a file and every version. Files are served only here, never by a public URL."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import permissions
from community.attachments import FileKind, display_name, storage_name
from community.discussions import author_name
from community.group_actions import working_community_for
from community.models import Document, DocumentVersion, Folder, PeerGroupPage
from community.working_forms import FolderForm, UploadForm

RECENT_CHANGES = 10


def _context(request: HttpRequest, group: PeerGroupPage, **extra: Any) -> dict[str, Any]:
    user = request.user
    return {"group": group, "page": group.localized,
            "may_contribute": permissions.can_contribute(user, group),
            "may_manage": permissions.can_manage_workspace(user, group), **extra}


def recent_changes(group: PeerGroupPage) -> list[dict[str, Any]]:
    """The latest uploads and deletions in the space: who changed what, and when."""
    uploads = [{"at": version.uploaded_at, "document": version.document,
                "folder": version.document.folder, "number": version.number,
                "by": author_name(version.uploaded_by), "deleted": False}
               for version in DocumentVersion.objects.filter(document__folder__group=group)
               .select_related("document__folder", "uploaded_by__member_profile")
               .order_by("-uploaded_at", "-pk")[:RECENT_CHANGES]]
    deletions = [{"at": document.deleted_at, "document": document, "folder": document.folder,
                  "by": author_name(document.deleted_by), "deleted": True}
                 for document in Document.objects.filter(folder__group=group,
                                                         deleted_at__isnull=False)
                 .select_related("folder", "deleted_by__member_profile")
                 .order_by("-deleted_at", "-pk")[:RECENT_CHANGES]]
    return sorted(uploads + deletions, key=lambda change: change["at"],
                  reverse=True)[:RECENT_CHANGES]


def space(request: HttpRequest, page_id: int) -> HttpResponse:
    """The folders; members add one with the form at the end."""
    group = working_community_for(request, page_id)
    form = FolderForm(request.POST or None)
    if request.method == "POST":
        if not permissions.can_contribute(request.user, group):
            return _forbidden(request)
        if form.is_valid():
            try:
                with transaction.atomic():
                    folder = Folder.objects.create(group=group, name=form.cleaned_data["name"],
                                                   created_by=request.user)
            except IntegrityError:
                form.add_error("name", _("There is a folder of this name already."))
            else:
                messages.success(request, _("The folder is created."))
                return redirect(folder.get_absolute_url())
    folders = Folder.objects.filter(group=group).annotate(
        document_count=Count("documents", filter=Q(documents__deleted_at=None)))
    context = _context(request, group, form=form, folders=folders,
                       changes=recent_changes(group))
    return render(request, "community/working/space.html", context,
                  status=400 if form.errors else 200)


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "community/not_allowed.html",
                  {"message": _("Only members of this working community do this.")},
                  status=403)


def _folder(group: PeerGroupPage, folder_id: int) -> Folder:
    return get_object_or_404(Folder, pk=folder_id, group=group)


def folder(request: HttpRequest, page_id: int, folder_id: int) -> HttpResponse:
    """A folder's current files, each with its latest version; members upload here."""
    group = working_community_for(request, page_id)
    shelf = _folder(group, folder_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not permissions.can_contribute(request.user, group):
            return _forbidden(request)
        if form.is_valid():
            version = add_version(shelf, request.user, form.cleaned_data["file"],
                                  form.cleaned_data["kind"], form.cleaned_data["note"])
            messages.success(request, _("%(name)s is saved as version %(number)d.")
                             % {"name": version.document.name, "number": version.number})
            return redirect(shelf.get_absolute_url())
    documents = (Document.objects.filter(folder=shelf, deleted_at=None)
                 .prefetch_related(Prefetch("versions", queryset=DocumentVersion.objects
                                            .select_related("uploaded_by__member_profile"))))
    rows = [{"document": document, "versions": list(document.versions.all())}
            for document in documents]
    for row in rows:
        for version in row["versions"]:
            version.uploader = author_name(version.uploaded_by)
            # The URL names the document, which the version would otherwise fetch.
            version.document = row["document"]
            row["document"].folder = shelf
    context = _context(request, group, folder=shelf, form=form, rows=rows)
    return render(request, "community/working/folder.html", context,
                  status=400 if form.errors else 200)


def add_version(shelf: Folder, user: Any, upload: Any, kind: FileKind,
                note: str = "") -> DocumentVersion:
    """Stores the upload as the next version of the folder's file of that name (a new
    file if there is none)."""
    name = display_name(upload.name)
    with transaction.atomic():
        document, _created = Document.objects.select_for_update().get_or_create(
            folder=shelf, name=name, deleted_at=None)
        number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        version = DocumentVersion(document=document, number=number, note=note.strip(),
                                  content_type=kind.content_type, size=upload.size,
                                  uploaded_by=user)
        upload.seek(0)
        version.file.save(storage_name(kind), upload, save=True)
    return version


@require_POST
def delete_document(request: HttpRequest, page_id: int, document_id: int) -> HttpResponse:
    """Moderators delete a file with all its versions; the record of the change stays."""
    group = working_community_for(request, page_id)
    document = get_object_or_404(Document.objects.select_related("folder"), pk=document_id,
                                 folder__group=group, deleted_at=None)
    if not permissions.can_manage_workspace(request.user, group):
        return _forbidden(request)
    with transaction.atomic():
        document.deleted_at, document.deleted_by = timezone.now(), request.user
        document.save(update_fields=["deleted_at", "deleted_by"])
        # Their files go once this commits (community.signal_handlers).
        document.versions.all().delete()
    messages.success(request, _("%(name)s is deleted.") % {"name": document.name})
    return redirect(document.folder.get_absolute_url())


def download_version(request: HttpRequest, page_id: int, version_id: int,
                     name: str) -> FileResponse:
    """One version of a file, for the members (the latest and every older one)."""
    group = working_community_for(request, page_id)
    version = get_object_or_404(DocumentVersion.objects.select_related("document__folder"),
                                pk=version_id, document__folder__group=group,
                                document__deleted_at=None)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    kind = version.kind
    response = FileResponse(handle, as_attachment=not kind.inline, filename=version.document.name,
                            content_type=kind.content_type)
    # A member's upload on our origin: no sniffing, no scripts, no shared caches.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    patch_cache_control(response, private=True, max_age=0)
    return response
