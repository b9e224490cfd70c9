"""What the community's API takes and gives, as serializers: the request bodies are
validated with them, and /api/v2/schema/ describes the endpoints from them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from community.models import PeerGroupPage
from community.models.discussions import MAX_POST_LENGTH
from home.api import (
    LARGEST_ID,
    ErrorSerializer,
    QuerySerializer,
    StrictCharField,
    StrictIntegerField,
)

THREADS_PER_PAGE = 20


class PostBodySerializer(serializers.Serializer):
    body = StrictCharField(max_length=MAX_POST_LENGTH, help_text="Markdown.")


class ThreadBodySerializer(PostBodySerializer):
    group = StrictIntegerField(min_value=1, max_value=LARGEST_ID,
                               help_text="Id of the peer group.")
    title = StrictCharField(max_length=200)


class PageQuerySerializer(QuerySerializer):
    page = StrictIntegerField(min_value=1, max_value=LARGEST_ID, required=False)


class ThreadQuerySerializer(PageQuerySerializer):
    group = StrictIntegerField(min_value=1, max_value=LARGEST_ID, required=False)


class PageMetaSerializer(serializers.Serializer):
    total_count = serializers.IntegerField(min_value=0)
    page = serializers.IntegerField(min_value=1)
    pages = serializers.IntegerField(min_value=1)


class ThreadSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    group = serializers.IntegerField()
    title = serializers.CharField()
    author = serializers.CharField()
    pinned = serializers.BooleanField()
    locked = serializers.BooleanField()
    post_count = serializers.IntegerField(allow_null=True)
    last_activity_at = serializers.DateTimeField()


class ThreadListSerializer(serializers.Serializer):
    meta = PageMetaSerializer()
    items = ThreadSerializer(many=True)


class AttachmentSerializer(serializers.Serializer):
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField(min_value=0)
    url = serializers.URLField()


class PostSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField()
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    hidden = serializers.BooleanField()
    body_html = serializers.CharField(allow_blank=True)
    attachments = AttachmentSerializer(many=True)


class ThreadDetailSerializer(ThreadSerializer):
    meta = PageMetaSerializer()
    posts = PostSerializer(many=True)


class PostCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body_html = serializers.CharField()
    attachments = AttachmentSerializer(many=True)


class PeerGroupSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    topic = serializers.CharField(allow_blank=True)
    visibility = serializers.ChoiceField(
        choices=PeerGroupPage._meta.get_field("visibility").choices)
    join_policy = serializers.ChoiceField(
        choices=PeerGroupPage._meta.get_field("join_policy").choices)
    url = serializers.CharField(allow_null=True)
    may_read = serializers.BooleanField()
    thread_count = serializers.IntegerField(allow_null=True)


class PeerGroupListSerializer(serializers.Serializer):
    items = PeerGroupSerializer(many=True)


def invalid(serializer: serializers.Serializer, message: str | None = None) -> Response:
    """A 400 with the serializer's errors per field."""
    errors: dict[str, Any] = serializer.errors
    return Response({"message": message or _("The request could not be understood."),
                     "errors": {name: [str(error) for error in
                                       (messages if isinstance(messages, list) else [messages])]
                                for name, messages in errors.items()}}, status=400)


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


peer_groups_schema = extend_schema(
    summary="Groups the requester may know of (secret ones only to their members)",
    responses={200: PeerGroupListSerializer},
)
threads_schema = extend_schema(
    summary=f"Threads the requester may read, {THREADS_PER_PAGE} a page",
    parameters=[ThreadQuerySerializer],
    responses={200: ThreadListSerializer, 400: _error("A parameter is not a valid number.")},
)
thread_schema = extend_schema(
    summary="A thread with its posts",
    parameters=[PageQuerySerializer],
    responses={200: ThreadDetailSerializer, 400: _error("A parameter is not a valid number."),
               404: _error("No such thread, or not one the requester may read.")},
)
_WRITE_ERRORS = {
    400: _error("Empty or too long, a wrong type, or a refused file."),
    401: _error("Not signed in."),
    403: _error("Not allowed here (not a member, a locked thread, or no CSRF token)."),
    404: _error("No such group or thread."),
    429: _error("Posting too fast."),
}
create_thread_schema = extend_schema(
    summary="Start a thread (members of the group)",
    request=ThreadBodySerializer,
    responses={201: ThreadSerializer, **_WRITE_ERRORS},
)
reply_schema = extend_schema(
    summary="Reply (members; not in locked threads)",
    request=PostBodySerializer,
    responses={201: PostCreatedSerializer, **_WRITE_ERRORS},
)
