"""The distance claims of the two seed articles, against where the places really are.

Plant coordinates are the published ones (Wikipedia infoboxes): South Ukraine NPP 47°49′N 31°13′E,
Zaporizhzhia NPP 47°30′44″N 34°35′09″E. Their distance is about 255 km, which is 158 miles: the seed's
"about 250 miles" fits kilometres, not miles. Distances here are measured with the tests' own haversine.
"""

import re

import pytest
import shapely

from geomap.articles import read_articles
from geomap.claims import check_distances
from tests.conftest import SEEDS, haversine_km
from tests.world import ZAPORIZHZHIA_NPP

SOUTH_UKRAINE_NPP = (47.8167, 31.2167)
YARD_M = 0.9144
MILE_KM = 1.609344


def _seed(name, gaz):
    article = next(a for a in read_articles([SEEDS]) if a.id.endswith(name))
    return article, check_distances([article], gaz)


@pytest.fixture(scope="module")
def seed1(gaz):
    return _seed("000_7202151efde119fe.txt", gaz)


@pytest.fixture(scope="module")
def seed2(gaz):
    return _seed("004_cbda2e52ccdf2df0.txt", gaz)


def _near(place, where, km=3.0):
    return place is not None and haversine_km((place.lat, place.lon), where) < km


def _claim(checks, article, words):
    found = [c for c in checks if words in article.text[c.claim.start:c.claim.end]]
    assert len(found) == 1, [(article.text[c.claim.start:c.claim.end]) for c in checks]
    return found[0]


def test_the_250_mile_claim_is_unit_confusion(seed1):
    article, checks = seed1
    check = _claim(checks, article, "250 miles west of the Zaporizhia plant")
    claim = check.claim
    assert (claim.value, claim.value_max, claim.unit, claim.hedge, claim.direction) == (250, None, "mi", "about", "W")
    assert _near(claim.subject.place, SOUTH_UKRAINE_NPP) and claim.subject.place.kind == "plant"
    assert _near(claim.reference.place, ZAPORIZHZHIA_NPP) and claim.reference.place.kind == "plant"
    truth_km = haversine_km(SOUTH_UKRAINE_NPP, ZAPORIZHZHIA_NPP)
    assert check.computed_km == pytest.approx(255, abs=3)
    assert check.computed_km == pytest.approx(truth_km, abs=2)
    assert check.computed_km / MILE_KM == pytest.approx(158, abs=2)
    assert check.verdict == "inconsistent"
    assert check.diagnosis == "unit confusion (fits km)"


def test_the_250_mile_claim_has_the_direction_right(seed1):
    article, checks = seed1
    check = _claim(checks, article, "250 miles west of")
    # The South Ukraine plant lies west (a little north) of the Zaporizhzhia plant.
    offset = abs((check.bearing - 270 + 180) % 360 - 180)
    assert offset < 45
    assert "direction" not in check.diagnosis
    line = shapely.from_wkt(check.geometry_wkt)
    assert line.geom_type == "LineString"
    (lon0, lat0), (lon1, lat1) = line.coords
    assert _near_point((lat0, lon0), ZAPORIZHZHIA_NPP) and _near_point((lat1, lon1), SOUTH_UKRAINE_NPP)


def _near_point(point, where, km=3.0):
    return haversine_km(point, where) < km


@pytest.mark.parametrize("words, value, value_max, unit", [
    ("300 yards from the reactors", 300, None, "yd"),
    ("hundreds of meters from the reactors", 100, 999, "m"),
])
def test_the_reactor_claims_are_unverifiable_rings_around_the_south_ukraine_plant(seed1, words, value, value_max,
                                                                                    unit):
    article, checks = seed1
    check = _claim(checks, article, words)
    claim = check.claim
    assert (claim.value, claim.value_max, claim.unit) == (value, value_max, unit)
    assert check.verdict == "unverifiable"
    assert claim.subject is None
    assert "reactors" in claim.reference_text
    assert _near(claim.reference.place, SOUTH_UKRAINE_NPP) and not claim.reference_is_point
    ring = shapely.from_wkt(check.geometry_wkt)
    assert ring.geom_type == "Polygon" and len(ring.interiors) == 1
    outer = [haversine_km(SOUTH_UKRAINE_NPP, (lat, lon)) * 1000 for lon, lat in ring.exterior.coords]
    inner = [haversine_km(SOUTH_UKRAINE_NPP, (lat, lon)) * 1000 for lon, lat in ring.interiors[0].coords]
    stated_low = value * (YARD_M if unit == "yd" else 1.0)
    stated_high = (value_max or value) * (YARD_M if unit == "yd" else 1.0)
    # The ring holds the stated radius between its inner and outer edge, and is no wider than the wording.
    # (1 % allows for the sphere of the haversine against the ellipsoid of the ring.)
    assert max(inner) <= stated_low * 1.01 and min(outer) >= stated_high * 0.99
    assert max(outer) < stated_high * 1.3 + 5 and min(inner) > stated_low * 0.7 - 5


def test_the_hedges_of_the_reactor_claims(seed1):
    article, checks = seed1
    assert _claim(checks, article, "300 yards").claim.hedge == "about"
    hundreds = _claim(checks, article, "hundreds of meters").claim
    assert hundreds.hedge == "just" and hundreds.quantity == "hundreds of"


def test_seed1_has_exactly_its_three_distance_statements(seed1):
    article, checks = seed1
    phrases = sorted(article.text[c.claim.start:c.claim.end] for c in checks)
    assert len(phrases) == 3, phrases


@pytest.mark.parametrize("number", ["250,000", "400,000", "445", "3.4 million", "17", "73", "100 windows", "18 ships",
                                    "2014"])
def test_numbers_that_are_not_distances_never_become_claims(seed1, seed2, number):
    for article, checks in (seed1, seed2):
        for match in re.finditer(re.escape(number), article.text):
            for check in checks:
                assert not check.claim.start <= match.start() < check.claim.end, (number, check.claim)


def test_seed2_states_no_distance(seed2):
    _article, checks = seed2
    assert checks == []
