"""Layer builders: events, distance checks, sites, regions and mentions as GeoJSON specs for the page.

Each builder returns a ``LayerSpec``: a label with its count, a style, and a FeatureCollection whose
features carry their popup as plain fields (heading, meta lines, quote, source, link) that geomap.js puts
into the page with textContent, so article text is never parsed as HTML; links are http(s) only.
One GeoJSON layer per kind, never one map object per marker: the page stays fast at 50,000 incidents.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from geomap import kinds as place_kinds
from geomap.writers import geometry_json
from geomap.frame import claim_layer
from geomap.model import ClaimCheck, Event, Mention
from geomap.render.safe import html_text, safe_url

# Colour and marker shape per incident type (colour-blind-safe palette, shapes tell types apart too).
TYPE_STYLE = {
    "front_line": {"color": "#d62728", "shape": "triangle"},
    "strikes": {"color": "#ff7f0e", "shape": "diamond"},
    "infrastructure": {"color": "#9467bd", "shape": "square"},
    "civilians": {"color": "#111111", "shape": "circle"},
    "political": {"color": "#1f77b4", "shape": "square"},
    "protests": {"color": "#2ca02c", "shape": "circle"},
}
DEFAULT_STYLE = {"color": "#7f7f7f", "shape": "circle"}
VERDICT_COLORS = {"consistent": "#2ca02c", "inconsistent": "#d62728", "unverifiable": "#7f7f7f"}
MAX_LABELS = 200  # beyond this many distance checks, labels would bury the map: hover instead


@dataclass
class LayerSpec:
    label: str
    features: list[dict]
    style: dict = field(default_factory=dict)
    visible: bool = True
    events: bool = False  # the time control filters it; incidents.js draws only its markers in view
    labels: bool = False  # tooltips shown permanently (a layer of few features)
    below: bool = False  # drawn under the incident markers, which keep every click on them

    def count(self) -> int:
        return sum(f["properties"].get("count", 1) for f in self.features)

    def config(self) -> dict:
        return {"label": f"{html_text(self.label)} ({self.count()})", "style": self.style,
                "visible": self.visible, "events": self.events, "labels": self.labels, "below": self.below,
                "data": {"type": "FeatureCollection", "features": self.features}}


def _feature(geometry: dict | None, popup: dict, tooltip: str, **extra) -> dict:
    """A feature whose popup is data: {"h": heading, "m": [meta lines], "q": quote, "s": source, "u": url}."""
    return {"type": "Feature", "geometry": geometry,
            "properties": {"popup": {k: v for k, v in popup.items() if v}, "tooltip": tooltip, **extra}}


def _point(place) -> dict:
    return {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]}


def event_popup(event: Event, type_label: str) -> dict:
    place = event.place.place if event.place else None
    where = ", ".join(x for x in (place.name, place.admin1, place.country) if x) if place else "unknown place"
    when = event.date or "date unknown"
    if event.date and event.date_precision not in ("day", ""):
        when += f" ({event.date_precision})"
    meta = [f"{where} · {when}"]
    if event.actors:
        meta.append("Actors: " + ", ".join(event.actors))
    if event.also:
        meta.append("Also reported as: " + ", ".join(event.also))
    if event.other_quotes:
        meta.append(f"Told in {1 + len(event.other_quotes)} sentences of the article")
    meta.append(f"Confidence {event.confidence:.2f}")
    return {"h": f"{type_label}: {event.subtype}", "m": meta, "q": event.quote,
            "s": event.title or event.doc, "u": safe_url(event.url)}


def event_layers(events: list[Event], labels: dict[str, str] | None = None, sides=()) -> list[LayerSpec]:
    """One layer per incident type. Incidents of a type at one place on one day, told by one side, share a
    marker; ``sides`` (data/events.toml [actors.map_side]) give each marker its "side" for the map's
    colour-by-side setting."""
    from geomap.events.taxonomy import side_of

    labels = labels or {}  # type -> label, from data/events.toml; a type without one is named after itself
    by_type: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.place and event.place.place:
            # One incident told as a strike and as damage is on both layers: each layer is a filter an analyst
            # expects to find it under ("Strikes" shows the missile that hit the plant).
            for kind in (event.type, *event.also):
                by_type[kind].append(event)
    specs = []
    for kind in sorted(by_type, key=lambda k: (list(TYPE_STYLE).index(k) if k in TYPE_STYLE else 99, k)):
        label = labels.get(kind, kind.replace("_", " ").capitalize())
        style = {**TYPE_STYLE.get(kind, DEFAULT_STYLE), "radius": 7}
        # Incidents of one type at one place and day share a marker: it lists them all and grows with their
        # number (a day apart they are two markers, so the time control shows each on its own date).
        at_place: dict[tuple, list[Event]] = defaultdict(list)
        for e in sorted(by_type[kind], key=lambda e: (e.date or "9999", e.doc, e.quote_start, e.id)):
            side = side_of(e.actors, sides)
            at_place[(e.place.place.pid, e.date or "", side.key if side else "")].append(e)
        features = []
        for (_pid, _date, side), group in sorted(at_place.items(), key=lambda kv: (
                kv[1][0].date or "9999", kv[1][0].place.place.name, kv[1][0].id)):
            place = group[0].place.place
            def own_label(e: Event) -> str:  # an incident on this layer through `also` keeps its own heading
                return labels.get(e.type, e.type.replace("_", " ").capitalize())

            if len(group) == 1:
                popup = event_popup(group[0], own_label(group[0]))
            else:
                popup = {"h": f"{label}: {len(group)} reports at {place.name}",
                         "items": [event_popup(e, own_label(e)) for e in group]}
            tooltip = f"{label}: {place.name}" + (f" ({len(group)})" if len(group) > 1 else "")
            feature_style = {**style, "radius": round(7 + 2.5 * math.log2(len(group)), 1)} if len(group) > 1 else None
            extra = {"style": feature_style} if feature_style else {}
            if place.kind in ("country", "continent"):
                extra["broad"] = True  # placed at a country's point: the view is not fitted to it
            if side:
                extra["side"] = side
            features.append(_feature(_point(place), popup, tooltip, date=group[0].date, id=group[0].id,
                                     count=len(group), **extra))
        specs.append(LayerSpec(label, features, style, events=True))
    return specs


def claim_layer_spec(checks: list[ClaimCheck]) -> LayerSpec:
    layer = claim_layer(checks)
    features = []
    for row, geom in zip(layer.rows, layer.geometries):
        if geom is None:
            continue
        computed = (f"computed {row['computed']:g} {row['unit']} ({row['computed_km']:g} km)"
                    if row["computed_km"] is not None else "not computable")
        label = f"stated {row['stated']} / {computed}"
        meta = [label, f"Diagnosis: {row['diagnosis']}" if row["diagnosis"] else "",
                f"From {row['reference'] or '?'} to {row['subject'] or '?'}"]
        popup = {"h": f"Distance check: {row['verdict']}", "m": [m for m in meta if m], "q": row["quote"],
                 "s": row["doc"]}
        color = VERDICT_COLORS.get(row["verdict"], "#7f7f7f")
        style = {"color": color, "weight": 3 if geom.geom_type == "LineString" else 1.5,
                 "dash": None if geom.geom_type == "LineString" else "6 4",
                 "fillOpacity": 0.0 if geom.geom_type == "LineString" else 0.08}
        short = (f"{row['stated']} stated / {row['computed']:g} {row['unit']} computed"
                 if row["computed"] is not None else label)
        features.append(_feature(geometry_json(geom), popup, label, label=short, style=style, id=row["id"]))
    return LayerSpec("Distance checks", features, {"color": "#7f7f7f"}, labels=len(features) <= MAX_LABELS,
                     below=True)


def located_layer_spec(checks: list[ClaimCheck]) -> LayerSpec:
    """Unnamed points located by several claims (issue #16): the area where their rings meet, with its centre
    and radius in the popup; claims whose rings do not meet show their rings, dashed."""
    from shapely import wkt

    from geomap.claims.locate import located_points

    features = []
    for point in located_points(checks):
        if not point.area_wkt:
            continue
        where = (f"{point.lat:.4f}, {point.lon:.4f} ± {point.radius_km:g} km ({point.area_km2:g} km²)"
                 if point.lat is not None else "the claims' rings do not meet")
        popup = {"h": f"Located point: {point.subject or 'unnamed'}",
                 "m": [where, f"From {point.claims} claims: {', '.join(point.references)}"], "q": point.quote,
                 "s": point.doc}
        style = {"color": "#9467bd", "weight": 2, "fillOpacity": 0.25 if point.lat is not None else 0.05,
                 "dash": None if point.lat is not None else "4 4"}
        features.append(_feature(geometry_json(wkt.loads(point.area_wkt)), popup, where, style=style, id=point.id))
    return LayerSpec("Located points", features, {"color": "#9467bd"}, below=True)


def _place_features(mentions: list[Mention], counts: dict[int, int], kinds: set[str] | None,
                    with_shapes: bool) -> list[dict]:
    """One feature per place named; ``counts`` says how often each was named (place pid -> count)."""
    from shapely import wkt

    seen, features = set(), []
    for m in sorted((m for m in mentions if m.place), key=lambda m: (m.place.name, m.place.pid)):
        place = m.place
        if place.pid in seen or (kinds is not None and place.kind not in kinds):
            continue
        seen.add(place.pid)
        geometry = _point(place)
        if with_shapes and place.wkt:
            geometry = geometry_json(wkt.loads(place.wkt)) or geometry
        where = ", ".join(x for x in (place.kind, place.admin1, place.country) if x)
        popup = {"h": place.name, "m": [f"{where} · named {counts[place.pid]} time(s)"],
                 "s": f"Gazetteer: {place.source_ref}"}
        features.append(_feature(geometry, popup, place.name, id=place.key))
    return features


def site_layer(mentions: list[Mention], counts: dict[int, int]) -> LayerSpec:
    return LayerSpec("Infrastructure sites", _place_features(mentions, counts, place_kinds.SITES, True),
                     {"color": "#8c564b", "shape": "square", "radius": 5, "weight": 3, "fillOpacity": 0.1}, below=True)


def region_layer(mentions: list[Mention], counts: dict[int, int]) -> LayerSpec:
    return LayerSpec("Regions mentioned", _place_features(mentions, counts, place_kinds.SHAPED_ON_MAP, True),
                     {"color": "#17becf", "radius": 5, "weight": 1.5, "fillOpacity": 0.08}, below=True)


def mention_layer_spec(mentions: list[Mention], counts: dict[int, int]) -> LayerSpec:
    return LayerSpec("All place mentions", _place_features(mentions, counts, None, False),
                     {"color": "#bcbd22", "radius": 4}, visible=False, below=True)


UNATTRIBUTED = {"key": "", "label": "Side not stated", "color": "#9e9e9e"}


def side_entries(sides) -> list[dict]:
    """The legend of the colour-by-side setting: each side of data/events.toml, then the unattributed."""
    return [{"key": s.key, "label": s.label, "color": s.color} for s in sides] + [UNATTRIBUTED] if sides else []


def legend_entries(event_specs: list[LayerSpec], has_claims: bool) -> list[dict]:
    entries = [{"label": spec.label, "color": spec.style["color"], "shape": spec.style.get("shape", "circle")}
               for spec in event_specs]
    if has_claims:
        entries += [{"label": f"Distance {verdict}", "color": color, "shape": "line"}
                    for verdict, color in VERDICT_COLORS.items()]
    return entries
