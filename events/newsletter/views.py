"""The newsletter on the site: sign up, confirm, unsubscribe (also in one click from
the mail client, RFC 8058)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from events.newsletter import service as newsletter
from events.newsletter.forms import NewsletterForm
from home.signed_links import LinkError, link_error_page

ONE_CLICK_FIELD = "List-Unsubscribe"
ONE_CLICK_VALUE = "One-Click"


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form = NewsletterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "events/newsletter/signup.html", {"form": form},
                          status=400)
        data = form.cleaned_data
        newsletter.request_subscription(newsletter.NewsletterChoices(
            email=data["email"], name=data["name"],
            topic_ids=tuple(topic.pk for topic in data["topics"]),
            formats=tuple(data["formats"]), language=translation.get_language()))
        # The same answer whether the address is new, waiting or subscribed already.
        return redirect("events:newsletter_thanks")
    return render(request, "events/newsletter/signup.html", {"form": form})


def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "events/newsletter/thanks.html")


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = newsletter.confirm(token)
    except LinkError as error:
        return link_error_page(request, error)
    return render(request, "events/newsletter/confirmed.html", {"subscription": subscription})


def _is_one_click(request: HttpRequest) -> bool:
    return (request.method == "POST"
            and request.POST.get(ONE_CLICK_FIELD) == ONE_CLICK_VALUE)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The unsubscribe link of every newsletter.

    Opening it (GET) only asks; a link scanner that opens it changes nothing. The
    button on that page posts with the usual CSRF check. A mail client's one-click
    unsubscribe (RFC 8058) posts ``List-Unsubscribe=One-Click`` without a session or
    CSRF token: that exact request is let through, as the secret token in the address
    is what authorises it."""
    if _is_one_click(request):
        return _unsubscribe(request, token)
    return csrf_protect(_unsubscribe)(request, token)


def _unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = newsletter.subscription_for_token(token)
    except LinkError as error:
        return link_error_page(request, error)
    if request.method == "POST":
        newsletter.unsubscribe(subscription)
        return render(request, "events/newsletter/unsubscribed.html",
                      {"subscription": subscription})
    if subscription.unsubscribed_at is not None:
        return render(request, "events/newsletter/unsubscribed.html",
                      {"subscription": subscription, "already": True})
    return render(request, "events/newsletter/unsubscribe.html",
                  {"subscription": subscription})
