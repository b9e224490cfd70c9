"""The directory and the contact form, for signed-in members (anyone else is sent to
sign in). Both work without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from home.limits import exceeded
from repository.experts.contact import write_to_expert
from repository.experts.directory import (
    EXPERTS_PER_PAGE,
    expert_cards,
    expert_page,
    listed_experts,
)
from repository.experts.forms import ContactExpertForm, ExpertSearchForm

# Enough to ask a few experts a day, not to send a circular (as posts are limited).
MESSAGES_PER_HOUR = 5
RATE_SCOPE = "repository:expert-contact"


class PageOfExperts:
    """What components/pagination.html reads: a page's number and its neighbours."""

    def __init__(self, number: int, pages: int) -> None:
        self.number = number
        self.paginator = type("Pages", (), {"num_pages": pages})()

    def has_other_pages(self) -> bool:
        return self.paginator.num_pages > 1

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.paginator.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


@login_required
@require_http_methods(["GET"])
def directory(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    form = ExpertSearchForm(request.GET, language=language)
    if not form.is_valid():
        return render(request, "repository/experts/directory.html",
                      {"form": form, "cards": [], "total": 0}, status=400)
    page = expert_page(request.user, form.filters(), form.cleaned_data.get("page") or 1,
                       language, request)
    query = urlencode([(name, value) for name, value in request.GET.items()
                       if name != "page" and value])
    return render(request, "repository/experts/directory.html", {
        "form": form, "cards": page.cards, "total": page.total,
        "page_obj": PageOfExperts(page.number, page.pages), "query": query,
        "filtered": form.active(), "per_page": EXPERTS_PER_PAGE})


@login_required
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest, user_id: int) -> HttpResponse:
    expert = get_object_or_404(listed_experts().select_related("user", "municipality")
                               .prefetch_related("expertise"), user_id=user_id)
    if expert.user_id == request.user.pk:
        raise Http404
    card = expert_cards(request.user, [expert], translation.get_language(), request)[0]
    form = ContactExpertForm(request.POST if request.method == "POST" else None)
    context = {"card": card, "form": form}
    template = "repository/experts/contact.html"
    if request.method == "GET":
        return render(request, template, context)
    if not form.is_valid():
        return render(request, template, context, status=400)
    if exceeded(RATE_SCOPE, f"{MESSAGES_PER_HOUR}/h", by=f"member:{request.user.pk}"):
        form.add_error(None, _("You have written to many experts within the hour. Please "
                               "wait a while and send again."))
        return render(request, template, context, status=429)
    write_to_expert(request.user, expert, form.cleaned_data["message"])
    messages.success(request, _("Your message to %(expert)s is sent. A copy is on its way "
                                "to your e-mail address.") % {"expert": expert.display_name})
    return redirect(reverse("repository:experts"))
