"""Issue #16: claims that pick the place, locate unnamed points, and measure to borders.

Truth from published coordinates (Wikipedia), measured with pyproj's WGS84 geodesic: Louisville, Kentucky
(38.2527, -85.7585) is 56.3 km (35.0 mi) from Austin, Indiana (38.7584, -85.8080), at 176 deg from Austin;
Austin, Texas is 1,413 km away. Eureka, California (40.8021, -124.1637) is 133 km (82.7 mi) south of the
Oregon-California border, the 42nd parallel. Soledar (48.6833, 38.0833) is 11.5 km (7.2 mi) from Bakhmut at
32 deg. The 2023 Turkey quake's epicentre (USGS: 37.174, 37.032) lies about 30 km from Gaziantep and 26 km
from Nurdagi; Gilroy is 47 km (29 mi) from San Jose at 141 deg.
"""

import pytest

from geomap.claims import check_distances, claim_record
from geomap.frame import located_layer
from tests.conftest import haversine_km

C, I, U = "consistent", "inconsistent", "unverifiable"


def _one(gaz, text, value):
    found = [c for c in check_distances([text], gaz) if c.claim.value == value]
    assert len(found) == 1, [(c.claim.value, c.claim.phrase) for c in check_distances([text], gaz)]
    return found[0]


def test_the_claim_chooses_austin_indiana(gaz):
    text = ("The crash happened on Interstate 65 near Louisville, Kentucky, about 35 miles south of Austin, "
            "state police said on Tuesday.")
    check = _one(gaz, text, 35)
    assert check.verdict == C
    assert check.claim.reference.place.admin1 == "Indiana"
    assert check.computed_km == pytest.approx(56.3, abs=3)
    assert "chose Austin (Indiana, US) over Austin (Texas, US)" in check.diagnosis


def test_a_half_mile_is_half_a_mile(gaz):
    check = _one(gaz, "Firefighters found the burning barn 1/2 mile west of Richland early Sunday.", 0.5)
    assert check.claim.unit == "mi" and check.claim.direction == "W"
    assert check.high_m / 1000 == pytest.approx(0.885, abs=0.01)  # 0.5 mi + 10 %


def test_a_driver_is_never_an_end(gaz):
    text = ("Troopers said a 2008 Ford F-250 Berry was driving left the roadway and overturned two miles south "
            "of Holliday, in Archer County.")
    check = _one(gaz, text, 2)
    assert check.claim.subject is None or check.claim.subject.place is None
    assert check.verdict == U
    assert check.computed_km is None


def test_alliance_nebraska_is_found(gaz):
    text = ("The Nebraska State Patrol said the tornado touched down on a ranch about 186 miles southeast of "
            "Alliance on Friday evening.")
    check = _one(gaz, text, 186)
    place = check.claim.reference.place
    assert place.name == "Alliance" and place.admin1 == "Nebraska"
    assert check.verdict == U  # the ranch is no place: a sector around Alliance


def test_two_distances_from_the_quake_are_not_one_between_the_towns(gaz):
    text = ("The quake struck at a depth of 17.9 km, 33 kilometres (20 miles) from Gaziantep about 26 kilometres "
            "(16 miles) from the town of Nurdagi.")
    checks = [c for c in check_distances([text], gaz) if c.claim.value in (33, 26)]
    assert [c.claim.value for c in checks] == [33, 26]
    assert all(c.verdict == U for c in checks)  # no false alarm between Gaziantep and Nurdagi
    assert all(c.claim.subject is None for c in checks)
    point = checks[0].located
    assert point is not None and point is checks[1].located and point.verdict == "located"
    assert haversine_km((point.lat, point.lon), (37.174, 37.032)) < point.radius_km
    assert point.radius_km < 40


def test_eureka_is_measured_to_the_oregon_border(gaz):
    check = _one(gaz, "Eureka, the county seat, lies about 25 miles (40 km) south of the Oregon border.", 25)
    assert check.verdict == I
    assert check.computed_km == pytest.approx(133.0, abs=2)
    assert check.diagnosis.startswith("wrong magnitude (computed 82.7 mi)")
    assert claim_record(check)["reference_line"] == "Oregon–California border"


def test_the_town_is_the_town_named_before(gaz):
    text = ("Russian forces said they had taken Soledar. The town, which lies around 6 miles north of Bakhmut, "
            "is known for its salt mines.")
    check = _one(gaz, text, 6)
    assert check.claim.subject.place.name == "Soledar"
    assert check.verdict == C
    assert check.computed_km == pytest.approx(11.5, abs=1.5)


def test_two_claims_about_one_epicentre_locate_it(gaz):
    text = "The quake was centred 6 miles NE of Gilroy and 30 miles SE of San Jose, the USGS said."
    checks = check_distances([text], gaz)
    assert [(c.claim.value, c.claim.direction) for c in checks] == [(6, "NE"), (30, "SE")]
    point = checks[0].located
    assert point.verdict == "located" and point.references == ("Gilroy", "San Jose")
    # 6 miles NE of Gilroy is about (37.066, -121.494)
    assert haversine_km((point.lat, point.lon), (37.066, -121.494)) < 5
    assert point.radius_km < 15
    layer = located_layer(checks)
    assert len(layer) == 1 and layer.rows[0]["claims"] == 2 and layer.geometries[0].contains(
        layer.geometries[0].centroid)
    assert claim_record(checks[1])["located"]["lat"] == point.lat


def test_rings_that_do_not_meet_disagree(gaz):
    checks = check_distances(["The blast was heard 5 km from Kyiv and 5 km from Lviv."], gaz)
    assert len(checks) == 2 and checks[0].located.verdict == "disagree" and checks[0].located.lat is None


@pytest.mark.parametrize("sentence", [
    "The ATACMS missile can target locations up to 300 kilometers (about 186 miles) away.",
    "The quake struck at a depth of 10 km.",
    "The Kinzhal flies at an altitude of 20 km.",
    "The front line is some 1,000 km long.",
    "A 2 km long column of trucks waited at the border.",
    "Satellite images show a 40-mile-long Russian military convoy nearing Kyiv.",
])
def test_a_measure_is_no_distance(gaz, sentence):
    assert check_distances([sentence], gaz) == []
