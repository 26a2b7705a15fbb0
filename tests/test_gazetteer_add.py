"""`geomap gazetteer add|remove`: user GeoNames dumps join the index (issue #15).

Fast tests use a tiny synthetic dump written here; the tests marked ``ua_dump`` read the real Ukraine dump at
../shared/data/geonames/UA.zip (not part of the repository) and skip when it is absent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

UA_ZIP = ROOT.parent / "shared" / "data" / "geonames" / "UA.zip"
needs_ua = pytest.mark.skipif(not UA_ZIP.exists(), reason=f"the GeoNames Ukraine dump is not at {UA_ZIP} "
                                                          "(download UA.zip from download.geonames.org/export/dump/)")


def _line(gid, name, alternates, lat, lon, fclass, fcode, admin1, admin2="", admin3="", population=0):
    cols = [str(gid), name, name, ",".join(alternates), str(lat), str(lon), fclass, fcode, "UA", "", admin1, admin2,
            admin3, "", str(population), "", "100", "Europe/Kyiv", "2024-01-01"]
    assert len(cols) == 19
    return "\t".join(cols)


# Kharkiv Oblast is admin-1 code 07 in GeoNames, Donetsk Oblast 05.
SYNTHETIC = "\n".join([
    _line(99000001, "Testivskyi Raion", ["Testivs'kyi Rajon"], 49.60, 36.90, "A", "ADM2", "07", "9901",
          population=50000),
    _line(99000002, "Testiv", ["Testov", "Тестів"], 49.61, 36.91, "P", "PPLA2", "07", "9901", population=20000),
    _line(99000003, "Oleksyvka", ["Alekseevka-Test"], 49.70, 36.80, "P", "PPL", "07", "9901"),
    _line(99000004, "Oleksyvka", ["Alekseevka-Test"], 48.00, 37.80, "P", "PPL", "05", "9902"),
    _line(99000005, "Testivska Terytorialna Hromada", [], 49.61, 36.92, "A", "ADM3", "07", "9901", "99000005"),
    _line(99000006, "Testova River", [], 49.5, 36.5, "H", "STM", "07"),
    _line(99000007, "Vodianyi Testovyi", [], 48.10, 37.70, "P", "PPL", "05", "9902"),
]) + "\n"


def run(*args, cache: Path, env: dict | None = None):
    full = {**os.environ, "GEOMAP_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT), **(env or {})}
    full.pop("GEOMAP_GEONAMES_DUMPS", None) if not env or "GEOMAP_GEONAMES_DUMPS" not in env else None
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True, env=full,
                          timeout=600)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dump")
    path = folder / "UA.txt"
    path.write_text(SYNTHETIC, encoding="utf-8")
    return path


# --- reading -------------------------------------------------------------------------------------------------

def test_reader_keeps_populated_places_and_admin_units(synthetic):
    from geomap.gazetteer import dumps

    rows = list(dumps.read(synthetic))
    assert [r.geonameid for r in rows] == [99000001, 99000002, 99000003, 99000004, 99000005, 99000007]
    assert rows[1].alternates == ["Testov", "Тестів"] and rows[1].admin2 == "9901"


def test_reader_reads_a_zip(tmp_path, synthetic):
    from geomap.gazetteer import dumps

    archive = tmp_path / "UA.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("UA.txt", SYNTHETIC)
        z.writestr("readme.txt", "GeoNames readme")
    assert len(list(dumps.read(archive))) == 6


@pytest.mark.parametrize("content, problem", [
    (b"not a zip at all", "not a readable zip file"),
])
def test_bad_zip_is_one_line(tmp_path, content, problem):
    from geomap.errors import GazetteerError
    from geomap.gazetteer import dumps

    bad = tmp_path / "XX.zip"
    bad.write_bytes(content)
    with pytest.raises(GazetteerError, match=problem):
        list(dumps.read(bad))


def test_wrong_columns_name_the_line(tmp_path):
    from geomap.errors import GazetteerError
    from geomap.gazetteer import dumps

    bad = tmp_path / "XX.txt"
    bad.write_text(SYNTHETIC + "1\tonly\tthree\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"XX.txt: line 8 has 3 tab-separated columns"):
        list(dumps.read(bad))


def test_raions_are_named_after_their_centre_and_towns_carry_them(synthetic):
    from geomap.gazetteer import dumps, sources

    places = dumps.dump_places([synthetic], [], sources.region_names_by_code())
    by_id = {p.geonameid: p for p in places}
    raion = by_id[99000001]
    assert (raion.kind, raion.name, raion.admin1) == ("admin2", "Testiv Raion", "Kharkiv Oblast")
    assert {"Testiv District", "Testov Raion", "Testivskyi Raion"} <= {n for n, _how in raion.names}
    assert by_id[99000002].admin2 == "Testiv Raion" and by_id[99000002].kind == "city"
    assert by_id[99000005].kind == "admin3"
    assert by_id[99000004].admin1 == "Donetsk Oblast"


# --- the command line ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, problem", [
    ("XX.zip", b"PK\x03\x04 cut short", "not a readable zip file"),
    ("XX.txt", b"1\ttwo\n", "line 1 has 2 tab-separated columns"),
    ("missing.zip", None, "no such file"),
])
def test_add_errors_are_one_line_exit_2(tmp_path, name, content, problem):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    done = run("gazetteer", "add", "--no-build", str(path), cache=tmp_path / "cache")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert str(path) in done.stderr and problem in done.stderr
    assert not (tmp_path / "cache" / "dumps.json").exists()


def test_add_and_remove_keep_the_list(tmp_path, synthetic):
    cache = tmp_path / "cache"
    done = run("gazetteer", "add", "--no-build", str(synthetic), cache=cache)
    assert done.returncode == 0, done.stderr
    assert json.loads((cache / "dumps.json").read_text())["dumps"] == [str(synthetic.resolve())]
    assert run("gazetteer", "add", "--no-build", str(synthetic), cache=cache).returncode == 0  # twice: once
    assert len(json.loads((cache / "dumps.json").read_text())["dumps"]) == 1
    assert run("gazetteer", "remove", "--no-build", str(synthetic), cache=cache).returncode == 0
    assert json.loads((cache / "dumps.json").read_text())["dumps"] == []
    again = run("gazetteer", "remove", "--no-build", str(synthetic), cache=cache)
    assert again.returncode == 2 and "not an added GeoNames dump" in again.stderr


def test_the_cache_key_follows_the_dumps(tmp_path, synthetic, monkeypatch):
    from geomap.gazetteer import index

    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("GEOMAP_GEONAMES_DUMPS", "")
    plain = index.index_path(1000)
    monkeypatch.setenv("GEOMAP_GEONAMES_DUMPS", str(synthetic))
    with_dump = index.index_path(1000)
    assert with_dump != plain
    os.utime(synthetic, (1_700_000_000, 1_700_000_000))
    assert index.index_path(1000) != with_dump  # a changed file (its mtime) makes a new index


# --- an index with the synthetic dump ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def synthetic_cache(tmp_path_factory, synthetic) -> Path:
    cache = tmp_path_factory.mktemp("cache")
    done = run("gazetteer", "add", "-q", str(synthetic), cache=cache)
    assert done.returncode == 0, done.stderr
    return cache


@pytest.fixture(scope="module")
def synthetic_gaz(synthetic_cache, synthetic):
    from geomap.gazetteer.index import Gazetteer

    [path] = sorted(synthetic_cache.glob("gazetteer-*.sqlite"))
    return Gazetteer(path)


def test_info_lists_the_added_dump(synthetic_cache, synthetic):
    done = run("gazetteer", "info", "--format", "json", cache=synthetic_cache)
    info = json.loads(done.stdout)
    assert [d["path"] for d in info["dumps"]] == [str(synthetic.resolve())]
    assert info["places_by_kind"]["admin2"] >= 1
    table = run("gazetteer", "info", cache=synthetic_cache).stdout
    assert f"dump         {synthetic.resolve()}" in table


def test_a_raion_is_not_its_town(synthetic_gaz):
    from geomap.gazetteer.resolver import resolve

    [raion] = resolve(synthetic_gaz, "Testiv raion", limit=1)
    assert raion.place.kind == "admin2" and raion.place.name == "Testiv Raion"
    assert resolve(synthetic_gaz, "Testiv", limit=1)[0].place.kind == "city"


def test_env_overrides_the_list(tmp_path, synthetic):
    from geomap.gazetteer import dumps

    os.environ["GEOMAP_GEONAMES_DUMPS"] = str(synthetic)
    try:
        assert dumps.configured() == [synthetic.resolve()]
        os.environ["GEOMAP_GEONAMES_DUMPS"] = ""
        assert dumps.configured() == []
    finally:
        del os.environ["GEOMAP_GEONAMES_DUMPS"]


# --- homonyms: the container in the text decides ----------------------------------------------------------------

def _parsed(text, gazetteer, focus=None):
    from geomap.geoparse import geoparse
    from geomap.geoparse.recognize import tokenize
    from geomap.model import Article

    return geoparse(Article(id="t", text=text), gazetteer, tokenize(text), focus)[0]


def _place_of(mentions, text):
    return next(m.place for m in mentions if m.text == text)


@pytest.mark.parametrize("text, admin1", [
    ("Shelling in Oleksyvka, Donetsk oblast.", "Donetsk Oblast"),
    ("Shelling in Oleksyvka (Donetsk region).", "Donetsk Oblast"),
    ("Shelling in Oleksyvka in Testiv raion.", "Kharkiv Oblast"),
    ("Shelling in Oleksyvka, Kharkiv Oblast.", "Kharkiv Oblast"),
])
def test_the_container_picks_the_namesake(synthetic_gaz, text, admin1):
    assert _place_of(_parsed(text, synthetic_gaz), "Oleksyvka").admin1 == admin1


def test_nearness_picks_the_namesake(synthetic_gaz):
    mentions = _parsed("Shelling hit Vodianyi Testovyi overnight. Later Oleksyvka was hit too.", synthetic_gaz)
    assert _place_of(mentions, "Oleksyvka").admin1 == "Donetsk Oblast"


def test_a_raion_in_text_is_the_unit(synthetic_gaz):
    mentions = _parsed("Shelling in Testiv raion and in Testiv.", synthetic_gaz)
    assert [(m.text, m.place.kind) for m in mentions] == [("Testiv raion", "admin2"), ("Testiv", "city")]


# --- facilities named after a town ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, town", [
    ("Chuhuiv Airbase on fire", "Chuhuiv"),
    ("damage done to Kharkiv National University", "Kharkiv"),
    ("Mykolaiv Regional State Administration hit by a missile", "Mykolaiv"),
])
def test_facilities_are_at_their_town_in_a_corpus_about_the_country(gaz, text, town):
    from geomap.gazetteer.resolver import resolve

    [mention] = _parsed(text, gaz, focus="UA")
    assert mention.place.kind == "facility" and mention.text.startswith(town)
    expected = resolve(gaz, town, country="UA", kind="city", limit=1)[0].place
    assert (mention.place.lat, mention.place.lon) == (expected.lat, expected.lon)


def test_facilities_need_the_corpus_focus(gaz):
    assert _parsed("Chuhuiv Airbase on fire", gaz) == []  # no focus: as before, a longer proper name
    assert [m.place.kind for m in _parsed("Kharkiv National University hit", gaz, focus="US")] == []


def test_an_outlet_abroad_stays_no_place(gaz):
    assert _parsed("The Washington Post reported on Kharkiv.", gaz, focus="UA")[0].text == "Kharkiv"
    assert all(m.text != "Washington" for m in _parsed("The Washington Post reported.", gaz, focus="US"))


# --- corpus focus ---------------------------------------------------------------------------------------------

def test_auto_focus_learns_the_corpus_country(gaz):
    from geomap.geoparse import corpus_focus
    from geomap.model import Article

    reports = ["Shelling in Kramatorsk", "Explosions in Kharkiv overnight", "Drone attack on Zaporizhzhia",
               "Papers burned at the Russian consulate in Odessa"]
    articles = [Article(id=str(k), text=t) for k, t in enumerate(reports)]
    assert corpus_focus(articles, gaz) == "UA"
    assert corpus_focus(articles[:1], gaz) is None  # one document: no corpus to learn from
    world = ["Flooding in Texas", "Cholera in Haiti", "Measles in London", "Ebola in Kinshasa"]
    assert corpus_focus([Article(id=str(k), text=t) for k, t in enumerate(world)], gaz) is None


def test_auto_focus_learns_the_regions_and_travels_to_workers(gaz):
    import pickle

    from geomap.geoparse import corpus_focus
    from geomap.model import Article

    reports = ["Shelling in Kramatorsk", "Explosions in Sloviansk overnight", "Strike on Bakhmut",
               "Drone attack on Kharkiv"]
    focus = corpus_focus([Article(id=str(k), text=t) for k, t in enumerate(reports)], gaz)
    assert focus == "UA" and ("UA", "Donetsk Oblast") in focus.regions
    again = pickle.loads(pickle.dumps(focus))
    assert again == "UA" and again.regions == focus.regions


def test_a_village_leans_to_the_corpus_regions(synthetic_gaz):
    from geomap.geoparse import CorpusFocus

    learned = CorpusFocus("UA", [("UA", "Donetsk Oblast")])
    assert _place_of(_parsed("Shelling in Oleksyvka", synthetic_gaz, focus=learned), "Oleksyvka").admin1 == \
        "Donetsk Oblast"
    learned = CorpusFocus("UA", [("UA", "Kharkiv Oblast")])
    assert _place_of(_parsed("Shelling in Oleksyvka", synthetic_gaz, focus=learned), "Oleksyvka").admin1 == \
        "Kharkiv Oblast"


def test_auto_focus_from_the_command_line(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": str(k), "text": t}) for k, t in enumerate(
        ["Shelling in Kramatorsk", "Explosions in Kharkiv overnight", "Strike on Zaporizhzhia",
         "Papers burned at the Russian consulate in Odessa"])) + "\n", encoding="utf-8")
    cache = os.environ.get("GEOMAP_CACHE_DIR")
    env = {"GEOMAP_GEONAMES_DUMPS": ""}
    done = run("parse", "--format", "jsonl", "-q", "--focus", "auto", str(corpus),
               cache=Path(cache) if cache else ROOT / ".cache-unused", env=env) if cache else None
    if done is None:
        pytest.skip("GEOMAP_CACHE_DIR not set: the default cache is not touched by this test")
    odessa = [json.loads(line) for line in done.stdout.splitlines() if json.loads(line)["doc"] == "3"]
    assert odessa and odessa[-1]["country"] == "UA", done.stderr
    bad = run("parse", "--focus", "nowhere", str(corpus), cache=Path(cache), env=env)
    assert bad.returncode == 2 and "'auto' or 'none'" in bad.stderr


# --- the real Ukraine dump ------------------------------------------------------------------------------------

@needs_ua
def test_ua_dump_is_read_whole():
    from geomap.gazetteer import dumps

    with zipfile.ZipFile(UA_ZIP) as z, z.open("UA.txt") as raw:
        assert sum(1 for _ in raw) == 45_086
    rows = list(dumps.read(UA_ZIP))
    assert sum(r.fclass == "P" for r in rows) == 33_681
    assert {r.fcode for r in rows if r.fclass == "A"} == {"ADM2", "ADM3"}


@pytest.fixture(scope="module")
def ua_gaz(tmp_path_factory):
    if not UA_ZIP.exists():
        pytest.skip(f"the GeoNames Ukraine dump is not at {UA_ZIP}")
    cache = tmp_path_factory.mktemp("ua-cache")
    done = run("gazetteer", "build", "-q", cache=cache, env={"GEOMAP_GEONAMES_DUMPS": str(UA_ZIP)})
    assert done.returncode == 0, done.stderr
    from geomap.gazetteer.index import Gazetteer

    [path] = sorted(cache.glob("gazetteer-*.sqlite"))
    return Gazetteer(path)


@needs_ua
def test_ua_villages_raions_and_hromadas(ua_gaz):
    from geomap.gazetteer.resolver import resolve

    kinds = ua_gaz.info()["places_by_kind"]
    assert kinds["admin2"] >= 130 and kinds["admin3"] >= 1_700
    [raion] = resolve(ua_gaz, "Kupiansk raion", limit=1)
    assert raion.place.kind == "admin2" and raion.place.admin1 == "Kharkiv Oblast"
    assert resolve(ua_gaz, "Kupiansk", limit=1)[0].place.kind == "city"
    assert resolve(ua_gaz, "Ruska Lozova", limit=1)[0].place.admin1 == "Kharkiv Oblast"  # a village of the dump


@needs_ua
@pytest.mark.parametrize("text, name, admin1", [
    ("Destroyed school in Oleksandrivka, Kherson oblast", "Oleksandrivka", "Kherson Oblast"),
    ("Shelling in Pavlivka in Kupiansk raion", "Pavlivka", "Kharkiv Oblast"),
    ("Damage in Mariupol (Donetsk region)", "Mariupol", "Donetsk Oblast"),
    ("Strikes near Shevchenko, Donetsk", "Shevchenko", "Donetsk Oblast"),
])
def test_ua_containers(ua_gaz, text, name, admin1):
    place = _place_of(_parsed(text, ua_gaz), name)
    assert place.admin1 == admin1
    if "raion" in text:
        assert place.admin2 == "Kupyansk Raion"
