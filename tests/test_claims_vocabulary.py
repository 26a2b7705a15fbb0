"""The distance-claim words are data (data/claims.toml): a broken file is one line naming it, and an edit to the
file changes which claims are found, with no code touched."""

import math
import re

import pytest
from click.testing import CliRunner

from geomap.claims import check_distances
from geomap.claims import vocabulary
from geomap.claims.vocabulary import VocabularyError, alternation, load_vocabulary
from geomap.cli.check import check as check_command
from geomap.errors import InputError


def _write(tmp_path, text):
    path = tmp_path / "claims.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _edited(tmp_path, old, new):
    """The shipped vocabulary with ``old`` replaced by ``new`` once, written to a file of its own."""
    text = load_vocabulary().path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return _write(tmp_path, text.replace(old, new))


def _refused(path) -> str:
    with pytest.raises(InputError) as caught:
        load_vocabulary(path)
    assert isinstance(caught.value, VocabularyError)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message, message
    return message


def test_the_shipped_file_is_read_from_data():
    words = load_vocabulary()
    assert words.path.name == "claims.toml" and words.path.parent.name in ("data", "_data")
    assert load_vocabulary() is words  # read once
    assert {"from", "off", "short of"} <= words.prepositions and words.edge <= words.prepositions
    assert words.hedges["just under"] == "nearly" and words.directions["west"] == "W"


def test_bad_toml_is_one_line_naming_the_file(tmp_path):
    message = _refused(_write(tmp_path, "[relations\nzone_nouns = ['zone']\n"))
    assert "not valid TOML" in message


def test_a_list_that_is_not_strings_is_one_line_naming_the_file_and_the_list(tmp_path):
    message = _refused(_edited(tmp_path, 'zone_prepositions = ["around", "of", "from", "near"]',
                               'zone_prepositions = ["around", 3]'))
    assert "[relations] zone_prepositions" in message and "3" in message


@pytest.mark.parametrize("old, new, said", [
    ('apart = ["apart"]', 'apart = "apart"', "[relations] apart must be a list"),
    ('apart = ["apart"]', 'apart = ["apart"]\napartt = ["apart"]', "[relations] 'apartt' is not a list or table"),
    ('leading_words = ["and",', 'leading_words = ["and then",', "'and then' is not a single word"),
    ('exact = ["just",', 'exact = ["about",', "'about' is both 'approximate' and 'exact'"),
    ('exact = [', 'roughly = [', "'roughly' is not a hedge class"),
    ('edge = ["off",', 'edge = ["near",', "edge: 'near' is not one of the prepositions"),
    ('north = "N"', 'north = "Q"', "must be one of N, S, E, W"),
    ('dam = "dam"', 'dam = "reservoir"', "must be a place kind"),
    ('dam = "dam"', 'dam = ["dam"]', "[ends.feature_nouns] 'dam' = ['dam']: the value must be a place kind"),
    ('"a few" = [2, 9]', '"a few" = [9, 2]', "[figures.quantities] 'a few'"),
    ("ninety = 90", '"ninety-one" = 91', "'ninety-one' must be one word of letters only"),
    ("[phrases]\n", "[phrasing]\n", "'phrasing' is not a table geomap reads"),
    ("schema = 1", "schema = 2", "schema 2 is not one this geomap reads"),
])
def test_each_kind_of_mistake_is_named(tmp_path, old, new, said):
    assert said in _refused(_edited(tmp_path, old, new))


def test_a_missing_file_is_an_input_error(tmp_path):
    assert "cannot read" in _refused(tmp_path / "nope.toml")


def test_geomap_check_reports_a_broken_file_in_one_line(tmp_path, monkeypatch):
    article = tmp_path / "a.txt"
    article.write_text("Irpin is 20 km from Kyiv.", encoding="utf-8")
    broken = _write(tmp_path, "schema = 1\n[figures\n")
    monkeypatch.setattr(vocabulary, "DEFAULT_PATH", broken)
    result = CliRunner().invoke(check_command, [str(article), "--format", "jsonl", "-q"])
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"geomap: {broken}: not valid TOML")
    assert len(result.output.strip().splitlines()) == 1


def _claims(text, gaz):
    return [(c.claim.subject_text, c.claim.reference_text, c.verdict) for c in check_distances(text, gaz)]


def _with(monkeypatch, path):
    """Make ``path`` the vocabulary every claims module reads from now on (the test's end restores it)."""
    monkeypatch.setattr(vocabulary, "DEFAULT_PATH", path)
    assert load_vocabulary().path == path


def test_removing_a_relation_word_loses_its_claims(tmp_path, gaz, monkeypatch):
    text = "Russian troops stopped 5 km short of Kyiv."
    assert _claims(text, gaz) == [("Russian troops", "Kyiv", "unverifiable")]
    _with(monkeypatch, _edited(tmp_path, '"outside of", "short of",', '"outside of",'))
    assert _claims(text, gaz) == []
    assert _claims("Irpin is 20 km from Kyiv.", gaz) == [("Irpin", "Kyiv", "consistent")]  # the rest still works


def test_adding_a_zone_noun_finds_a_new_claim(tmp_path, gaz, monkeypatch):
    text = "Ukraine declared a 10-km corridor around Enerhodar."
    assert _claims(text, gaz) == []  # "a 10-km corridor" alone is a length, not a distance
    _with(monkeypatch, _edited(tmp_path, '"radius", "zone",', '"radius", "corridor", "zone",'))
    [claim] = check_distances(text, gaz)
    assert claim.claim.subject_text == "10-km corridor" and claim.claim.reference.place.name == "Enerhodar"
    assert claim.claim.value == 10 and claim.claim.unit == "km"


def test_a_phrase_stop_ends_the_reference(tmp_path, gaz, monkeypatch):
    text = "Irpin is 20 km from Kyiv after the war."
    assert _claims(text, gaz) == [("Irpin", "Kyiv", "consistent")]
    _with(monkeypatch, _edited(tmp_path, '"as", "after",', '"as",'))
    # Without "after" as a stop the reference runs on past the name: no longer Kyiv's point, so unverifiable.
    assert _claims(text, gaz) == [("Irpin", "Kyiv after the war", "unverifiable")]


def test_a_new_hedge_word_sets_the_tolerance(tmp_path, gaz, monkeypatch):
    text = "Irpin is a good 30 km from Kyiv."
    [before] = check_distances(text, gaz)
    assert before.claim.hedge == "" and (before.low_m, before.high_m) == pytest.approx((27_000, 33_000))
    _with(monkeypatch, _edited(tmp_path, '"lower bound" = [\n', '"lower bound" = [\n    "a good",\n'))
    [after] = check_distances(text, gaz)  # a lower bound: at least 30 km
    assert after.claim.hedge == "a good" and (after.low_m, after.high_m) == (30_000, math.inf)


def test_alternation_tries_the_longest_phrase_first():
    pattern = re.compile(rf"(?:{alternation(['just', 'just under', 'a  b'])})")
    assert pattern.match("just under").group() == "just under"
    assert pattern.fullmatch("a \t b") and pattern.fullmatch("a.b") is None
    assert re.search(f"x(?:{alternation([])})", "x") is None  # no words: nothing matches
