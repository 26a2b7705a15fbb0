"""Lines a distance is measured to besides borders: the coast ("30 km from the coast", "20 km inland", "50 km
from the Black Sea coast") and rivers ("5 km from the Dnipro", "on the east bank, 5 km from the river").

The coast is the edge of the land the project already ships: the union of the gazetteer's country outlines
(countryinfo, Natural Earth-derived and coarse). Measured on 15 Black Sea and Azov port towns, a port's point
lies 0.6 to 15.3 km from that edge (Novorossiysk, on its bay; median 7 km), so a figure measured to the coast
gets ``COAST_SLACK_M`` of tolerance. A named sea's coast is the part of the coast around that sea: the land
grown by ``STRAIT_DEGREES`` closes the straits (Bosporus, Kerch, Gibraltar), each enclosed sea is then a hole
in it, and the sea's shore is the coast along its hole. A sea that stays open, or whose hole holds other named
seas (the Adriatic is only part of the Mediterranean's hole), has no shore of its own here: no figure.

Rivers are the curated lines of ``data/gazetteer/features_water.csv``: 37 towns on the Dnieper, Danube,
Mississippi, Desna, Dniester and other rivers lie a median 0.9 km from their river's line, 35 of them within
5 km (Enerhodar, on the wide Kakhovka reservoir, 10.5 km; Tiraspol 9.5 km), hence ``RIVER_SLACK_M``.

Nearest points are found with shapely 2's vectorised functions on the line's segments (candidates from an
STRtree, nearest points on a local equirectangular plane), and the figure reported is pyproj's geodesic to the
nearest of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from geomap.claims.borders import BorderLine

COAST_SLACK_M = 15_000.0
RIVER_SLACK_M = 5_000.0
STRAIT_DEGREES = 0.15  # the land grown by this much closes straits: the Black Sea and the Sea of Azov part
SECTOR_DEGREES = 45.0  # a stated direction holds within this many degrees (as check.DIRECTION_TOLERANCE)
SLIVER_DEGREES = 0.02  # the gaps between neighbouring outlines are narrower than this
SEA_KINDS = ("sea", "ocean")  # a hole that holds two named seas of these subtypes is a basin, not one sea


@dataclass(frozen=True, eq=False)
class Lines:
    """A line geometry cut into its two-point segments, with a spatial index over them."""

    segments: object  # numpy array of shapely LineStrings
    tree: object  # shapely.STRtree

    @classmethod
    def of(cls, geometry) -> "Lines":
        import numpy as np
        import shapely

        pieces = []
        for part in shapely.get_parts(shapely.get_parts(geometry)):
            if part.geom_type == "Polygon" or part.geom_type == "MultiPolygon":
                part = part.boundary
            for line in shapely.get_parts(part):
                coords = shapely.get_coordinates(line)
                if len(coords) >= 2:
                    pieces.append(np.stack([coords[:-1], coords[1:]], axis=1))
        stacked = np.concatenate(pieces) if pieces else np.empty((0, 2, 2))
        segments = shapely.linestrings(stacked) if len(stacked) else np.empty(0, dtype=object)
        return cls(segments, shapely.STRtree(segments))

    def __len__(self) -> int:
        return len(self.segments)

    def near(self, lat: float, lon: float, toward: float | None = None
             ) -> tuple[float, float, float, list[int]]:
        """(lat, lon, metres) of the geodesically nearest point of the lines to (lat, lon), and the indexes of
        the segments that could hold it. ``toward``: the stated compass bearing from the line to the point
        ("140 km south of the Russian border" is measured to the border to the north): the nearest point
        from which the point lies within ``SECTOR_DEGREES`` of it, when there is one."""
        import numpy as np
        import shapely

        from geomap import geodesy

        point = shapely.points(lon, lat)
        if toward is None:
            first = self.tree.query_nearest(point, return_distance=True, all_matches=False)
            planar = float(first[1][0])
            # A point nearer on the ground may be farther on the plane of degrees: a degree of longitude is shorter.
            scale = max(math.cos(math.radians(min(abs(lat) + planar, 89.0))), 0.05)
            candidates = np.sort(self.tree.query(point, predicate="dwithin", distance=planar / scale + 1e-6))
        else:
            candidates = np.arange(len(self.segments))
        squeeze = max(math.cos(math.radians(lat)), 0.05)
        local = shapely.transform(self.segments[candidates], lambda xy: xy * [squeeze, 1.0])
        nearest = shapely.shortest_line(local, shapely.points(lon * squeeze, lat))
        starts = shapely.get_coordinates(shapely.get_point(nearest, 0))
        lons, lats = starts[:, 0] / squeeze, starts[:, 1]
        owner = candidates
        if toward is not None:  # the segments' ends too: part of a segment may lie in the sector, its nearest not
            ends = shapely.get_coordinates(self.segments[candidates]).reshape(-1, 2, 2)
            lons = np.concatenate([lons, ends[:, 0, 0], ends[:, 1, 0]])
            lats = np.concatenate([lats, ends[:, 0, 1], ends[:, 1, 1]])
            owner = np.concatenate([candidates, candidates, candidates])
        metres, bearings = geodesy.inverse(lats, lons, lat, lon)  # from the line to the point
        if toward is not None:
            # geodesy.inverse gives the bearing at the line's point toward the subject
            off = np.abs((np.asarray(bearings) - toward + 180.0) % 360.0 - 180.0)
            inside = off <= SECTOR_DEGREES
            if inside.any():
                metres = np.where(inside, metres, np.inf)
        best = int(np.argmin(metres))
        chosen = [int(owner[best])] if toward is not None else [int(i) for i in candidates]
        return float(lats[best]), float(lons[best]), float(metres[best]), chosen

    def local_wkt(self, lat: float, lon: float, toward: float | None = None) -> str:
        """The segments around the nearest point as MULTILINESTRING WKT: enough to find that point again."""
        import shapely

        _lat, _lon, _metres, candidates = self.near(lat, lon, toward)
        chosen = shapely.multilinestrings(self.segments[candidates])
        return shapely.to_wkt(chosen, rounding_precision=6, trim=True)


@lru_cache(maxsize=64)
def lines_of(wkt: str) -> Lines:
    from shapely import wkt as wkt_io

    return Lines.of(wkt_io.loads(wkt))


def nearest(wkt: str, lat: float, lon: float, toward: float | None = None) -> tuple[float, float]:
    """The point of the line (WKT, lon lat) geodesically nearest to (lat, lon), as (lat, lon); ``toward``: see
    ``Lines.near``."""
    found_lat, found_lon, _metres, _ = lines_of(wkt).near(lat, lon, toward)
    return found_lat, found_lon


# --- the coast ---------------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class _Land:
    land: object  # the union of the country outlines
    coast: Lines
    closed_holes: tuple  # the enclosed seas: holes of the land grown by STRAIT_DEGREES


@lru_cache(maxsize=2)
def _land(gazetteer) -> _Land:
    import shapely
    from shapely import wkt

    outlines = [wkt.loads(w) for (w,) in gazetteer.db.execute(
        "SELECT wkt FROM places WHERE kind = 'country' AND wkt != '' ORDER BY country, pid")]
    # Each outline was simplified on its own: neighbours' shared borders part by slivers, which a closing
    # (grow, then shrink) by SLIVER_DEGREES seals without moving the coast.
    land = shapely.union_all([shapely.make_valid(g) for g in outlines])
    land = land.buffer(SLIVER_DEGREES, quad_segs=2).buffer(-SLIVER_DEGREES, quad_segs=2)
    closed = land.buffer(STRAIT_DEGREES, quad_segs=4)
    holes = tuple(shapely.Polygon(ring) for polygon in shapely.get_parts(closed) for ring in polygon.interiors)
    return _Land(land, Lines.of(land.boundary), holes)


def _named_seas(gazetteer) -> list[tuple[str, float, float]]:
    return gazetteer.db.execute(
        "SELECT name, lat, lon FROM places WHERE kind = 'water' AND fcode IN ('sea', 'ocean') ORDER BY name, pid"
    ).fetchall()


@lru_cache(maxsize=32)
def _sea_shore(gazetteer, name: str, lat: float, lon: float) -> Lines | None:
    """The coast along one enclosed sea, or None when the sea is open or only part of a basin."""
    import shapely

    found = _land(gazetteer)
    point = shapely.points(lon, lat)
    hole = next((h for h in found.closed_holes if h.contains(point)), None)
    if hole is None:
        return None
    others = [n for n, la, lo in _named_seas(gazetteer) if n != name and hole.contains(shapely.points(lo, la))]
    if others:
        return None
    band = hole.buffer(STRAIT_DEGREES * 1.5, quad_segs=4)
    index = found.coast.tree.query(band, predicate="intersects")
    if not len(index):
        return None
    return Lines.of(shapely.multilinestrings(found.coast.segments[sorted(index)]))


def coast_line(gazetteer, lat: float, lon: float, sea=None, toward: float | None = None) -> BorderLine | None:
    """The stretch of coast nearest to (lat, lon): of the named sea (a Place of kind water) when given."""
    if sea is not None:
        shore = _sea_shore(gazetteer, sea.name, sea.lat, sea.lon)
        label = f"{sea.name} coast"
    else:
        shore, label = _land(gazetteer).coast, "coast"
    if shore is None or not len(shore):
        return None
    return BorderLine(shore.local_wkt(lat, lon, toward), COAST_SLACK_M, label)


def river_line(river) -> BorderLine | None:
    """The curated line of a river (a Place of kind river)."""
    if river is None or not river.wkt:
        return None
    return BorderLine(river.wkt, RIVER_SLACK_M, f"{river.name} (river)")
