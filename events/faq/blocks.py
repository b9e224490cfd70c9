"""StreamField blocks of the FAQ page: questions grouped by topic, the office's contact
block, and the page's schema.org FAQPage data."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.rich_text import RichText, expand_db_html

from home.blocks import ContactPersonBlock, FAQItemBlock


class FAQTopicBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Topic"), max_length=200)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Questions on one topic")
        template = "events/blocks/faq_topic.html"


class OfficeContactBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200,
                               default=_("Contact the office"))
    hotline = blocks.CharBlock(label=_("Hotline"), required=False, max_length=40)
    hours = blocks.CharBlock(label=_("Opening hours"), required=False, max_length=200,
                             help_text=_("When the hotline answers, e.g. Mon–Thu 9–16."))
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    contacts = blocks.ListBlock(ContactPersonBlock(), label=_("Named contacts"),
                                required=False)

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None,
                    ) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        context["hotline_href"] = tel_href(value.get("hotline") or "")
        return context

    class Meta:
        icon = "mail"
        label = _("The office's contact details")
        template = "events/blocks/office_contact.html"


class FAQPageBlock(blocks.StreamBlock):
    topic = FAQTopicBlock()
    contact = OfficeContactBlock()


def tel_href(number: str) -> str:
    """A tel: link for a number as people write it ("+49 (0)30 1234-56"): digits and a
    leading plus only, without the trunk prefix "(0)" that is wrong after a country code."""
    number = number.strip()
    if number.startswith("+"):
        number = number.replace("(0)", "")
    digits = re.sub(r"[^0-9]", "", number)
    if not digits:
        return ""
    return "tel:" + ("+" if number.startswith("+") else "") + digits


_LINE_BREAKS = re.compile(r"<br\s*/?>|</(?:p|li|h[1-6]|div|blockquote)\s*>", re.IGNORECASE)


def plain_text(rich_text: RichText | str) -> str:
    """Rich text as plain text: one line per paragraph or list item, entities decoded
    (search engines read the answer as text, not HTML)."""
    source = rich_text.source if isinstance(rich_text, RichText) else str(rich_text)
    text = html.unescape(strip_tags(_LINE_BREAKS.sub("\n", expand_db_html(source))))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def faq_structured_data(body: Any) -> dict[str, Any]:
    """schema.org FAQPage for every question on the page, answers as plain text."""
    questions = [
        {
            "@type": "Question",
            "name": item["question"],
            "acceptedAnswer": {"@type": "Answer", "text": plain_text(item["answer"])},
        }
        for child in body if child.block_type == "topic"
        for item in child.value["items"]
    ]
    return {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions}


def script_safe_json(data: Any) -> SafeString:
    """JSON to place inside a <script> element: <, > and & escaped (JSON parsers read
    them back unchanged), so that no text from an editor can close the element."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # escaped above: safe inside <script>
