"""What the repository's pages show beyond their fields and the content cache: the part
that depends on the reader (registered with :mod:`home.page_views`; imported by
``RepositoryConfig.ready()``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from home.page_views import page_view
from repository.adoption_reports.views import report_context
from repository.models import SolutionPage
from repository.questions.views import questions_context


@page_view(SolutionPage)
def solution(page: SolutionPage, request: HttpRequest) -> dict[str, Any]:
    """The adoption report and the questions to the implementers: nothing for anonymous
    readers beyond links (so their page stays in the page cache), the forms, the
    member's report and the questions they may read for members."""
    return {"adoption_report": report_context(request, page),
            "questions": questions_context(request, page)}
