""""Municipalities like yours" for the reader on the solution listing and solution
pages: ``{% like_yours page as like %}`` (repository.reader_municipality says whose,
repository.similar_municipalities what)."""

from __future__ import annotations

from typing import Any

from django import template

from community.models import SizeClass
from community.similarity import size_distance
from repository.reader_municipality import FIELD, reader_municipality
from repository.similar_municipalities import RECOMMENDED_SOLUTIONS, like_municipality

register = template.Library()

TALK_TO = 3
KEEP_OUT = {FIELD, f"{FIELD}_query", f"{FIELD}_find", "page"}


@register.simple_tag(takes_context=True)
def like_yours(context: dict[str, Any], page: Any) -> dict[str, Any]:
    """The reader's municipality (and the form to choose one), what municipalities like
    it adopted, and the model projects nearby. On a solution page the solution itself is
    left out of the list, and its adopters most like the reader are whom to ask."""
    request = context["request"]
    reader = reader_municipality(request)
    # The page's other parameters (filters, sort), kept when a municipality is chosen.
    keep = [(name, value) for name, values in request.GET.lists()
            if name not in KEEP_OUT for value in values]
    found: dict[str, Any] = {"reader": reader, "keep": keep}
    municipality = reader.municipality
    if municipality is None:
        return found
    like = like_municipality(municipality, page.locale_id)
    others = [item for item in like.solutions
              if item.solution.translation_key != page.translation_key]
    found.update(solutions=others[:RECOMMENDED_SOLUTIONS], nearby=like.nearby)
    adoptions = context.get("adoptions")
    if adoptions:
        # Of this solution's adopters, those most like the reader, with a contact person.
        found["talk_to"] = sorted(
            (adoption for adoption in adoptions if adoption.contact_name),
            key=lambda adoption: (
                size_distance(municipality.size_class, adoption.municipality.size_class),
                adoption.municipality.federal_state != municipality.federal_state,
                adoption.municipality.name))[:TALK_TO]
    return found


@register.filter
def size_class_label(value: str) -> str:
    return str(SizeClass(value).label) if value in SizeClass.values else ""
