"""Plain-dict views of events: the JSONL contract (GeoJSON and CSV go through frame.py and the writers)."""

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
        "quote_start": event.quote_start, "quote_end": event.quote_end, "also": list(event.also),
        "other_quotes": list(event.other_quotes),
    }


def _label(type_name: str) -> str:
    from geomap.events.taxonomy import load_taxonomy

    return load_taxonomy().labels.get(type_name, type_name)
