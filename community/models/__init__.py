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

__all__ = [
    "ContactVisibility",
    "ExpertiseTag",
    "FederalState",
    "GroupVisibility",
    "JoinPolicy",
    "MemberProfile",
    "Membership",
    "MembershipRole",
    "MembershipState",
    "Municipality",
    "MunicipalityKind",
    "OrganisationKind",
    "PeerGroupIndexPage",
    "PeerGroupPage",
    "SizeClass",
    "TaggedExpertise",
    "size_class_for_population",
]
