"""StreamField blocks for the home page and standard pages."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html
from wagtail.snippets.blocks import SnippetChooserBlock

from home.featured import slot_choices
from home.images import picture
from home.renditions import image_api_representation

# No headings inside rich text: the heading block keeps the outline in order.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text whose API form is ready-to-use HTML (links resolved to URLs)."""

    def get_api_representation(self, value, context=None):
        return expand_db_html(value.source) if value else ""

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "home/blocks/paragraph.html"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "home/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    """An image that says what it shows: alt text is required unless it is decorative."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative only"),
        required=False,
        help_text=_("Tick only if the image adds nothing to the text; screen readers skip it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=120)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ErrorList(
                        [ValidationError(_("Describe the image, or mark it as decorative."))]
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        alt = "" if value["decorative"] else value["alt_text"]
        context["picture"] = picture(value["image"], alt, "figure") if value["image"] else None
        return context

    def get_api_representation(self, value, context=None):
        return {
            "image": image_api_representation(value["image"]),
            "alt_text": "" if value["decorative"] else value["alt_text"],
            "decorative": value["decorative"],
            "caption": value["caption"],
            "credit": value["credit"],
        }

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "home/blocks/quote.html"


# A path on this site ("/de/start-smart/interesse/"), not "//host/…" (another site).
_SITE_PATH = re.compile(r"^/(?!/)\S*$")


def validate_link_address(value: str) -> None:
    """An address on this site (a path such as a form of a plugin, which is no page to
    choose) or a web address elsewhere (http or https)."""
    if not _SITE_PATH.match(value):
        URLValidator(schemes=["http", "https"])(value)


class LinkTargetBlock(blocks.StructBlock):
    """A link to a page of the site or to an address: exactly one of them, or neither
    where the block is built with ``optional=True``."""

    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Address"), required=False, max_length=500,
        validators=[validate_link_address],
        help_text=_("A web address (https://…) or a path on this site (/de/…)."))

    def clean(self, value):
        value = super().clean(value)
        if self.meta.optional and not value.get("page") and not value.get("url"):
            return value
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "page": ErrorList(
                        [ValidationError(_("Choose a page or enter an address, not both."))]
                    )
                }
            )
        return value

    def get_api_representation(self, value, context=None):
        page = value.get("page")
        return {
            "page": page.id if page else None,
            "url": page.url if page else value.get("url"),
        }

    class Meta:
        icon = "link"
        optional = False


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_label = blocks.CharBlock(label=_("Button text"), max_length=60)
    link = LinkTargetBlock(label=_("Link"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "home/blocks/call_to_action.html"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = ParagraphBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("FAQ accordion")
        template = "home/blocks/faq.html"


class ContactPersonBlock(blocks.StructBlock):
    person = SnippetChooserBlock("home.ContactPerson", label=_("Contact person"))
    note = blocks.CharBlock(
        label=_("Note"), required=False, max_length=200,
        help_text=_("For example: what to ask this person about."),
    )

    def get_api_representation(self, value, context=None):
        person = value["person"]
        return {"person": person.api_representation() if person else None, "note": value["note"]}

    class Meta:
        icon = "user"
        label = _("Contact person")
        template = "home/blocks/contact_person.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )

    def get_api_representation(self, value, context=None):
        document = value["document"]
        return {
            "document": {
                "id": document.id,
                "title": document.title,
                "url": document.url,
                "file_extension": document.file_extension,
            } if document else None,
            "label": value["label"],
        }

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "home/blocks/document_link.html"


class PartnersBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    partners = blocks.ListBlock(
        SnippetChooserBlock("home.PartnerOrganisation"), label=_("Partner organisations"),
        min_num=1,
    )

    def get_api_representation(self, value, context=None):
        return {
            "heading": value["heading"],
            "partners": [
                {"id": partner.id, "name": partner.name, "website": partner.website,
                 "description": partner.description,
                 "logo": image_api_representation(partner.logo)}
                for partner in value["partners"] if partner
            ],
        }

    class Meta:
        icon = "group"
        label = _("Partners")
        template = "home/blocks/partners.html"


class BodyBlock(blocks.StreamBlock):
    """The body of a standard page, below its h1: headings may not skip a level."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock(features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
    contact_person = ContactPersonBlock()
    document_link = DocumentLinkBlock()
    partners = PartnersBlock()
    embed = EmbedBlock(
        label=_("Embedded media"), icon="media",
        help_text=_("Address of a video or other media, e.g. on a video platform."),
        template="home/blocks/embed.html",
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        seen_section = False
        for index, child in enumerate(value):
            if child.block_type != "heading":
                continue
            if child.value["level"] == "h2":
                seen_section = True
            elif not seen_section:
                errors[index] = ValidationError(
                    _("A subsection heading (h3) needs a section heading (h2) before it.")
                )
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=20, help_text=_("For example: 73"))
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)
    note = blocks.CharBlock(label=_("Note or source"), required=False, max_length=200)
    # A figure is where a visitor starts: it leads to the listing of what it counts.
    link = LinkTargetBlock(
        label=_("Listing it leads to"), optional=True,
        help_text=_("The page that lists what the figure counts, e.g. the project database."))

    class Meta:
        icon = "order"
        label = _("Key figure")


class FeaturedPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    teaser = blocks.TextBlock(
        label=_("Teaser"), required=False, max_length=300,
        help_text=_("Leave empty to use the page's search description."),
    )

    def get_api_representation(self, value, context=None):
        page = value["page"]
        return {
            "page": {"id": page.id, "title": page.title, "url": page.url} if page else None,
            "teaser": value["teaser"] or (page.search_description if page else ""),
        }

    class Meta:
        icon = "doc-empty"
        label = _("Featured page")


class FeaturedSlotBlock(blocks.StructBlock):
    """A slot that a plugin fills with its latest content (see home/featured.py)."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    slot = blocks.ChoiceBlock(label=_("Content"), choices=slot_choices)
    limit = blocks.IntegerBlock(label=_("How many"), default=3, min_value=1, max_value=12)

    class Meta:
        icon = "list-ul"
        label = _("Featured content")


SOCIAL_NETWORKS = [
    ("mastodon", "Mastodon"),
    ("linkedin", "LinkedIn"),
    ("youtube", "YouTube"),
    ("instagram", "Instagram"),
    ("bluesky", "Bluesky"),
    ("other", _("Other")),
]


class SocialLinkValue(blocks.StructValue):
    def display_name(self) -> str:
        return self.get("label") or str(dict(SOCIAL_NETWORKS).get(self.get("network"), ""))


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(label=_("Network"), choices=SOCIAL_NETWORKS)
    url = blocks.URLBlock(label=_("Address"))
    label = blocks.CharBlock(
        label=_("Label"), required=False, max_length=60,
        help_text=_("Shown instead of the network's name, e.g. for “Other”."),
    )

    class Meta:
        icon = "link"
        label = _("Social link")
        value_class = SocialLinkValue
