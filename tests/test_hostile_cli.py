"""Issue #12's reproducers for the commands: article text never runs as template code, odd dates, coordinates
and a damaged cache give answers or one-line errors, internal errors have their own exit code, and the map's
files are replaced together."""

from __future__ import annotations

import json
import math
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import geomap
from geomap import api
from geomap.cli import INTERNAL_ERROR, main
from geomap.errors import InputError
from tests.conftest import ROOT, run_cli

PAYLOAD = "{{ lipsum['__globals__']['os']['system']('touch pwned.txt') }}"


def _article(folder: Path, body: str, date: str = "2022-09-20", name: str = "a.txt") -> Path:
    path = folder / name
    path.write_text(f"date {date}\n{body}\n", encoding="utf-8")
    return path


def test_template_code_in_an_article_or_title_is_text_not_code(tmp_path):
    article = _article(tmp_path, f"Russian forces shelled Kharkiv on Monday {PAYLOAD} today.")
    out = tmp_path / "out" / "map.html"
    proc = subprocess.run([str(Path(sys.executable).with_name("geomap")), "map", str(article), "-o", str(out),
                           "--title", "{{ 7*7 }}", "--quiet"], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "pwned.txt").exists() and not (ROOT / "pwned.txt").exists()
    page = out.read_text(encoding="utf-8")
    assert "<title>{{ 7*7 }}</title>" in page and "49" not in page.split("<title>")[1][:20]
    # The payload reaches the page as data (a JSON string), character for character.
    assert "lipsum[\\u0027__globals__" in page or "lipsum['__globals__'" in page


@pytest.mark.parametrize("markup", ["{{cite web|url=x}}", "{% if x %}y{% endif %}", "{# note #}", "{%", "}}{{"])
def test_wiki_and_template_markup_does_not_abort_the_map(tmp_path, markup):
    article = _article(tmp_path, f"A missile hit Odesa on Friday {markup}, officials said.")
    written = api.write_map([article], tmp_path / "map.html", tiles="none")
    page = written[-1].read_text(encoding="utf-8")
    events = json.loads(written[0].read_text(encoding="utf-8"))["features"]
    assert events and markup.split("|")[0][:2] in page  # the text is on the page, unrendered


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("command", ["parse", "events", "check"])
def test_calendar_edge_dates_do_not_crash(tmp_path, date, command):
    article = _article(tmp_path, "Russian forces shelled Kharkiv last week. Yesterday a missile hit Odesa. "
                                 "Next month troops will advance on Kherson. On Friday strikes hit Kyiv in December, "
                                 "two years ago. Lviv lies 470 km west of Kyiv.", date=date)
    proc = run_cli(command, str(article), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    for line in proc.stdout.splitlines():
        record = json.loads(line)
        assert record.get("date") is None or record["date"][:4].isdigit()


@pytest.mark.parametrize("point", [(math.nan, 30.0), (50.0, math.inf), (91.0, 0.0), (0.0, -181.0), (1.0, 2.0, 3.0)])
def test_bad_coordinates_are_refused(point):
    with pytest.raises(InputError):
        geomap.distance(point, "Kyiv")
    with pytest.raises(InputError):
        geomap.resolve("Paris", near=point)


def test_bad_coordinate_text_is_a_usage_error():
    proc = run_cli("distance", "91,30", "Kyiv")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "latitude" in proc.stderr


def test_an_internal_error_exits_4_with_one_line(monkeypatch):
    import geomap.document as document

    def broken(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(document, "read_document", broken)
    result = CliRunner().invoke(main, ["parse", str(ROOT / "seeds")])
    assert result.exit_code == INTERNAL_ERROR == 4
    lines = [line for line in result.output.splitlines() if line.startswith("geomap:")]
    assert len(lines) == 1 and "RuntimeError: boom second line" in lines[0] and "Traceback" not in result.output


def test_nothing_found_stays_exit_1():
    proc = run_cli("resolve", "Qqxqzzyqv")
    assert proc.returncode == 1


def test_a_second_map_in_the_same_folder_keeps_the_first_ones_data(tmp_path):
    first = api.write_map([ROOT / "seeds"], tmp_path / "seeds.html", tiles="none")
    other = _article(tmp_path, "A missile hit Odesa on Friday, officials said.")
    second = api.write_map([other], tmp_path / "odesa.html", tiles="none")
    assert {p.name for p in first} == {"seeds.html", "seeds.events.geojson", "seeds.claims.csv"}
    assert not set(first) & set(second)
    assert len(json.loads(first[0].read_text(encoding="utf-8"))["features"]) > \
        len(json.loads(second[0].read_text(encoding="utf-8"))["features"])


def test_the_map_files_are_replaced_as_a_set(tmp_path, monkeypatch):
    from geomap import render

    written = api.write_map([ROOT / "seeds"], tmp_path / "map.html", tiles="none")
    before = {p: p.read_bytes() for p in written}

    def full_disk(fmap, path):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(render, "save_map", full_disk)
    other = _article(tmp_path, "A missile hit Odesa on Friday, officials said.")
    with pytest.raises(OSError):
        api.write_map([other], tmp_path / "map.html", tiles="none")
    assert {p: p.read_bytes() for p in written} == before  # the data files were not replaced without the page
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# --- the gazetteer cache ---------------------------------------------------------------------------------

def _small_index(path: Path) -> Path:
    from geomap.gazetteer.index import INDEX_FORMAT

    db = sqlite3.connect(path)
    db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)")
    db.execute("INSERT INTO meta VALUES ('format', ?)", (str(INDEX_FORMAT),))
    db.execute("CREATE TABLE filler (x TEXT)")
    db.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    db.commit()
    db.close()
    return path


def test_damage_tells_a_whole_index_from_a_cut_or_overwritten_one(tmp_path):
    from geomap.gazetteer.index import damage

    whole = _small_index(tmp_path / "whole.sqlite")
    assert damage(whole) is None and damage(whole, deep=True) is None
    cut = tmp_path / "cut.sqlite"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert "header says" in damage(cut)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 10)
    assert damage(garbage) == "not an SQLite file"
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert damage(empty) == "not an SQLite file"


def test_a_damaged_cache_is_rebuilt_and_leftovers_removed(tmp_path):
    """A build cut short, an overwritten file, a killed build's temporary file: the next command repairs."""
    from geomap.gazetteer.index import index_path, min_population_setting

    env = {**os.environ, "GEOMAP_CACHE_DIR": str(tmp_path)}
    target = tmp_path / index_path(min_population_setting()).name
    shutil.copyfile(api.open_gazetteer().path, target)
    with open(target, "r+b") as handle:
        handle.truncate(target.stat().st_size // 3)
    (tmp_path / ".gazetteer-killed.tmp").write_bytes(b"x" * 1000)
    exe = str(Path(sys.executable).with_name("geomap"))
    proc = subprocess.run([exe, "gazetteer", "build"], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / ".gazetteer-killed.tmp").exists()
    proc = subprocess.run([exe, "resolve", "Kyiv", "--format", "jsonl"], capture_output=True, text=True, env=env)
    assert proc.returncode == 0 and json.loads(proc.stdout)["country"] == "UA"
