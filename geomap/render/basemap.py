"""The offline base map: land and coasts, approximate first-level borders, rivers and town names.

Everything comes from the gazetteer index the project already builds (no download, no tiles):
- land and coasts: countryinfo's country outlines (Natural Earth-derived, coarse: about 1-10 km);
- first-level regions (oblasts, voivodeships...): no installed package ships their shapes, so they are
  APPROXIMATED: the Voronoi cells of the region's towns (GeoNames points with their admin-1 names), merged
  per region and cut to the country outline. A border drawn this way can be off by 10-30 km; the map
  says so in its attribution and in the region layer's name;
- rivers: the curated river lines of ``data/gazetteer/features_water.csv``;
- town names: GeoNames towns, each with the zoom from which it is labelled, from a grid thinning by
  population rank (the largest town in a screen cell of ``CELL`` pixels gets the cell at that zoom), so
  big cities show from zoom 4 or 5 and 500-people villages from zoom 10 or 11. geomap/render/static/basemap.js
  places the labels of the current view greedily by rank and skips any that would overlap.

Only the part of the world the map's data covers gets towns, regions and rivers: its view padded by
``PAD`` degrees (capitals are labelled everywhere). Ordering is deterministic: the same data, the same bytes.
"""

from __future__ import annotations

import math
from collections import defaultdict

from geomap.writers import geometry_json

PAD = 3.0  # degrees around the data's view that get towns, regions and rivers
MIN_ZOOM, MAX_ZOOM = 3, 11  # the zooms a town label can start at; a town with no free cell by MAX_ZOOM is left out
CELL = 56  # screen pixels: at most one town starts in a cell of this size at each zoom
MAX_TOWNS = 8000  # whatever the extent, the page carries at most this many town labels
OUTLINE_NEAR, OUTLINE_FAR = 0.005, 0.08  # degrees: outlines in the extent keep their detail, the rest is coarse
REGION_TOLERANCE, REGION_GRID = 0.015, 0.005  # degrees: approximated borders are no finer than this
ROUND = 4  # decimals of label points
APPROXIMATE = ("first-level borders approximated from GeoNames town points (Voronoi cells merged per region), "
               "not surveyed borders")


def _pixel(lon: float, lat: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel coordinates at a zoom (256-pixel tiles), as Leaflet computes them."""
    size = 256 * 2 ** zoom
    lat = max(min(lat, 85.05), -85.05)
    s = math.sin(math.radians(lat))
    return (lon + 180.0) / 360.0 * size, (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * size


def extent_of(bounds: list[list[float]] | None) -> tuple[float, float, float, float]:
    """The base map's detailed extent (minx, miny, maxx, maxy) for the map's view [[s, w], [n, e]]."""
    (south, west), (north, east) = bounds or [[44.0, 22.0], [53.0, 41.0]]
    return (max(west - PAD, -180.0), max(south - PAD, -85.0), min(east + PAD, 180.0), min(north + PAD, 85.0))


def _size_class(population: int) -> int:
    """Label size: 3 a city of a million or more, 2 from 100,000, 1 from 10,000, 0 a village or small town."""
    return 3 if population >= 1_000_000 else 2 if population >= 100_000 else 1 if population >= 10_000 else 0


SUBURB_ZOOM = 11  # a neighbourhood or suburb of a much larger city is labelled from this zoom, as on OSM


def _suburbs(rows: list[tuple]) -> set[int]:
    """Indexes of the rows that lie inside a city at least three times their size: GeoNames lists city
    districts and neighbourhoods ("Rutchenkivskyi" in Donetsk, "Obolon" in Kyiv) as populated places.
    A city of P people is taken to reach 0.33 * sqrt(P / 1000) km from its point (Kyiv 18 km, Donetsk 10 km)."""
    import numpy as np

    if not rows:
        return set()
    lat = np.array([r[1] for r in rows], dtype=float)
    lon = np.array([r[2] for r in rows], dtype=float)
    pop = np.array([r[3] or 0 for r in rows], dtype=float)
    order = np.argsort(lat, kind="stable")
    by_lat = lat[order]
    inside = np.zeros(len(rows), dtype=bool)
    for i in np.flatnonzero(pop >= 100_000):
        reach = 0.33 * math.sqrt(pop[i] / 1000.0)
        span = reach / 111.0
        near = order[np.searchsorted(by_lat, lat[i] - span):np.searchsorted(by_lat, lat[i] + span, side="right")]
        dy = (lat[near] - lat[i]) * 111.2
        dx = (lon[near] - lon[i]) * 111.2 * math.cos(math.radians(lat[i]))
        hit = near[(dx * dx + dy * dy < reach * reach) & (pop[near] * 3 < pop[i])]
        inside[hit] = True
    return set(np.flatnonzero(inside).tolist())


def town_labels(gazetteer, extent: tuple[float, float, float, float], focus: set[str]) -> list[list]:
    """[lon, lat, min_zoom, size_class, name] per labelled town, by min zoom then rank (largest first).

    In the ``focus`` countries, where the incidents are, every town and village; elsewhere in the extent
    towns of 10,000 people or more up to zoom 8; capitals everywhere."""
    minx, miny, maxx, maxy = extent
    rows = gazetteer.db.execute(
        "SELECT name, lat, lon, population, fcode, pid, country FROM places WHERE kind = 'city' AND "
        "((lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?) OR fcode = 'PPLC')", (miny, maxy, minx, maxx)).fetchall()
    rows.sort(key=lambda r: (r[4] != "PPLC", -(r[3] or 0), r[0], r[5]))  # capitals first, then by size
    suburbs = _suburbs(rows)
    taken: list[set] = [set() for _ in range(MAX_ZOOM + 1)]
    labels = []
    for i, (name, lat, lon, population, _fcode, _pid, country) in enumerate(rows):
        population = population or 0
        x, y = _pixel(lon, lat, MAX_ZOOM)
        first = SUBURB_ZOOM if i in suburbs else MIN_ZOOM
        for zoom in range(first, MAX_ZOOM + 1):
            scale = CELL * 2 ** (MAX_ZOOM - zoom)
            if (int(x // scale), int(y // scale)) in taken[zoom]:
                continue
            for later in range(zoom, MAX_ZOOM + 1):  # it holds its cell at every closer zoom too
                scale = CELL * 2 ** (MAX_ZOOM - later)
                taken[later].add((int(x // scale), int(y // scale)))
            # No town smaller than 10,000 people before zoom 8, however empty the country around it.
            start = max(zoom, 8 if population < 10_000 else zoom)
            if country not in focus and (start >= 9 or population < 10_000):
                break
            labels.append([round(lon, ROUND), round(lat, ROUND), start, _size_class(population), name])
            break
    labels.sort(key=lambda t: t[2])  # stable: by rank within a zoom
    return labels[:MAX_TOWNS]


def pack_towns(labels: list[list]) -> dict:
    """Town labels in a compact form for the page: names joined by "|", and per town four integers in one
    flat list: lon and lat in thousandths of a degree (about 100 m), and min zoom * 4 + size class."""
    data = []
    for lon, lat, zoom, size, _name in labels:
        data += [round(lon * 1000), round(lat * 1000), zoom * 4 + size]
    return {"names": "|".join(name.replace("|", "/") for *_, name in labels), "data": data}


def land(gazetteer, extent: tuple[float, float, float, float]) -> tuple[dict, dict]:
    """Country outlines (coasts and borders) as GeoJSON, detailed inside the extent; and the raw shapes by code."""
    import shapely
    from shapely import box, wkt

    area = box(*extent)
    features, shapes = [], {}
    for code, outline in gazetteer.db.execute(
            "SELECT country, wkt FROM places WHERE kind = 'country' AND wkt != '' ORDER BY name, pid"):
        geometry = wkt.loads(outline)
        near = geometry.intersects(area)
        if near:
            shapes.setdefault(code, shapely.make_valid(geometry) if not geometry.is_valid else geometry)
        geometry = geometry.simplify(OUTLINE_NEAR if near else OUTLINE_FAR, preserve_topology=True)
        if not geometry.is_empty:
            features.append({"type": "Feature", "geometry": _round_geometry(geometry_json(geometry)),
                             "properties": {}})
    return {"type": "FeatureCollection", "features": features}, shapes


def _round_geometry(geometry: dict) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], (int, float)):
            return [round(value[0], 3), round(value[1], 3)]
        return [walk(v) for v in value]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def regions(gazetteer, extent: tuple[float, float, float, float], countries: dict) -> list[dict]:
    """Approximate first-level regions in the extent: [{country, name, geometry (shapely)}], sorted."""
    import shapely
    from shapely import box
    from shapely.geometry import MultiPoint

    minx, miny, maxx, maxy = extent
    area = box(*extent)
    wide = box(minx - 3, miny - 3, maxx + 3, maxy + 3)  # towns beyond the extent shape the cells inside it
    out = []
    for code in sorted(countries):
        outline = countries[code].intersection(area)
        if outline.is_empty:
            continue
        wx0, wy0, wx1, wy1 = wide.bounds
        points, names, seen = [], [], set()
        for name, lat, lon, admin1 in gazetteer.db.execute(
                "SELECT name, lat, lon, admin1 FROM places WHERE kind = 'city' AND country = ? AND admin1 != '' "
                "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? ORDER BY population DESC, pid",
                (code, wy0, wy1, wx0, wx1)):
            key = (round(lon, 4), round(lat, 4))
            if key not in seen:
                seen.add(key)
                points.append(key)
                names.append(admin1)
        if len(set(names)) < 2:
            continue  # one region only (or none known): the country outline says it all
        cells = shapely.voronoi_polygons(MultiPoint(points), extend_to=wide, ordered=True)
        by_region = defaultdict(list)
        for cell, admin1 in zip(cells.geoms, names):
            by_region[admin1].append(cell)
        for admin1 in sorted(by_region):
            shape = shapely.union_all(by_region[admin1]).intersection(outline)
            shape = shapely.set_precision(shape.simplify(REGION_TOLERANCE), REGION_GRID)
            shape = shapely.make_valid(shape)
            if shape.geom_type == "GeometryCollection":
                shape = shapely.union_all([g for g in shape.geoms if g.geom_type in ("Polygon", "MultiPolygon")])
            if shape.is_empty or shape.area < 1e-4:
                continue
            out.append({"country": code, "name": admin1, "geometry": shape})
    return out


def rivers(gazetteer, extent: tuple[float, float, float, float]) -> tuple[dict, list[list]]:
    """River lines crossing the extent as GeoJSON, and a label per river at its point on the river."""
    from shapely import box, wkt

    area = box(*extent)
    features, labels = [], []
    for name, lat, lon, line, importance in gazetteer.db.execute(
            "SELECT name, lat, lon, wkt, importance FROM places WHERE kind = 'river' AND wkt != '' ORDER BY name, pid"):
        geometry = wkt.loads(line)
        if not geometry.intersects(area):
            continue
        features.append({"type": "Feature", "geometry": _round_geometry(geometry_json(geometry)),
                         "properties": {"name": name}})
        labels.append([round(lon, ROUND), round(lat, ROUND), 6 if (importance or 0) >= 0.6 else 7, "river", name])
    return {"type": "FeatureCollection", "features": features}, labels


def region_counts(events) -> dict[tuple[str, str], int]:
    """Incidents per first-level region: (country, region name) -> count. Country-wide incidents count nowhere."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for event in events:
        place = event.place.place if event.place else None
        if place is None:
            continue
        region = place.name if place.kind == "region" else place.admin1
        if region and place.country:
            counts[(place.country, region)] += 1
    return dict(counts)


def focus_countries(events, bounds, shapes: dict) -> set[str]:
    """The countries the incidents are in; with no incident, those the view touches."""
    from shapely import box

    found = {e.place.place.country for e in events if e.place and e.place.place and e.place.place.country}
    if found or not bounds:
        return found
    (south, west), (north, east) = bounds
    view = box(west, south, east, north)
    return {code for code, shape in shapes.items() if shape.intersects(view)}


def build(gazetteer, bounds: list[list[float]] | None, events=()) -> dict:
    """The base map's data for geomap/render/static/basemap.js."""
    extent = extent_of(bounds)
    land_json, shapes = land(gazetteer, extent)
    focus = focus_countries(events, bounds, shapes)
    river_json, river_labels = rivers(gazetteer, extent)
    counts = region_counts(events)
    region_features, region_labels = [], []
    for region in regions(gazetteer, extent, {c: g for c, g in shapes.items() if c in focus}):
        point = region["geometry"].representative_point()
        at = [round(point.x, 3), round(point.y, 3)]
        count = counts.get((region["country"], region["name"]), 0)
        region_features.append({"type": "Feature", "geometry": _round_geometry(geometry_json(region["geometry"])),
                                 "properties": {"name": region["name"], "country": region["country"],
                                                "count": count, "at": at}})
        region_labels.append([*at, 6, "region", region["name"]])
    return {"land": land_json, "regions": {"type": "FeatureCollection", "features": region_features},
            "rivers": river_json, "towns": pack_towns(town_labels(gazetteer, extent, focus)),
            "labels": region_labels + river_labels, "extent": [round(v, 4) for v in extent],
            "note": APPROXIMATE}
