"""The taxonomy file, sentence spans, the event JSONL contract, GeoJSON/CSV output and the `events` command."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from geomap.events import CONTRACT, event_record, extract_events, load_taxonomy
from geomap.frame import EVENT_COLUMNS, event_layer
from geomap.writers import csv_text, feature_collection
from geomap.cli.events import events as events_command
from geomap.sentences import split_sentences
from geomap.events.taxonomy import TaxonomyError
from geomap.errors import InputError
from geomap.model import Article
from tests.conftest import SEEDS

LABELS = {"front_line": "Front line", "strikes": "Strikes", "infrastructure": "Infrastructure",
          "civilians": "Civilians", "political": "Political", "protests": "Protests & mobilisation"}


# --- taxonomy ---------------------------------------------------------------------------------------------

def test_taxonomy_has_the_map_layers_with_legend_labels():
    taxonomy = load_taxonomy()
    assert {name: t.label for name, t in taxonomy.types.items()} == LABELS
    assert list(taxonomy.types) == list(LABELS)  # legend order


def test_taxonomy_speaks_the_language_of_2022_war_reporting():
    phrases = {(cue.type, cue.phrase.lower()) for cue in load_taxonomy().cues}
    for expected in [("strikes", "shahed"), ("strikes", "himars"), ("strikes", "shelling"), ("strikes", "kalibr"),
                     ("front_line", "recaptured"), ("front_line", "encircled"), ("front_line", "pushed into"),
                     ("infrastructure", "blackout"), ("infrastructure", "substation"), ("infrastructure", "dam"),
                     ("civilians", "mass grave"), ("civilians", "deported"), ("civilians", "evacuated"),
                     ("political", "referendum"), ("political", "annexation"), ("political", "sanctions"),
                     ("protests", "recruitment office"), ("protests", "mobilisation"),
                     ("protests", "mobilization"), ("protests", "set fire")]:
        assert expected in phrases, expected


def _write(tmp_path, text):
    path = tmp_path / "events.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_broken_toml_is_a_one_line_error_naming_the_file(tmp_path):
    path = _write(tmp_path, "[scoring\nthreshold = 0.6\n")
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message and "TOML" in message


def test_unknown_tier_is_named(tmp_path):
    good = (load_taxonomy().path).read_text(encoding="utf-8")
    broken = good.replace('[types.strikes.cues.drone]\nstrong = [', '[types.strikes.cues.drone]\nhuge = [', 1)
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(_write(tmp_path, broken))
    assert str(caught.value).startswith(str(tmp_path / "events.toml"))
    assert "'huge' is not a tier" in str(caught.value)


def test_unknown_yielding_subtype_is_named(tmp_path):
    good = (load_taxonomy().path).read_text(encoding="utf-8")
    broken = good.replace('yielding_subtypes = ["explosion"]', 'yielding_subtypes = ["fireworks"]', 1)
    assert broken != good
    with pytest.raises(TaxonomyError, match="yielding_subtypes names an unknown subtype"):
        load_taxonomy(_write(tmp_path, broken))


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as caught:
        load_taxonomy(tmp_path / "nope.toml")
    assert "nope.toml" in str(caught.value)


def test_edited_taxonomy_changes_what_is_found(tmp_path, gaz, monkeypatch):
    """Cues are data: a cue added to the file is found without touching code."""
    import geomap.events.extract as extract

    text = load_taxonomy().path.read_text(encoding="utf-8")
    drone = "[types.strikes.cues.drone]\nstrong = ["
    edited = text.replace(drone, drone + '\n  "zapped",', 1)
    path = _write(tmp_path, edited)
    article = Article(id="x", text="A robot zapped the depot in Kharkiv.")
    assert not [e for e in extract_events([article], gaz) if e.type == "strikes"]
    monkeypatch.setattr(extract, "load_taxonomy", lambda: load_taxonomy(path))
    assert [e.subtype for e in extract_events([article], gaz) if e.type == "strikes"] == ["drone"]


def test_unknown_type_is_refused(gaz):
    with pytest.raises(InputError) as caught:
        extract_events([Article(id="x", text="Shelling in Kharkiv.")], gaz, types=["battles"])
    assert "unknown event type 'battles'" in str(caught.value)


# --- sentences --------------------------------------------------------------------------------------------

def test_sentence_spans_point_into_the_text():
    text = ("Mr. Putin spoke in the U.S. embassy. Russian forces shelled Kharkiv on Monday.\n\n"
            "Headline without a full stop\nThe next paragraph starts here.")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Mr. Putin spoke in the U.S. embassy.",
                                          "Russian forces shelled Kharkiv on Monday.",
                                          "Headline without a full stop", "The next paragraph starts here."]
    for s in sentences:
        assert text[s.start:s.end] == s.text


# --- records and formats ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_events(gaz):
    from geomap.articles import read_articles

    return extract_events(list(read_articles([SEEDS])), gaz)


def test_jsonl_contract_keys_come_first_in_order(seed_events):
    assert CONTRACT == ("doc", "id", "type", "subtype", "place", "lat", "lon", "country", "admin1", "date",
                        "date_precision", "quote", "actors", "confidence")
    for event in seed_events:
        record = event_record(event)
        assert tuple(record)[:len(CONTRACT)] == CONTRACT
        assert {"title", "url", "evidence", "date_source"} <= set(record)
        assert record["place"] == event.place.place.name
        assert isinstance(record["actors"], list) and isinstance(record["evidence"], list)
        json.dumps(record)


def test_ids_are_short_stable_hashes_unique_per_event(seed_events, gaz):
    ids = [e.id for e in seed_events]
    assert len(set(ids)) == len(ids)
    assert all(len(i) == 12 and int(i, 16) >= 0 for i in ids)
    from geomap.articles import read_articles

    assert [e.id for e in extract_events(list(read_articles([SEEDS])), gaz)] == ids


def test_type_filter_keeps_a_subset_with_the_same_ids(seed_events, gaz):
    from geomap.articles import read_articles

    strikes = extract_events(list(read_articles([SEEDS])), gaz, types=["strikes"])
    # A merged incident reported as a strike among other things ("also") is a strike too.
    assert strikes and all(e.type == "strikes" or "strikes" in e.also for e in strikes)
    assert strikes == [e for e in seed_events if e.type == "strikes" or "strikes" in e.also]


def test_geojson_is_rfc7946(seed_events):
    collection = feature_collection(event_layer(seed_events))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(seed_events)
    for feature, event in zip(collection["features"], seed_events):
        assert feature["type"] == "Feature" and feature["id"] == event.id
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        assert (lat, lon) == (round(event.place.place.lat, 6), round(event.place.place.lon, 6))
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_csv_has_the_schema_columns(seed_events):
    rows = list(csv.DictReader(io.StringIO(csv_text(event_layer(seed_events)))))
    assert len(rows) == len(seed_events)
    assert list(rows[0]) == [name for name, _type in EVENT_COLUMNS] + ["wkt"]
    assert rows[0]["id"] == seed_events[0].id


# --- the command --------------------------------------------------------------------------------------------

def test_command_jsonl_with_type_and_date(tmp_path):
    article = tmp_path / "report.txt"
    article.write_text("Russian forces shelled Kharkiv on Monday. Protesters rallied in Moscow.", encoding="utf-8")
    result = CliRunner().invoke(events_command, [str(article), "--format", "jsonl", "--type", "strikes",
                                                 "--date", "2022-09-28"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["type"], r["place"], r["date"]) for r in rows] == [("strikes", "Kharkiv", "2022-09-26")]


def test_command_keeps_the_article_own_date(tmp_path):
    article = tmp_path / "report.txt"
    article.write_text("date 2022-10-10\nRussian forces shelled Kharkiv.", encoding="utf-8")
    result = CliRunner().invoke(events_command, [str(article), "--format", "jsonl", "--date", "2022-09-28"])
    assert [json.loads(line)["date"] for line in result.stdout.splitlines()] == ["2022-10-10"]


def test_command_geojson_and_csv(tmp_path):
    article = tmp_path / "report.txt"
    article.write_text("Russian forces shelled Kharkiv.", encoding="utf-8")
    geojson = CliRunner().invoke(events_command, [str(article), "--format", "geojson"])
    data = json.loads(geojson.stdout)
    assert data["type"] == "FeatureCollection" and data["features"][0]["properties"]["type"] == "strikes"
    table = CliRunner().invoke(events_command, [str(article), "--format", "csv"])
    assert table.stdout.splitlines()[0].startswith("id,type,subtype,place,place_kind,country,admin1,lat,lon")


def test_command_bad_type_is_one_line(tmp_path):
    article = tmp_path / "report.txt"
    article.write_text("Russian forces shelled Kharkiv.", encoding="utf-8")
    result = CliRunner().invoke(events_command, [str(article), "--type", "battles"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "geomap: unknown event type 'battles'; use one of front_line, strikes, infrastructure, civilians, "
        "political, protests"]
