"""Text not shaped like news: one very long line without sentence ends.

No timings here (they depend on the machine; `python bench/run.py scaling` measures them). These tests check
that such a text reads as its parts do, and that no sentence any stage reads is longer than the cap.
"""

from __future__ import annotations

import pytest

from geomap.claims import check_distances
from geomap.events import extract_events
from geomap.sentences import split_sentences
from geomap.geoparse import parse_article
from geomap.geoparse.recognize import tokenize
from geomap.model import Article
from geomap.spans import MAX_SENTENCE_CHARS, Spans, sentence_cuts

# One report with no full stop, repeated: each copy names the same places and one distance.
UNIT = ("russian forces shelled Izium 120 km from Kharkiv overnight while officials in Kyiv said repairs near "
        "Zaporizhzhia would continue ")
LONG_BYTES = 300_000


@pytest.fixture(scope="module")
def long_line() -> tuple[str, int]:
    copies = LONG_BYTES // len(UNIT) + 1
    return UNIT * copies, copies


def _article(text: str) -> Article:
    return Article(id="long", text=text, date="2022-09-28")


def test_a_long_line_has_the_mentions_of_its_copies(gaz, long_line):
    text, copies = long_line
    one = parse_article(_article(UNIT), gaz)[0]
    many = parse_article(_article(text), gaz)[0]
    assert "\n" not in text and len(text) >= LONG_BYTES
    assert len(one) == 4
    assert len(many) == copies * len(one)
    # Every copy's mentions are the first copy's, in the same places of the copy.
    assert {(m.start % len(UNIT), m.end % len(UNIT) or len(UNIT), m.place.pid) for m in many} == \
        {(m.start, m.end, m.place.pid) for m in one}


def test_a_long_line_gives_incidents_and_claims_with_bounded_quotes(gaz, long_line):
    text, copies = long_line
    article = _article(text)
    events = extract_events([article], gaz)
    checks = check_distances([article], gaz)
    assert events and all(len(e.quote) <= MAX_SENTENCE_CHARS for e in events)
    assert len(checks) == copies * len(check_distances([_article(UNIT)], gaz))
    assert all(len(c.claim.quote) <= MAX_SENTENCE_CHARS for c in checks)


def test_sentence_splitting_caps_sentence_length(long_line):
    text, _copies = long_line
    sentences = split_sentences(text)
    assert len(sentences) > len(text) // MAX_SENTENCE_CHARS
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    # Cut at blanks: every piece is whole words, and together they keep every word of the text.
    assert all(text[s.end] == " " for s in sentences[:-1])
    assert " ".join(s.text for s in sentences).split() == text.split()


def test_the_geoparser_s_sentences_are_capped_too(long_line):
    text, _copies = long_line
    tokens = tokenize(text)
    spans: dict[int, tuple[int, int]] = {}
    for number, start, end in zip(tokens.sentences, tokens.starts, tokens.ends):
        spans[number] = (spans.get(number, (start, end))[0], end)
    assert len(spans) > len(text) // MAX_SENTENCE_CHARS
    assert max(end - start for start, end in spans.values()) <= MAX_SENTENCE_CHARS
    assert sorted(spans) == list(range(len(spans)))  # numbered in order, none skipped


def test_news_sentences_are_not_cut():
    sentence = ("Russian forces shelled Kharkiv overnight, " * 40).strip().rstrip(",") + "."
    assert len(sentence) < MAX_SENTENCE_CHARS
    assert [s.text for s in split_sentences(sentence + " " + sentence)] == [sentence, sentence]
    assert set(tokenize(sentence + " " + sentence).sentences) == {0, 1}


def test_a_cut_falls_at_the_last_blank_or_at_the_limit_when_there_is_none():
    assert sentence_cuts("abc def ghi", 0, 11, limit=8) == [7]
    assert sentence_cuts("x" * 25, 0, 25, limit=10) == [10, 20]
    assert sentence_cuts("short", 0, 5) == []


def test_spans_answer_by_offset():
    spans = Spans([0, 2, 10], [8, 4, 12])
    assert [spans.covers(k) for k in (0, 5, 8, 9, 10, 12)] == [True, True, False, False, True, False]
    assert list(spans.starting(1, 11)) == [1, 2]
    assert [spans.overlaps(*span) for span in ((8, 10), (7, 9), (9, 11), (12, 20))] == [False, True, True, False]
