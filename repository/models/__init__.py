from repository.models.adoptions import Adoption, AdoptionStatus
from repository.models.model_projects import (
    FundingPhase,
    ModelProjectIndexPage,
    ModelProjectPage,
    ProjectStatus,
)
from repository.models.prompts import ConfirmationPrompt
from repository.models.publications import PublicationIndexPage, PublicationKind, PublicationPage
from repository.models.questions import Answer, FaqEntry, Question, QuestionReport
from repository.models.solutions import Maturity, SolutionIndexPage, SolutionPage
from repository.models.tagging import (
    ModelProjectTag,
    PublicationTag,
    SolutionTag,
    TaggedModelProject,
    TaggedPublication,
    TaggedSolution,
)
from repository.models.taxonomy import Topic
from repository.reporting.models import (
    Indicator,
    IndicatorValue,
    Operation,
    Report,
    ReportingRound,
    ReportStatus,
    SolutionAnswer,
    TeamMember,
    TeamRole,
)

__all__ = [
    "Adoption",
    "AdoptionStatus",
    "Answer",
    "ConfirmationPrompt",
    "FaqEntry",
    "FundingPhase",
    "Indicator",
    "IndicatorValue",
    "Maturity",
    "ModelProjectIndexPage",
    "ModelProjectPage",
    "ModelProjectTag",
    "Operation",
    "ProjectStatus",
    "PublicationIndexPage",
    "PublicationKind",
    "PublicationPage",
    "PublicationTag",
    "Question",
    "QuestionReport",
    "Report",
    "ReportStatus",
    "ReportingRound",
    "SolutionAnswer",
    "SolutionIndexPage",
    "SolutionPage",
    "SolutionTag",
    "TaggedModelProject",
    "TaggedPublication",
    "TaggedSolution",
    "TeamMember",
    "TeamRole",
    "Topic",
]
