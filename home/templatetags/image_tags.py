"""Pictures of pages: ``{% page_picture page "lead" %}`` draws the page's image as a
responsive ``<picture>`` (home.images), or nothing when the page has none."""

from __future__ import annotations

from typing import Any

from django import template

from home.images import picture

register = template.Library()


@register.inclusion_tag("components/picture.html")
def page_picture(page: Any, role: str = "lead") -> dict[str, Any]:
    image = getattr(page, "image", None)
    return {"picture": picture(image, page.image_alt_text, role) if image else None}
