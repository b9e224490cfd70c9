from community.models.discussions import (
    MAX_POST_LENGTH,
    Attachment,
    Post,
    PostRevision,
    Report,
    ReportStatus,
    Thread,
)
from community.models.groups import (
    GroupVisibility,
    JoinPolicy,
    Membership,
    MembershipRole,
    MembershipState,
    PeerGroupIndexPage,
    PeerGroupPage,
)
from community.models.members import (
    ContactVisibility,
    ExpertiseTag,
    MemberProfile,
    OrganisationKind,
    TaggedExpertise,
)
from community.models.municipalities import (
    FederalState,
    Municipality,
    MunicipalityKind,
    SizeClass,
    size_class_for_population,
)
from community.models.notifications import (
    EmailFrequency,
    Follow,
    Notification,
    NotificationKind,
)
from community.models.tokens import PersonalToken

__all__ = [
    "MAX_POST_LENGTH",
    "Attachment",
    "ContactVisibility",
    "EmailFrequency",
    "ExpertiseTag",
    "FederalState",
    "Follow",
    "GroupVisibility",
    "JoinPolicy",
    "MemberProfile",
    "Membership",
    "MembershipRole",
    "MembershipState",
    "Municipality",
    "MunicipalityKind",
    "Notification",
    "NotificationKind",
    "OrganisationKind",
    "PeerGroupIndexPage",
    "PeerGroupPage",
    "PersonalToken",
    "Post",
    "PostRevision",
    "Report",
    "ReportStatus",
    "SizeClass",
    "TaggedExpertise",
    "Thread",
    "size_class_for_population",
]
