"""Distances on the Earth: geodesic figures on the WGS84 ellipsoid, all through pyproj's ``Geod`` (vectorised
over arrays), and the great-circle distance on a sphere that ranking uses to say "near" (fast, never a figure
a user reads).

numpy and pyproj are imported where they are used: `geomap resolve` ranks with ``great_circle_km`` alone.
"""

from __future__ import annotations

import math
from functools import lru_cache

EARTH_RADIUS_KM = 6371.0088  # the IUGG mean radius

COMPASS_POINTS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW",
                  "NNW")
# Bearings of the compass words an article may use ("north-east of", "southwest of").
COMPASS_BEARINGS = {point: i * 22.5 for i, point in enumerate(COMPASS_POINTS)}


@lru_cache(maxsize=1)
def wgs84():
    from pyproj import Geod

    return Geod(ellps="WGS84")


def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Haversine distance between two (lat, lon) points in km, for ranking places by nearness."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def great_circle_matrix_km(lats, lons, anchor_lats, anchor_lons):
    """Every point against every anchor: an array of haversine km, points down, anchors across."""
    import numpy as np

    lat, lon = np.radians(lats)[:, None], np.radians(lons)[:, None]
    alat, alon = np.radians(anchor_lats)[None, :], np.radians(anchor_lons)[None, :]
    h = np.sin((alat - lat) / 2) ** 2 + np.cos(lat) * np.cos(alat) * np.sin((alon - lon) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def inverse(lat1, lon1, lat2, lon2) -> tuple[np.ndarray, np.ndarray]:  # noqa: F821 - numpy, imported below
    """Distances in metres and initial bearings in degrees [0, 360), for scalars or arrays."""
    import numpy as np

    lat1, lon1, lat2, lon2 = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (lat1, lon1, lat2, lon2)))
    azimuth, _back, distance = wgs84().inv(lon1, lat1, lon2, lat2)
    bearing = np.mod(np.asarray(azimuth), 360.0)
    # A tiny negative azimuth wraps to 360.0 itself in floating point: that is north, 0.
    return np.asarray(distance), np.where(bearing >= 360.0, 0.0, bearing)


def compass(bearing_deg: float, points: int = 16) -> str:
    """The compass word for a bearing: 16 points (NNE) by default, 8 (NE) or 4 (N) on request."""
    step = 360.0 / points
    index = int(((bearing_deg % 360.0) + step / 2) // step) % points
    return COMPASS_POINTS[index * (16 // points)]


def angle_between(a_deg: float, b_deg: float) -> float:
    """The smaller angle between two bearings, 0..180."""
    diff = abs((a_deg - b_deg) % 360.0)
    return min(diff, 360.0 - diff)


def destination(lat, lon, bearing_deg, distance_m) -> tuple[np.ndarray, np.ndarray]:  # noqa: F821
    """Points reached from (lat, lon) along bearings for distances; arrays broadcast."""
    import numpy as np

    lat_arr, lon_arr, az, dist = np.broadcast_arrays(np.asarray(lat, float), np.asarray(lon, float),
                                                     np.asarray(bearing_deg, float), np.asarray(distance_m, float))
    lon2, lat2, _ = wgs84().fwd(lon_arr, lat_arr, az, dist)
    return np.asarray(lat2), np.asarray(lon2)


def ring(lat: float, lon: float, inner_m: float, outer_m: float, *, start_deg: float = 0.0,
         end_deg: float = 360.0, steps: int = 72):
    """A geodesic annulus (or sector, when start/end bearings are given) around a point, as a shapely Polygon.

    ``inner_m`` 0 gives a disc or a pie slice. Vertices are geodesic destinations, so the shape is true on
    the ellipsoid, not a circle in degrees.
    """
    import numpy as np
    from shapely.geometry import Polygon

    full = (end_deg - start_deg) % 360.0 == 0.0 and end_deg != start_deg
    bearings = np.linspace(start_deg, end_deg, steps + 1)
    outer_lat, outer_lon = destination(lat, lon, bearings, outer_m)
    outer = list(zip(outer_lon.tolist(), outer_lat.tolist()))
    if full:
        if inner_m <= 0:
            return Polygon(outer)
        inner_lat, inner_lon = destination(lat, lon, bearings[::-1], inner_m)
        return Polygon(outer, [list(zip(inner_lon.tolist(), inner_lat.tolist()))])
    if inner_m <= 0:
        return Polygon([(lon, lat), *outer, (lon, lat)])
    inner_lat, inner_lon = destination(lat, lon, bearings[::-1], inner_m)
    return Polygon(outer + list(zip(inner_lon.tolist(), inner_lat.tolist())))
