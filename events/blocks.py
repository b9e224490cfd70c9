"""StreamField blocks of the event pages: an event's outcomes (documents, and links into
the knowledge repository). The FAQ page's blocks are in :mod:`events.faq.blocks`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import DocumentLinkBlock


class RepositoryLinkBlock(blocks.StructBlock):
    """A link into the knowledge repository: the solution, publication or model project
    that the event talked about or produced."""

    page = blocks.PageChooserBlock(
        label=_("Page in the knowledge repository"),
        page_type=["repository.SolutionPage", "repository.PublicationPage",
                   "repository.ModelProjectPage"],
    )
    label = blocks.CharBlock(label=_("Link text"), required=False, max_length=200,
                             help_text=_("Leave empty to use the page's title."))

    def get_api_representation(self, value: Any, context: Any = None) -> dict[str, Any]:
        page = value["page"]
        return {"page": page.id if page else None, "url": page.url if page else None,
                "label": value["label"] or (page.title if page else "")}

    class Meta:
        icon = "link"
        label = _("Link into the knowledge repository")
        template = "events/blocks/repository_link.html"


class OutcomeBlock(blocks.StreamBlock):
    document = DocumentLinkBlock(label=_("Document (slides, minutes, …)"))
    repository_link = RepositoryLinkBlock()
