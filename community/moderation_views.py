"""The admin's moderation queue: reported posts in context, one decision per post.

The open tab lists each post with open reports once (its thread, group, author, every
reason, and how often the author's other posts were reported); the history tab the
resolved reports. Nothing here edits a report's facts (who reported what, when): the
actions are POST forms that go through :mod:`community.moderation`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from community import moderation
from community.discussions import author_name, thread_url
from community.models import Post, Report, ReportStatus
from home.admin_lists import ListColumn, list_columns

PER_PAGE = 20
HISTORY_COLUMNS = list_columns(
    ListColumn("post", gettext_lazy("Post")),
    ListColumn("author", gettext_lazy("Author")),
    ListColumn("reason", gettext_lazy("Reason")),
    ListColumn("outcome", gettext_lazy("Outcome")),
    ListColumn("resolved", gettext_lazy("Resolved")))


class ActionForm(forms.Form):
    action = forms.ChoiceField(choices=[(name, name) for name in moderation.LOG_ACTIONS])
    note = forms.CharField(label=gettext_lazy("Note for the moderators (optional)"),
                           required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    message = forms.CharField(label=gettext_lazy("Warning to the author (sent by e-mail)"),
                              required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))


def action_form(post: Post, data: Any = None) -> ActionForm:
    """The actions' form for one post: the queue shows one per post, so each gets ids of
    its own (the field names stay the same)."""
    return ActionForm(data, auto_id=f"post-{post.pk}-%s")


def _require_moderator(request: HttpRequest) -> None:
    if not moderation.may_moderate_reports(request.user):
        raise PermissionDenied


def person_summary(user: Any) -> dict[str, str]:
    """A person as editors know them: name and municipality, not an e-mail address."""
    profile = getattr(user, "member_profile", None) if user else None
    return {"name": author_name(user),
            "municipality": profile.affiliation if profile else ""}


def queue(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    return _render_queue(request, None, status=200)


def _render_queue(request: HttpRequest, form: ActionForm | None, *, status: int,
                  failed_post: int | None = None) -> HttpResponse:
    tab = "history" if request.GET.get("tab") == "history" else "open"
    if tab == "open":
        posts = (moderation.reported_posts()
                 .select_related("thread__group", "author__member_profile__municipality"))
        page = Paginator(posts, PER_PAGE).get_page(request.GET.get("p"))
        shown = list(page)
        reports_by_post: dict[int, list[Report]] = {post.pk: [] for post in shown}
        for report in (Report.objects.filter(post__in=shown, status=ReportStatus.OPEN)
                       .select_related("reporter__member_profile__municipality")
                       .order_by("created_at")):
            reports_by_post[report.post_id].append(report)
        earlier = moderation.earlier_reports_by_author(shown)
        rows = [{"post": post, "author": person_summary(post.author),
                 "thread_url": thread_url(post.thread),
                 "reports": [{"report": report, "reporter": person_summary(report.reporter)}
                             for report in reports_by_post[post.pk]],
                 "earlier": earlier.get(post.author_id, 0),
                 "form": form if form is not None and post.pk == failed_post
                 else action_form(post)}
                for post in shown]
    else:
        reports = (Report.objects.exclude(status=ReportStatus.OPEN)
                   .select_related("post__thread__group", "resolved_by__member_profile",
                                   "post__author__member_profile__municipality")
                   .order_by("-resolved_at", "-pk"))
        page = Paginator(reports, PER_PAGE).get_page(request.GET.get("p"))
        rows = [{"report": report, "author": person_summary(report.post.author),
                 "resolved_by": moderation.moderator_name(report.resolved_by)
                 if report.resolved_by else ""} for report in page]
    return TemplateResponse(request, "community/admin/moderation_queue.html", {
        "tab": tab, "rows": rows, "page_obj": page, **HISTORY_COLUMNS,
        "open_count": moderation.reported_posts().count(),
        "header_title": _("Reported posts"), "page_title": _("Reported posts"),
        "header_icon": "warning",
    }, status=status)


@require_POST
def act(request: HttpRequest, post_id: int) -> HttpResponse:
    _require_moderator(request)
    post = get_object_or_404(Post.objects.select_related("thread", "author"), pk=post_id)
    form = action_form(post, request.POST)
    try:
        if not form.is_valid():
            raise moderation.ModerationRefused(" ".join(
                str(error) for errors in form.errors.values() for error in errors))
        if (form.cleaned_data["action"] != "note"
                and not post.reports.filter(status=ReportStatus.OPEN).exists()):
            raise moderation.ModerationRefused(_("This post has no open reports any more."))
        done = moderation.act(post, form.cleaned_data["action"], by=request.user,
                              note=form.cleaned_data["note"],
                              message=form.cleaned_data["message"])
    except moderation.ModerationRefused as refusal:
        messages.error(request, str(refusal))
        return _render_queue(request, form, status=400, failed_post=post.pk)
    messages.success(request, done)
    return redirect(f"{reverse('community_moderation:queue')}#post-{post.pk}")
