"""StreamField blocks of the event pages: an event's outcomes (documents, results, and
links into the knowledge repository). The FAQ page's blocks are in
:mod:`events.faq.blocks`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import DocumentLinkBlock
from repository.blocks import TEXT_FEATURES

# The kinds of outcome, as the stream stores them.
DOCUMENT = "document"
RESULTS = "results"
REPOSITORY_LINK = "repository_link"


class RepositoryLinkBlock(blocks.StructBlock):
    """A link into the knowledge repository: the solution, publication or model project
    that the event talked about or produced. The page names the event in return
    ("Discussed at …"). Event pages and the API show the chosen page in the event's
    language, and only while the public may see it (events.outcomes)."""

    page = blocks.PageChooserBlock(
        label=_("Page in the knowledge repository"),
        page_type=["repository.SolutionPage", "repository.PublicationPage",
                   "repository.ModelProjectPage"],
    )
    label = blocks.CharBlock(label=_("Link text"), required=False, max_length=200,
                             help_text=_("Leave empty to use the page's title."))

    class Meta:
        icon = "link"
        label = _("Link into the knowledge repository")


class OutcomeBlock(blocks.StreamBlock):
    document = DocumentLinkBlock(label=_("Document (slides, minutes, …)"))
    results = blocks.RichTextBlock(
        label=_("Results"), features=TEXT_FEATURES,
        help_text=_("What the event found or agreed, in a few sentences."))
    repository_link = RepositoryLinkBlock()
