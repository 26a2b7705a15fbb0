"""The one sentence splitter: every stage (the geoparser's token numbering, incidents, distance claims) reads
the same sentences, with their character spans. Offsets are always offsets into the article text.

Full stops after abbreviations and initials ("Gen.", "approx.", "J. Smith") end no sentence; a blank line
always does; a single line break does after end punctuation or a short line (headlines, captions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geomap.spans import sentence_cuts

# Words whose trailing full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "maj", "rep", "sen", "gov", "prof", "jr",
    "sr", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc",
    "corp", "co", "ltd", "approx", "est", "mt", "ft", "adm", "cmdr", "rev", "fr", "pres", "dept", "univ",
}
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# Only from the first mark of a run: a run that does not end a sentence would otherwise be tried from each of
# its marks in turn, in time quadratic in its length ("......" with no capital after it). The pattern opens with
# the mark itself, the look back after it, so that the search skips to the next mark at once.
_END = re.compile(r"[.!?](?<![.!?][.!?])[.!?]*[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9À-ÖØ-Þ])")
_SHORT_LINE = 60  # a line shorter than this that ends a line is a headline, caption or list item


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, each with its span; blank lines always end a sentence."""
    sentences: list[Sentence] = []
    paragraph = 0
    for par_start, par_end in _blocks(text, _PARAGRAPH):
        for line_start, line_end in _lines(text, par_start, par_end):
            for start, end in _sentence_spans(text, line_start, line_end):
                chunk = text[start:end]
                if any(ch.isalpha() for ch in chunk):
                    sentences.append(Sentence(len(sentences), start, end, chunk, paragraph))
        paragraph += 1
    return sentences


def _blocks(text: str, separator: re.Pattern) -> list[tuple[int, int]]:
    spans, position = [], 0
    for match in separator.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Single line breaks inside a paragraph end a sentence only after end punctuation or a short line: hard-wrapped
    prose keeps its sentences whole, headlines and captions stand alone."""
    spans, line_start = [], start
    for match in re.finditer(r"\n", text[start:end]):
        cut = start + match.start()
        line = text[line_start:cut].strip()
        if line and (line[-1] in ".!?:\"”" or len(line) < _SHORT_LINE):
            spans.append((line_start, cut))
            line_start = cut + 1
    spans.append((line_start, end))
    return spans


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, position = [], start
    chunk = text[start:end]
    for match in _END.finditer(chunk):
        cut = start + match.end()
        single_stop = match.group().rstrip("\"”’')]") == "."
        if single_stop and _abbreviated(text, start + match.start()):
            continue
        spans.append((position, cut))
        position = cut
    spans.append((position, end))
    return [piece for a, b in spans if text[a:b].strip() for piece in _bounded(text, *_strip(text, a, b))]


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence, or its pieces when it is longer than ``spans.MAX_SENTENCE_CHARS`` (text without sentence
    ends): every rule reads within a sentence, so one without bound would read the whole article each time."""
    cuts = sentence_cuts(text, start, end)
    if not cuts:
        return [(start, end)]
    bounds = [start, *cuts, end]
    return [_strip(text, a, b) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def _abbreviated(text: str, dot: int) -> bool:
    """Does the full stop at ``dot`` close an abbreviation or an initial ("Mr.", "U.S.", "J. Smith")?"""
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].rstrip(".")
    last = word.rsplit(".", 1)[-1]
    return last.lower() in _ABBREVIATIONS or len(last) == 1


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
