"""What the repository puts on the home page (registered in ``wagtail_hooks``): the way
in to the solutions, the newest solutions with their pictures, and the latest adoptions
from the reuse ledger ("Husum übernimmt …"). Each costs a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from home.images import picture
from repository.models import Adoption, AdoptionStatus, SolutionIndexPage, SolutionPage


def find_a_solution(request: HttpRequest | None, home_page: Any) -> dict[str, Any] | None:
    index = (SolutionIndexPage.objects.live().filter(locale_id=home_page.locale_id)
             .order_by("path").first())
    if index is None:
        return None
    return {"title": _("Find a solution"), "url": index.get_url(request),
            "text": _("What model projects have built, tested and run, with what it costs "
                      "and how your municipality can take it over."),
            "label": _("Browse the solutions")}


def newest_solutions(request: HttpRequest | None, home_page: Any,
                     limit: int) -> list[dict[str, Any]]:
    solutions = (SolutionPage.objects.live().public().filter(locale_id=home_page.locale_id)
                 .select_related("model_project__municipality", "image")
                 .prefetch_related("image__renditions")
                 .order_by("-first_published_at", "-pk")[:limit])
    return [{
        "title": solution.title, "url": solution.get_url(request),
        "summary": Truncator(solution.summary).words(24),
        "kind": f"{solution.get_maturity_display()} · "
                f"{solution.model_project.municipality.name}",
        "picture": picture(solution.image, solution.image_alt_text, "card")
        if solution.image else None,
    } for solution in solutions]


def latest_adoptions(request: HttpRequest | None, home_page: Any,
                     limit: int) -> list[dict[str, Any]]:
    """The newest adoptions first, each leading to the solution in the home page's
    language (the ledger records the original)."""
    adoptions = list(Adoption.objects.public().exclude(status=AdoptionStatus.DROPPED)
                     .select_related("municipality", "solution")
                     .order_by("-adopted_on", "-pk")[:limit])
    keys = {adoption.solution.translation_key for adoption in adoptions}
    translated = {solution.translation_key: solution for solution in SolutionPage.objects.live()
                  .filter(translation_key__in=keys, locale_id=home_page.locale_id)}
    items = []
    for adoption in adoptions:
        solution = translated.get(adoption.solution.translation_key, adoption.solution)
        since = (date_format(adoption.adopted_on, "YEAR_MONTH_FORMAT")
                 if adoption.adopted_on else "")
        items.append({
            "title": _("%(municipality)s adopts “%(solution)s”") % {
                "municipality": adoption.municipality.name, "solution": solution.title},
            "url": solution.get_url(request),
            "kind": " · ".join(part for part in (adoption.get_status_display(), since) if part),
        })
    return items
