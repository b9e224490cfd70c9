"""Threads and posts: reading, writing, editing, reporting and moderating. Every view
asks community.permissions; a group the reader may not see is a 404 throughout."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from community import permissions, posting
from community.forms import ModerationForm, PostForm, ReportForm, ThreadForm
from community.group_actions import group_for_action
from community.models import (
    Attachment,
    PeerGroupPage,
    Post,
    PostRevision,
    Report,
    ReportStatus,
    Thread,
)
from home.api import parse_id
from home.limits import exceeded

TOO_MANY_REPORTS = gettext_lazy("You have sent many reports in the last hour. Please wait "
                                "a while; the moderators are looking at them.")
POSTS_PER_PAGE = 50
THREADS_PER_PAGE = 20
POSTS_PER_MINUTE = 6
# Reports reach people who read each one: a member who reports this often is flooding.
REPORTS_PER_HOUR = 10


def thread_url(thread: Thread, page: int | None = None) -> str:
    url = reverse("community:thread", args=[thread.group_id, thread.pk])
    return f"{url}?page={page}" if page and page > 1 else url


def author_name(user: Any) -> str:
    profile = getattr(user, "member_profile", None) if user else None
    if user is None or not user.is_active or profile is None:
        return _("former member")
    return profile.display_name


def posting_allowed(request: HttpRequest) -> bool:
    """At most POSTS_PER_MINUTE new posts per member and minute (home.limits)."""
    return not exceeded("community:posts", f"{POSTS_PER_MINUTE}/m",
                        by=f"member:{request.user.pk}")


def reporting_allowed(request: HttpRequest) -> bool:
    """At most REPORTS_PER_HOUR reports per member and hour, of posts and of whatever
    other plugins let members report (home.limits)."""
    return not exceeded("community:reports", f"{REPORTS_PER_HOUR}/h",
                        by=f"member:{request.user.pk}")


def too_fast(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    context["error"] = _("You are posting very fast. Please wait a minute and send again.")
    return render(request, template, context, status=429)


def threads_for(request: HttpRequest, group: PeerGroupPage) -> Any:
    """The group's threads for its page: pinned first, then by activity; paginated."""
    threads = (Thread.objects.filter(group=group.canonical())
               .select_related("author__member_profile")
               .annotate(post_count=Count("posts"))
               .order_by("-is_pinned", "-last_activity_at"))
    if not permissions.can_moderate(request.user, group):
        threads = threads.filter(is_hidden=False)
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("threads"))
    for thread in page:
        thread.author_name = author_name(thread.author)
    return page


def readable_thread(request: HttpRequest, page_id: int, thread_id: int) -> Thread:
    group = group_for_action(request, page_id)
    thread = get_object_or_404(Thread.objects.select_related("group"), pk=thread_id,
                               group=group)
    if not permissions.can_read_thread(request.user, thread):
        raise Http404
    return thread


def thread_detail(request: HttpRequest, page_id: int, thread_id: int) -> HttpResponse:
    thread = readable_thread(request, page_id, thread_id)
    return render_thread(request, thread, PostForm())


def render_thread(request: HttpRequest, thread: Thread, form: PostForm,
                  status: int = 200, error: str = "") -> HttpResponse:
    may_moderate = permissions.can_moderate(request.user, thread.group)
    posts = (thread.posts.select_related("author__member_profile")
             .prefetch_related("attachments").order_by("created_at"))
    if may_moderate:
        posts = posts.prefetch_related(Prefetch("revisions",
                                                queryset=PostRevision.objects.order_by(
                                                    "-replaced_at")))
    page = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("page"))
    signed_in = request.user.is_authenticated
    for post in page:
        post.author_name = author_name(post.author)
        post.author_url = (reverse("community:member", args=[post.author_id])
                           if signed_in and post.author and post.author.is_active else "")
        post.may_edit = permissions.can_edit_post(request.user, post)
        post.may_report = permissions.can_report(request.user, post)
    context = {
        "thread": thread, "group": thread.group, "posts": page, "form": form,
        "may_reply": permissions.can_reply(request.user, thread),
        "may_moderate": may_moderate, "error": error,
        "move_targets": move_targets(request.user, thread) if may_moderate else [],
        "page": thread.group.localized, "self_url": thread_url(thread),
    }
    return render(request, "community/thread.html", context, status=status)


def move_targets(user: Any, thread: Thread) -> list[PeerGroupPage]:
    """The other groups this moderator may move the thread to: those they moderate."""
    groups = (PeerGroupPage.objects.live().filter(locale__language_code="de")
              .exclude(pk=thread.group_id).order_by("title"))
    if not permissions.is_editor(user):
        groups = groups.filter(memberships__user=user, memberships__role="moderator",
                               memberships__state="active")
    return list(groups)


def refused(request: HttpRequest, message: str, status: int = 403) -> HttpResponse:
    """The page that says why the reader may not do what they asked."""
    return render(request, "community/not_allowed.html", {"message": message},
                  status=status)


@login_required
def new_thread(request: HttpRequest, page_id: int) -> HttpResponse:
    group = group_for_action(request, page_id)
    if not permissions.can_post(request.user, group):
        return refused(request, _("Only members of this group start threads."))
    form = ThreadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "group": group, "page": group.localized}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "community/new_thread.html", context, status=400)
        if not posting_allowed(request):
            return too_fast(request, "community/new_thread.html", context)
        thread, _post = posting.start_thread(
            group, request.user, form.cleaned_data["title"], form.cleaned_data["body"],
            form.cleaned_data["attachments"])
        return redirect(thread_url(thread))
    return render(request, "community/new_thread.html", context)


@login_required
@require_POST
def reply(request: HttpRequest, page_id: int, thread_id: int) -> HttpResponse:
    thread = readable_thread(request, page_id, thread_id)
    if not permissions.can_reply(request.user, thread):
        message = (_("This thread is locked: no new replies.") if thread.is_locked
                   else _("Only members of this group reply."))
        return render_thread(request, thread, PostForm(), status=403, error=message)
    form = PostForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_thread(request, thread, form, status=400)
    reply_to = None
    if request.POST.get("reply_to"):
        reply_to = Post.objects.filter(thread=thread,
                                       pk=parse_id(request.POST["reply_to"]) or 0).first()
        if reply_to is None:
            return render_thread(request, thread, form, status=400, error=_(
                "The post you are answering is not in this thread."))
    if not posting_allowed(request):
        return render_thread(request, thread, form, status=429, error=_(
            "You are posting very fast. Please wait a minute and send again."))
    posting.reply(thread, request.user, form.cleaned_data["body"],
                  form.cleaned_data["attachments"], reply_to=reply_to)
    last_page = Paginator(range(thread.posts.count()), POSTS_PER_PAGE).num_pages
    return redirect(thread_url(thread, last_page))


def editable_post(request: HttpRequest, post_id: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__group"), pk=post_id)
    if not permissions.can_read_thread(request.user, post.thread):
        raise Http404
    return post


@login_required
def edit_post(request: HttpRequest, post_id: int) -> HttpResponse:
    post = editable_post(request, post_id)
    if not permissions.can_edit_post(request.user, post):
        return refused(request, _("You can edit only your own posts, and not in a locked "
                                  "thread."))
    form = PostForm(request.POST or None, initial={"body": post.body}, with_attachments=False)
    context = {"form": form, "post": post, "page": post.thread.group.localized,
               "back": thread_url(post.thread)}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "community/edit_post.html", context, status=400)
        posting.edit(post, form.cleaned_data["body"])
        return redirect(thread_url(post.thread))
    return render(request, "community/edit_post.html", context)


@login_required
@require_POST
def delete_post(request: HttpRequest, post_id: int) -> HttpResponse:
    post = editable_post(request, post_id)
    if not permissions.can_edit_post(request.user, post):
        return refused(request, _("You can delete only your own posts."))
    posting.delete_by_author(post)
    messages.success(request, _("Your post is deleted."))
    return redirect(thread_url(post.thread))


@login_required
@require_POST
def report_post(request: HttpRequest, post_id: int) -> HttpResponse:
    post = editable_post(request, post_id)
    if not permissions.can_report(request.user, post):
        return refused(request, _("You cannot report this post."))
    form = ReportForm(request.POST)
    if not form.is_valid():
        return refused(request, _("Say why you report the post."), status=400)
    if not reporting_allowed(request):
        return refused(request, str(TOO_MANY_REPORTS), status=429)
    _report, created = Report.objects.get_or_create(
        post=post, reporter=request.user, defaults={"reason": form.cleaned_data["reason"]})
    messages.success(request, _("Thank you: the moderators will look at the post.") if created
                     else _("You have reported this post already."))
    return redirect(thread_url(post.thread))


@login_required
@require_POST
def moderate_thread(request: HttpRequest, page_id: int, thread_id: int) -> HttpResponse:
    thread = readable_thread(request, page_id, thread_id)
    if not permissions.can_moderate(request.user, thread.group):
        raise Http404
    form = ModerationForm(request.POST)
    if not form.is_valid():
        return refused(request, _("Unknown moderation action."), status=400)
    action = form.cleaned_data["action"]
    if action == "move":
        target = PeerGroupPage.objects.live().filter(pk=form.cleaned_data["target"]).first()
        if target is None or not permissions.can_moderate(request.user, target):
            return refused(request, _("Threads move only to another group that you "
                                      "moderate."), status=400)
        thread.group = target.canonical()
    else:
        field, value = {"pin": ("is_pinned", True), "unpin": ("is_pinned", False),
                        "lock": ("is_locked", True), "unlock": ("is_locked", False),
                        "hide": ("is_hidden", True), "restore": ("is_hidden", False)}[action]
        setattr(thread, field, value)
    thread.moderation_note = form.cleaned_data["note"]
    thread.save()
    messages.success(request, _("The thread is updated."))
    return redirect(thread_url(thread))


@login_required
@require_POST
def moderate_post(request: HttpRequest, post_id: int) -> HttpResponse:
    post = editable_post(request, post_id)
    if not permissions.can_moderate(request.user, post.thread.group):
        raise Http404
    form = ModerationForm(request.POST)
    if not form.is_valid() or form.cleaned_data["action"] not in ("hide", "restore"):
        return refused(request, _("Unknown moderation action."), status=400)
    hide = form.cleaned_data["action"] == "hide"
    with transaction.atomic():
        post.is_hidden = hide
        post.moderation_note = form.cleaned_data["note"] if hide else ""
        post.save()
        post.reports.filter(status=ReportStatus.OPEN).update(
            status=ReportStatus.HIDDEN if hide else ReportStatus.DISMISSED,
            resolved_at=timezone.now())
    messages.success(request, _("The post is hidden.") if hide else _("The post is shown again."))
    return redirect(thread_url(post.thread))


@require_GET
def download_attachment(request: HttpRequest, attachment_id: int, name: str) -> FileResponse:
    """A post's file, for those who may read the post; everyone else gets a 404, so a
    secret group's files do not even reveal that they exist."""
    attachment = get_object_or_404(Attachment.objects.select_related("post__thread__group"),
                                   pk=attachment_id)
    if not permissions.can_read_post(request.user, attachment.post):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    kind = attachment.kind
    response = FileResponse(handle, as_attachment=not kind.inline, filename=attachment.name,
                            content_type=kind.content_type)
    # The file is someone's upload on our origin: no sniffing, no scripts, no shared caches.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    patch_cache_control(response, private=True, max_age=0)
    return response
