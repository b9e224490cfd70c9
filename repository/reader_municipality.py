"""Whose "municipalities like yours" a page shows: the municipality the reader chose on
the page (the municipality picker in a GET form, so the choice is in the address and a
page for it is the same for everyone), or else a signed-in member's from the profile.

A member's municipality is read once per generation of content (a saved profile bumps
it), so the pages a member reads cost no query more than before; only that member's
pages (never cached for others: home/page_cache.py keeps no signed-in page) show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from community.models import Municipality
from community.municipality_picker import MunicipalityField
from home.content_cache import remember

FIELD = "municipality"


class ReaderMunicipalityForm(forms.Form):
    municipality = MunicipalityField(
        label=_("Compare with your municipality"), required=False,
        help_text=_("Type part of its name: we show what municipalities of its size and "
                    "state adopted, and the model projects nearby."))


@dataclass
class Reader:
    municipality: Municipality | None
    # "chosen" on the page, "profile", or "" when unknown.
    source: str
    form: ReaderMunicipalityForm


def _profile_municipality(user: Any) -> Municipality | None:
    profile = getattr(user, "member_profile", None)
    return profile.municipality if profile is not None else None


def reader_municipality(request: HttpRequest) -> Reader:
    params = request.GET
    if FIELD in params or f"{FIELD}_query" in params:
        form = ReaderMunicipalityForm(params)
        chosen = form.cleaned_data.get(FIELD) if form.is_valid() else None
        return Reader(chosen, "chosen" if chosen else "", form)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        mine = remember(("reader-municipality", user.pk), lambda: _profile_municipality(user))
        # An empty picker (no query to render it): "compare with another".
        return Reader(mine, "profile" if mine else "", ReaderMunicipalityForm())
    return Reader(None, "", ReaderMunicipalityForm())
