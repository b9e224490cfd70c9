from community.models.municipalities import (
    FederalState,
    Municipality,
    MunicipalityKind,
    SizeClass,
    size_class_for_population,
)

__all__ = [
    "FederalState",
    "Municipality",
    "MunicipalityKind",
    "SizeClass",
    "size_class_for_population",
]
