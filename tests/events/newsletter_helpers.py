"""Helpers of the newsletter tests (test_newsletter*.py and the browser tests): sign-ups
through the form, confirmed subscribers made by the service, links in e-mails."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse
from django.utils import translation

from events.models import NewsletterSubscription
from events.newsletter import service as newsletter

LINK = re.compile(r"http://testserver(/(?:de|en)/\S+)")


def url(name: str, language: str = "de", args: list | None = None) -> str:
    with translation.override(language):
        return reverse(f"events:{name}", args=args or [])


def sign_up(client, captured, *, email: str = "erika@ulm.example", language: str = "de",
            topics: list[str] = ("mobilitaet",), formats: list[str] = ("kickoff",),
            name: str = "Erika Muster", consent: bool = True):
    data = {"email": email, "name": name, "topics": list(topics), "formats": list(formats)}
    if consent:
        data["consent"] = "on"
    with translation.override(language), captured(execute=True):
        return client.post(url("newsletter", language), data)


def link_in(message) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)


def subscribe(email: str, *, topics: list = (), formats: list[str] = ("kickoff",),
              language: str = "de", name: str = "") -> NewsletterSubscription:
    """A confirmed subscriber, the way the service makes one."""
    choices = newsletter.NewsletterChoices(
        email=email, name=name, topic_ids=tuple(t.pk for t in topics),
        formats=tuple(formats), language=language)
    subscription, _ = NewsletterSubscription.objects.get_or_create(email=email)
    return newsletter.confirm(newsletter.confirmation_token(subscription, choices))


def csrf_post(client: Client, path: str, data: dict | None = None):
    """A form post the way a browser sends it: with the token from the page."""
    page = client.get(path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    return client.post(path, {**(data or {}), "csrfmiddlewaretoken": token.group(1)})
