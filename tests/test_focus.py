"""--focus: the country a corpus is about, weighed with what each article itself names."""

from __future__ import annotations

import json

from click.testing import CliRunner

from geomap.cli import main

CORPUS = ('{"id": "a", "text": "Papers being burned at the Russian consulate in Odessa"}\n'
          '{"id": "b", "text": "Fire at a warehouse in Odessa, Texas"}\n')


def _parse(tmp_path, *options):
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text(CORPUS, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", "--format", "jsonl", *options, str(corpus)])
    return result, [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]


def test_a_one_line_report_takes_the_focus_countrys_town(tmp_path):
    result, mentions = _parse(tmp_path, "--focus", "ua")
    assert result.exit_code == 0
    odesa = next(m for m in mentions if m["doc"] == "a")
    assert odesa["country"] == "UA" and abs(odesa["lat"] - 46.48) < 0.2 and abs(odesa["lon"] - 30.73) < 0.2


def test_an_article_that_names_its_own_country_keeps_it(tmp_path):
    _, mentions = _parse(tmp_path, "--focus", "UA")
    assert {m["country"] for m in mentions if m["doc"] == "b"} == {"US"}


def test_the_same_with_workers(tmp_path):
    assert _parse(tmp_path, "--focus", "UA")[1] == _parse(tmp_path, "--focus", "UA", "--jobs", "2")[1]


def test_a_focus_that_is_no_country_is_refused_in_one_line(tmp_path):
    result, _ = _parse(tmp_path, "--focus", "Ukraine")
    assert result.exit_code == 2 and "--focus" in result.output and len(result.output.strip().splitlines()) == 1


def test_a_focus_alone_does_not_turn_a_foreign_city_into_a_village_spelt_like_it(tmp_path):
    # Novaya Gazeta Europe, 2022: Kaluga (340,000 people, Russia); GeoNames also spells a Ukrainian village so.
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text('{"id": "k", "text": "Another military enlistment office was set on fire in Kaluga."}\n',
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", "--format", "jsonl", "--focus", "UA", str(corpus)])
    kaluga = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [(m["country"], round(m["lat"]), round(m["lon"])) for m in kaluga] == [("RU", 55, 36)]


def test_a_nationality_before_city_of_outweighs_the_corpus_focus(tmp_path):
    # Meduza 2022: "the Russian city of Vladimir" in a corpus about Ukraine is not Volodymyr (Ukraine), which
    # GeoNames also spells "Vladimir"
    corpus = tmp_path / "c.jsonl"
    rows = [{"id": "a", "text": "Shelling hit Kharkiv and Izium on Monday."},
            {"id": "b", "text": "Drones struck Odesa and Mykolaiv."},
            {"id": "c", "text": "Police detained an employee of a ministry of the Russian city of Vladimir, "
                                "who set fire to an enlistment office."}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(corpus), "--format", "jsonl", "--quiet"])
    assert result.exit_code == 0, result.output
    places = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    vladimir = [p for p in places if p["text"] == "Vladimir"]
    assert vladimir and vladimir[0]["country"] == "RU", vladimir
