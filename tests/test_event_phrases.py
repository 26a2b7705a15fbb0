"""The cue phrase language of data/events.toml: words, "..." gaps, "*" endings and "^" names."""

from geomap.events.phrases import PhraseIndex
from geomap.events.words import phrase_words, tokenize


def _found(phrase, text):
    index = PhraseIndex([(phrase_words(phrase), phrase)])
    tokens = tokenize(text)
    return [" ".join(t.norm for t in tokens[m.first:m.last]) for m in index.find(tokens)]


def test_a_name_mark_matches_one_capitalised_word():
    assert _found("destroyed ^", "Drone footage of destroyed Popasna") == ["destroyed popasna"]
    assert _found("destroyed ^", "the destroyed bridge") == []


def test_a_name_mark_skips_the_small_words_a_title_case_headline_capitalises():
    assert _found("destroyed ^", "Russian Tank Destroyed Near Kherson") == []


def test_gaps_and_endings():
    assert _found("pushed ... out of", "pushed Russian troops out of Kherson") == ["pushed russian troops out of"]
    assert _found("shell*", "shelling and shells") == ["shelling", "shells"]


def test_a_count_may_open_a_phrase():
    assert _found("# victims", "there were three victims each in Kryvyi Rih and 12 victims in Dnipro") == [
        "three victims", "12 victims"]
    assert _found("# victims", "the victims were named") == []
