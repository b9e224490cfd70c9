"""A page's own picture: the image, its alternative text (required unless the editor marks
the image as decorative), and the responsive renditions the templates and the API serve.

Alt text belongs to the page, not to the image: the same picture of a town square says
something else on a mobility solution than on a participation project, and it is
translated with the page while the image itself is synchronised. The focal point is
Wagtail's own (set on the image); every ``fill`` rendition crops around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import Field
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.renditions import image_api_representation

# Fallback last: browsers take the first <source> whose type they know, and the <img>
# (JPEG) when they know none. AVIF is left out although Pillow here writes it: Willow
# encodes it at libavif's default speed, 0.4-0.85 s per rendition against 0.03-0.17 s
# for WebP (measured at 480-1200 px), which a page of twenty cards cannot afford.
FORMATS = (("webp", "image/webp"), ("jpeg", "image/jpeg"))


@dataclass(frozen=True)
class ImageRole:
    """Where a picture is shown: its crop, the widths offered and how wide it is drawn."""

    widths: tuple[int, ...]
    ratio: tuple[int, int]
    sizes: str
    lazy: bool

    def spec(self, width: int, image_format: str) -> str:
        height = round(width * self.ratio[1] / self.ratio[0])
        return f"fill-{width}x{height}|format-{image_format}"


ROLES = {
    # The page's lead picture, above the fold: loaded at once. The text column is at most
    # 52rem wide (site.css), so no screen needs more than 1280 px of it at 1.5x density.
    "lead": ImageRole(widths=(640, 960, 1280), ratio=(16, 9),
                      sizes="(min-width: 54rem) 52rem, calc(100vw - 2rem)", lazy=False),
    # A card in a listing: a grid of columns at least 17rem wide, below the fold.
    "card": ImageRole(widths=(400, 800), ratio=(16, 9),
                      sizes="(min-width: 768px) 24rem, calc(100vw - 2rem)", lazy=True),
    # A publication's cover (portrait, close to A4) beside its facts, and small in a list.
    "cover": ImageRole(widths=(240, 480), ratio=(5, 7), sizes="15rem", lazy=False),
    "thumbnail": ImageRole(widths=(120, 240), ratio=(5, 7), sizes="6rem", lazy=True),
    # An image in a page's text (the body's image block): as wide as the lead, but below
    # the fold, so it waits until scrolled to.
    "figure": ImageRole(widths=(640, 960, 1280), ratio=(16, 9),
                        sizes="(min-width: 54rem) 52rem, calc(100vw - 2rem)", lazy=True),
}


class PageImageMixin(models.Model):
    """Image fields for a page type; add ``IMAGE_PANEL``, ``IMAGE_TRANSLATABLE_FIELDS``
    and ``IMAGE_API_FIELDS`` to its panels, translatable fields and API fields."""

    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Set the focal point on the image itself: every crop keeps it in view."),
    )
    image_alt = models.CharField(
        _("alternative text"), max_length=250, blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required unless "
                    "the image is decorative."),
    )
    image_decorative = models.BooleanField(
        _("decorative image"), default=False,
        help_text=_("Only when the image adds nothing to the text: screen readers skip it."),
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.image_id and not self.image_decorative and not self.image_alt.strip():
            raise ValidationError({"image_alt": _(
                "Describe the image, or mark it as decorative if it adds nothing to the text.")})

    @property
    def image_alt_text(self) -> str:
        """The alt attribute: empty for a decorative image, so that it is skipped."""
        return "" if self.image_decorative else self.image_alt


IMAGE_PANEL = MultiFieldPanel(
    [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_decorative")],
    heading=_("Image"),
)
IMAGE_TRANSLATABLE_FIELDS = [
    SynchronizedField("image"),
    TranslatableField("image_alt"),
    SynchronizedField("image_decorative"),
]


def picture(image: Any, alt: str, role: str) -> dict[str, Any] | None:
    """What ``components/picture.html`` draws: one ``<source>`` per modern format and a
    JPEG ``<img>`` with its own ``srcset``, width and height (so nothing shifts while it
    loads). Every rendition comes from one query (or the prefetched renditions)."""
    if image is None:
        return None
    kind = ROLES[role]
    specs = {(width, fmt): kind.spec(width, fmt) for width in kind.widths for fmt, _mime in FORMATS}
    renditions = image.get_renditions(*specs.values())

    def srcset(fmt: str) -> str:
        return ", ".join(f"{renditions[specs[(w, fmt)]].url} {renditions[specs[(w, fmt)]].width}w"
                         for w in kind.widths)

    fallback_format = FORMATS[-1][0]
    fallback = renditions[specs[(kind.widths[0], fallback_format)]]
    return {
        "sources": [{"type": mime, "srcset": srcset(fmt)} for fmt, mime in FORMATS[:-1]],
        "src": fallback.url, "srcset": srcset(fallback_format),
        "width": fallback.width, "height": fallback.height,
        "sizes": kind.sizes, "lazy": kind.lazy, "alt": alt, "role": role,
    }


class PageImageField(Field):
    """The page's image in the API: its renditions (fixed names, see home.renditions),
    its alt text and whether it is decorative; null when the page has none."""

    def get_attribute(self, instance: Any) -> Any:
        return instance

    def to_representation(self, page: Any) -> dict[str, Any] | None:
        image = image_api_representation(page.image)
        if image is None:
            return None
        return {**image, "alt": page.image_alt_text, "decorative": page.image_decorative}


IMAGE_API_FIELDS = [APIField("image", serializer=PageImageField())]


class RenditionSerializer(serializers.Serializer):
    url = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class PageImageSerializer(serializers.Serializer):
    """The schema of :class:`PageImageField`, for the API documentation."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    renditions = serializers.DictField(
        child=RenditionSerializer(),
        help_text="thumbnail (fill 400x300), medium (max 800), large (max 1600)")
    alt = serializers.CharField(allow_blank=True, help_text="Empty for a decorative image")
    decorative = serializers.BooleanField()
