"""How alike two municipalities are, for "municipalities like yours": how near their
size classes are on BBSR's scale, and how far apart they lie."""

from __future__ import annotations

import math
from decimal import Decimal

from community.models.municipalities import Municipality, SizeClass

# BBSR's towns and municipalities from the smallest to the largest. A district and an
# inter-municipal association stand beside the scale: each is nearest to the other, and
# farther from any single town than the scale's neighbours are from each other.
SIZE_SCALE: tuple[str, ...] = (SizeClass.LANDGEMEINDE, SizeClass.KLEINSTADT,
                               SizeClass.MITTELSTADT, SizeClass.GROSSSTADT)
BESIDE_THE_SCALE: tuple[str, ...] = (SizeClass.LANDKREIS, SizeClass.INTERKOMMUNAL)
OFF_THE_SCALE_DISTANCE = len(SIZE_SCALE)

EARTH_RADIUS_KM = 6371.0


def size_distance(size_class: str, other: str) -> int:
    """0 for the same size class, 1 for a neighbour on the scale (a Kleinstadt's are the
    Landgemeinde and the Mittelstadt), 2 for the next, and so on; a district and an
    association are 1 apart, and farther than anything on the scale from a town."""
    if size_class == other:
        return 0
    if size_class in SIZE_SCALE and other in SIZE_SCALE:
        return abs(SIZE_SCALE.index(size_class) - SIZE_SCALE.index(other))
    if size_class in BESIDE_THE_SCALE and other in BESIDE_THE_SCALE:
        return 1
    return OFF_THE_SCALE_DISTANCE


def nearest_size_classes(size_class: str) -> list[str]:
    """Every other size class, the nearest first (the smaller first on a tie)."""
    order = [*SIZE_SCALE, *BESIDE_THE_SCALE]
    return sorted((value for value in order if value != size_class),
                  key=lambda value: (size_distance(size_class, value), order.index(value)))


def distance_km(here: Municipality, there: Municipality) -> float | None:
    """The great-circle distance between two municipalities' coordinates (haversine),
    or None when either has none."""
    if None in (here.latitude, here.longitude, there.latitude, there.longitude):
        return None
    lat1, lon1, lat2, lon2 = (math.radians(float(Decimal(value))) for value in (
        here.latitude, here.longitude, there.latitude, there.longitude))
    step = (math.sin((lat2 - lat1) / 2) ** 2
            + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(step))
