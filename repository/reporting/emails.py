"""E-mails about reports, each in its recipient's language (their member profile's):
reminders to the project team before and after the due date, the team's notice of the
review, and the office's notice of a submitted report. Only the project's own team and
the reviewers hear about a report (repository.reporting.permissions)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from community.notifications import language_of
from home import site_urls
from repository.models import Report, ReportStatus
from repository.reporting.permissions import REVIEW_PERMISSION, team_of

BEFORE, AFTER = "before", "after"


def report_url(report: Report, language: str) -> str:
    with translation.override(language):
        return site_urls.absolute_url(reverse("repository:report", args=[report.pk]))


def _send(user: Any, subject: str, template: str, context: dict[str, Any],
          connection: Any = None) -> None:
    language = language_of(user)
    with translation.override(language):
        report = context["report"]
        body = render_to_string(template, {
            **context, "url": report_url(report, language),
            "due_on": formats.date_format(report.round.due_on, "DATE_FORMAT"),
            "status": report.get_status_display()})
        EmailMessage(str(subject_in(subject, report))[:200], body.strip() + "\n",
                     to=[user.email], connection=connection).send()


def subject_in(kind: str, report: Report) -> str:
    """The subject of each kind of e-mail, in the active language."""
    subjects = {
        BEFORE: _("Reminder: the report “%(round)s” for %(project)s is due soon"),
        AFTER: _("The report “%(round)s” for %(project)s is overdue"),
        ReportStatus.ACCEPTED: _("Your report “%(round)s” has been accepted"),
        ReportStatus.RETURNED: _("Your report “%(round)s” needs changes"),
        ReportStatus.SUBMITTED: _("Report submitted: %(project)s, “%(round)s”"),
    }
    return subjects[kind] % {"round": report.round.title, "project": report.project.title}


def send_reminder(report: Report, when: str, connection: Any = None) -> int:
    """Remind every member of the project's team; how many were written to."""
    team = list(team_of(report).select_related("member_profile"))
    for user in team:
        _send(user, when, "repository/reporting/emails/reminder.txt",
              {"report": report, "before": when == BEFORE}, connection)
    return len(team)


def send_reviewed(report: Report) -> None:
    for user in team_of(report).select_related("member_profile"):
        _send(user, report.status, "repository/reporting/emails/reviewed.txt",
              {"report": report, "accepted": report.status == ReportStatus.ACCEPTED})


def reviewers() -> list[Any]:
    app_label, codename = REVIEW_PERMISSION.split(".")
    users = get_user_model().objects.filter(is_active=True).select_related("member_profile")
    with_right = (users.filter(groups__permissions__codename=codename,
                               groups__permissions__content_type__app_label=app_label)
                  | users.filter(user_permissions__codename=codename,
                                 user_permissions__content_type__app_label=app_label))
    return list(with_right.distinct().order_by("pk"))


def send_submitted(report: Report) -> None:
    """The office hears of a submitted report (superusers see it on the board)."""
    for user in reviewers():
        _send(user, ReportStatus.SUBMITTED, "repository/reporting/emails/submitted.txt",
              {"report": report})
