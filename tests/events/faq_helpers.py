"""An FAQ page's body in either language: two topics (one with a question that tries to
break out of the page's script element) and the office's contact block."""

from __future__ import annotations

import json
import uuid
from typing import Any

from home.models import ContactPerson

SCRIPT_QUESTION = "Was passiert bei </script><script>alert(1)</script> im Text?"


def item(question: str, answer: str) -> dict[str, Any]:
    return {"type": "item", "id": str(uuid.uuid4()),
            "value": {"question": question, "answer": answer}}


def faq_body(*, language: str, person: ContactPerson) -> str:
    german = language == "de"
    return json.dumps([
        {"type": "topic", "value": {
            "heading": "Teilnahme" if german else "Taking part",
            "items": [
                item("Was kostet die Teilnahme?" if german else "What does it cost?",
                     "<p>Nichts: alle Formate sind kostenfrei.</p><p>Reise &amp; Unterkunft "
                     "tragen Sie selbst.</p>" if german else
                     "<p>Nothing: every format is free.</p><p>Travel &amp; lodging are "
                     "yours.</p>"),
                item("Wer kann teilnehmen?" if german else "Who can take part?",
                     "<ul><li>Kommunen</li><li>Landkreise</li></ul>" if german else
                     "<ul><li>Municipalities</li><li>Districts</li></ul>"),
            ]}},
        {"type": "topic", "value": {
            "heading": "Technik" if german else "Technology",
            "items": [item(SCRIPT_QUESTION, "<p>Er bleibt Text &lt;b&gt;.</p>")]}},
        {"type": "contact", "value": {
            "heading": "Kontakt zur Transferstelle" if german else "Contact the office",
            "hotline": "+49 (0)30 1234-567",
            "hours": "Mo–Do 9–16 Uhr" if german else "Mon–Thu 9 am–4 pm",
            "email": "startsmart@kts.example",
            "contacts": [{"type": "item", "id": str(uuid.uuid4()), "value": {
                "person": person.pk, "note": "Peer-Learning" if german else "Peer learning"}}],
        }},
    ])
