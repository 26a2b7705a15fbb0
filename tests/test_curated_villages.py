"""The curated front-line villages (data/gazetteer/features_villages.csv) are real places where their rows put them.

With the GeoNames Ukraine dump at ../shared/data/geonames/UA.zip (not part of the repository; skipped when absent),
every Ukrainian row must lie within 5 km of a populated place of the same oblast that carries the row's name as its
name or one of its alternate names. Without the dump, a handful of the villages must resolve in the default index to
within 5 km of their row's point, in their oblast.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections import defaultdict

import pytest

from tests.conftest import ROOT, haversine_km

VILLAGES = ROOT / "data" / "gazetteer" / "features_villages.csv"
UA_ZIP = ROOT.parent / "shared" / "data" / "geonames" / "UA.zip"
needs_ua = pytest.mark.skipif(not UA_ZIP.exists(), reason=f"the GeoNames Ukraine dump is not at {UA_ZIP} "
                                                          "(download UA.zip from download.geonames.org/export/dump/)")

# GeoNames admin-1 codes of Ukraine's oblasts, as the dump's ADM1 features give them.
OBLAST_CODES = {
    "Cherkasy Oblast": "01", "Chernihiv Oblast": "02", "Chernivtsi Oblast": "03", "Dnipropetrovsk Oblast": "04",
    "Donetsk Oblast": "05", "Ivano-Frankivsk Oblast": "06", "Kharkiv Oblast": "07", "Kherson Oblast": "08",
    "Khmelnytskyi Oblast": "09", "Kirovohrad Oblast": "10", "Autonomous Republic of Crimea": "11", "Kyiv": "12",
    "Kyiv Oblast": "13", "Luhansk Oblast": "14", "Lviv Oblast": "15", "Mykolaiv Oblast": "16", "Odesa Oblast": "17",
    "Poltava Oblast": "18", "Rivne Oblast": "19", "Sevastopol": "20", "Sumy Oblast": "21", "Ternopil Oblast": "22",
    "Vinnytsia Oblast": "23", "Volyn Oblast": "24", "Zakarpattia Oblast": "25", "Zaporizhzhia Oblast": "26",
    "Zhytomyr Oblast": "27",
}


def _rows() -> list[dict]:
    with VILLAGES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _key(name: str) -> str:
    """A spelling key: no accents, apostrophes, hyphens or spaces, case folded."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[\W_]+", "", name)


def test_rows_are_villages_with_a_source():
    rows = _rows()
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["kind"] == "city" and r["subtype"] == "village", r["id"]
        assert r["source"].startswith("Wikipedia"), r["id"]
        assert r["country"] in {"UA", "RU"}, r["id"]
        if r["country"] == "UA":
            assert r["admin1"] in OBLAST_CODES, r["id"]
        lat, lon = float(r["lat"]), float(r["lon"])
        assert 44.0 < lat < 53.5 and 22.0 < lon < 41.0, r["id"]


@pytest.fixture(scope="module")
def populated_places() -> dict[str, list[tuple[float, float, str]]]:
    """Every populated place (feature class P) of the dump, under each of its spellings."""
    places: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    with zipfile.ZipFile(UA_ZIP) as z:
        with z.open("UA.txt") as raw:
            for line in io.TextIOWrapper(raw, encoding="utf-8"):
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 19 or cols[6] != "P":
                    continue
                point = (float(cols[4]), float(cols[5]), cols[10])
                for spelling in {cols[1], cols[2], *cols[3].split(",")} - {""}:
                    places[_key(spelling)].append(point)
    return places


@needs_ua
@pytest.mark.parametrize("row", [r for r in _rows() if r["country"] == "UA"], ids=lambda r: r["id"])
def test_every_ukrainian_row_is_a_populated_place_of_its_oblast(populated_places, row):
    point = (float(row["lat"]), float(row["lon"]))
    code = OBLAST_CODES[row["admin1"]]
    namesakes = [p for p in populated_places.get(_key(row["name"]), []) if p[2] == code]
    assert namesakes, f"no populated place called {row['name']} in {row['admin1']}"
    nearest = min(haversine_km(point, p[:2]) for p in namesakes)
    assert nearest <= 5.0, f"{row['name']}: the nearest namesake in {row['admin1']} is {nearest:.1f} km away"


# Villages the default index lacked before they were curated (GeoNames lists them without a population), with
# spellings news uses.
@pytest.mark.parametrize("mention, row_id", [
    ("Umanske", "city:ua-umanske"),
    ("Umanskoye", "city:ua-umanske"),
    ("Sokil", "city:ua-sokil-donetsk"),
    ("Sieverne", "city:ua-sieverne-donetsk"),
    ("Horobivka", "city:ua-horobivka"),
    ("Poima", "city:ua-poima"),
    ("Malaya Loknya", "city:ru-malaya-loknya"),
    ("Plekhovo", "city:ru-plyokhovo"),
    ("Lastochkyne", "city:ua-lastochkyne"),
    ("Zaporozhskoe", "city:ua-zaporizke-dnipropetrovsk"),
    ("Mali Shcherbaky", "city:ua-mali-shcherbaky"),
    ("Osokorivka", "city:ua-osokorivka"),
    ("Zolotaya Balka", "city:ua-zolota-balka"),
    ("Liman Pervyy", "city:ua-lyman-pershyi"),
    ("Zaoleshenka", "city:ru-zaoleshenka"),
    ("Kozarovychi", "city:ua-kozarovychi"),
])
def test_added_villages_resolve_to_their_row(gaz, mention, row_id):
    import geomap

    row = next(r for r in _rows() if r["id"] == row_id)
    point = (float(row["lat"]), float(row["lon"]))
    found = [c.place for c in geomap.resolve(mention, gazetteer=gaz)]
    near = [p for p in found if haversine_km(point, (p.lat, p.lon)) <= 5.0]
    assert near, f"{mention}: nothing within 5 km of {point} among {[(p.name, p.admin1) for p in found[:5]]}"
    assert near[0].admin1 == row["admin1"] and near[0].country == row["country"]
