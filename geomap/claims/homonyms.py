"""A claim as evidence for which place a name means: "Louisville, Kentucky, about 35 miles south of Austin" is
Austin, Indiana, not the Texas capital the geoparser ranked first.

When the geoparser's reading of an end makes a claim inconsistent, the other senses it handed down with the
mention (``Mention.alternatives``) are tried, the reference's first, then the subject's. A sense is taken only
when the claim then holds in distance and direction, it lies in the country of the claim's other end, and the
geoparser rated it close to its first reading: a wrong figure must not be excused by an obscure namesake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from geomap import geodesy
from geomap import kinds as place_kinds
from geomap.model import DistanceClaim, Mention, Place

MIN_SHARE = 0.6  # a sense's score against the first reading's, at least


def _senses(mention: Mention | None, other: Place) -> list:
    if mention is None or mention.place is None:
        return []
    return [c for c in mention.alternatives
            if c.place.kind in place_kinds.POINTS and c.place.country == other.country and c.place != other
            and c.score >= MIN_SHARE * mention.score]


def _label(place: Place) -> str:
    where = ", ".join(x for x in (place.admin1, place.country) if x)
    return f"{place.name} ({where})" if where else place.name


def fitting_sense(claim: DistanceClaim, holds: Callable[[DistanceClaim, tuple[float, float]], bool]
                  ) -> tuple[DistanceClaim, tuple[float, float], str] | None:
    """(the claim with the sense that makes it hold, its geodesic, the diagnosis saying so), or None."""
    for role, other_role in (("reference", "subject"), ("subject", "reference")):
        mention, other = getattr(claim, role), getattr(claim, other_role).place
        for sense in _senses(mention, other):
            chosen = Mention(mention.doc, mention.start, mention.end, mention.text, sense.place, sense.score,
                             reason=f"chosen by the claim over {_label(mention.place)}: {sense.reason}",
                             alternatives=mention.alternatives)
            candidate = replace(claim, **{role: chosen})
            ref, sub = candidate.reference.place, candidate.subject.place
            metres, bearing = geodesy.inverse(ref.lat, ref.lon, sub.lat, sub.lon)
            geodesic = (float(metres), float(bearing))
            if holds(candidate, geodesic):
                return candidate, geodesic, (f"the claim chose {_label(sense.place)} over "
                                             f"{_label(mention.place)} for '{mention.text}'")
    return None
