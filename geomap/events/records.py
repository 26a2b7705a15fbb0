"""Plain-dict views of events: the JSONL contract, GeoJSON features and CSV rows."""

from __future__ import annotations

from geomap.model import Event
from geomap.records import place_fields

# The contract scripts and the scorer rely on, in this order; extra keys follow.
CONTRACT = ("doc", "id", "type", "subtype", "place", "lat", "lon", "country", "admin1", "date", "date_precision",
            "quote", "actors", "confidence")


def event_record(event: Event) -> dict:
    """`geomap events --format jsonl`: {"doc","id","type","subtype","place","lat","lon","country","admin1","date",
    "date_precision","quote","actors","confidence"} then title, url, evidence, date_source and the place's details."""
    mention = event.place
    where = place_fields(mention.place if mention else None)
    return {
        "doc": event.doc, "id": event.id, "type": event.type, "subtype": event.subtype, "place": where["name"],
        "lat": where["lat"], "lon": where["lon"], "country": where["country"], "admin1": where["admin1"],
        "date": event.date, "date_precision": event.date_precision, "quote": event.quote,
        "actors": list(event.actors), "confidence": event.confidence,
        "title": event.title, "url": event.url, "evidence": list(event.evidence), "date_source": event.date_source,
        "label": _label(event.type), "place_kind": where["kind"], "place_text": mention.text if mention else None,
        "place_reason": mention.reason if mention else None, "geonameid": where["geonameid"],
        "quote_start": event.quote_start, "quote_end": event.quote_end,
    }


def _label(type_name: str) -> str:
    from geomap.events.taxonomy import load_taxonomy

    return load_taxonomy().labels.get(type_name, type_name)


def event_feature(event: Event) -> dict | None:
    """An event as an RFC 7946 point Feature [lon, lat] with its record, id the event id; None when unplaced."""
    if event.place is None or event.place.place is None:
        return None
    properties = event_record(event)
    lon, lat = properties.pop("lon"), properties.pop("lat")
    return {"type": "Feature", "id": event.id, "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": properties}


def event_feature_collection(events: list[Event]) -> dict:
    """Events as an RFC 7946 FeatureCollection of points [lon, lat], each feature's id the event id."""
    return {"type": "FeatureCollection", "features": [f for f in map(event_feature, events) if f is not None]}


CSV_COLUMNS = (*CONTRACT, "title", "url", "evidence", "date_source")


def events_csv(events: list[Event], header: bool = True) -> str:
    """A CSV table: the contract columns, then title, url, evidence and date_source; lists joined with '; '.
    ``header`` False gives rows only, to append a streamed corpus's later events."""
    from geomap.writers import csv_table  # quoting and the formula guard every geomap CSV shares

    records = (event_record(event) for event in events)
    return csv_table(CSV_COLUMNS if header else None,
                     (["; ".join(v) if isinstance(v, list) else v for v in (r[c] for c in CSV_COLUMNS)]
                      for r in records))
