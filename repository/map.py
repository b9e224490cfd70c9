"""A map of the model projects that needs no tile server: Germany's outline and one point
per project, drawn as inline SVG from the municipalities' coordinates.

The outline is a simplified trace of the national border (about 60 points, accurate to
some kilometres): enough to place a project in its region, small enough to inline.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

# (longitude, latitude) clockwise from the Ems estuary.
GERMANY_OUTLINE = [
    (7.0, 53.6), (7.6, 53.7), (8.0, 53.7), (8.6, 53.9), (8.9, 54.2), (8.6, 54.5), (8.3, 55.05),
    (8.65, 54.9), (9.4, 54.85), (9.9, 54.75), (10.0, 54.55), (10.9, 54.45), (11.1, 54.3),
    (10.9, 54.0), (11.5, 54.05), (12.1, 54.2), (12.5, 54.45), (12.9, 54.45), (13.4, 54.65),
    (13.75, 54.3), (14.2, 53.95), (14.4, 53.3), (14.1, 52.85), (14.6, 52.55), (14.75, 52.1),
    (14.7, 51.7), (14.6, 51.55), (15.0, 51.1), (14.8, 50.85), (14.3, 50.9), (13.5, 50.65),
    (12.95, 50.4), (12.5, 50.3), (12.1, 50.3), (12.5, 49.95), (12.45, 49.7), (12.6, 49.5),
    (13.4, 49.05), (13.85, 48.75), (13.45, 48.55), (13.0, 48.25), (12.75, 47.75),
    (13.0, 47.5), (12.75, 47.65), (12.2, 47.6), (11.1, 47.4), (10.5, 47.55), (10.0, 47.5),
    (9.6, 47.55), (8.6, 47.65), (7.6, 47.58), (7.55, 48.1), (7.9, 48.6), (8.2, 48.97),
    (7.6, 49.05), (6.8, 49.15), (6.4, 49.45), (6.35, 49.85), (6.1, 50.15), (6.0, 50.75),
    (5.9, 51.05), (6.2, 51.5), (5.95, 51.85), (6.8, 51.95), (6.75, 52.45), (7.05, 52.65),
    (7.2, 53.25),
]

WEST, EAST, SOUTH, NORTH = 5.8, 15.1, 47.2, 55.1
WIDTH = 400
# An equirectangular projection stretched by cos(latitude) at Germany's centre, so the
# country keeps its familiar proportions.
_ASPECT = math.cos(math.radians((SOUTH + NORTH) / 2))
HEIGHT = round(WIDTH * (NORTH - SOUTH) / ((EAST - WEST) * _ASPECT))


def project(longitude: float | Decimal, latitude: float | Decimal) -> tuple[float, float]:
    x = (float(longitude) - WEST) / (EAST - WEST) * WIDTH
    y = (NORTH - float(latitude)) / (NORTH - SOUTH) * HEIGHT
    return round(x, 1), round(y, 1)


OUTLINE_POINTS = " ".join(f"{x},{y}" for x, y in (project(*point) for point in GERMANY_OUTLINE))


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    title: str
    place: str
    url: str


def map_points(entries: Iterable[tuple[str, str, str, Decimal | None, Decimal | None]]
               ) -> list[MapPoint]:
    """(title, place, url, latitude, longitude) → points; entries without coordinates are
    left off the map (they still appear in the list)."""
    points = []
    for title, place, url, latitude, longitude in entries:
        if latitude is None or longitude is None:
            continue
        x, y = project(longitude, latitude)
        points.append(MapPoint(x, y, title, place, url))
    return points
