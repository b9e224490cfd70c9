"""The questions of the self-assessment: five areas, each answered on a scale of five
steps (0 to 4 points), and the fields of action of interest, which are not scored. The
score is the share of the 20 points reached, from 0 to 100."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Answer:
    value: str
    label: str | Promise
    points: int


@dataclass(frozen=True)
class Question:
    key: str
    area: str | Promise
    text: str | Promise
    answers: tuple[Answer, ...]

    def points(self, value: str) -> int:
        return next(answer.points for answer in self.answers if answer.value == value)


QUESTIONS: tuple[Question, ...] = (
    Question("strategy", _("Strategy"),
             _("Does your municipality have a smart city or digital strategy?"), (
                 Answer("none", _("Not yet, and none planned so far"), 0),
                 Answer("discussing", _("We are discussing one"), 1),
                 Answer("drafting", _("We are drafting one"), 2),
                 Answer("adopted", _("The council has adopted one"), 3),
                 Answer("implementing", _("We are implementing it and review it regularly"),
                        4))),
    Question("organisation", _("Organisation and staff"),
             _("Who works on digital change in your administration?"), (
                 Answer("nobody", _("Nobody in particular"), 0),
                 Answer("individuals", _("Single colleagues alongside their other work"), 1),
                 Answer("coordinator", _("A coordinator with time set aside for it"), 2),
                 Answer("team", _("A team or unit of its own"), 3),
                 Answer("mandate", _("A team across departments with a mandate from the "
                                     "leadership"), 4))),
    Question("data", _("Data and infrastructure"),
             _("How far are your data and digital infrastructure?"), (
                 Answer("paper", _("Most processes are still on paper"), 0),
                 Answer("basic", _("Basic IT and a few online services"), 1),
                 Answer("collecting", _("We collect data in some places (sensors, "
                                        "registers)"), 2),
                 Answer("platform", _("We run a data platform or an open data portal"), 3),
                 Answer("shared", _("Our data platform is used across departments and "
                                    "shared with others"), 4))),
    Question("participation", _("Participation"),
             _("How do you involve citizens in digital projects?"), (
                 Answer("none", _("Not yet"), 0),
                 Answer("informing", _("We inform them"), 1),
                 Answer("consulting", _("We ask for their views (surveys, meetings)"), 2),
                 Answer("co-creating", _("We develop projects together with them"), 3),
                 Answer("continuous", _("All the time, in formats of our own (labs, "
                                        "online participation)"), 4))),
    Question("funding", _("Funding and budget"), _("How is your digital work funded?"), (
        Answer("none", _("There is no budget for it"), 0),
        Answer("looking", _("We are looking for funding"), 1),
        Answer("projects", _("Single projects are funded"), 2),
        Answer("budget", _("It has a budget line of its own"), 3),
        Answer("long-term", _("Funded for the long term, including operation after "
                              "pilots"), 4))),
)

MAX_POINTS = sum(max(answer.points for answer in question.answers) for question in QUESTIONS)


def score(answers: dict[str, str]) -> int:
    """The share of the points reached, from 0 to 100 (rounded down), for answers that
    the form or the API has checked."""
    reached = sum(question.points(answers[question.key]) for question in QUESTIONS)
    return reached * 100 // MAX_POINTS
