from repository.models.adoptions import Adoption, AdoptionStatus
from repository.models.model_projects import (
    FundingPhase,
    ModelProjectIndexPage,
    ModelProjectPage,
    ProjectStatus,
)
from repository.models.publications import PublicationIndexPage, PublicationKind, PublicationPage
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

__all__ = [
    "Adoption",
    "AdoptionStatus",
    "FundingPhase",
    "Maturity",
    "ModelProjectIndexPage",
    "ModelProjectPage",
    "ModelProjectTag",
    "ProjectStatus",
    "PublicationIndexPage",
    "PublicationKind",
    "PublicationPage",
    "PublicationTag",
    "SolutionIndexPage",
    "SolutionPage",
    "SolutionTag",
    "TaggedModelProject",
    "TaggedPublication",
    "TaggedSolution",
    "Topic",
]
