"""Plain-dict views of geomap's dataclasses: the JSON contracts that scripts and the scorer rely on."""

from __future__ import annotations

import json

from geomap.model import Candidate, Place


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
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))
