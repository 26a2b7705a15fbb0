"""Distance claims: every stated distance in a corpus, checked against the geodesic truth.

    >>> checks = check_distances(read_articles(["seeds/"]))
    >>> [claim_record(c) for c in checks if c.verdict == "inconsistent"]
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from geomap.claims.check import check_claims
from geomap.claims.extract import extract_claims
from geomap.gazetteer.index import Gazetteer
from geomap.model import Article, ClaimCheck, DistanceClaim

# The `geomap check` record: the JSONL contract first, then the end phrases, the band and the geometry.
RECORD_FIELDS = ("doc", "start", "end", "quote", "value", "value_max", "unit", "hedge", "direction", "subject",
                 "reference", "computed_km", "bearing", "verdict", "diagnosis", "quantity", "subject_text",
                 "reference_text", "subject_is_point", "reference_is_point", "low_km", "high_km", "wkt", "reference_line",
                 "located")

__all__ = ["RECORD_FIELDS", "check_claims", "check_distances", "claim_record", "claims_of",
           "extract_claims"]


def claims_of(article: Article | str, gazetteer: Gazetteer | None = None) -> list[DistanceClaim]:
    """The distance claims of one article (an Article or plain text), in text order, unchecked."""
    from geomap.document import read_document
    from geomap.gazetteer import open_default

    if isinstance(article, str):
        article = Article(id="-", text=article)
    return extract_claims(read_document(article, gazetteer or open_default()))


def check_distances(articles: Iterable[Article | str] | Article | str, gazetteer: Gazetteer | None = None
                    ) -> list[ClaimCheck]:
    """Every distance claim of the articles, checked; articles in order, claims in text order."""
    from geomap.gazetteer import open_default

    if isinstance(articles, (Article, str)):
        articles = [articles]
    gaz = gazetteer or open_default()
    return check_claims([claim for article in articles for claim in claims_of(article, gaz)])


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _end_name(mention, text: str) -> str | None:
    if mention is not None and mention.place is not None:
        return mention.place.name
    return text or None


def claim_record(check: ClaimCheck) -> dict:
    """`geomap check --format jsonl`: {"doc","start","end","quote","value","value_max","unit","hedge",
    "direction","subject","reference","computed_km","bearing","verdict","diagnosis"}, then the end phrases,
    the tolerance band in km, the geometry (WKT, lon lat), the boundary line measured to and the unnamed point
    the claim helped locate."""
    claim = check.claim
    return {
        "doc": claim.doc, "start": claim.start, "end": claim.end, "quote": claim.quote,
        "value": _number(claim.value), "value_max": _number(claim.value_max), "unit": claim.unit,
        "hedge": claim.hedge or None, "direction": claim.direction or None,
        "subject": _end_name(claim.subject, claim.subject_text),
        "reference": _end_name(claim.reference, claim.reference_text),
        "computed_km": None if check.computed_km is None else round(check.computed_km, 1),
        "bearing": None if check.bearing is None else round(check.bearing, 1),
        "verdict": check.verdict, "diagnosis": check.diagnosis or None,
        "quantity": claim.quantity or None,
        "subject_text": claim.subject_text or None, "reference_text": claim.reference_text or None,
        "subject_is_point": claim.subject_is_point, "reference_is_point": claim.reference_is_point,
        "low_km": round(check.low_m / 1000.0, 3),
        "high_km": round(check.high_m / 1000.0, 3) if math.isfinite(check.high_m) else None,
        "wkt": check.geometry_wkt,
        "reference_line": claim.reference_line_label or None,
        "located": _located(check.located),
    }


def _located(point) -> dict | None:
    """The unnamed point this claim helped locate (with the other claims of its sentence), or None."""
    if point is None:
        return None
    return {"id": point.id, "verdict": point.verdict, "lat": point.lat, "lon": point.lon,
            "radius_km": point.radius_km, "area_km2": point.area_km2, "claims": point.claims,
            "references": list(point.references)}
