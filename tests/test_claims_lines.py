"""Issue #16, second step: distances measured to lines (coast, rivers, state lines) and more phrasings.

Truth from published coordinates (Wikipedia, GeoNames) measured with pyproj's WGS84 geodesic:
- Kimball, Nebraska (41.236, -103.663) is 26.2 km (16.3 mi) north of the Colorado-Nebraska line, the 41st
  parallel; Cheyenne, Wyoming (41.140, -104.820) 15.5 km north of the Colorado-Wyoming line (41st parallel);
  Trinidad, Colorado (37.170, -104.501) 18.8 km north of the New Mexico line (37th parallel).
- Sievierodonetsk (48.95, 38.49): the Russian border due north is about 130-140 km away, its nearest stretch
  (to the east) about 90 km; a figure "south of the border" is measured to the border to the north.
- Bakhmut-Kramatorsk 34.6 km (dev set claim-003: "Only 50 kilometers ... separate Bakhmut from Kramatorsk").
- Nikopol (47.57, 34.39) stands on the Dnipro's bank; Melitopol (46.85, 35.38) lies about 25-30 km from the
  Sea of Azov's shore (Molochnyi Lyman), 37 km from the coarse Natural Earth coast the project ships, and about
  180 km from the Black Sea's; Kyiv is some 420 km from any coast.
"""

import pytest

from geomap.claims import check_distances, claim_record, shores
from tests.test_claims_issue16 import C, I, U, _one


def test_kimball_is_measured_to_the_colorado_nebraska_state_line(gaz):
    check = _one(gaz, "Kimball, Nebraska is about 15 miles north of the Colorado-Nebraska state line.", 15)
    assert check.verdict == C
    assert check.computed_km == pytest.approx(26.2, abs=1)
    assert claim_record(check)["reference_line"] == "Colorado–Nebraska border"


@pytest.mark.parametrize("text,value,km,verdict", [
    ("Cheyenne is about 10 miles north of the Colorado border.", 10, 15.5, C),
    ("Trinidad lies about 12 miles north of the New Mexico border.", 12, 18.8, C),
    ("Cheyenne is about 60 miles north of the Colorado border.", 60, 15.5, I),
])
def test_state_lines_along_parallels(gaz, text, value, km, verdict):
    check = _one(gaz, text, value)
    assert check.verdict == verdict
    assert check.computed_km == pytest.approx(km, abs=1)


def test_a_stated_direction_picks_the_stretch_of_border(gaz):
    text = ("Located nearly 140 km south of the Russian border, Sievierodonetsk is one of the largest cities of "
            "the Donbas region.")
    check = _one(gaz, text, 140)
    assert check.verdict == C
    assert 100 <= check.computed_km <= 145  # the border to the north, not the nearest stretch to the east
    assert claim_record(check)["reference_line"] == "Ukraine–Russia border"


def test_km_separate_x_from_y(gaz):
    check = _one(gaz, "Only 50 kilometers (30 miles) separate Bakhmut from Kramatorsk.", 50)
    assert check.claim.subject.place.name == "Bakhmut"
    assert check.claim.reference.place.name == "Kramatorsk"
    assert check.verdict == I
    assert check.computed_km == pytest.approx(34.6, abs=1.5)


def test_separates_and_apart(gaz):
    assert _one(gaz, "About 470 km separates Lviv from Kyiv.", 470).verdict == C
    assert _one(gaz, "Kyiv and Lviv are 470 km apart.", 470).verdict == C


@pytest.mark.parametrize("text,value,verdict", [
    ("Melitopol lies about 35 km from the coast.", 35, C),
    ("Melitopol lies about 35 km from the Sea of Azov coast.", 35, C),
    ("Melitopol lies about 30 km inland.", 30, C),
    ("Melitopol lies 200 km from the coast.", 200, I),
    ("Kyiv lies about 50 km from the coast.", 50, I),
])
def test_distances_to_the_coast(gaz, text, value, verdict):
    check = _one(gaz, text, value)
    assert check.verdict == verdict
    assert check.claim.reference_line
    assert check.claim.reference_line_slack_m == shores.COAST_SLACK_M


def test_a_named_sea_has_its_own_shore(gaz):
    azov = _one(gaz, "Melitopol lies 35 km from the Sea of Azov.", 35)
    black = _one(gaz, "Melitopol lies 35 km from the Black Sea.", 35)
    assert azov.verdict == C and azov.computed_km == pytest.approx(37, abs=3)
    assert black.verdict == I and black.computed_km > 120
    assert claim_record(black)["reference_line"] == "Black Sea coast"


def test_an_open_sea_part_of_a_basin_has_no_shore_line(gaz):
    check = _one(gaz, "Bari lies 5 km from the Adriatic Sea.", 5)
    assert check.verdict == U
    assert not check.claim.reference_line


def test_the_dnipro_after_from_is_the_river(gaz):
    check = _one(gaz, "Nikopol is 5 km from the Dnipro.", 5)
    assert check.claim.reference.place.kind == "river"
    assert check.verdict == C
    assert check.computed_km < 5
    assert claim_record(check)["reference_line"] == "Dnieper (river)"
    far = _one(gaz, "Nikopol is 60 km from the Dnipro.", 60)
    assert far.verdict == I


def test_the_city_without_the_stays_the_city(gaz):
    check = _one(gaz, "Nikopol is 100 km from Dnipro.", 100)
    assert check.claim.reference.place.kind == "city"
    assert not check.claim.reference_line


def test_the_river_refers_to_the_river_named_before(gaz):
    text = ("The village lies near the Dnieper River south of Nikopol. Nikopol, on the north bank, is 2 km from "
            "the river.")
    check = _one(gaz, text, 2)
    assert check.claim.reference.place.kind == "river"
    assert check.verdict == C


def test_the_port_of_a_sea_is_the_town_not_the_coast(gaz):
    check = _one(gaz, "Mykolaiv is about 110 km from the Black Sea port of Odesa.", 110)
    assert not check.claim.reference_line
    assert check.claim.reference.place.name.startswith("Odes")


def test_line_measurements_are_deterministic(gaz):
    text = "Melitopol lies about 35 km from the coast. Nikopol is 5 km from the Dnipro."
    first = [claim_record(c) for c in check_distances([text], gaz)]
    again = [claim_record(c) for c in check_distances([text], gaz)]
    assert first == again
