"""Keeping work per article linear in its length: spans looked up by bisection.

A long article has tens of thousands of mentions, datelines or time expressions; a stage that asked "which of
them cover this offset?" or "which start in this sentence?" by scanning all of them did work quadratic in the
article's length. ``Spans`` answers both by bisection over the starts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate


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

