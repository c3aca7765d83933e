"""Area boundaries read from GeoJSON, and which areas are neighbours (pure: files only, no database).

The files (``core/data/surakarta_kelurahan.geojson`` and ``surakarta_kecamatan.geojson``, see
``core/data/NOTICE-boundaries.md``) hold one feature per area with properties ``kode`` (the
Kemendagri code, the same codes as the area CSV), ``nama`` and optionally ``label_point``; the
geometry is a Polygon or MultiPolygon in [longitude, latitude] order (WGS 84). Other cities ship their
own files through ``BINAUMKM["BOUNDARY_FILE"]`` / ``["KECAMATAN_BOUNDARY_FILE"]``.

Neighbours: two areas are neighbours when their boundaries cross or come within ``tolerance_m``
metres of each other. The polygons are simplified (12–50 points an area), so a shared border is
drawn twice with small gaps and overlaps; a tolerance of a few tens of metres finds every shared
border, while areas that are apart stay hundreds of metres apart (``core/tests/test_geo.py`` shows
the margin on Surakarta's data).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

Point = tuple[float, float]  # (longitude, latitude)
Ring = tuple[Point, ...]

EARTH_RADIUS_M = 6_371_000
DEFAULT_TOLERANCE_M = 80.0


class BoundaryFileError(ValueError):
    """The file is not a GeoJSON FeatureCollection of areas with a ``kode``."""


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    rings: tuple[Ring, ...]  # outer rings (and holes): every boundary line of the area
    label_point: Point | None = None

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        xs = [x for ring in self.rings for x, _y in ring]
        ys = [y for ring in self.rings for _x, y in ring]
        return min(xs), min(ys), max(xs), max(ys)


def _rings(geometry: Mapping) -> tuple[Ring, ...]:
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    polygons: list
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon":
        polygons = list(coordinates)
    else:
        raise BoundaryFileError(f"unsupported geometry {kind!r}")
    try:
        return tuple(
            tuple((float(x), float(y)) for x, y, *_rest in ring) for polygon in polygons for ring in polygon
        )
    except (TypeError, ValueError) as exc:
        raise BoundaryFileError(f"bad coordinates ({exc})") from exc


def read_areas(path: str | Path) -> dict[str, Area]:
    """{Kemendagri code: Area} for every feature of a boundary file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        features = data["features"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BoundaryFileError(f"{path}: not a GeoJSON FeatureCollection ({exc})") from exc
    areas = {}
    for feature in features:
        properties = feature.get("properties") or {}
        code = str(properties.get("kode") or "").strip()
        if not code:
            raise BoundaryFileError(f"{path}: a feature has no 'kode'")
        label = properties.get("label_point")
        areas[code] = Area(
            code=code,
            name=str(properties.get("nama") or code),
            rings=_rings(feature.get("geometry") or {}),
            label_point=(float(label[0]), float(label[1])) if label else None,
        )
    return areas


# --- Distances on a local flat projection (metres): exact enough across one city ----------------------


def _projector(areas: Iterable[Area]):
    lats = [y for area in areas for ring in area.rings for _x, y in ring]
    mid = math.radians((min(lats) + max(lats)) / 2) if lats else 0.0
    kx = EARTH_RADIUS_M * math.cos(mid) * math.pi / 180
    ky = EARTH_RADIUS_M * math.pi / 180

    def project(point: Point) -> tuple[float, float]:
        return point[0] * kx, point[1] * ky

    return project


def _segments(rings, project) -> list[tuple[float, float, float, float]]:
    found = []
    for ring in rings:
        points = [project(p) for p in ring]
        for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
            found.append((ax, ay, bx, by))
    return found


def _point_segment(px, py, ax, ay, bx, by) -> float:
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _cross(ax, ay, bx, by, cx, cy) -> float:
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)


def _segment_distance(s, t) -> float:
    """Distance between two segments (0 when they cross)."""
    ax, ay, bx, by = s
    cx, cy, dx, dy = t
    d1, d2 = _cross(cx, cy, dx, dy, ax, ay), _cross(cx, cy, dx, dy, bx, by)
    d3, d4 = _cross(ax, ay, bx, by, cx, cy), _cross(ax, ay, bx, by, dx, dy)
    if ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and d1 and d2 and d3 and d4:
        return 0.0
    return min(
        _point_segment(ax, ay, cx, cy, dx, dy),
        _point_segment(bx, by, cx, cy, dx, dy),
        _point_segment(cx, cy, ax, ay, bx, by),
        _point_segment(dx, dy, ax, ay, bx, by),
    )


def boundary_distance(a: Area, b: Area, project=None) -> float:
    """The least distance in metres between the boundaries of two areas (0 where they cross)."""
    project = project or _projector([a, b])
    return _closest(_segments(a.rings, project), _segments(b.rings, project), within=0.0)


def _closest(segments_a, segments_b, *, within: float) -> float:
    """The least distance between two sets of segments; stops early once one is ``<= within``.
    Pairs whose boxes are further apart than the best distance so far are skipped."""
    best = math.inf
    for s in segments_a:
        sx0, sx1 = min(s[0], s[2]), max(s[0], s[2])
        sy0, sy1 = min(s[1], s[3]), max(s[1], s[3])
        for t in segments_b:
            if (
                min(t[0], t[2]) - sx1 > best
                or sx0 - max(t[0], t[2]) > best
                or min(t[1], t[3]) - sy1 > best
                or sy0 - max(t[1], t[3]) > best
            ):
                continue
            best = min(best, _segment_distance(s, t))
            if best <= within:
                return best
    return best


def neighbours(
    areas: Mapping[str, Area], tolerance_m: float = DEFAULT_TOLERANCE_M
) -> dict[str, frozenset[str]]:
    """{code: codes of the areas whose boundary crosses or comes within ``tolerance_m`` of it}."""
    project = _projector(areas.values())
    segments = {code: _segments(area.rings, project) for code, area in areas.items()}
    boxes = {
        code: (min(min(s[0], s[2]) for s in segs), min(min(s[1], s[3]) for s in segs),
               max(max(s[0], s[2]) for s in segs), max(max(s[1], s[3]) for s in segs))
        for code, segs in segments.items()
    }  # fmt: skip
    found: dict[str, set[str]] = {code: set() for code in areas}
    codes = sorted(areas)
    for i, a in enumerate(codes):
        ax0, ay0, ax1, ay1 = boxes[a]
        for b in codes[i + 1 :]:
            bx0, by0, bx1, by1 = boxes[b]
            if (
                bx0 - ax1 > tolerance_m
                or ax0 - bx1 > tolerance_m
                or by0 - ay1 > tolerance_m
                or ay0 - by1 > tolerance_m
            ):
                continue
            if _closest(segments[a], segments[b], within=tolerance_m) <= tolerance_m:
                found[a].add(b)
                found[b].add(a)
    return {code: frozenset(near) for code, near in found.items()}


@lru_cache(maxsize=8)
def neighbours_from_file(path: str, tolerance_m: float = DEFAULT_TOLERANCE_M) -> dict[str, frozenset[str]]:
    """``neighbours`` of a boundary file, computed once per process."""
    return neighbours(read_areas(path), tolerance_m)
