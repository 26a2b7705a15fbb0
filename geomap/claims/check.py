"""Checking distance claims against the geodesic between their ends, on WGS84 through pyproj.

The wording sets the tolerance: a bare figure allows +-10 %, "about" +-25 %, "nearly" 80-100 %, "more than"
only a lower bound, "within" only an upper one, and a vague quantity its own span ("hundreds of metres" is
100-999 m). A town's coordinate is its centre while writers measure from its centre or its edge, so the band
also widens by half the two ends' radii (a town's from its population, a plant's about a kilometre).
An inconsistent claim is diagnosed: the figure fits a unit it was likely confused with, the stated compass
direction is more than 45 degrees off, or the magnitude is wrong.
"""

from __future__ import annotations

import math

import numpy as np

from geomap import kinds as place_kinds
from geomap import geodesy
from geomap import units
from geomap.claims import homonyms, shores
from geomap.claims.figures import hedge_class
from geomap.model import ClaimCheck, DistanceClaim, Place

BARE, APPROXIMATE = 0.10, 0.25  # relative tolerance of a bare and of an "about" figure
NEARLY_LOW = 0.80  # "nearly 10 km" allows 8 to 10 km
JUST_OVER_HIGH = 1.20  # "just over 10 km" allows 10 to 12 km
DIRECTION_TOLERANCE = 45.0  # degrees between the stated compass point and the computed bearing
SECTOR_HALF_WIDTH = DIRECTION_TOLERANCE  # the sector drawn is the one the check accepts
PEOPLE_PER_KM2 = 3000.0  # a typical urban density, to turn a town's population into its radius
MAX_TOWN_RADIUS_M = 10_000.0
FACILITY_RADIUS_M = {"plant": 1000.0, "dam": 1000.0, "site": 1000.0, "port": 1000.0, "bridge": 2000.0,
                     "island": 1000.0}
CONSISTENT, INCONSISTENT, UNVERIFIABLE = "consistent", "inconsistent", "unverifiable"


def band(value: float, value_max: float | None, unit: str, hedge: str = "", quantity: str = ""
         ) -> tuple[float, float]:
    """The distances in metres the wording allows; the upper end is ``inf`` for "more than"."""
    kinds = hedge_class(hedge)
    approximate = "approximate" in kinds
    top = value if value_max is None else value_max
    if quantity:
        low, high = value, top
    elif "nearly" in kinds:
        low, high = value * NEARLY_LOW, value
    elif "just over" in kinds:
        low, high = top, top * JUST_OVER_HIGH
    else:
        share = APPROXIMATE if approximate else BARE
        low, high = value * (1 - share), top * (1 + share)
    if "lower bound" in kinds:
        low, high = (value * (1 - APPROXIMATE) if approximate else value), math.inf
    if "upper bound" in kinds:
        low, high = 0.0, (top * (1 + APPROXIMATE) if approximate and not quantity else top)
    return units.to_metres(low, unit), units.to_metres(high, unit)


def place_radius_m(place: Place) -> float:
    """How far a place reaches from its coordinate: towns by population, facilities by kind."""
    if place.kind == "city":
        radius_km = math.sqrt(max(place.population, 1000) / (math.pi * PEOPLE_PER_KM2))
        return min(radius_km * 1000.0, MAX_TOWN_RADIUS_M)
    return FACILITY_RADIUS_M.get(place.kind, 1000.0)


def _computable(place: Place | None) -> bool:
    return place is not None and place.kind in place_kinds.POINTS


def check_claims(claims: list[DistanceClaim]) -> list[ClaimCheck]:
    """Check every claim; the geodesics of all claims with two resolved ends are computed in one call."""
    pairs = [i for i, c in enumerate(claims) if _computable(_place(c.subject)) and _computable(_place(c.reference))]
    distances: dict[int, tuple[float, float]] = {}
    if pairs:
        ref = [claims[i].reference.place for i in pairs]
        sub = [claims[i].subject.place for i in pairs]
        metres, bearings = geodesy.inverse([p.lat for p in ref], [p.lon for p in ref], [p.lat for p in sub],
                                           [p.lon for p in sub])
        distances = {i: (float(m), float(b)) for i, m, b in zip(pairs, np.atleast_1d(metres),
                                                                    np.atleast_1d(bearings))}
    for i, claim in enumerate(claims):
        if claim.reference_line and _computable(_place(claim.subject)):
            distances[i] = _to_line(claim)
    from geomap.claims.locate import locate

    return locate([_check(claim, distances.get(i)) for i, claim in enumerate(claims)])


def _to_line(claim: DistanceClaim) -> tuple[float, float]:
    """The geodesic from the nearest point of the reference's line (border, coast, river) to the subject."""
    subject = claim.subject.place
    lat, lon = shores.nearest(claim.reference_line, subject.lat, subject.lon, _toward(claim))
    metres, bearing = geodesy.inverse(lat, lon, subject.lat, subject.lon)
    return float(metres), float(bearing)


def _toward(claim: DistanceClaim) -> float | None:
    """The stated direction's bearing: "140 km south of the Russian border" is measured to the border north
    of the town, not to its nearest stretch."""
    return geodesy.COMPASS_BEARINGS[claim.direction] if claim.direction else None


def _place(mention) -> Place | None:
    return mention.place if mention is not None else None


def _check(claim: DistanceClaim, geodesic: tuple[float, float] | None) -> ClaimCheck:
    low, high = band(claim.value, claim.value_max, claim.unit, claim.hedge, claim.quantity)
    unchecked = _why_unverifiable(claim)
    if unchecked:
        verdict, diagnosis = UNVERIFIABLE, unchecked
    else:
        verdict, diagnosis = _judge(claim, low, high, geodesic)
        # A sense is chosen by the distance between two points; a claim measured to a line has one point.
        if verdict == INCONSISTENT and not diagnosis.startswith("unit confusion") and not claim.reference_line:
            chosen = homonyms.fitting_sense(claim, lambda c, g: _judge(c, low, high, g)[0] == CONSISTENT)
            if chosen is not None:
                claim, geodesic, diagnosis = chosen
                verdict = CONSISTENT
    computed_km = bearing = None
    if geodesic is not None:
        computed_km, bearing = geodesic[0] / 1000.0, geodesic[1]
    return ClaimCheck(claim=claim, verdict=verdict, diagnosis=diagnosis, computed_km=computed_km, bearing=bearing,
                      low_m=low, high_m=high, geometry_wkt=geometry_wkt(claim, low, high))


def _why_unverifiable(claim: DistanceClaim) -> str:
    reference = "" if claim.reference_line else _end_problem("reference", claim.reference, claim.reference_text,
                                                               claim.reference_is_point)
    if not reference and not claim.reference_line and _place(claim.reference) is not None \
            and claim.reference_text and _border_words(claim.reference_text):
        reference = f"no boundary line for '{claim.reference_text}'"
    reasons = [_end_problem("subject", claim.subject, claim.subject_text, claim.subject_is_point), reference]
    return "; ".join(r for r in reasons if r)


def _border_words(text: str) -> bool:
    from geomap.claims.vocabulary import load_vocabulary

    return bool({w.strip("’'").lower() for w in text.split()} & load_vocabulary().border_nouns)


def _end_problem(role: str, mention, text: str, is_point: bool) -> str:
    place = _place(mention)
    if place is None:
        return f"{role} '{text}' is not a known place" if text else f"no {role} named"
    if place.kind not in place_kinds.POINTS:
        return f"{role} {place.name} is a {place.kind}, not a point"
    if not is_point:
        return f"{role} '{text}' is part of or around {place.name}, not its point"
    return ""


def _judge(claim: DistanceClaim, low: float, high: float, geodesic: tuple[float, float]) -> tuple[str, str]:
    metres, bearing = geodesic
    if claim.reference_line:  # a town's edge and the line's own error
        slack = place_radius_m(claim.subject.place) / 2 + claim.reference_line_slack_m
    else:
        slack = (place_radius_m(claim.subject.place) + place_radius_m(claim.reference.place)) / 2
    problems = []
    if not low - slack <= metres <= high + slack:
        problems.append(_distance_problem(claim, metres, slack))
    if claim.direction and metres > 2 * slack:
        stated = geodesy.COMPASS_BEARINGS[claim.direction]
        if geodesy.angle_between(stated, bearing) > DIRECTION_TOLERANCE:
            problems.append(f"wrong direction (stated {claim.direction}, computed {geodesy.compass(bearing)})")
    return (INCONSISTENT, "; ".join(problems)) if problems else (CONSISTENT, "")


def _distance_problem(claim: DistanceClaim, metres: float, slack: float) -> str:
    for other in units.CONFUSABLE[claim.unit]:
        low, high = band(claim.value, claim.value_max, other, claim.hedge, claim.quantity)
        if low - slack <= metres <= high + slack:
            return f"unit confusion (fits {other})"
    return f"wrong magnitude (computed {_figure(units.from_metres(metres, claim.unit))} {claim.unit})"


def _figure(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}" if value >= 1 else f"{value:.2f}"


def geometry_wkt(claim: DistanceClaim, low: float, high: float) -> str:
    """Where the claim puts things, lon lat WKT: the line between two resolved ends; else the ring (a
    sector when a direction is stated) around the reference at the stated distance; else a resolved
    end's point; else an empty collection."""
    import shapely
    from shapely.geometry import LineString, Point

    subject, reference = _place(claim.subject), _place(claim.reference)
    if claim.reference_line and _computable(subject):
        lat, lon = shores.nearest(claim.reference_line, subject.lat, subject.lon, _toward(claim))
        geometry = LineString([(lon, lat), (subject.lon, subject.lat)])
    elif _computable(subject) and _computable(reference):
        geometry = LineString([(reference.lon, reference.lat), (subject.lon, subject.lat)])
    elif _computable(reference):
        outer = high if math.isfinite(high) else max(low * (1 + APPROXIMATE), low + 1000.0)
        if claim.direction:
            centre = geodesy.COMPASS_BEARINGS[claim.direction]
            geometry = geodesy.ring(reference.lat, reference.lon, low, outer, start_deg=centre - SECTOR_HALF_WIDTH,
                                    end_deg=centre + SECTOR_HALF_WIDTH, steps=24)
        else:
            geometry = geodesy.ring(reference.lat, reference.lon, low, outer)
    elif subject is not None or reference is not None:
        place = subject if subject is not None else reference
        geometry = Point(place.lon, place.lat)
    else:
        return "GEOMETRYCOLLECTION EMPTY"
    return shapely.to_wkt(geometry, rounding_precision=6, trim=True)
