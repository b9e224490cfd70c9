"""Working communities' published decisions become draft publications here: the
community sends ``decision_published``; the office edits the draft, adds a document and
publishes it. The decision points at the draft (``Decision.publication``) and the
publication page names the community's public summary (its get_context): linked both ways."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.text import slugify

from community.models import Decision
from community.signals import decision_published
from repository.models import PublicationIndexPage, PublicationKind, PublicationPage


def draft_publication(sender: Any, decision: Decision, user: Any = None,
                      **kwargs: Any) -> PublicationPage | None:
    """A draft publication (a report) of the decision under the first publication index
    in the default language; none when the site has no such index."""
    index = (PublicationIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
             .order_by("path").first())
    if index is None:
        return None
    group = decision.group
    draft = PublicationPage(
        title=decision.title[:255], slug=f"{slugify(decision.title)[:60]}-{decision.pk}",
        kind=PublicationKind.REPORT, year=decision.decided_on.year,
        publisher=group.title[:200], summary=decision.summary[:1000], live=False,
        locale_id=index.locale_id, owner=user)
    index.add_child(instance=draft)
    draft.save_revision(user=user)
    decision.publication = draft
    decision.save(update_fields=["publication"])
    return draft


def connect() -> None:
    decision_published.connect(draft_publication,
                               dispatch_uid="repository.draft_publication_of_decision")


def draft_missing_publications(log: Any = print) -> None:
    """Drafts for decisions published before the repository had a publication index
    (the community's demo loads first)."""
    for decision in (Decision.objects.filter(published_at__isnull=False, publication=None)
                     .select_related("group").order_by("pk")):
        if draft_publication(Decision, decision) is not None:
            log(f"drafted publication “{decision.title}”")
