"""Maps of the model projects that need no tile server: the 16 federal states and one
marker per project, drawn as inline SVG on the server.

The state outlines come from repository/data/federal_states.json, derived once by
tools/map/derive_federal_states.py from Natural Earth (public domain) and simplified to
about 1.5 km, a little under one unit of the 400-unit wide map. Markers differ by shape
as well as colour per funding phase, so the phase is never told by colour alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from community.models import FederalState

STATES_FILE = Path(__file__).resolve().parent / "data" / "federal_states.json"
# Credit for the outlines, shown under every map (the data are public domain, but saying
# where a map comes from is what a reader expects).
SOURCE_NAME = "Natural Earth"
SOURCE_URL = "https://www.naturalearthdata.com/"

WEST, EAST, SOUTH, NORTH = 5.8, 15.1, 47.2, 55.1
WIDTH = 400
# An equirectangular projection stretched by cos(latitude) at Germany's centre, so the
# country keeps its familiar proportions.
_ASPECT = math.cos(math.radians((SOUTH + NORTH) / 2))
HEIGHT = round(WIDTH * (NORTH - SOUTH) / ((EAST - WEST) * _ASPECT))

# ISO 3166-2 suffixes, the abbreviations printed on the map; where a state's own area is
# too small to carry one (the city states) the label moves beside it.
STATE_LABELS: dict[str, tuple[str, float, float]] = {
    "01": ("SH", 9.6, 54.2), "02": ("HH", 10.65, 53.85), "03": ("NI", 9.3, 52.75),
    "04": ("HB", 8.45, 53.3), "05": ("NW", 7.55, 51.65), "06": ("HE", 9.0, 50.6),
    "07": ("RP", 7.3, 50.05), "08": ("BW", 9.0, 48.5), "09": ("BY", 11.6, 49.0),
    "10": ("SL", 6.95, 49.25), "11": ("BE", 13.4, 52.95), "12": ("BB", 13.9, 52.05),
    "13": ("MV", 12.6, 53.75), "14": ("SN", 13.25, 51.05), "15": ("ST", 11.7, 52.0),
    "16": ("TH", 11.0, 50.85),
}
# Half the width of a marker on the large map and on a locator map (map units).
MARKER_SIZE = 7.0
LOCATOR_MARKER_SIZE = 11.0


def project(longitude: float | Decimal, latitude: float | Decimal) -> tuple[float, float]:
    x = (float(longitude) - WEST) / (EAST - WEST) * WIDTH
    y = (NORTH - float(latitude)) / (NORTH - SOUTH) * HEIGHT
    return round(x, 1), round(y, 1)


@dataclass(frozen=True)
class StateShape:
    key: str
    name: str
    abbreviation: str
    path: str
    label_x: float
    label_y: float


@cache
def state_shapes() -> tuple[StateShape, ...]:
    """The 16 states as SVG path data, projected once per process."""
    data = json.loads(STATES_FILE.read_text(encoding="utf-8"))["states"]
    names = dict(FederalState.choices)
    shapes = []
    for key in sorted(data):
        subpaths = []
        for ring in data[key]:
            points = (project(ring[i], ring[i + 1]) for i in range(0, len(ring), 2))
            subpaths.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
        abbreviation, longitude, latitude = STATE_LABELS[key]
        label_x, label_y = project(longitude, latitude)
        shapes.append(StateShape(key, names[key], abbreviation, "".join(subpaths),
                                 label_x, label_y))
    return tuple(shapes)


def marker_path(phase: int | None, x: float, y: float, size: float = MARKER_SIZE) -> str:
    """A marker centred on (x, y): a circle for phase 1, a square for phase 2, a triangle
    for phase 3 (and a diamond for a project without a phase), all of about equal area."""
    if phase == 1:
        r = size * 1.05
        return (f"M{x - r:.1f},{y:.1f}a{r:.1f},{r:.1f} 0 1,0 {2 * r:.1f},0"
                f"a{r:.1f},{r:.1f} 0 1,0 {-2 * r:.1f},0Z")
    if phase == 2:
        s = size * 0.95
        return f"M{x - s:.1f},{y - s:.1f}h{2 * s:.1f}v{2 * s:.1f}h{-2 * s:.1f}Z"
    if phase == 3:
        s = size * 1.35
        return (f"M{x:.1f},{y - s:.1f}L{x + s * 0.95:.1f},{y + s * 0.7:.1f}"
                f"L{x - s * 0.95:.1f},{y + s * 0.7:.1f}Z")
    s = size * 1.3
    return f"M{x:.1f},{y - s:.1f}L{x + s:.1f},{y:.1f}L{x:.1f},{y + s:.1f}L{x - s:.1f},{y:.1f}Z"


@dataclass(frozen=True)
class ProjectEntry:
    """What the map needs of one model project, read in one query."""

    title: str
    place: str
    url: str
    federal_state: str
    funding_phase: int | None
    latitude: Decimal | float | None
    longitude: Decimal | float | None
    selected: bool = True


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    title: str
    place: str
    url: str
    phase: int | None
    selected: bool
    path: str


@dataclass
class StateArea:
    shape: StateShape
    total: int = 0
    selected: int = 0
    projects: list[ProjectEntry] = field(default_factory=list)


@dataclass(frozen=True)
class ProjectMap:
    width: int
    height: int
    states: list[StateArea]
    points: list[MapPoint]
    phases: list[tuple[int, str, str]]
    filtered: bool

    @property
    def selected_points(self) -> list[MapPoint]:
        return [point for point in self.points if point.selected]

    @property
    def dimmed_points(self) -> list[MapPoint]:
        return [point for point in self.points if not point.selected]


def project_map(entries: Iterable[ProjectEntry], phases: Iterable[tuple[int, str]]
                ) -> ProjectMap:
    """Every project of the database as a marker, those that pass the filters highlighted;
    each state knows how many it holds. Projects without coordinates are counted in
    their state but get no marker (they still appear in the list)."""
    states = {shape.key: StateArea(shape) for shape in state_shapes()}
    points = []
    for entry in sorted(entries, key=lambda entry: entry.title.casefold()):
        area = states.get(entry.federal_state)
        if area is not None:
            area.total += 1
            if entry.selected:
                area.selected += 1
                area.projects.append(entry)
        if entry.latitude is None or entry.longitude is None:
            continue
        x, y = project(entry.longitude, entry.latitude)
        points.append(MapPoint(x, y, entry.title, entry.place, entry.url, entry.funding_phase,
                               entry.selected, marker_path(entry.funding_phase, x, y)))
    filtered = any(not point.selected for point in points)
    legend = [(value, str(label), marker_path(value, 10, 10, 6.5)) for value, label in phases]
    return ProjectMap(WIDTH, HEIGHT, list(states.values()), points, legend, filtered)


@dataclass(frozen=True)
class LocatorMap:
    width: int
    height: int
    states: tuple[StateShape, ...]
    state_key: str
    state_name: str
    point: MapPoint | None


def locator_map(title: str, place: str, federal_state: str, phase: int | None,
                latitude: Decimal | float | None, longitude: Decimal | float | None
                ) -> LocatorMap:
    """One project's place among the states, for its own page and its solutions'."""
    point = None
    if latitude is not None and longitude is not None:
        x, y = project(longitude, latitude)
        point = MapPoint(x, y, title, place, "", phase, True,
                         marker_path(phase, x, y, LOCATOR_MARKER_SIZE))
    return LocatorMap(WIDTH, HEIGHT, state_shapes(), federal_state,
                      dict(FederalState.choices).get(federal_state, ""), point)
