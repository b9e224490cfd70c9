"""StreamField blocks of the repository's pages.

The repository may not import the home plugin (dependencies point one way, see
DESIGN.md), so its pages use this small set, built on Wagtail's own blocks.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class FigureBlock(blocks.StructBlock):
    """An image with the text that describes it to people who cannot see it."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(label=_("Alternative text"), max_length=250,
                                help_text=_("What the image shows."))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(block_errors={"alt_text": ErrorList(
                [ValidationError(_("Describe what the image shows."))]
            )})
        return value

    class Meta:
        icon = "image"
        label = _("Figure")
        template = "repository/blocks/figure.html"


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)

    class Meta:
        icon = "download"
        label = _("Download")
        template = "repository/blocks/download.html"


class ProjectBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Text"), features=TEXT_FEATURES,
                                template="repository/blocks/text.html")
    figure = FigureBlock()
    quote = blocks.BlockQuoteBlock(label=_("Quote"), template="repository/blocks/quote.html")
    download = DownloadBlock()
    video = EmbedBlock(label=_("Video"), template="repository/blocks/video.html")
