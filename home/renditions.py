"""Image renditions for the API: a fixed set of sizes that front ends can rely on."""

from __future__ import annotations

from typing import Any

API_RENDITIONS = {
    "thumbnail": "fill-400x300",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}


def image_api_representation(image: Any) -> dict[str, Any] | None:
    if image is None:
        return None
    renditions = image.get_renditions(*API_RENDITIONS.values())
    return {
        "id": image.id,
        "title": image.title,
        "width": image.width,
        "height": image.height,
        "renditions": {
            name: {
                "url": renditions[spec].url,
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in API_RENDITIONS.items()
        },
    }
