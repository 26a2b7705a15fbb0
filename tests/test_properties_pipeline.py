"""Property-based: resolve, distance, parse, extract_events and check_distances survive any text and any
numbers (issue #12's fuzz findings, generalised). Each property states what must hold of the answer, not only
that nothing was raised."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import geomap
from tests.conftest import valid_unicode
from geomap.errors import GeomapError
from geomap.model import Article

SETTINGS = settings(max_examples=int(__import__("os").environ.get("GEOMAP_FUZZ_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# News-like pieces that reach deep into the pipeline, mixed with anything at all.
PIECES = ["Kharkiv", "Kyiv", "Odesa", "Zaporizhzhia nuclear power plant", "Kherson region", "Russian forces",
          "shelled", "a missile hit", "killed", "on Monday", "last week", "in December", "about", "250", "1/2",
          "miles", "km", "kilometres", "west of", "north-east of", "from", "in", ",", ".", " ", "\n", "{{ 7*7 }}",
          "{%", "</script>", "\u2028", "\x00", "\x0c", "\ud800", "1" * 401, "9" * 40, "0.000001", "Georgia",
          "Mr.", "Dr. Smith", "(AP) —", "KYIV, Ukraine", "’s", "–", "\u202e", "e\u0301", "🇺🇦"]
news_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map("".join)
article_dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


@pytest.fixture(scope="module", autouse=True)
def warm(gaz):
    return gaz


@SETTINGS
@given(text=news_text, date=article_dates)
def test_parse_events_and_checks_hold_for_any_text(text, date):
    article = Article(id="fuzz", text=text, date=date)
    mentions = geomap.parse(article)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text) and m.place is not None
        assert -90 <= m.place.lat <= 90 and -180 <= m.place.lon <= 180
        assert valid_unicode(m.text)
    for event in geomap.extract_events([article]):
        assert event.type and event.quote_start <= event.quote_end <= len(text)
        assert event.date is None or (len(event.date) == 10 and event.date[4] == "-")
        assert 0.0 <= event.confidence <= 1.0
    for check in geomap.check_distances([article]):
        assert check.verdict in ("consistent", "inconsistent", "unverifiable")
        assert math.isfinite(check.claim.value) and check.claim.value >= 0
        assert check.computed_km is None or (math.isfinite(check.computed_km) and 0 <= check.computed_km <= 20_040)


@SETTINGS
@given(name=st.text(max_size=60))
def test_resolve_answers_or_says_no_for_any_name(name):
    try:
        found = geomap.resolve(name, limit=3)
    except GeomapError:
        return
    for candidate in found:
        assert 0.0 <= candidate.score <= 1.0
        assert -90 <= candidate.place.lat <= 90 and -180 <= candidate.place.lon <= 180


finite_lat = st.floats(-90, 90, allow_nan=False)
finite_lon = st.floats(-180, 180, allow_nan=False)


@SETTINGS
@given(a=st.tuples(finite_lat, finite_lon), b=st.tuples(finite_lat, finite_lon))
def test_distance_between_any_two_points_is_on_the_globe(a, b):
    result = geomap.distance(a, b)
    assert 0 <= result.km <= 20_040  # half the equator, the longest geodesic on WGS84
    assert 0 <= result.bearing_deg < 360 or result.km == 0


@SETTINGS
@given(lat=st.floats(allow_nan=True, allow_infinity=True), lon=st.floats(allow_nan=True, allow_infinity=True))
def test_distance_refuses_points_off_the_globe(lat, lon):
    assume(not (-90 <= lat <= 90 and -180 <= lon <= 180))
    with pytest.raises(GeomapError):
        geomap.distance((lat, lon), (50.45, 30.52))


@SETTINGS
@given(text=st.text(max_size=80))
def test_distance_between_names_answers_or_says_no(text):
    try:
        result = geomap.distance(text, "Kyiv")
    except GeomapError:
        return
    assert math.isfinite(result.km) and 0 <= result.km <= 20_040


def test_a_lone_surrogate_makes_no_mention():
    # found by the fuzz test above: "A\ud800G" once resolved to a place
    assert all(valid_unicode(m.text) for m in geomap.parse(Article(id="f", text="KharkivKharkiv0A\ud800G")))
