"""Reporting an adoption, deciding on the report, and telling the project team."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from community.models import Notification, NotificationKind
from community.notifications import language_of, send_immediately_after_commit
from repository.adoption_reports.forms import REPORTED_STATUSES
from repository.adoption_reports.permissions import developing_team, reporting_municipality
from repository.models import Adoption, SolutionPage
from repository.models.adoptions import AdoptionSource, ReviewState

LOG_ACTIONS = {
    "confirm": ("repository.adoption.confirm", gettext_lazy("Confirm a reported adoption")),
    "reject": ("repository.adoption.reject", gettext_lazy("Reject a reported adoption")),
}


class ReportRefused(Exception):
    """A report or decision that cannot be taken, with the reason for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def original_solution(solution: SolutionPage) -> SolutionPage:
    """The ledger records the solution in the default language (its original)."""
    return (SolutionPage.objects.filter(translation_key=solution.translation_key,
                                        locale__language_code=settings.LANGUAGE_CODE)
            .select_related("model_project").first() or solution)


def existing_report(solution: SolutionPage, municipality: Any) -> Adoption | None:
    """The municipality's entry for this solution that still stands (not rejected)."""
    return (Adoption.objects.filter(solution__translation_key=solution.translation_key,
                                    municipality=municipality)
            .exclude(review_state=ReviewState.REJECTED).first())


def report_adoption(solution: SolutionPage, user: Any, *, status: str, reason: str = "",
                    contact_name: str = "", contact_email: str = "",
                    answers_questions: bool = False) -> Adoption:
    """Records the member's report as pending and tells the developing project's team.
    Raises ReportRefused for a member without a municipality, the developing
    municipality itself, or a municipality that has an entry already."""
    municipality = reporting_municipality(user)
    if municipality is None:
        raise ReportRefused(_("Only members who name their municipality in their profile "
                              "report adoptions."))
    original = original_solution(solution)
    if original.model_project.municipality_id == municipality.pk:
        raise ReportRefused(_("Your municipality developed this solution; adoptions are "
                              "reported by other municipalities."))
    if existing_report(original, municipality) is not None:
        raise ReportRefused(_("Your municipality's adoption of this solution is recorded "
                              "already or waiting for review."))
    with transaction.atomic():
        adoption = Adoption.objects.create(
            solution=original, municipality=municipality, status=status,
            reason=reason.strip(), contact_name=contact_name.strip(),
            contact_email=contact_email.strip(), source=AdoptionSource.MUNICIPALITY,
            review_state=ReviewState.PENDING, reported_by=user,
            questions_contact=user if answers_questions else None)
        tell_team_of_report(adoption)
    return adoption


def tell_team_of_report(adoption: Adoption) -> list[Notification]:
    """A notification (and by the member's choice an e-mail) to everyone in the
    developing project's team, in each one's language."""
    titles = dict(SolutionPage.objects.filter(translation_key=adoption.solution.translation_key)
                  .values_list("locale__language_code", "title"))
    labels = dict(REPORTED_STATUSES)
    created = []
    for user in developing_team(adoption.solution).select_related("member_profile"):
        language = language_of(user)
        with translation.override(language):
            text = _("%(municipality)s reports on “%(solution)s”: %(status)s. Please confirm "
                     "or reject the report.") % {
                "municipality": adoption.municipality.name,
                "solution": titles.get(language, adoption.solution.title),
                "status": labels.get(adoption.status, adoption.get_status_display())}
        created.append(Notification.objects.create(
            recipient=user, kind=NotificationKind.PROJECT, text=text[:300],
            url=reverse("repository_adoption_reports:list")))
    send_immediately_after_commit(created)
    return created


def decide(adoption: Adoption, *, confirm: bool, by: Any) -> Adoption:
    """Confirms (into the public ledger) or rejects a pending report, once."""
    with transaction.atomic():
        locked = Adoption.objects.select_for_update().get(pk=adoption.pk)
        if locked.review_state != ReviewState.PENDING:
            raise ReportRefused(_("This report has been decided already."))
        locked.review_state = ReviewState.CONFIRMED if confirm else ReviewState.REJECTED
        locked.decided_by, locked.decided_at = by, timezone.now()
        # save(), not update(): the page cache and search follow the ledger's post_save.
        locked.save(update_fields=["review_state", "decided_by", "decided_at", "updated_at"])
        log(instance=locked, action=LOG_ACTIONS["confirm" if confirm else "reject"][0],
            user=by)
    return locked


def register_log_actions(actions: Any) -> None:
    for name, label in LOG_ACTIONS.values():
        actions.register_action(name, label, label)
