"""Keeping work per article linear in its length: spans looked up by bisection, and a bound on sentences.

A long article has tens of thousands of mentions, datelines or time expressions; a stage that asked "which of
them cover this offset?" or "which start in this sentence?" by scanning all of them did work quadratic in the
article's length. ``Spans`` answers both by bisection over the starts.

A text with no sentence ends (a feed that lost its full stops, a page flattened onto one line) would be one
sentence, and every rule that looks across a sentence would look across the whole text. ``sentence_cuts``
splits a "sentence" longer than ``MAX_SENTENCE_CHARS`` at whitespace; news sentences are far shorter (the
longest in the seeds and the eval corpora is 476 characters), so their reading does not change.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate

MAX_SENTENCE_CHARS = 2000
_BLANKS = (" ", "\n", "\t")


class Spans:
    """(start, end) offsets sorted by start, as two parallel lists; overlaps allowed."""

    __slots__ = ("starts", "ends", "_reach")

    def __init__(self, starts: list[int], ends: list[int]):
        self.starts, self.ends = starts, ends
        self._reach = list(accumulate(ends, max))  # the furthest end of each span and all before it

    def covers(self, offset: int) -> bool:
        """Does some span hold ``offset`` (start <= offset < end)?"""
        k = bisect_right(self.starts, offset) - 1
        return k >= 0 and self._reach[k] > offset

    def overlaps(self, lo: int, hi: int) -> bool:
        """Does some span share a character with ``[lo, hi)``?"""
        return self.covers(lo) or bool(self.starting(lo, hi))

    def starting(self, lo: int, hi: int) -> range:
        """Indices of the spans that start at ``lo`` or later and before ``hi``, in order."""
        return range(bisect_left(self.starts, lo), bisect_left(self.starts, hi))


def sentence_cuts(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> list[int]:
    """Offsets that cut ``text[start:end]`` into pieces of at most ``limit`` characters, each cut at the last
    whitespace within reach (inside a word only where a whole piece has none); [] for a short span."""
    cuts = []
    while end - start > limit:
        blank = max(text.rfind(b, start + 1, start + limit + 1) for b in _BLANKS)
        start = blank if blank > start else start + limit
        cuts.append(start)
    return cuts
