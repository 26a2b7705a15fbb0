"""Wire datelines: "KYIV, Ukraine (AP) —", "LONDON (Reuters) -", "Kyiv, Sept 28 (AP) —" at the start of a
paragraph. The geoparser reads the town in one as where the story was filed; incident placing skips it."""

from __future__ import annotations

import re
from functools import lru_cache

_DATELINES = (
    re.compile(r"^[ \t]*[A-Z][A-Z’'.\- ]{2,}(?:,[ \t]*[A-Z][\w.’' \-]*){0,2}[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*"
               r"(?:—|–|--|-)[ \t]", re.MULTILINE),
    re.compile(r"^[ \t]*[A-Z][\w’'.\- ]{1,30}(?:,[ \t]*[\w.’' \-]+){0,2}[ \t]*\((?:Reuters|AP|AFP|dpa|DPA|"
               r"Bloomberg|UPI|TASS|Interfax|Xinhua|Ukrinform|RIA|CNN|BBC)\)[ \t]*(?:—|–|--|-)", re.MULTILINE),
)


@lru_cache(maxsize=64)
def dateline_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every dateline in ``text``, in order; remembered for the last texts asked about."""
    return tuple(sorted((m.start(), m.end()) for pattern in _DATELINES for m in pattern.finditer(text)))


def opens_dateline(text: str, start: int) -> bool:
    """Is the word at ``start`` the first word of a dateline (the town it was filed from)?"""
    return any(a <= start < b and not text[a:start].strip() for a, b in dateline_spans(text))
