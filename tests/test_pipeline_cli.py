"""The whole pipeline from the command line, as a script would use it."""

import json
import shutil
import subprocess

import pytest

from tests.conftest import run_cli


def test_export_to_stdout_is_geojson_for_pipes():
    proc = run_cli("export", "seeds", "-o", "-", "--quiet", check=True)
    data = json.loads(proc.stdout)
    assert data["type"] == "FeatureCollection" and data["features"]
    assert all(f["properties"]["type"] for f in data["features"])  # events by default
    assert proc.stderr == ""


def test_events_geojson_pipes_into_json_tools():
    proc = run_cli("events", "--format", "geojson", "seeds", check=True)
    data = json.loads(proc.stdout)
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geopackage_holds_every_layer(tmp_path):
    out = tmp_path / "seeds.gpkg"
    run_cli("export", "seeds", "-o", str(out), "--quiet", check=True)
    import pyogrio

    assert sorted(name for name, _ in pyogrio.list_layers(out)) == ["claims", "events", "located", "mentions"]
    if shutil.which("ogrinfo"):
        info = subprocess.run(["ogrinfo", "-ro", "-so", str(out)], capture_output=True, text=True, check=True)
        assert "events" in info.stdout and "claims" in info.stdout


def test_export_csv_needs_one_layer_and_says_so(tmp_path):
    proc = run_cli("export", "seeds", "-o", str(tmp_path / "x.csv"), "--layer", "all")
    assert proc.returncode == 2 and "holds one layer" in proc.stderr and "Traceback" not in proc.stderr


def test_map_command_writes_page_and_data(tmp_path):
    out = tmp_path / "map.html"
    proc = run_cli("map", "seeds", "-o", str(out), "--title", "Seeds", check=True)
    assert proc.stdout == ""
    assert out.exists() and (tmp_path / "map.events.geojson").exists() and (tmp_path / "map.claims.csv").exists()


def test_map_rejects_bad_dates():
    proc = run_cli("map", "seeds", "--date-from", "yesterday")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


@pytest.mark.parametrize("command", ["parse", "events", "check", "map", "export"])
def test_missing_file_is_a_warning_not_a_traceback(tmp_path, command):
    args = [command, str(tmp_path / "nope.txt")]
    if command in ("map", "export"):
        args += ["-o", str(tmp_path / ("x.html" if command == "map" else "x.geojson"))]
    proc = run_cli(*args)
    assert "Traceback" not in proc.stderr
    assert "nope.txt: no such file" in proc.stderr
    assert proc.returncode == 2 and "no readable articles" in proc.stderr  # nothing read: scripts must know


def test_a_missing_file_among_readable_ones_is_only_a_warning(tmp_path):
    proc = run_cli("parse", str(tmp_path / "nope.txt"), "seeds", "--format", "jsonl", "--quiet")
    assert proc.returncode == 0 and proc.stdout.strip()


@pytest.mark.parametrize("command, name", [("export", "x.geojson"), ("export", "x.gpkg"), ("map", "map.html")])
def test_unwritable_output_is_one_line(tmp_path, command, name):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    proc = run_cli(command, "seeds", "-o", str(blocker / name), "--quiet")
    assert proc.returncode == 2
    assert "cannot write" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


# One schema per layer: whatever command writes a layer's GeoJSON or CSV, the properties are the export's.

def _schema(name):
    from geomap.frame import LAYERS

    return [column for column, _type in LAYERS[name]]


@pytest.mark.parametrize("layer,command", [("events", ("events",)), ("claims", ("check",)),
                                           ("mentions", ("parse",))])
def test_every_command_writes_the_export_schema(tmp_path, layer, command):
    import csv
    import io

    exported = json.loads(run_cli("export", "seeds", "-o", "-", "--layer", layer, "--quiet", check=True).stdout)
    names = _schema(layer)
    for feature in exported["features"]:
        assert list(feature["properties"]) == names
    geojson = json.loads(run_cli(*command, "seeds", "--format", "geojson", "--quiet", check=True).stdout)
    assert geojson == exported
    for feature in geojson["features"]:
        assert list(feature["properties"]) == names
    if command[0] != "parse":
        table = run_cli(*command, "seeds", "--format", "csv", "--quiet", check=True).stdout
        export_csv = tmp_path / f"{layer}.csv"
        run_cli("export", "seeds", "-o", str(export_csv), "--layer", layer, "--quiet", check=True)
        assert table == export_csv.read_text(encoding="utf-8")
        assert next(csv.reader(io.StringIO(table))) == names + ["wkt"]
    if layer != "mentions":
        beside_map = tmp_path / "map.html"
        run_cli("map", "seeds", "-o", str(beside_map), "--tiles", "none", "--quiet", check=True)
        data = beside_map.with_name("map.events.geojson" if layer == "events" else "map.claims.csv")
        text = data.read_text(encoding="utf-8")
        if layer == "events":
            assert json.loads(text) == exported
        else:
            assert next(csv.reader(io.StringIO(text))) == names + ["wkt"]


def test_rs_writes_a_geojson_text_sequence():
    proc = run_cli("events", "seeds", "--format", "geojson", "--rs", "--quiet", check=True)
    records = proc.stdout.split("\x1e")
    assert records[0] == "" and len(records) > 10
    features = [json.loads(r) for r in records[1:]]
    collection = json.loads(run_cli("events", "seeds", "--format", "geojson", "--quiet", check=True).stdout)
    assert features == collection["features"]
