"""Issue #15: a name matched only by a weak spelling likeness is no place unless the caller asks to guess,
while real misspellings and transliterations of real places still resolve."""

import json

import pytest

import geomap
from geomap.gazetteer.resolver import GUESS_MARK
from tests.conftest import haversine_km, run_cli

# Made-up or garbled strings: nearest spellings are no evidence of a place. (Strings one letter from a real
# place, "Zanzibarf", "Fnordham", "Yoinkton", are misspellings of that place as far as spelling can tell.)
NOT_PLACES = [
    "Xyzzyville", "Qwertyuiop", "Blorfington", "Snarkleburg", "Flibbertown", "Grobnitz", "Zorblax", "Quuxford",
    "Plonkistan", "Frobozz", "Gloopshire", "Brindlewick", "Krumplestad", "Vexnor", "Mogglebury", "Trelloquist",
    "Hjkldf", "Asdfghjkl", "Zxcvbnm", "Splotchville", "Durnkirkle",
    # random letters, lengths 5 to 12
    "Aqxbfhab", "Wlhdkow", "Imilhglzkh", "Xqnhsonpc", "Szloskwuomyz", "Pagerf", "Jqped", "Mbcoxr", "Mqhfrqlch",
    "Jfukmpkoz", "Yziped", "Mmaixcjcbobi", "Psppbqb", "Csohyysowxiv", "Nlbtwjtojra", "Mavltmqaeih",
    "Qkkhvskpkatl", "Kbfuqxdx", "Kekdkkoxtrt", "Sdmzsadzewuo", "Ugsrrty", "Lmhruqudqx", "Sfwvykotsvna",
    "Keyilfbow",
]

KYIV, LYSYCHANSK, KRAMATORSK = (50.450, 30.524), (48.904, 38.442), (48.723, 37.556)
ZAPORIZHZHIA, DNIPRO, LUHANSK = (47.838, 35.140), (48.450, 34.983), (48.574, 39.308)
# Misspellings (one letter changed, swapped or added) and old transliterations of real places.
MISSPELLED = [
    ("Zaporozhe", ZAPORIZHZHIA), ("Zaporozhye", ZAPORIZHZHIA), ("Zaporizhzia", ZAPORIZHZHIA),
    ("Mykolaev", (46.975, 31.995)), ("Kharkov", (49.994, 36.231)), ("Kharkiw", (49.994, 36.231)),
    ("Dnepropetrovsk", DNIPRO), ("Dnipropetrovks", DNIPRO),
    ("Lysychanks", LYSYCHANSK), ("Lisychansk", LYSYCHANSK), ("Lysychansc", LYSYCHANSK),
    ("Lysyshansk", LYSYCHANSK), ("Lysychamsk", LYSYCHANSK), ("Kramatorks", KRAMATORSK), ("Kramatorsc", KRAMATORSK),
    ("Mariupil", (47.097, 37.543)), ("Chernihov", (51.494, 31.294)), ("Zhitomyr", (50.255, 28.658)),
    ("Zhytomir", (50.255, 28.658)), ("Vinnytsa", (49.233, 28.468)), ("Bachmut", (48.595, 38.000)),
    ("Artemovsk", (48.595, 38.000)), ("Avdeevka", (48.139, 37.743)), ("Melitopal", (46.849, 35.365)),
    ("Berdiansc", (46.757, 36.799)), ("Kremenchug", (49.066, 33.420)), ("Ternopol", (49.553, 25.595)),
    ("Uzhgorad", (48.621, 22.288)), ("Chernovtsy", (48.292, 25.936)), ("Energodar", (47.499, 34.656)),
    ("Nikopal", (47.567, 34.394)), ("Kiev", KYIV), ("Kyev", KYIV), ("Lugansk", LUHANSK), ("Luhanks", LUHANSK),
    ("Gorlovka", (48.305, 38.030)), ("Makeevka", (48.048, 37.926)), ("Volnovaha", (47.601, 37.494)),
    ("Sieverodonetsk", (48.948, 38.491)), ("Severodonetks", (48.948, 38.491)), ("Rovno", (50.620, 26.252)),
    ("Lutzk", (50.747, 25.325)), ("Odesda", (46.482, 30.723)), ("Cherkasi", (49.444, 32.060)),
    ("Izium", (49.209, 37.257)),
]


@pytest.mark.parametrize("name", NOT_PLACES)
def test_a_made_up_name_is_not_found(gaz, name):
    assert geomap.resolve(name) == []


@pytest.mark.parametrize("name, where", MISSPELLED)
def test_a_misspelled_real_place_is_still_found(gaz, name, where):
    found = geomap.resolve(name, limit=1)
    assert found, f"{name} refused"
    best = found[0]
    assert haversine_km((best.place.lat, best.place.lon), where) < 25, (name, best.place.name, best.reason)
    assert not best.reason.startswith(GUESS_MARK)


def test_guess_keeps_the_nearest_spelling_and_says_so(gaz):
    best = geomap.resolve("Xyzzyville", guess=True, limit=1)[0]
    assert best.place.name == "Kaysville" and best.reason.startswith(GUESS_MARK)
    sure = geomap.resolve("Lysychanks", guess=True, limit=1)[0]  # a confident match is no guess
    assert sure.place.name == "Lysychansk" and not sure.reason.startswith(GUESS_MARK)
    assert geomap.resolve_many(["Xyzzyville", "Kiev"])[0] == []


def test_distance_refuses_a_made_up_name_unless_guessing(gaz):
    with pytest.raises(geomap.NoMatch):
        geomap.distance("Kyiv", "Xyzzyville")
    guessed = geomap.distance("Kyiv", "Xyzzyville", guess=True)
    assert guessed.b_name == "Kaysville" and guessed.b_reason.startswith(GUESS_MARK)
    assert 9200 < guessed.km < 9260


def test_cli_distance_exit_1_one_line_unless_guess():
    proc = run_cli("distance", "Kyiv", "Xyzzyville")
    assert proc.returncode == 1 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("geomap: no match for 'Xyzzyville'")
    proc = run_cli("distance", "Kyiv", "Xyzzyville", "--guess", "--format", "json", check=True)
    result = json.loads(proc.stdout)
    assert result["to"] == "Kaysville" and result["to_reason"].startswith(GUESS_MARK)
    assert "guess" in proc.stderr


def test_cli_resolve_rows_null_for_refused_names_exit_1_only_when_none_found():
    proc = run_cli("resolve", "--format", "jsonl", "Xyzzyville", "Kharkov", "Blorfington")
    assert proc.returncode == 0
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["query"] for r in rows] == ["Xyzzyville", "Kharkov", "Blorfington"]
    assert rows[0]["lat"] is None and rows[2]["lon"] is None and rows[1]["country"] == "UA"
    proc = run_cli("resolve", "--format", "jsonl", "Xyzzyville", "Blorfington")
    assert proc.returncode == 1 and len(proc.stdout.splitlines()) == 2
    proc = run_cli("resolve", "Xyzzyville", "--guess", "--format", "jsonl", check=True)
    row = json.loads(proc.stdout)
    assert row["name"] == "Kaysville" and row["reason"].startswith(GUESS_MARK)


def test_a_close_variant_of_a_village_beats_a_loose_variant_of_a_big_town(gaz):
    # "Sievierne" (Reuters' spelling of Sieverne by Avdiivka, the "ie" of Sievierodonetsk) is closer to Sieverne
    # than to Schwerin or Severn, however big those are
    import geomap

    top = geomap.resolve("Sievierne", gazetteer=gaz)[0].place
    assert (top.name, top.country) == ("Sieverne", "UA")
