"""Where a learner stands in a course, and the certificate it earns.

A module is complete when the office has recorded the learner as present at every one of
its sessions that took place (cancelled sessions do not count); a course is complete
when all its modules are, the final module (the last) included. Attendance lives in the
event calendar's registrations: the module's series is the calendar's, and registrations
belong to the series' and sessions' original language version.

Every function reads a whole list of courses in a fixed number of queries, whatever the
number of modules, sessions and registrations.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from wagtail.models import Locale, Page

from academy.models import Certificate, CourseModulePage, CoursePage
from events.models import EventPage, EventSeriesPage, Registration, RegistrationStatus
from repository.models.base import in_locale


@dataclass
class SessionState:
    event: EventPage
    registration: Registration | None = None

    @property
    def attended(self) -> bool:
        return bool(self.registration and self.registration.attended)


@dataclass
class ModuleProgress:
    module: CourseModulePage
    sessions: list[SessionState] = field(default_factory=list)
    prerequisite: CourseModulePage | None = None
    prerequisite_met: bool = True

    @property
    def attended(self) -> int:
        return sum(1 for session in self.sessions if session.attended)

    @property
    def complete(self) -> bool:
        return bool(self.sessions) and self.attended == len(self.sessions)

    @property
    def missing(self) -> list[SessionState]:
        return [session for session in self.sessions if not session.attended]


@dataclass
class CourseProgress:
    course: CoursePage
    modules: list[ModuleProgress]
    certificate: Certificate | None = None
    prerequisite_met: bool = True

    @property
    def hours_total(self) -> int:
        return sum(entry.module.hours for entry in self.modules)

    @property
    def hours_done(self) -> int:
        return sum(entry.module.hours for entry in self.modules if entry.complete)

    @property
    def complete(self) -> bool:
        return bool(self.modules) and all(entry.complete for entry in self.modules)

    @property
    def started(self) -> bool:
        return any(session.registration for entry in self.modules for session in entry.sessions)


def originals(pages: Iterable[Page], model: type[Page]) -> dict[Any, Page]:
    """The first-created language version of each page, by translation key, in one
    query: the version that registrations and certificates point at."""
    keys = {page.translation_key for page in pages}
    found: dict[Any, Page] = {}
    for page in model.objects.filter(translation_key__in=keys).order_by("pk"):
        found.setdefault(page.translation_key, page)
    return found


def _children_of(pages: Iterable[Page]) -> Q:
    wanted = Q(pk__in=[])
    for page in pages:
        wanted |= Q(path__startswith=page.path, depth=page.depth + 1)
    return wanted


def _learners_registrations(user: Any) -> Q:
    """Registrations made while signed in, and those made as a guest with the member's
    address (as the account page counts them)."""
    mine = Q(user=user)
    if user.email:
        mine |= Q(email=user.email.lower())
    return mine


def progress_of(user: Any, courses: Sequence[CoursePage]) -> list[CourseProgress]:
    """Each course's progress for ``user``, session titles in each course's language."""
    if not courses:
        return []
    modules = list(CourseModulePage.objects.live().public().filter(_children_of(courses))
                   .select_related("series", "prerequisite_module").order_by("path"))
    series = originals([m.series for m in modules if m.series_id], EventSeriesPage)
    sessions = list(EventPage.objects.live().public().filter(
        _children_of(series.values()), is_cancelled=False).order_by("start", "pk"))
    registrations = {}
    if user.is_authenticated and sessions:
        for registration in (Registration.objects.filter(
                _learners_registrations(user), event__in=sessions)
                .exclude(status=RegistrationStatus.CANCELLED).order_by("created_at")):
            registrations[registration.event_id] = registration
    certificates = _certificates(user, courses)
    done_courses = {certificate.course.translation_key for certificate in certificates.values()
                    if certificate.course_id}
    translated = _sessions_in_locales(sessions, {course.locale_id for course in courses})
    result = []
    for course in courses:
        entries = []
        for module in (m for m in modules if m.path.startswith(course.path)):
            original = series.get(module.series.translation_key) if module.series_id else None
            entries.append(ModuleProgress(module=module, sessions=[
                SessionState(translated[(course.locale_id, event.pk)], registrations.get(event.pk))
                for event in sessions
                if original is not None and event.path.startswith(original.path)]))
        _mark_prerequisites(entries)
        prerequisite = course.prerequisite_course
        result.append(CourseProgress(
            course=course, modules=entries,
            certificate=certificates.get(course.translation_key),
            prerequisite_met=(prerequisite is None
                              or prerequisite.translation_key in done_courses)))
    return result


def _certificates(user: Any, courses: Sequence[CoursePage]) -> dict[Any, Certificate]:
    """The learner's certificates by course translation key: those of these courses and
    of their prerequisites."""
    if not user.is_authenticated:
        return {}
    return {certificate.course.translation_key: certificate
            for certificate in Certificate.objects.filter(learner=user, course__isnull=False)
            .select_related("course")}


def _sessions_in_locales(sessions: list[EventPage], locale_ids: set[int]
                         ) -> dict[tuple[int, int], EventPage]:
    found = {}
    for locale_id in locale_ids:
        for event, shown in zip(sessions, in_locale(sessions, locale_id), strict=True):
            found[(locale_id, event.pk)] = shown
    return found


def _mark_prerequisites(entries: list[ModuleProgress]) -> None:
    """The module to complete first, matched by translation key: the editor may have
    chosen the other language's version of it."""
    by_key = {entry.module.translation_key: entry for entry in entries}
    for entry in entries:
        chosen = entry.module.prerequisite_module
        before = by_key.get(chosen.translation_key) if chosen is not None else None
        if before is not None and before is not entry:
            entry.prerequisite = before.module
            entry.prerequisite_met = before.complete


def courses_of_learner(user: Any, language: str) -> list[CoursePage]:
    """The courses, in ``language``, in which the learner holds a registration for a
    session or a certificate (five queries, whatever their number)."""
    session_paths = EventPage.objects.filter(registrations__in=Registration.objects.filter(
        _learners_registrations(user)).exclude(status=RegistrationStatus.CANCELLED)
    ).values_list("path", flat=True)
    steplen = Page.steplen
    series_keys = EventSeriesPage.objects.filter(
        path__in={path[:-steplen] for path in session_paths}).values("translation_key")
    module_paths = CourseModulePage.objects.filter(
        series__translation_key__in=series_keys).values_list("path", flat=True)
    keys = set(CoursePage.objects.filter(
        Q(path__in={path[:-steplen] for path in module_paths})
        | Q(certificates__learner=user)).values_list("translation_key", flat=True))
    return list(CoursePage.objects.live().public().filter(
        translation_key__in=keys, locale__language_code=language)
        .select_related("prerequisite_course").order_by("path"))


# -- certificates ------------------------------------------------------------------------

def issue_if_complete(user: Any, course: CoursePage) -> Certificate | None:
    """The learner's certificate for ``course``: issued now when attendance and the final
    module are complete, the one issued before otherwise; None while incomplete."""
    course = course.original()
    progress = progress_of(user, [course])[0]
    if progress.certificate is not None:
        return progress.certificate
    if not progress.complete:
        return None
    profile = getattr(user, "member_profile", None)
    language = profile.language if profile else translation.get_language()
    locale = Locale.objects.filter(language_code=language).first()
    shown = in_locale([course], locale.pk)[0] if locale else course
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                learner=user, course=course, course_title=shown.title,
                holder_name=(profile.display_name if profile else "") or user.get_full_name()
                or user.email, hours=progress.hours_total, language=language,
                issued_on=timezone.localdate())
    except IntegrityError:  # issued meanwhile by a parallel request
        return Certificate.objects.get(learner=user, course=course)


def courses_of_event(event: EventPage) -> list[CoursePage]:
    """The courses (original language versions) one of whose modules holds ``event``."""
    parent = event.get_parent().specific
    if not isinstance(parent, EventSeriesPage):
        return []
    keys = {module.get_parent().translation_key for module in CourseModulePage.objects.filter(
        series__translation_key=parent.translation_key)}
    return list(originals(CoursePage.objects.filter(translation_key__in=keys),
                          CoursePage).values())


# -- the office's cohorts ----------------------------------------------------------------

@dataclass
class LearnerRow:
    learner: Any
    modules_done: int
    modules_total: int
    hours_done: int
    sessions_attended: int
    certificate: Certificate | None

    @property
    def complete(self) -> bool:
        return self.certificate is not None


def cohort(course: CoursePage) -> list[LearnerRow]:
    """Every member registered for a session of the course (the original language
    version), with how far they got: a fixed number of queries for the whole cohort."""
    course = course.original()
    modules = list(CourseModulePage.objects.live().filter(_children_of([course]))
                   .select_related("series").order_by("path"))
    series = originals([m.series for m in modules if m.series_id], EventSeriesPage)
    sessions = list(EventPage.objects.live().filter(
        _children_of(series.values()), is_cancelled=False).only("pk", "path"))
    attended: dict[int, set[int]] = {}
    learners: dict[int, Any] = {}
    for registration in (Registration.objects.filter(event__in=sessions, user__isnull=False)
                         .exclude(status=RegistrationStatus.CANCELLED)
                         .select_related("user__member_profile").order_by("user_id")):
        learners[registration.user_id] = registration.user
        if registration.attended:
            attended.setdefault(registration.user_id, set()).add(registration.event_id)
    certificates = {c.learner_id: c for c in Certificate.objects.filter(course=course)}
    module_sessions = [
        (module, {event.pk for event in sessions
                  if module.series_id and event.path.startswith(
                      series[module.series.translation_key].path)})
        for module in modules]
    rows = []
    for user_id, learner in learners.items():
        present = attended.get(user_id, set())
        done = [module for module, held in module_sessions if held and held <= present]
        rows.append(LearnerRow(
            learner=learner, modules_done=len(done), modules_total=len(modules),
            hours_done=sum(module.hours for module in done), sessions_attended=len(present),
            certificate=certificates.get(user_id)))
    return sorted(rows, key=lambda row: (not row.complete, -row.hours_done,
                                         str(getattr(row.learner, "member_profile", ""))))
