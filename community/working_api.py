"""/api/v2/working-communities/<id>/: a working community's space for its members (and
the office): folders with their files and every version, the meetings, and the
decisions with whether they are published. Anyone else gets a 404, as on the pages; the
public pages of a community are on the site (and its group in /api/v2/peer-groups/)."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet

from community import permissions
from community.discussions import author_name
from community.discussions_api import CommunityAPIMixin
from community.models import (
    Decision,
    DocumentVersion,
    Folder,
    Meeting,
    Membership,
    MembershipState,
    PeerGroupPage,
)
from home import site_urls
from home.api import ErrorSerializer


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1)
    content_type = serializers.CharField()
    size = serializers.IntegerField(min_value=0)
    note = serializers.CharField(allow_blank=True)
    uploaded_by = serializers.CharField()
    uploaded_at = serializers.DateTimeField()
    url = serializers.URLField()


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    versions = VersionSerializer(many=True, help_text="The newest first.")


class FolderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    documents = DocumentSerializer(many=True)


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField(allow_blank=True)
    agenda = serializers.CharField(allow_blank=True)
    minutes = serializers.CharField(allow_blank=True)


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    decided_on = serializers.DateField()
    published_at = serializers.DateTimeField(allow_null=True)


class WorkingCommunitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    calendar_url = serializers.URLField(help_text="The meetings as iCalendar.")
    results_url = serializers.URLField(help_text="The public summary page.")
    folders = FolderSerializer(many=True)
    meetings = MeetingSerializer(many=True)
    decisions = DecisionSerializer(many=True)


working_community_schema = extend_schema(
    summary="A working community's documents, meetings and decisions (its members)",
    responses={200: WorkingCommunitySerializer,
               404: OpenApiResponse(ErrorSerializer, description=(
                   "No such working community, or not one the requester belongs to."))},
)


class WorkingCommunitiesAPIViewSet(CommunityAPIMixin, BaseAPIViewSet):
    model = PeerGroupPage
    name = "working-communities"

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail")]

    @staticmethod
    def members_group(request: Request, pk: int) -> PeerGroupPage | None:
        """The working community if the requester may use it. A member's row is read
        with its group in one query; only others are asked about the office's rights."""
        user = request.user
        if user.is_authenticated and user.is_active:
            own = (Membership.objects.select_related("group")
                   .filter(user=user, group_id=pk, state=MembershipState.ACTIVE,
                           group__is_working_community=True, group__live=True).first())
            if own is not None:
                return own.group
        group = PeerGroupPage.objects.live().filter(pk=pk, is_working_community=True).first()
        group = group.canonical() if group else None
        return group if group and permissions.can_use_workspace(user, group) else None

    @working_community_schema
    def detail_view(self, request: Request, pk: int) -> Response:
        group = self.members_group(request, pk)
        if group is None:
            return Response({"message": _("Not found.")}, status=404)
        absolute = lambda address: site_urls.absolute_url(address, request)  # noqa: E731
        documents: dict[int, dict[str, Any]] = {}
        by_folder: dict[int, list[dict[str, Any]]] = {}
        for version in (DocumentVersion.objects
                        .filter(document__folder__group=group, document__deleted_at=None)
                        .select_related("document", "uploaded_by__member_profile")
                        .order_by("document__name", "document_id", "-number")):
            document = version.document
            if document.pk not in documents:
                documents[document.pk] = {"id": document.pk, "name": document.name,
                                          "versions": []}
                by_folder.setdefault(document.folder_id, []).append(documents[document.pk])
            documents[document.pk]["versions"].append({
                "number": version.number, "content_type": version.content_type,
                "size": version.size, "note": version.note,
                "uploaded_by": author_name(version.uploaded_by),
                "uploaded_at": version.uploaded_at,
                "url": absolute(reverse("community:document_version",
                                        args=[group.pk, version.pk, document.name]))})
        return Response({
            "id": group.pk, "title": group.title,
            "calendar_url": absolute(reverse("community:meetings_calendar", args=[group.pk])),
            "results_url": absolute(reverse("community:results", args=[group.pk])),
            "folders": [{"id": folder.pk, "name": folder.name,
                         "documents": by_folder.get(folder.pk, [])}
                        for folder in Folder.objects.filter(group=group)],
            "meetings": [{field: getattr(meeting, field) for field in (
                "id", "title", "starts_at", "ends_at", "place", "agenda", "minutes")}
                for meeting in Meeting.objects.filter(group=group)],
            "decisions": [{field: getattr(decision, field) for field in (
                "id", "title", "summary", "decided_on", "published_at")}
                for decision in Decision.objects.filter(group=group)],
        })
