"""Demo content of the reporting rounds: indicators for five fields of action in German
and English, a project lead for Smart City Ulm (password: community.demo.DEMO_PASSWORD),
a past round whose accepted reports confirmed their solutions, and an open round with
Ulm's report as a draft. The data is ``demo_content.yaml`` beside this module.

Idempotent: an indicator is looked up by field of action and name, the lead by e-mail
address and a round by title; a round that exists is left as it is."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from community.demo import DEMO_PASSWORD
from community.models import MemberProfile, OrganisationKind
from repository.freshness import confirm_solution
from repository.models import (
    Indicator,
    IndicatorValue,
    ModelProjectPage,
    Report,
    ReportingRound,
    ReportStatus,
    SolutionAnswer,
    SolutionPage,
    TeamMember,
    TeamRole,
    Topic,
)
from repository.reporting.service import indicators_for

Log = Callable[[str], None]
CONTENT_FILE = Path(__file__).with_name("demo_content.yaml")


@functools.cache
def content() -> dict[str, Any]:
    return yaml.safe_load(CONTENT_FILE.read_text(encoding="utf-8"))


def load_demo_content(log: Log = print) -> None:
    german = Locale.objects.get(language_code="de")
    projects = {project.municipality.ags: project for project in ModelProjectPage.objects
                .filter(team__isnull=False, locale=german).select_related("municipality")}
    if not projects:
        log("no demo model projects: reporting rounds skipped")
        return
    _indicators(content()["indicators"], german, log)
    lead = _lead(content()["lead"], projects, log)
    for spec in content()["rounds"]:
        if not ReportingRound.objects.filter(title=spec["title"]).exists():
            _round(spec, projects, lead, german, log)


def _indicators(wanted: list[dict[str, Any]], german: Locale, log: Log) -> None:
    english = Locale.objects.filter(language_code="en").first()
    topics = {topic.slug: topic for topic in Topic.objects.filter(locale=german)}
    for position, spec in enumerate(wanted):
        topic = topics.get(spec["topic"])
        if topic is None:
            continue
        indicator = Indicator.objects.filter(topic=topic, name=spec["de"]["name"],
                                             locale=german).first()
        if indicator is None:
            indicator = Indicator.objects.create(
                topic=topic, locale=german, name=spec["de"]["name"], unit=spec["unit"]["de"],
                target=Decimal(spec["target"]), description=spec["de"]["description"],
                sort_order=position)
            log(f"created indicator “{indicator.name}”")
        if english is not None and indicator.get_translation_or_none(english) is None:
            translated = indicator.copy_for_translation(english)
            translated.name, translated.unit = spec["en"]["name"], spec["unit"]["en"]
            translated.description = spec["en"]["description"]
            translated.save()


def _lead(spec: dict[str, Any], projects: dict[str, ModelProjectPage], log: Log) -> Any:
    project = projects.get(str(spec["project"]).zfill(8))
    model = get_user_model()
    user = model.objects.filter(email=spec["email"]).first()
    if user is None:
        user = model.objects.create_user(username=spec["email"], email=spec["email"],
                                         password=DEMO_PASSWORD)
        MemberProfile.objects.create(
            user=user, display_name=spec["name"], role=spec["role"],
            organisation_kind=OrganisationKind.MODEL_PROJECT,
            municipality=project.municipality if project else None,
            organisation=project.title if project else "")
        log(f"created project lead “{spec['name']}” ({spec['email']})")
    if project is not None:
        TeamMember.objects.get_or_create(project=project, user=user,
                                         defaults={"role": TeamRole.LEAD})
    return user


def load_team_members(wanted: list[dict[str, Any]], log: Log) -> None:
    """Members put into their model project's team as contributors (``expert_teams`` in
    the repository's demo content); one whose account or project is missing (the
    community's demo not loaded) is left out, one in the team already left as it is."""
    german = Locale.objects.get(language_code="de")
    projects = {project.municipality.ags: project for project in ModelProjectPage.objects
                .filter(team__isnull=False, locale=german).select_related("municipality")}
    people = {user.email: user for user in get_user_model().objects.filter(
        email__in=[entry["email"] for entry in wanted])}
    for entry in wanted:
        project = projects.get(str(entry["project"]).zfill(8))
        user = people.get(entry["email"])
        if project is None or user is None:
            continue
        _member, created = TeamMember.objects.get_or_create(project=project, user=user)
        if created:
            log(f"put {user.email} into the team of “{project.title}”")


def _round(spec: dict[str, Any], projects: dict[str, ModelProjectPage], lead: Any,
           german: Locale, log: Log) -> None:
    today = timezone.localdate()
    reporting_round = ReportingRound.objects.create(
        title=spec["title"], opens_on=today + datetime.timedelta(days=spec["opens"]),
        due_on=today + datetime.timedelta(days=spec["due"]), intro=spec["intro"],
        questions=spec["questions"])  # saving gives every project its report
    log(f"created reporting round “{reporting_round.title}”")
    for wanted in spec["reports"]:
        project = projects.get(str(wanted["project"]).zfill(8))
        if project is None:
            continue
        report = Report.objects.get(round=reporting_round, project=project)
        _fill(report, wanted, lead, german, today)
    if spec.get("closed"):
        reporting_round.closed = True
        reporting_round.save(update_fields=["closed"])


def _fill(report: Report, wanted: dict[str, Any], lead: Any, german: Locale,
          today: datetime.date) -> None:
    is_lead = TeamMember.objects.filter(project=report.project, user=lead).exists()
    moment = timezone.now() + datetime.timedelta(days=wanted.get("reviewed", 0) - 3)
    report.progress, report.answers = wanted["progress"], wanted.get("answers", [])
    report.changed_at, report.changed_by = moment, lead if is_lead else None
    accepted = wanted["status"] == ReportStatus.ACCEPTED
    report.status = wanted["status"]
    if accepted:
        report.submitted_at = moment
        report.reviewed_at = moment + datetime.timedelta(days=3)
    report.save()
    for slug, given in wanted["solutions"].items():
        solution = SolutionPage.objects.filter(slug=slug, locale=german,
                                               model_project=report.project).first()
        if solution is None:
            continue
        # An accepted report records the step the page showed before (the evaluation's
        # move): ``from`` in the demo data, as the projects stood before the round.
        answer = SolutionAnswer.objects.create(
            report=report, solution=solution, maturity=given["maturity"],
            previous_maturity=given.get("from", solution.maturity) if accepted else "",
            operation=given.get("operation", "running"), operation_note=given.get("note", ""),
            costs_so_far=given.get("costs"), lessons=given.get("lessons", ""),
            adoptions_known=given.get("adoptions", ""))
        for indicator, value in zip(indicators_for(solution), given.get("values", []),
                                    strict=False):
            IndicatorValue.objects.create(answer=answer, indicator=indicator,
                                          value=Decimal(value))
        if accepted:
            confirm_solution(solution, maturity=answer.maturity, operation=answer.operation,
                             confirmed_on=today + datetime.timedelta(days=wanted["reviewed"]),
                             reason=answer.operation_note)
