"""Every place the two seed articles mention, with where it really is (looked up in public references).

Towns must resolve within 10 km; regions, seas and countries must have their point inside a box drawn
within the feature's published extent. The not-places must never come back as mentions.
"""

import pytest

import geomap
from geomap.articles import read_articles
from geomap.geoparse import parse_article
from tests import world as W
from tests.conftest import SEEDS, haversine_km

TOWN = "town"
# surface text in the article -> (what, expected location); for towns (lat, lon), for areas a box.
SEED_1 = {
    "Lysychansk": (TOWN, W.LYSYCHANSK),
    "Slovyansk": (TOWN, W.SLOVYANSK),
    "Yuzhnoukrainsk": (TOWN, W.YUZHNOUKRAINSK),
    "Kiev": (TOWN, W.KYIV),
    "Moscow": (TOWN, W.MOSCOW),
    "Izyum": (TOWN, W.IZYUM),
    "Bucha": (TOWN, W.BUCHA),
    "Riga": (TOWN, W.RIGA),
    "Ukraine": ("country", (44.4, 52.4, 22.1, 40.2)),
    "Russia": ("country", W.RUSSIA),
    "Uzbekistan": ("country", (37.2, 45.6, 56.0, 73.2)),
    "Latvia": ("country", (55.7, 58.1, 20.9, 28.3)),
    "Turkey": ("country", (35.8, 42.1, 25.6, 44.8)),
    "Black Sea": ("water", W.BLACK_SEA),
    "Crimea": (None, W.CRIMEA),
    "Kherson region": ("region", W.KHERSON_REGION),
    "Donbas region": (None, W.DONBAS),
    "Zaporizhzhia nuclear power plant": ("plant", (47.49, 47.53, 34.56, 34.61)),
    "southern Ukrainian nuclear power plant": ("plant", (47.79, 47.83, 31.19, 31.25)),
}
SEED_2 = {
    "Vysokopillya": (TOWN, W.VYSOKOPILLYA),
    "Georgia": ("country", (41.0, 43.6, 40.0, 46.7)),
    "Kazakhstan": ("country", (40.5, 55.5, 46.5, 87.4)),
    "Poland": ("country", (49.0, 54.9, 14.1, 24.2)),
    "Denmark": ("country", (54.5, 57.8, 8.0, 15.2)),
    "Baltic Sea": ("water", W.BALTIC_SEA),
    "Kherson region": ("region", W.KHERSON_REGION),
    "Zaporizhzhia region": ("region", (46.5, 48.2, 34.1, 37.3)),
    "Kharkiv region": ("region", (48.5, 50.4, 35.0, 38.1)),
}
NOT_PLACES = ["Shanghai Cooperation Organization", "Shanghai", "Telegram", "Zelensky", "Zelenskiy", "Lina Vokalova",
              "Vokalova", "Washington Post", "Horton", "Instagram", "NATO", "Nato", "Vladimir", "Alexander", "RT",
              "Kremlin", "Energoatom", "Pentagon"]


def _parse(name):
    article = next(a for a in read_articles([SEEDS]) if a.id.endswith(name))
    mentions, _ = parse_article(article, geomap.open_gazetteer())
    return article, mentions


@pytest.fixture(scope="module")
def seed1():
    return _parse("000_7202151efde119fe.txt")


@pytest.fixture(scope="module")
def seed2():
    return _parse("004_cbda2e52ccdf2df0.txt")


def _check(mentions, surface, what, where):
    found = [m for m in mentions if m.text == surface]
    assert found, f"{surface!r} not found; got {sorted({m.text for m in mentions})}"
    for m in found:
        if what == TOWN:
            assert haversine_km((m.place.lat, m.place.lon), where) < 10, (surface, m.place)
        else:
            lat0, lat1, lon0, lon1 = where
            assert lat0 <= m.place.lat <= lat1 and lon0 <= m.place.lon <= lon1, (surface, m.place)
            if what:
                assert m.place.kind == what, (surface, m.place)


@pytest.mark.parametrize("surface", sorted(SEED_1))
def test_seed1_places(seed1, surface):
    _check(seed1[1], surface, *SEED_1[surface])


@pytest.mark.parametrize("surface", sorted(SEED_2))
def test_seed2_places(seed2, surface):
    _check(seed2[1], surface, *SEED_2[surface])


def test_luhansk_in_luhansk_region_and_kharkiv_region_are_oblasts(seed1):
    article, mentions = seed1
    by_start = {m.start: m for m in mentions}
    at = article.text.index("Lysychansk in Luhansk region") + len("Lysychansk in ")
    assert by_start[at].place.kind == "region" and by_start[at].place.country == "UA"
    at = article.text.index("region of Kharkiv") + len("region of ")
    assert by_start[at].place.kind == "region"
    assert 48.5 <= by_start[at].place.lat <= 50.4


def test_offsets_point_at_the_text(seed1, seed2):
    for article, mentions in (seed1, seed2):
        for m in mentions:
            assert article.text[m.start:m.end] == m.text


@pytest.mark.parametrize("surface", NOT_PLACES)
def test_not_places_are_not_mentions(seed1, seed2, surface):
    for _article, mentions in (seed1, seed2):
        assert surface not in {m.text for m in mentions}


def test_georgia_kazakhstan_is_the_country(seed2):
    georgia = [m for m in seed2[1] if m.text == "Georgia"]
    assert georgia and all(m.place.country == "GE" for m in georgia)


def test_focus_is_ukraine_and_russia():
    article = next(a for a in read_articles([SEEDS]) if a.id.endswith("000_7202151efde119fe.txt"))
    top = [code for code, _share in geomap.focus(article)[:2]]
    assert set(top) == {"UA", "RU"}


def test_no_places_no_mentions():
    assert geomap.parse("The meeting was long and nothing was decided.") == []
