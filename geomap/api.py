"""The public Python API. Every CLI command is one of these functions first."""

from __future__ import annotations

import re
from functools import lru_cache

from geomap.errors import InputError, NoMatch
from geomap.gazetteer.index import Gazetteer
from geomap.gazetteer import resolver
from geomap.model import Candidate, Geodesic

_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)\s*$")
UNITS_M = {"km": 1000.0, "mi": 1609.344, "nmi": 1852.0, "m": 1.0}


@lru_cache(maxsize=4)
def gazetteer(min_population: int | None = None) -> Gazetteer:
    """The process's shared gazetteer (built on first use, then opened from the cache)."""
    return Gazetteer.open(min_population)


def parse_latlon(text: str) -> tuple[float, float] | None:
    """'47.5,34.6' -> (47.5, 34.6); None when the text is not a coordinate pair."""
    match = _LATLON.match(text)
    if not match:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"'{text}' is not a coordinate pair: latitude must be -90..90 and longitude -180..180")
    return lat, lon


def resolve(name: str, *, country: str | None = None, near: str | tuple[float, float] | None = None,
            kind: str | None = None, limit: int = 5, gazetteer_: Gazetteer | None = None) -> list[Candidate]:
    """Ranked candidate places for a name, best first; [] when nothing matches.

    ``near`` is a (lat, lon) pair, a "lat,lon" string or a place name (its best match is used).
    """
    gaz = gazetteer_ or gazetteer()
    if kind is not None and kind not in resolver.KIND_GROUPS:
        raise InputError(f"unknown kind '{kind}'; use one of {', '.join(resolver.KINDS)}")
    near_point = _point(near, gaz) if near is not None else None
    return resolver.resolve(gaz, name, country=country, near=near_point, kind=kind, limit=limit)


def resolve_many(names: list[str], *, country: str | None = None, near: str | tuple[float, float] | None = None,
                 kind: str | None = None, limit: int = 5, gazetteer_: Gazetteer | None = None
                 ) -> list[list[Candidate]]:
    """``resolve`` for many names at once, in order (faster: the index is queried in batches)."""
    gaz = gazetteer_ or gazetteer()
    if kind is not None and kind not in resolver.KIND_GROUPS:
        raise InputError(f"unknown kind '{kind}'; use one of {', '.join(resolver.KINDS)}")
    near_point = _point(near, gaz) if near is not None else None
    out: list[list[Candidate]] = []
    for start in range(0, len(names), 5000):
        out.extend(resolver.resolve_many(gaz, names[start:start + 5000], country=country, near=near_point, kind=kind,
                                         limit=limit))
    return out


def _point(where: str | tuple[float, float], gaz: Gazetteer) -> tuple[float, float]:
    if isinstance(where, tuple):
        return where
    latlon = parse_latlon(where)
    if latlon:
        return latlon
    found = resolver.resolve(gaz, where, limit=1)
    if not found:
        raise NoMatch(where, resolver.suggestions(gaz, where))
    return found[0].place.lat, found[0].place.lon


def distance(a: str | tuple[float, float], b: str | tuple[float, float], *,
             gazetteer_: Gazetteer | None = None) -> Geodesic:
    """Geodesic distance and initial bearing from ``a`` to ``b`` (names or lat/lon) on WGS84."""
    from geomap import geodesy

    gaz = gazetteer_ or gazetteer()
    names = []
    points = []
    for end in (a, b):
        point = _point(end, gaz)
        points.append(point)
        if isinstance(end, str) and not parse_latlon(end):
            names.append(resolver.resolve(gaz, end, limit=1)[0].place.name)
        else:
            names.append(f"{point[0]:.5f},{point[1]:.5f}")
    metres, bearing = geodesy.inverse(points[0][0], points[0][1], points[1][0], points[1][1])
    bearing_deg = float(bearing)
    return Geodesic(float(metres), bearing_deg, geodesy.compass(bearing_deg), points[0], points[1], names[0],
                    names[1])
