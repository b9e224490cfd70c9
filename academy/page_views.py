"""What the Akademie's pages show (registered with :mod:`home.page_views`; imported by
``AcademyConfig.ready()``): the course listing, a course with its modules and sessions
and, for a signed-in learner, where they stand."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from academy.models import AcademyIndexPage, CourseModulePage, CoursePage
from academy.progress import progress_of
from home.page_views import page_view
from repository.models.base import in_locale


@page_view(AcademyIndexPage)
def academy(page: AcademyIndexPage, request: HttpRequest) -> dict[str, Any]:
    courses = list(page.courses().select_related("prerequisite_course"))
    # Hours and modules of every course in one query.
    modules = list(CourseModulePage.objects.live().public()
                   .filter(path__startswith=page.path, depth=page.depth + 2)
                   .only("path", "hours"))
    return {"courses": [
        {"page": course,
         "modules": sum(1 for m in modules if m.path.startswith(course.path)),
         "hours": sum(m.hours for m in modules if m.path.startswith(course.path))}
        for course in courses]}


@page_view(CoursePage)
def course(page: CoursePage, request: HttpRequest) -> dict[str, Any]:
    progress = progress_of(request.user, [page])[0]
    prerequisite = page.prerequisite_course
    return {"progress": progress,
            "prerequisite": in_locale([prerequisite], page.locale_id)[0] if prerequisite else None}


@page_view(CourseModulePage)
def module(page: CourseModulePage, request: HttpRequest) -> dict[str, Any]:
    course_page = page.get_parent().specific
    progress = progress_of(request.user, [course_page])[0]
    entry = next((e for e in progress.modules if e.module.pk == page.pk), None)
    series = page.series
    return {"course": course_page, "entry": entry,
            "series": in_locale([series], page.locale_id)[0] if series else None,
            "signed_in": request.user.is_authenticated}
