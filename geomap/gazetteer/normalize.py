"""Name keys: how a spelling in an article meets a spelling in the gazetteer.

Two keys per name:

* ``name_key``: ASCII, lower case, apostrophes dropped, hyphens and runs of spaces folded to one
  space. "Zaporizhzhia", "Запоріжжя" and "ZAPORIZHZHIA" differ only in script and case, so they
  share this key.
* ``skeleton``: the consonant frame of the ``name_key`` after folding the usual transliteration
  variants (kh/h, g/h, zh/z, ts/c, w/v, doubled letters). Kiev/Kyiv/Kyjiv, Kharkov/Kharkiv,
  Lugansk/Luhansk and Zaporozhye/Zaporizhzhia share a skeleton, so a reporter's spelling still
  finds the place; ranking then decides among the (many) places a skeleton can mean.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_APOSTROPHES = "'\u2019\u2018\u02bc\u02b9\u02bb\u0060\u00b4\u2032\u02c8\""
_DROP = re.compile(f"[{re.escape(_APOSTROPHES)}]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/.,;:()]+")
_NOT_KEY = re.compile(r"[^a-z0-9 ]+")

# Order matters: longer clusters first, so "shch" is not read as "sh" + "ch".
_CLUSTERS = (
    ("shch", "s"), ("sch", "s"), ("tch", "c"), ("sh", "s"), ("ch", "c"), ("zh", "z"),
    ("kh", "h"), ("ts", "c"), ("tz", "c"), ("cz", "c"), ("sz", "s"), ("ck", "k"),
    ("ph", "f"), ("th", "t"), ("dj", "d"), ("x", "ks"), ("w", "v"), ("g", "h"), ("q", "k"),
)
_VOWELS = re.compile(r"[aeiouyj]")
_REPEATS = re.compile(r"(.)\1+")


# The same folding for ASCII text in one pass: letters lower-cased, separators to spaces, the rest dropped.
_ASCII_FOLD = {c: (chr(c).lower() if chr(c).isalnum() else " " if _SEPARATORS.fullmatch(chr(c)) else None)
               for c in range(128)}


def spelling_key(text: str) -> str:
    """The lookup key for a spelling: ASCII, lower case, no apostrophes, single spaces.

    The index build calls this for a million spellings once each; lookups call ``name_key``, the same
    function with a memory, as news repeats its names.
    """
    if text.isascii():
        return " ".join(text.translate(_ASCII_FOLD).split())
    ascii_text = anyascii(unicodedata.normalize("NFC", text))
    ascii_text = _DROP.sub("", ascii_text).lower()
    ascii_text = _SEPARATORS.sub(" ", ascii_text)
    return " ".join(_NOT_KEY.sub("", ascii_text).split())


name_key = lru_cache(maxsize=262_144)(spelling_key)


def skeleton(key: str) -> str:
    """The transliteration-tolerant frame of a ``name_key`` (see the module docstring)."""
    words = []
    for word in key.split():
        for cluster, letter in _CLUSTERS:
            word = word.replace(cluster, letter)
        frame = _REPEATS.sub(r"\1", word[0] + _VOWELS.sub("", word[1:])) if word else ""
        # A word that is all vowels keeps its first letter, so "Ai" does not vanish.
        words.append(frame)
    return " ".join(w for w in words if w)
