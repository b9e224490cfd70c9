"""The community's headless API: /api/v2/peer-groups/ and /api/v2/threads/.

Reading asks community.permissions like the pages do: a secret group and its threads do
not exist for outsiders (404), a closed group's threads are for members. Members write
(start threads, reply) with their session (CSRF checked) or a personal API token
(`Authorization: Token sct_…`, created and revoked in their account); posting is rate
limited (429). Bodies and answers are described by the serializers in
community/api_schema.py, which /api/v2/schema/ is generated from.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet

from community import permissions, posting
from community.api_schema import (
    THREADS_PER_PAGE,
    PageQuerySerializer,
    PostBodySerializer,
    ThreadBodySerializer,
    ThreadQuerySerializer,
    create_thread_schema,
    invalid,
    peer_groups_schema,
    reply_schema,
    thread_schema,
    threads_schema,
)
from community.discussions import POSTS_PER_PAGE, author_name, posting_allowed
from community.forms import PostForm, ThreadForm
from community.models import (
    PeerGroupPage,
    PersonalToken,
    Thread,
)
from community.models.tokens import TokenScope, hash_token
from home import site_urls
from home.api import MemberActionsMixin
from home.limits import API_TOKEN_ACCOUNT, is_locked_out, lockout_failed, lockout_message


class PersonalTokenAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[Any, PersonalToken] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header.startswith(self.keyword + " "):
            return None
        # Guessing tokens falls under the one sign-in lockout (home.limits), per address.
        if is_locked_out(request._request, API_TOKEN_ACCOUNT):
            raise exceptions.Throttled(detail=lockout_message())
        raw = header[len(self.keyword) + 1:].strip()
        token = (PersonalToken.objects.select_related("user")
                 .filter(key_hash=hash_token(raw), revoked_at__isnull=True,
                         scope=TokenScope.API).first())
        if token is None or not token.user.is_active:
            lockout_failed(request._request, API_TOKEN_ACCOUNT, sender=type(self))
            raise exceptions.AuthenticationFailed(_("The API token is not valid or was "
                                                    "revoked."))
        PersonalToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    """How the API schema describes :class:`PersonalTokenAuthentication`."""

    target_class = PersonalTokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "A personal API token: `Token sct_…` (created and revoked "
                               "in the member's account)."}


def form_errors(form: Any) -> Response:
    return Response({"message": _("The post could not be saved."),
                     "errors": {name: [str(error) for error in errors]
                                for name, errors in form.errors.items()}}, status=400)


class CommunityAPIMixin:
    # The token class first: its WWW-Authenticate header turns "not signed in" into a
    # 401 that names the scheme, rather than a bare 403.
    authentication_classes = [PersonalTokenAuthentication, SessionAuthentication]

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, exceptions.Throttled):
            return Response({"message": str(exc.detail)}, status=429)
        return super().handle_exception(exc)


class PeerGroupsAPIViewSet(CommunityAPIMixin, BaseAPIViewSet):
    model = PeerGroupPage
    name = "peer-groups"

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]

    @peer_groups_schema
    def listing_view(self, request: Request) -> Response:
        groups = permissions.seeable_groups(request.user)
        readable = set(permissions.readable_groups(request.user).values_list("pk", flat=True))
        groups = groups.annotate(thread_count=Count("threads", filter=Q(
            threads__is_hidden=False))).order_by("title")
        return Response({"items": [{
            "id": group.pk, "title": group.title, "topic": group.topic,
            "visibility": group.visibility, "join_policy": group.join_policy,
            "url": group.url, "may_read": group.pk in readable,
            "thread_count": group.thread_count if group.pk in readable else None,
        } for group in groups]})


class ThreadsAPIViewSet(MemberActionsMixin, CommunityAPIMixin, BaseAPIViewSet):
    model = Thread
    name = "threads"
    # Reading needs no account (public groups); writing needs a member.
    member_actions = frozenset({"create_view", "reply_view"})

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [
            path("", cls.as_view({"get": "listing_view", "post": "create_view"}),
                 name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
            path("<int:pk>/posts/", cls.as_view({"post": "reply_view"}), name="reply"),
        ]

    def visible_threads(self, request: Request) -> QuerySet[Thread]:
        threads = Thread.objects.filter(group__in=permissions.readable_groups(request.user))
        if not permissions.is_editor(request.user):
            moderated = [group.pk for group in PeerGroupPage.objects.filter(
                memberships__user=request.user.pk, memberships__role="moderator",
                memberships__state="active")] if request.user.is_authenticated else []
            threads = threads.filter(Q(is_hidden=False) | Q(group__in=moderated))
        return threads

    @threads_schema
    def listing_view(self, request: Request) -> Response:
        query = ThreadQuerySerializer(data=request.GET)
        if not query.is_valid():
            return invalid(query)
        threads = self.visible_threads(request).select_related("author__member_profile")
        if "group" in query.validated_data:
            threads = threads.filter(group_id=query.validated_data["group"])
        threads = threads.annotate(post_count=Count("posts")).order_by(
            "-is_pinned", "-last_activity_at")
        page = Paginator(threads, THREADS_PER_PAGE).get_page(query.validated_data.get("page"))
        return Response({"meta": {"total_count": page.paginator.count, "page": page.number,
                                  "pages": page.paginator.num_pages},
                         "items": [self.thread_data(thread) for thread in page]})

    @staticmethod
    def thread_data(thread: Thread) -> dict[str, Any]:
        return {"id": thread.pk, "group": thread.group_id, "title": thread.title,
                "author": author_name(thread.author), "pinned": thread.is_pinned,
                "locked": thread.is_locked, "post_count": getattr(thread, "post_count", None),
                "last_activity_at": thread.last_activity_at}

    @staticmethod
    def attachment_data(request: Request, attachment: Any) -> dict[str, Any]:
        return {"name": attachment.name, "content_type": attachment.content_type,
                "size": attachment.size,
                "url": site_urls.absolute_url(attachment.get_absolute_url(), request)}

    @thread_schema
    def detail_view(self, request: Request, pk: int) -> Response:
        query = PageQuerySerializer(data=request.GET)
        if not query.is_valid():
            return invalid(query)
        thread = self.visible_threads(request).filter(pk=pk).first()
        if thread is None:
            return Response({"message": _("Not found.")}, status=404)
        may_moderate = permissions.can_moderate(request.user, thread.group)
        posts = (thread.posts.select_related("author__member_profile")
                 .prefetch_related("attachments").order_by("created_at"))
        page = Paginator(posts, POSTS_PER_PAGE).get_page(query.validated_data.get("page"))
        return Response({
            **self.thread_data(thread),
            "meta": {"total_count": page.paginator.count, "page": page.number,
                     "pages": page.paginator.num_pages},
            "posts": [{
                "id": post.pk, "author": author_name(post.author),
                "created_at": post.created_at, "edited_at": post.edited_at,
                "hidden": post.is_hidden,
                "body_html": post.body_html if (not post.is_hidden or may_moderate) else "",
                "attachments": [self.attachment_data(request, attachment)
                                for attachment in post.attachments.all()]
                if (not post.is_hidden or may_moderate) else [],
            } for post in page],
        })

    @create_thread_schema
    def create_view(self, request: Request) -> Response:
        body = ThreadBodySerializer(data=request.data)
        if not body.is_valid():
            return invalid(body, _("The post could not be saved."))
        group = PeerGroupPage.objects.live().filter(pk=body.validated_data["group"]).first()
        if group is None or not permissions.can_see_group(request.user, group):
            return Response({"message": _("There is no such group.")}, status=404)
        if not permissions.can_post(request.user, group):
            return Response({"message": _("Only members of this group start threads.")},
                            status=403)
        form = ThreadForm({"title": body.validated_data["title"],
                           "body": body.validated_data["body"]}, request.FILES)
        if not form.is_valid():
            return form_errors(form)
        if not posting_allowed(request):
            raise exceptions.Throttled(detail=_("You are posting very fast. Please wait a "
                                                "minute and send again."))
        thread, _post = posting.start_thread(
            group, request.user, form.cleaned_data["title"], form.cleaned_data["body"],
            form.cleaned_data["attachments"])
        return Response(self.thread_data(thread), status=201)

    @reply_schema
    def reply_view(self, request: Request, pk: int) -> Response:
        body = PostBodySerializer(data=request.data)
        if not body.is_valid():
            return invalid(body, _("The post could not be saved."))
        thread = self.visible_threads(request).filter(pk=pk).first()
        if thread is None:
            return Response({"message": _("Not found.")}, status=404)
        if not permissions.can_reply(request.user, thread):
            message = (_("This thread is locked: no new replies.") if thread.is_locked
                       else _("Only members of this group reply."))
            return Response({"message": message}, status=403)
        form = PostForm({"body": body.validated_data["body"]}, request.FILES)
        if not form.is_valid():
            return form_errors(form)
        if not posting_allowed(request):
            raise exceptions.Throttled(detail=_("You are posting very fast. Please wait a "
                                                "minute and send again."))
        post, stored = posting.reply(thread, request.user, form.cleaned_data["body"],
                                     form.cleaned_data["attachments"])
        return Response({"id": post.pk, "body_html": post.body_html,
                         "attachments": [self.attachment_data(request, attachment)
                                         for attachment in stored]}, status=201)
