"""One schema per layer: geomap's dataclasses as property rows and geometries, and as GeoDataFrames.

Every writer (GeoJSON, GeoPackage, FlatGeobuf, CSV, KML, GeoParquet, the HTML map) reads these rows, so a
property has the same name, type and meaning in every format. The README's schema table documents them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from geomap import units
from geomap.model import ClaimCheck, Event, Mention


# Column order and types: (name, type). Types are what GIS formats declare: str, int, float.
EVENT_COLUMNS = (
    ("id", "str"), ("type", "str"), ("subtype", "str"), ("place", "str"), ("place_kind", "str"),
    ("country", "str"), ("admin1", "str"), ("lat", "float"), ("lon", "float"), ("date", "str"),
    ("date_precision", "str"), ("date_source", "str"), ("quote", "str"), ("actors", "str"),
    ("confidence", "float"), ("evidence", "str"), ("doc", "str"), ("article", "str"), ("url", "str"),
    ("geonameid", "int"), ("place_text", "str"), ("quote_start", "int"), ("quote_end", "int"), ("also", "str"),
    ("other_quotes", "str"),
)
MENTION_COLUMNS = (
    ("id", "str"), ("doc", "str"), ("start", "int"), ("end", "int"), ("text", "str"), ("place", "str"),
    ("kind", "str"), ("country", "str"), ("admin1", "str"), ("geonameid", "int"), ("lat", "float"),
    ("lon", "float"), ("score", "float"), ("reason", "str"),
)
CLAIM_COLUMNS = (
    ("id", "str"), ("doc", "str"), ("start", "int"), ("end", "int"), ("quote", "str"), ("stated", "str"),
    ("value", "float"), ("value_max", "float"), ("unit", "str"), ("hedge", "str"), ("quantity", "str"),
    ("direction", "str"), ("subject", "str"), ("reference", "str"), ("subject_text", "str"),
    ("reference_text", "str"), ("computed_km", "float"), ("computed", "float"), ("bearing", "float"),
    ("low_km", "float"), ("high_km", "float"), ("verdict", "str"), ("diagnosis", "str"),
)
LOCATED_COLUMNS = (
    ("id", "str"), ("doc", "str"), ("start", "int"), ("end", "int"), ("subject", "str"), ("verdict", "str"),
    ("lat", "float"), ("lon", "float"), ("radius_km", "float"), ("area_km2", "float"), ("claims", "int"),
    ("references", "str"), ("quote", "str"),
)
LAYERS = {"events": EVENT_COLUMNS, "mentions": MENTION_COLUMNS, "claims": CLAIM_COLUMNS, "located": LOCATED_COLUMNS}


@dataclass(frozen=True)
class Layer:
    """Rows of one kind: properties in schema order and a shapely geometry (or None) each."""

    name: str
    columns: tuple[tuple[str, str], ...]
    rows: list[dict]
    geometries: list  # shapely geometries or None

    def __len__(self) -> int:
        return len(self.rows)


def _point(lat: float | None, lon: float | None):
    from shapely.geometry import Point

    return Point(round(lon, 6), round(lat, 6)) if lat is not None and lon is not None else None


def event_layer(events: Iterable[Event]) -> Layer:
    rows, geoms = [], []
    for e in events:
        place = e.place.place if e.place else None
        rows.append({
            "id": e.id, "type": e.type, "subtype": e.subtype, "place": place.name if place else None,
            "place_kind": place.kind if place else None, "country": (place.country or None) if place else None,
            "admin1": (place.admin1 or None) if place else None,
            "lat": round(place.lat, 6) if place else None, "lon": round(place.lon, 6) if place else None,
            "date": e.date, "date_precision": e.date_precision, "date_source": e.date_source, "quote": e.quote,
            "actors": "; ".join(e.actors), "confidence": round(e.confidence, 3), "evidence": "; ".join(e.evidence),
            "doc": e.doc, "article": e.title, "url": e.url,
            "geonameid": place.geonameid if place else None, "place_text": e.place.text if e.place else None,
            "quote_start": e.quote_start, "quote_end": e.quote_end, "also": "; ".join(e.also),
            "other_quotes": "\n".join(e.other_quotes),
        })
        geoms.append(_point(place.lat, place.lon) if place else None)
    return Layer("events", EVENT_COLUMNS, rows, geoms)


def mention_layer(mentions: Iterable[Mention]) -> Layer:
    rows, geoms = [], []
    for m in mentions:
        p = m.place
        rows.append({
            "id": f"{m.doc}:{m.start}-{m.end}", "doc": m.doc, "start": m.start, "end": m.end, "text": m.text,
            "place": p.name if p else None, "kind": p.kind if p else None,
            "country": (p.country or None) if p else None,
            "admin1": (p.admin1 or None) if p else None, "geonameid": p.geonameid if p else None,
            "lat": round(p.lat, 6) if p else None, "lon": round(p.lon, 6) if p else None,
            "score": round(m.score, 4), "reason": m.reason,
        })
        geoms.append(_point(p.lat, p.lon) if p else None)
    return Layer("mentions", MENTION_COLUMNS, rows, geoms)


def stated_text(value: float, value_max: float | None, unit: str, hedge: str) -> str:
    """'about 250 mi', '10-15 km', 'hundreds of m'."""
    figure = f"{value:g}" if value_max is None else f"{value:g}-{value_max:g}"
    return " ".join(x for x in (hedge, figure, unit) if x)


def claim_layer(checks: Iterable[ClaimCheck]) -> Layer:
    from shapely import wkt

    rows, geoms = [], []
    for c in checks:
        claim = c.claim
        computed = (units.from_metres(c.computed_km * 1000.0, claim.unit)
                    if c.computed_km is not None and claim.unit in units.METRES else None)
        rows.append({
            "id": f"{claim.doc}:{claim.start}-{claim.end}", "doc": claim.doc, "start": claim.start, "end": claim.end,
            "quote": claim.quote, "stated": stated_text(claim.value, claim.value_max, claim.unit, claim.hedge),
            "value": claim.value, "value_max": claim.value_max, "unit": claim.unit, "hedge": claim.hedge or None,
            "quantity": claim.quantity or None, "direction": claim.direction or None,
            "subject": claim.subject.place.name if claim.subject and claim.subject.place
            else (claim.subject_text or None),
            "reference": claim.reference.place.name if claim.reference and claim.reference.place
            else (claim.reference_text or None),
            "subject_text": claim.subject_text or None, "reference_text": claim.reference_text or None,
            "computed_km": round(c.computed_km, 1) if c.computed_km is not None else None,
            "computed": round(computed, 1) if computed is not None else None,
            "bearing": round(c.bearing, 1) if c.bearing is not None else None,
            "low_km": round(c.low_m / 1000.0, 3),
            "high_km": round(c.high_m / 1000.0, 3) if math.isfinite(c.high_m) else None,
            "verdict": c.verdict, "diagnosis": c.diagnosis or None,
        })
        geoms.append(wkt.loads(c.geometry_wkt) if c.geometry_wkt else None)
    return Layer("claims", CLAIM_COLUMNS, rows, geoms)


def located_layer(checks: Iterable[ClaimCheck]) -> Layer:
    """The unnamed points that claims locate together: the area where their rings meet (or, when they do not
    meet, the rings), with its centre and radius as properties."""
    from shapely import wkt

    from geomap.claims.locate import located_points

    rows, geoms = [], []
    for p in located_points(checks):
        rows.append({
            "id": p.id, "doc": p.doc, "start": p.start, "end": p.end, "subject": p.subject or None,
            "verdict": p.verdict, "lat": p.lat, "lon": p.lon, "radius_km": p.radius_km, "area_km2": p.area_km2,
            "claims": p.claims, "references": "; ".join(p.references), "quote": p.quote,
        })
        geoms.append(wkt.loads(p.area_wkt) if p.area_wkt else None)
    return Layer("located", LOCATED_COLUMNS, rows, geoms)


def to_geodataframe(items) -> "geopandas.GeoDataFrame":  # noqa: F821 - geopandas is imported lazily
    """Events, mentions or claim checks (or a Layer) as a GeoDataFrame in WGS84, columns in schema order."""
    import geopandas

    layer = items if isinstance(items, Layer) else layer_of(list(items))
    columns = [name for name, _type in layer.columns]
    frame = geopandas.GeoDataFrame(layer.rows, columns=columns, geometry=layer.geometries, crs="EPSG:4326")
    for name, kind in layer.columns:
        if kind == "int":
            frame[name] = frame[name].astype("Int64")
        elif kind == "float":
            frame[name] = frame[name].astype("float64")
        else:
            frame[name] = frame[name].astype("object")
    return frame


def layer_of(items: list) -> Layer:
    if not items:
        return Layer("mentions", MENTION_COLUMNS, [], [])
    first = items[0]
    if isinstance(first, Event):
        return event_layer(items)
    if isinstance(first, ClaimCheck):
        return claim_layer(items)
    if isinstance(first, Mention):
        return mention_layer(items)
    raise TypeError(f"cannot make a layer of {type(first).__name__}")
