"""`geomap check` through click's runner (the command is not yet wired into the installed `geomap` script)."""

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner
from shapely.geometry import shape

from geomap.claims import RECORD_FIELDS
from geomap.frame import CLAIM_COLUMNS
from geomap.cli.check import check
from tests.conftest import SEEDS, haversine_km
from tests.world import ZAPORIZHZHIA_NPP

SEED_1 = str(SEEDS / "000_7202151efde119fe.txt")
SEED_2 = str(SEEDS / "004_cbda2e52ccdf2df0.txt")
CONTRACT = ["doc", "start", "end", "quote", "value", "value_max", "unit", "hedge", "direction", "subject",
            "reference", "computed_km", "bearing", "verdict", "diagnosis"]


def run(*args, stdin=None):
    return CliRunner().invoke(check, list(args), input=stdin)


@pytest.fixture(scope="module")
def seed1_rows(gaz):
    result = run(SEED_1, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_jsonl_follows_the_contract(seed1_rows):
    assert len(seed1_rows) == 3
    for row in seed1_rows:
        assert list(row)[:len(CONTRACT)] == CONTRACT
        assert row["doc"] == SEED_1
    miles = next(r for r in seed1_rows if r["unit"] == "mi")
    assert (miles["value"], miles["hedge"], miles["direction"], miles["verdict"]) == (250, "about", "W", "inconsistent")
    assert miles["subject"] == "South Ukraine Nuclear Power Plant"
    assert miles["reference"] == "Zaporizhzhia Nuclear Power Plant"
    assert miles["computed_km"] == pytest.approx(255, abs=3) and miles["computed_km"] == round(miles["computed_km"], 1)
    assert miles["diagnosis"] == "unit confusion (fits km)"


def test_records_have_every_field_in_order(seed1_rows):
    assert all(list(row) == list(RECORD_FIELDS) for row in seed1_rows)


def test_csv_of_no_claims_is_just_the_header(gaz):
    result = run(SEED_2, "--format", "csv")
    assert result.exit_code == 0
    assert result.output.splitlines() == [",".join([name for name, _type in CLAIM_COLUMNS] + ["wkt"])]


def test_the_quote_is_the_sentence_and_the_span_is_the_phrase(seed1_rows):
    text = open(SEED_1, encoding="utf-8").read()
    for row in seed1_rows:
        assert text[row["start"]:row["end"]] in row["quote"]
        assert row["quote"] in text


def test_output_is_deterministic(gaz):
    assert run(SEED_1, SEED_2, "--format", "jsonl").output == run(SEED_1, SEED_2, "--format", "jsonl").output


def test_strict_exits_3_on_an_inconsistent_claim(gaz):
    assert run(SEED_1, "--format", "jsonl").exit_code == 0
    assert run(SEED_1, "--format", "jsonl", "--strict").exit_code == 3
    assert run(SEED_2, "--strict").exit_code == 0  # no claims, nothing inconsistent


def test_stdin_and_a_consistent_claim_pass_strict(gaz):
    result = run("-", "--format", "jsonl", "--strict", stdin="Lviv lies about 470 km west of Kyiv.\n")
    assert result.exit_code == 0
    assert json.loads(result.output)["verdict"] == "consistent"


def test_csv_has_a_header_and_one_row_per_claim(gaz):
    result = run(SEED_1, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 3
    assert list(rows[0]) == [name for name, _type in CLAIM_COLUMNS] + ["wkt"]
    assert {r["verdict"] for r in rows} == {"inconsistent", "unverifiable"}
    assert all(r["computed_km"] == "" for r in rows if r["verdict"] == "unverifiable")


def test_geojson_is_lon_lat_with_a_line_or_a_ring_per_claim(gaz):
    result = run(SEED_1, "--format", "geojson")
    collection = json.loads(result.output)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 3
    by_unit = {f["properties"]["unit"]: f for f in collection["features"]}
    line = by_unit["mi"]["geometry"]
    assert line["type"] == "LineString"
    lon, lat = line["coordinates"][0]
    assert haversine_km((lat, lon), ZAPORIZHZHIA_NPP) < 3  # RFC 7946 order: longitude first
    for unit in ("yd", "m"):
        ring = shape(by_unit[unit]["geometry"])
        assert ring.geom_type == "Polygon" and ring.exterior.is_ccw  # RFC 7946 right-hand rule
        assert all(not interior.is_ccw for interior in ring.interiors)
    assert "wkt" not in by_unit["mi"]["properties"]


def test_table_shows_quote_stated_computed_verdict_and_diagnosis(gaz):
    result = run(SEED_1)
    lines = result.output.splitlines()
    assert lines[0].split()[:5] == ["quote", "stated", "computed", "verdict", "diagnosis"]
    miles = next(line for line in lines if "250" in line)
    assert "about 250 mi W" in miles
    assert re.search(r"15\d\.\d mi / 25\d\.\d km", miles)
    assert "inconsistent" in miles and "unit confusion (fits km)" in miles


def test_no_readable_article_is_a_one_line_error(tmp_path):
    result = run(str(tmp_path / "missing.txt"), "--quiet")
    assert result.exit_code == 2
    assert "no readable articles" in result.output
    assert "Traceback" not in result.output
