"""Plain-dict views of geomap's dataclasses: the JSON contracts that scripts and the scorer rely on."""

from __future__ import annotations

import json
import math

from geomap.model import Candidate, Place
from geomap.surrogates import replace_lone_surrogates


def place_fields(place: Place | None) -> dict:
    """The place columns every record shares: name, lat, lon, kind, country, admin1, geonameid."""
    if place is None:
        return {"name": None, "lat": None, "lon": None, "kind": None, "country": None, "admin1": None,
                "geonameid": None}
    return {"name": place.name, "lat": round(place.lat, 6), "lon": round(place.lon, 6), "kind": place.kind,
            "country": place.country or None, "admin1": place.admin1 or None, "geonameid": place.geonameid}


def resolve_record(query: str, candidates: list[Candidate]) -> dict:
    """`geomap resolve --format jsonl`: {"query","name","lat","lon","kind","country","admin1","geonameid","score"}."""
    best = candidates[0] if candidates else None
    record = {"query": query, **place_fields(best.place if best else None),
              "score": best.score if best else None}
    if best:
        record["reason"] = best.reason
        record["source"] = best.place.source_ref
    return record


def candidate_record(candidate: Candidate) -> dict:
    return {**place_fields(candidate.place), "fcode": candidate.place.fcode,
            "population": candidate.place.population, "score": candidate.score, "reason": candidate.reason,
            "source": candidate.place.source_ref}


def dumps(record: dict) -> str:
    """One JSON line: UTF-8 text as is, keys in contract order, no trailing spaces."""
    return json_text(record)


def json_text(value, *, separators: tuple[str, str] = (", ", ": ")) -> str:
    """JSON that every parser reads, whatever the values: RFC 8259 has no NaN or Infinity (browsers reject
    them), so a non-finite float is written as null, and lone surrogates, which no UTF-8 output can carry,
    as U+FFFD. ``allow_nan=False`` makes sure no non-finite number slips through as a bare ``Infinity``."""
    text = json.dumps(_finite(value), ensure_ascii=False, separators=separators, allow_nan=False)
    return replace_lone_surrogates(text)


def _finite(value):
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(item) for item in value]
    return value


def mention_record(mention) -> dict:
    """`geomap parse --format jsonl`: {"doc","start","end","text","name","lat","lon","kind","country","admin1",
    "geonameid","score"} plus the reason and the runner-up candidates."""
    return {"doc": mention.doc, "start": mention.start, "end": mention.end, "text": mention.text,
            **place_fields(mention.place), "score": mention.score, "reason": mention.reason,
            "alternatives": [{"name": c.place.name, "kind": c.place.kind, "country": c.place.country or None,
                              "score": c.score} for c in mention.alternatives]}
