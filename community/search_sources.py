"""What the community contributes to the search index: peer groups (threads and posts
follow with the discussions). A secret group's page carries a view restriction to the
group's members, so its document is found only by them. Duck-typed contract, see
`search/sources.py`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from community.models import PeerGroupPage


class PeerGroupSource:
    name = "peer_group"
    label = _("Peer group")
    model = PeerGroupPage

    def queryset(self) -> QuerySet:
        return PeerGroupPage.objects.live().select_related("locale")

    def document(self, page: PeerGroupPage) -> dict[str, Any]:
        description = " ".join(strip_tags(page.description).split())
        return {
            "title": page.title,
            "summary": description[:300],
            "body": f"{page.topic} {description}",
            "date": page.last_published_at or page.first_published_at,
        }
