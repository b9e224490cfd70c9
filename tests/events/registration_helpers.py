"""What the registration tests do the same way: post a form, find a link in a mail."""

from __future__ import annotations

import re


def post(client, url, data=None, capture=None):
    with capture(execute=True):
        return client.post(url, data or {})


def register_url(event, language="de"):
    return f"/{language}/veranstaltungen/{event.pk}/anmelden/" if language == "de" \
        else f"/en/events/{event.pk}/register/"


def link_in(message, pattern):
    found = re.search(pattern, message.body)
    assert found, f"no link matching {pattern} in:\n{message.body}"
    return found.group(0).removeprefix("http://testserver")
