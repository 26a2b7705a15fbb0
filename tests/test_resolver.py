"""The resolver against the real world: positions looked up in public references (Wikipedia infoboxes)."""

import pytest

import geomap
from tests import world as W
from tests.conftest import haversine_km

# name as reporters spell it -> (lat, lon) of the town centre
TOWNS = {
    "Lysychansk": W.LYSYCHANSK, "Slovyansk": W.SLOVYANSK, "Sloviansk": W.SLOVYANSK,
    "Yuzhnoukrainsk": W.YUZHNOUKRAINSK, "Pivdennoukrainsk": W.YUZHNOUKRAINSK, "Zaporizhzhia": (47.838, 35.139),
    "Zaporizhia": (47.838, 35.139), "Zaporozhye": (47.838, 35.139), "Enerhodar": (47.499, 34.656),
    "Energodar": (47.499, 34.656), "Izyum": W.IZYUM, "Izium": W.IZYUM, "Kiev": W.KYIV,
    "Kyiv": W.KYIV, "Bucha": W.BUCHA, "Kharkiv": (49.993, 36.231), "Kharkov": (49.993, 36.231),
    "Kherson": (46.636, 32.617), "Vysokopillya": W.VYSOKOPILLYA, "Lugansk": (48.567, 39.317),
    "Luhansk": (48.567, 39.317), "Donetsk": (48.003, 37.805), "Riga": W.RIGA, "Moscow": W.MOSCOW,
    "Samarkand": (39.655, 66.976), "Lubmin": (54.133, 13.617),
}

# regions as rough boxes (lat_min, lat_max, lon_min, lon_max) drawn inside their published extents
REGIONS = {
    "Kherson region": ("region", W.KHERSON_REGION),
    "Kherson Oblast": ("region", W.KHERSON_REGION),
    "Luhanska oblast": ("region", (47.9, 50.1, 38.0, 40.1)),
    "Luhansk region": ("region", (47.9, 50.1, 38.0, 40.1)),
    "Black Sea": ("water", W.BLACK_SEA),
    "Baltic Sea": ("water", W.BALTIC_SEA),
    "Sea of Azov": ("water", (45.3, 47.2, 34.9, 38.8)),
    "Crimea": (None, W.CRIMEA),
    "Donbas": ("area", W.DONBAS),
}


@pytest.mark.parametrize("name", sorted(TOWNS))
def test_towns_resolve_within_10_km(name):
    best = geomap.resolve(name, limit=1)[0]
    assert haversine_km((best.place.lat, best.place.lon), TOWNS[name]) < 10, best
    assert 0 < best.score <= 1 and best.reason


@pytest.mark.parametrize("name", sorted(REGIONS))
def test_regions_and_water_resolve_inside(name):
    kind, (lat0, lat1, lon0, lon1) = REGIONS[name]
    best = geomap.resolve(name, limit=1)[0]
    assert lat0 <= best.place.lat <= lat1 and lon0 <= best.place.lon <= lon1, best
    if kind:
        assert best.place.kind == kind


def test_kind_region_picks_the_oblast_not_the_city():
    best = geomap.resolve("Kherson", kind="region", limit=1)[0]
    assert best.place.kind == "region" and best.place.country == "UA"
    assert geomap.resolve("Kherson", limit=1)[0].place.kind == "city"


def test_bornholm_is_the_island():
    best = geomap.resolve("Bornholm", limit=1)[0]
    assert haversine_km((best.place.lat, best.place.lon), (55.13, 14.92)) < 25


@pytest.mark.parametrize("name, where", [("Zaporizhzhia nuclear power plant", (47.512, 34.586)),
                                         ("South Ukraine nuclear power plant", (47.812, 31.220))])
def test_plants(name, where):
    best = geomap.resolve(name, limit=1)[0]
    assert best.place.kind == "plant"
    assert haversine_km((best.place.lat, best.place.lon), where) < 5


def test_georgia_country_first_then_state_and_country_hint():
    found = geomap.resolve("Georgia", limit=5)
    assert found[0].place.kind == "country" and found[0].place.country == "GE"
    assert any(c.place.kind == "region" and c.place.country == "US" for c in found)
    hinted = geomap.resolve("Georgia", country="US", limit=1)[0]
    assert hinted.place.kind == "region" and hinted.place.country == "US"


def test_washington_is_the_capital():
    best = geomap.resolve("Washington", limit=1)[0]
    assert haversine_km((best.place.lat, best.place.lon), (38.895, -77.036)) < 10


def test_near_hint_prefers_the_nearby_homonym():
    # There are many Moscows; next to Pullman, WA the one in Idaho is meant.
    best = geomap.resolve("Moscow", near=(46.73, -117.18), limit=1)[0]
    assert best.place.country == "US"


def test_unknown_name_gives_nothing(gaz):
    assert geomap.resolve("Xyzzyqwv") == []


def test_scores_are_ordered_and_bounded():
    found = geomap.resolve("Washington", limit=5)
    scores = [c.score for c in found]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)


def test_regions_carry_the_english_name_and_towns_their_region():
    oblast = geomap.resolve("Kharkivska oblast", limit=1)[0].place
    assert oblast.name == "Kharkiv Oblast" and oblast.kind == "region"
    town = geomap.resolve("Lysychansk", limit=1)[0].place
    assert town.admin1 == "Luhansk Oblast"


def test_a_foreign_name_of_a_country_does_not_beat_a_town_of_that_name():
    best = geomap.resolve("Uman", limit=1)[0].place  # Uman, Cherkasy Oblast, not Oman
    assert best.country == "UA" and best.kind == "city"


# Oblasts as rough boxes inside their published extents: a region's point must lie in the region.
OBLAST_BOXES = {
    "Zaporizhzhia Oblast": (46.7, 48.1, 34.3, 36.7), "Poltava Oblast": (48.8, 50.5, 32.5, 35.3),
    "Ivano-Frankivsk Oblast": (48.0, 49.3, 23.9, 25.5), "Chernihiv Oblast": (50.6, 52.2, 30.6, 33.3),
}


@pytest.mark.parametrize("name", sorted(OBLAST_BOXES))
def test_oblast_points_lie_inside_the_oblast(name):
    lat0, lat1, lon0, lon1 = OBLAST_BOXES[name]
    best = geomap.resolve(name, kind="region", limit=1)[0].place
    assert lat0 <= best.lat <= lat1 and lon0 <= best.lon <= lon1, best


@pytest.mark.parametrize("query", ["Stanislav region", "Stanislavshchyna", "Stanislavshhina oblast'",
                                   "Ivano-Frankivshchyna"])
def test_a_region_named_after_its_main_town(query):
    # Ivano-Frankivsk was Stanislaviv until 1962; "-shchyna" makes a region word of a town's name.
    best = geomap.resolve(query, limit=1)[0].place
    assert (best.name, best.kind) == ("Ivano-Frankivsk Oblast", "region")


def test_a_town_name_alone_stays_the_town():
    assert geomap.resolve("Stanislav", limit=1)[0].place.kind == "city"


@pytest.mark.parametrize("query, name", [("Kursk region", "Kursk Oblast"), ("Belgorodskaya oblast'", "Belgorod Oblast"),
                                         ("Krasnodarskiy kray", "Krasnodar Krai"), ("Minsk region", "Minsk Oblast")])
def test_russian_and_belarusian_regions_carry_english_names(query, name):
    best = geomap.resolve(query, kind="region", limit=1)[0].place
    assert best.name == name


def test_towns_name_their_region_in_english():
    assert geomap.resolve("Belgorod", limit=1)[0].place.admin1 == "Belgorod Oblast"


@pytest.mark.parametrize("village", ["Staromaiorske", "Urozhaine"])
def test_front_line_villages_below_a_thousand_people_are_in_the_default_index(village):
    # Both lie on the Mokri Yaly river a few km south of Velyka Novosilka (47.843 N, 36.832 E).
    best = geomap.resolve(village, limit=1)[0].place
    assert best.country == "UA" and best.admin1 == "Donetsk Oblast"
    assert haversine_km((best.lat, best.lon), (47.843, 36.832)) < 25


def test_zaire_is_the_former_name_of_dr_congo():
    assert geomap.resolve("Zaire", limit=1)[0].place.country == "CD"
    assert any(c.place.country == "AO" for c in geomap.resolve("Zaire", limit=3))  # Angola's province listed


# US counties: (query, state, the county seat, km within which the ZIP-code median must fall: about the
# county's half-width).
@pytest.mark.parametrize("query, state, seat, km", [
    ("Scott County", "Indiana", (38.686, -85.770), 20),  # Scottsburg
    ("Fulton County", "Georgia", (33.749, -84.388), 40),  # Atlanta
    ("Orleans Parish", "Louisiana", (29.951, -90.072), 20),  # New Orleans
    ("Clark County", "Nevada", (36.170, -115.140), 60),  # Las Vegas
])
def test_us_counties_lie_in_their_state_near_their_seat(query, state, seat, km):
    found = [c.place for c in geomap.resolve(query, country="US", limit=20) if c.place.kind == "area"]
    county = next(p for p in found if p.admin1 == state)
    assert county.name == query and county.fcode in ("county", "parish")
    assert haversine_km((county.lat, county.lon), seat) < km


def test_the_largest_of_several_same_named_counties_ranks_first():
    assert geomap.resolve("Fulton County", limit=1)[0].place.admin1 == "Georgia"


@pytest.mark.parametrize("query, name", [
    ("Dnipro River", "Dnieper"), ("Dnieper river", "Dnieper"), ("the River Thames", "Thames"),
    ("Danube River", "Danube"),
])
def test_a_river_phrase_finds_the_river(query, name):
    top = geomap.resolve(query, limit=1)[0].place
    assert (top.kind, top.name) == ("river", name)


def test_a_town_called_river_stays_a_town():
    assert geomap.resolve("Pearl River", country="US", limit=1)[0].place.kind == "city"


@pytest.mark.parametrize("query, oblast", [
    ("Donetska", "Donetsk Oblast"), ("Luhanska", "Luhansk Oblast"), ("Kharkivska", "Kharkiv Oblast"),
])
def test_the_oblast_adjective_alone_is_the_oblast(query, oblast):
    top = geomap.resolve(query, limit=1)[0].place
    assert (top.kind, top.name) == ("region", oblast)


# (south, north, west, east) inside each nation's published extent
@pytest.mark.parametrize("name, box", [
    ("England", (50.0, 55.8, -5.7, 1.8)), ("Scotland", (54.6, 60.9, -7.6, -0.7)),
    ("Wales", (51.4, 53.4, -5.3, -2.6)), ("Northern Ireland", (54.0, 55.3, -8.2, -5.4)),
])
def test_the_uk_nations_are_one_place_each_inside_themselves(name, box):
    same = [c.place for c in geomap.resolve(name, limit=10)
            if c.place.name == name and c.place.country == "GB" and c.place.kind != "city"]
    assert len(same) == 1 and same[0].kind == "region"  # (a village called Wales in Yorkshire is a town)
    south, north, west, east = box
    assert south <= same[0].lat <= north and west <= same[0].lon <= east


@pytest.mark.parametrize("region,centre", [
    ("Belgorod Oblast", (50.596, 36.588)),  # named after its main town: the town
    ("Tatarstan", (55.789, 49.122)),  # points_seats.csv: Kazan
    ("Mordovia", (54.185, 45.172)),  # Saransk
    ("Amur Oblast", (50.276, 127.526)),  # Blagoveshchensk (the river, not a town, names it)
    ("Leningrad region", (59.576, 30.128)),  # Gatchina, not St Petersburg (which only lists "Leningrad")
])
def test_a_russian_region_sits_at_its_administrative_centre(region, centre):
    place = geomap.resolve(region)[0].place
    assert place.kind == "region" and haversine_km((place.lat, place.lon), centre) < 10, place
