"""Multilateration: an unnamed point that two or more one-ended claims of one sentence describe ("the quake was
centred 6 miles NE of Gilroy and 30 miles SE of San Jose"), located where their rings and sectors meet.

Each claim allows a geodesic ring (a sector when it states a direction) around its reference, as wide as its
wording's band plus half the reference town's radius (writers measure from a town's centre or its edge). The
rings are intersected on the plane of longitude and latitude (their vertices are geodesic, and the areas are
tens of kilometres across); the point reported is the intersection's centroid, its uncertainty the farthest
geodesic distance from the centroid to the intersection's edge, its area measured with pyproj's Geod. Rings
that do not meet are reported too ("disagree"): the claims cannot all be right.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import replace

from geomap import geodesy
from geomap import kinds as place_kinds
from geomap.model import ClaimCheck, LocatedPoint

LOCATED, DISAGREE = "located", "disagree"
SECTOR_HALF_WIDTH = 45.0  # the sector check.py draws and accepts
MIN_CLAIMS = 2


def _one_ended(check: ClaimCheck) -> bool:
    claim = check.claim
    reference = claim.reference.place if claim.reference is not None else None
    subject = claim.subject.place if claim.subject is not None else None
    return (reference is not None and reference.kind in place_kinds.POINTS and claim.reference_is_point
            and not claim.reference_line and (subject is None or not claim.subject_is_point))


def _groups(checks: list[ClaimCheck]) -> list[list[int]]:
    """Indices of the one-ended claims of each sentence that share their subject's words, in text order."""
    groups: dict[tuple, list[int]] = {}
    for i, check in enumerate(checks):
        if _one_ended(check):
            claim = check.claim
            key = (claim.doc, claim.quote, " ".join(claim.subject_text.lower().split()))
            groups.setdefault(key, []).append(i)
    return [g for g in groups.values()
            if len({checks[i].claim.reference.place for i in g}) >= MIN_CLAIMS]


def _ring(check: ClaimCheck):
    from geomap.claims.check import place_radius_m

    claim = check.claim
    place = claim.reference.place
    slack = place_radius_m(place) / 2
    low = max(check.low_m - slack, 0.0)
    high = check.high_m if math.isfinite(check.high_m) else max(check.low_m * 1.25, check.low_m + 1000.0)
    high += slack
    if claim.direction:
        centre = geodesy.COMPASS_BEARINGS[claim.direction]
        return geodesy.ring(place.lat, place.lon, low, high, start_deg=centre - SECTOR_HALF_WIDTH,
                            end_deg=centre + SECTOR_HALF_WIDTH, steps=24)
    return geodesy.ring(place.lat, place.lon, low, high)


def _locate(checks: list[ClaimCheck]) -> LocatedPoint:
    import shapely
    from pyproj import Geod  # noqa: F401 - geodesy.wgs84() is the one Geod

    rings = [_ring(c) for c in checks]
    area = rings[0]
    for ring in rings[1:]:
        area = area.intersection(ring)
    first, last = checks[0].claim, checks[-1].claim
    references = tuple(c.claim.reference.place.name for c in checks)
    digest = hashlib.sha1(f"{first.doc}\0{first.start}\0{last.end}".encode()).hexdigest()[:12]
    common = dict(id=f"located:{digest}", doc=first.doc, start=first.start, end=last.end,
                  subject=first.subject_text, claims=len(checks), references=references, quote=first.quote)
    if area.is_empty or area.area == 0:
        union = shapely.union_all(rings)
        return LocatedPoint(**common, lat=None, lon=None, radius_km=None, area_km2=None,
                            area_wkt=shapely.to_wkt(shapely.geometry.polygon.orient(union) if union.geom_type
                                                    == "Polygon" else union, rounding_precision=6, trim=True),
                            verdict=DISAGREE)
    centre = area.centroid
    boundary = shapely.get_coordinates(area.exterior if area.geom_type == "Polygon" else area.convex_hull.exterior)
    metres, _ = geodesy.inverse(centre.y, centre.x, boundary[:, 1], boundary[:, 0])
    square_m, _perimeter = geodesy.wgs84().geometry_area_perimeter(area)
    if area.geom_type == "Polygon":
        area = shapely.geometry.polygon.orient(area)
    return LocatedPoint(**common, lat=round(centre.y, 6), lon=round(centre.x, 6),
                        radius_km=round(float(metres.max()) / 1000.0, 1), area_km2=round(abs(square_m) / 1e6, 1),
                        area_wkt=shapely.to_wkt(area, rounding_precision=6, trim=True), verdict=LOCATED)


def locate(checks: list[ClaimCheck]) -> list[ClaimCheck]:
    """The checks, each claim that took part in locating an unnamed point carrying it (``located``)."""
    out = list(checks)
    for group in _groups(checks):
        found = _locate([checks[i] for i in group])
        for i in group:
            out[i] = replace(out[i], located=found)
    return out


def located_points(checks) -> list[LocatedPoint]:
    """The distinct located points of a run of checks, in text order."""
    seen, points = set(), []
    for check in checks:
        if check.located is not None and check.located.id not in seen:
            seen.add(check.located.id)
            points.append(check.located)
    return points
