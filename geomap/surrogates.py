"""Lone surrogates: the one thing a Python str can hold that no UTF-8 file, pipe or GDAL driver accepts.

They reach geomap through JSON escapes ("\\ud800"), through text streams decoded with surrogateescape, or
through API callers' own strings. The readers replace them so that articles are valid Unicode; the writers
replace them again so that a caller's rows can never make a write fail half-way.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
# A surrogate that is part of a well-formed pair never shows up in a Python str: the codecs and the JSON
# decoder join pairs into one code point, so any surrogate code point left in a str is a lone one.
_SURROGATE = re.compile("[\ud800-\udfff]")


def has_lone_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def replace_lone_surrogates(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD; ``text`` itself when it has none."""
    return _SURROGATE.sub(REPLACEMENT, text) if has_lone_surrogates(text) else text
