"""Boundary lines a claim may be measured to: "about 25 miles south of the Oregon border" is measured from the
nearest point of the Oregon-California line, not from Oregon's centre.

Two sources: curated lines between first-level regions (``data/borders.csv``, each with its source), and the
land boundary two countries share, cut from their countryinfo outlines (Natural Earth at 1:110m, so a figure
measured to it gets ``COUNTRY_LINE_SLACK_M`` of tolerance). The line is the one between the named region or
country and the claim's other end's: "the Russian border" seen from Kharkiv is the Ukraine-Russia line.
No line, no figure: the claim stays unverifiable.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from geomap.model import Place
from geomap.resources import DATA

BORDERS_PATH = DATA / "borders.csv"
COUNTRY_LINE_SLACK_M = 10_000.0  # a 1:110m outline strays this far from the true boundary
CURATED_LINE_SLACK_M = 1_000.0


@dataclass(frozen=True, slots=True)
class BorderLine:
    wkt: str  # LINESTRING or MULTILINESTRING, lon lat
    slack_m: float  # how far the line may stray from the true boundary
    label: str  # "Oregon–California border"


@lru_cache(maxsize=1)
def _curated() -> tuple[tuple[frozenset[str], str], ...]:
    with open(BORDERS_PATH, newline="", encoding="utf-8") as handle:
        return tuple((frozenset(row["sides"].split("|")), row["wkt"]) for row in csv.DictReader(handle))


def region_line(named: str, other: str) -> BorderLine | None:
    """The curated line between two first-level regions, by their names."""
    for sides, wkt in _curated():
        if sides == {named, other}:
            return BorderLine(wkt, CURATED_LINE_SLACK_M, f"{named}–{other} border")
    return None


@lru_cache(maxsize=64)
def _shared_boundary(wkt_a: str, wkt_b: str) -> str:
    import shapely
    from shapely import wkt

    a, b = wkt.loads(wkt_a), wkt.loads(wkt_b)
    # Adjacent outlines share their boundary's vertices; a hair of buffer absorbs rounding.
    shared = shapely.line_merge(shapely.intersection(a.boundary, b.boundary.buffer(1e-4)))
    lines = [g for g in getattr(shared, "geoms", [shared]) if g.geom_type in ("LineString", "MultiLineString")]
    if not lines or shared.length < 1e-3:
        return ""
    return shapely.to_wkt(shapely.union_all(lines), rounding_precision=6, trim=True)


def country_line(named: Place, other: Place) -> BorderLine | None:
    """The land boundary between two countries (Places of kind country with outlines)."""
    if not named.wkt or not other.wkt or named.country == other.country:
        return None
    shared = _shared_boundary(named.wkt, other.wkt)
    return BorderLine(shared, COUNTRY_LINE_SLACK_M, f"{other.name}–{named.name} border") if shared else None


def nearest(line: BorderLine, lat: float, lon: float) -> tuple[float, float]:
    """The point of the line geodesically nearest to (lat, lon), as (lat, lon) (``shores.nearest``)."""
    from geomap.claims import shores

    return shores.nearest(line.wkt, lat, lon)
