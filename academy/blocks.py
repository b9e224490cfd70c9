"""A course module's learning material: documents, links and video links."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import DocumentLinkBlock


class MaterialLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("Address"), max_length=500)
    label = blocks.CharBlock(label=_("Link text"), max_length=200)

    class Meta:
        icon = "link"
        label = _("Link")
        template = "academy/blocks/material_link.html"


class VideoLinkBlock(blocks.StructBlock):
    """A recording or explainer elsewhere (linked, never embedded: the site loads nothing
    from other hosts, and the link works without JavaScript)."""

    url = blocks.URLBlock(label=_("Address of the video"), max_length=500)
    label = blocks.CharBlock(label=_("Title of the video"), max_length=200)
    duration = blocks.CharBlock(label=_("Duration"), required=False, max_length=20,
                                help_text=_("For example 12 min."))

    class Meta:
        icon = "media"
        label = _("Video link")
        template = "academy/blocks/video_link.html"


class MaterialBlock(blocks.StreamBlock):
    document = DocumentLinkBlock(label=_("Document"))
    link = MaterialLinkBlock()
    video = VideoLinkBlock()
