"""Wire datelines: "KYIV, Ukraine (AP) —", "LONDON (Reuters) -", "Kyiv, Sept 28 (AP) —", "(Beirut) –" at the start
of a paragraph. The geoparser reads the town in one as where the story was filed; incident placing skips it."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from geomap.spans import Spans

_DATELINES = (
    re.compile(r"^[ \t]*[A-Z][A-Z’'.\- ]{2,}(?:,[ \t]*[A-Z][\w.’' \-]*){0,2}[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*"
               r"(?:—|–|--|-)[ \t]", re.MULTILINE),
    re.compile(r"^[ \t]*[A-Z][\w’'.\- ]{1,30}(?:,[ \t]*[\w.’' \-]+){0,2}[ \t]*\((?:Reuters|AP|AFP|dpa|DPA|"
               r"Bloomberg|UPI|TASS|Interfax|Xinhua|Ukrinform|RIA|CNN|BBC)\)[ \t]*(?:—|–|--|-)", re.MULTILINE),
    # Human Rights Watch and Amnesty releases: "(Kyiv) – Russian forces have ..."
    re.compile(r"^[ \t]*\([A-Z][\w’'.\- ]{1,30}\)[ \t]*(?:—|–|--|-)[ \t]", re.MULTILINE),
)

_NOT_BLANK = re.compile(r"\S")


@lru_cache(maxsize=64)
def dateline_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every dateline in ``text``, in order; remembered for the last texts asked about."""
    return tuple(sorted((m.start(), m.end()) for pattern in _DATELINES for m in pattern.finditer(text)))


@lru_cache(maxsize=64)
def _indexed(text: str) -> Spans:
    """The datelines for lookups by offset: a long text may hold thousands and ask about each of its words."""
    spans = dateline_spans(text)
    return Spans([a for a, _b in spans], [b for _a, b in spans])


def in_dateline(text: str, offset: int) -> bool:
    """Does some dateline cover ``offset``?"""
    return _indexed(text).covers(offset)


def opens_dateline(text: str, start: int) -> bool:
    """Is the word at ``start`` the first word of a dateline (the town it was filed from)?"""
    datelines = _indexed(text)
    starts, ends = datelines.starts, datelines.ends
    k = bisect_right(starts, start) - 1
    # Only a dateline with nothing but blanks before ``start`` opens there. An earlier one has all the text
    # of a later one before ``start`` and more, so the search stops at the first that is not blank.
    while k >= 0 and _NOT_BLANK.search(text, starts[k], start) is None:
        if ends[k] > start:
            return True
        k -= 1
    return False
