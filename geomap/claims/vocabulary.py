"""The distance-claims stage's words: number and hedge words, relation words, where a phrase ends, what an end
names.

Every word list an analyst may want to tune lives in ``data/claims.toml``; this module only reads it (once per
path), checks it and hands the stage frozen sets and tables. The patterns that use the words (word order,
punctuation, "between ... and ...") stay in the code that reads them, built with ``alternation``; the
tolerances stay in ``check.py``. A broken file is reported in one line that names it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geomap import kinds as place_kinds
from geomap.errors import InputError
from geomap.resources import DATA, load_toml

DEFAULT_PATH = DATA / "claims.toml"
# What a hedge does to a figure's tolerance: check.band gives each class its band ("exact" changes nothing).
HEDGE_CLASSES = ("approximate", "nearly", "just over", "lower bound", "upper bound", "exact")
COMPASS_LETTERS = "NSEW"


class VocabularyError(InputError):
    """The claims vocabulary file is missing or malformed."""


# eq=False: a vocabulary is hashed by identity, so the stage's compiled patterns can be cached per vocabulary.
@dataclass(frozen=True, slots=True, eq=False)
class Vocabulary:
    path: Path
    # [figures]
    number_words: dict[str, int]  # "twenty" -> 20
    fractions: dict[str, float]  # "half a" -> 0.5
    quantities: dict[str, tuple[float, float]]  # "hundreds of" -> (100, 999)
    hedges: dict[str, str]  # phrase -> one of HEDGE_CLASSES, in file order
    # [relations]
    directions: dict[str, str]  # compass word -> its letter: "north" -> "N"
    direction_leads: frozenset[str]
    compass_abbreviations: frozenset[str]  # lower case here; the text must write them in capitals
    prepositions: frozenset[str]
    edge: frozenset[str]  # the prepositions measured from a place's edge
    along: frozenset[str]
    across: frozenset[str]
    away: frozenset[str]
    apart: frozenset[str]
    separate: frozenset[str]
    inland: frozenset[str]
    capability: frozenset[str]
    zone_nouns: frozenset[str]
    zone_prepositions: frozenset[str]
    distance_verbs: frozenset[str]
    # [phrases]
    phrase_stops: frozenset[str]
    clause_starts: frozenset[str]
    verbs: frozenset[str]
    linking: frozenset[str]
    np_stops: frozenset[str]
    leading_words: frozenset[str]
    leading_preps: frozenset[str]
    relatives: frozenset[str]
    place_prepositions: frozenset[str]
    place_fillers: frozenset[str]
    named_after_comma: frozenset[str]
    # [ends]
    feature_nouns: dict[str, str]  # head noun -> place kind
    part_nouns: dict[str, str]  # part -> the kind of place it is part of
    subtypes: dict[str, str]  # word -> plant subtype
    town_nouns: frozenset[str]
    centre_nouns: frozenset[str]
    designators: frozenset[str]
    determiners: frozenset[str]
    located: frozenset[str]
    located_designators: frozenset[str]
    person_verbs: frozenset[str]
    border_nouns: frozenset[str]
    border_phrases: frozenset[str]
    coast_nouns: frozenset[str]
    river_nouns: frozenset[str]
    person_titles: frozenset[str]


# The word lists: field -> (table, key, single words only: those compared with one word of the text at a time).
_LISTS = {
    "direction_leads": ("relations", "direction_leads", False),
    "compass_abbreviations": ("relations", "compass_abbreviations", True),
    "prepositions": ("relations", "prepositions", False),
    "edge": ("relations", "edge", False),
    "along": ("relations", "along", False),
    "across": ("relations", "across", False),
    "away": ("relations", "away", False),
    "apart": ("relations", "apart", False),
    "separate": ("relations", "separate", True),
    "inland": ("relations", "inland", True),
    "capability": ("relations", "capability", True),
    "zone_nouns": ("relations", "zone_nouns", False),
    "zone_prepositions": ("relations", "zone_prepositions", False),
    "distance_verbs": ("relations", "distance_verbs", False),
    "phrase_stops": ("phrases", "stops", True),
    "clause_starts": ("phrases", "clause_starts", True),
    "verbs": ("phrases", "verbs", True),
    "linking": ("phrases", "linking", True),
    "np_stops": ("phrases", "np_stops", True),
    "leading_words": ("phrases", "leading_words", True),
    "leading_preps": ("phrases", "leading_preps", True),
    "relatives": ("phrases", "relatives", True),
    "place_prepositions": ("phrases", "prepositions", True),
    "place_fillers": ("phrases", "place_fillers", True),
    "named_after_comma": ("phrases", "named_after_comma", True),
    "town_nouns": ("ends", "town_nouns", True),
    "centre_nouns": ("ends", "centre_nouns", False),
    "designators": ("ends", "designators", True),
    "determiners": ("ends", "determiners", True),
    "located": ("ends", "located", False),
    "located_designators": ("ends", "located_designators", False),
    "person_verbs": ("ends", "person_verbs", False),
    "border_nouns": ("ends", "border_nouns", True),
    "border_phrases": ("ends", "border_phrases", False),
    "coast_nouns": ("ends", "coast_nouns", True),
    "river_nouns": ("ends", "river_nouns", True),
    "person_titles": ("ends", "person_titles", True),
}


# The tables of each section that are not plain word lists.
_TABLES = {"figures": ("number_words", "fractions", "quantities", "hedges"), "relations": ("directions",),
           "phrases": (), "ends": ("feature_nouns", "part_nouns", "subtypes")}


def load_vocabulary(path: str | Path | None = None) -> Vocabulary:
    """The vocabulary in ``path`` (default ``data/claims.toml``), read once per path."""
    return _load(Path(path) if path else DEFAULT_PATH)


@lru_cache(maxsize=8)
def _load(path: Path) -> Vocabulary:
    return load_toml(path, "the distance-claim vocabulary", VocabularyError, lambda data: _build(path, data))


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases``: each escaped, a space matching any run of white space, the longest
    first (so "just under" is tried before "just"). Wrap it in a group. No phrases: a pattern that never
    matches."""
    patterns = sorted({re.escape(p).replace(r"\ ", r"\s+") for p in phrases}, key=lambda p: (-len(p), p))
    return "|".join(patterns) if patterns else "(?!)"


def _phrase(value, where: str, single: bool = False) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where} must hold non-empty strings, not {value!r}")
    words = value.lower().split()
    if single and len(words) > 1:
        raise ValueError(f"{where}: {value!r} is not a single word")
    return " ".join(words)


def _phrases(value, where: str, single: bool = False) -> list[str]:
    if not isinstance(value, list):
        raise ValueError(f"{where} must be a list of strings")
    return [_phrase(v, where, single) for v in value]


def _words(value, where: str, single: bool) -> frozenset[str]:
    return frozenset(_phrases(value, where, single))


def _table(data: dict, key: str, where: str) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ValueError(f"{where} must be a table")
    return value


def _keyed(data: dict, table: str, key: str, single: bool, value_ok, wanted: str) -> dict:
    """The table ``[table] key`` with its keys as phrases (``single``: single words) and every value passing
    ``value_ok``; ``wanted`` says what a value must be."""
    where = f"[{table}.{key}]"
    out = {}
    for name, value in _table(_table(data, table, f"[{table}]"), key, where).items():
        if not value_ok(value):
            raise ValueError(f"{where} {name!r} = {value!r}: the value must be {wanted}")
        out[_phrase(name, where, single)] = value
    return out


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _place_kind(value) -> bool:
    return isinstance(value, str) and value in place_kinds.TABLE


def _hedges(data: dict) -> dict[str, str]:
    where = "[figures.hedges]"
    hedges: dict[str, str] = {}
    for kind, phrases in _table(_table(data, "figures", "[figures]"), "hedges", where).items():
        if kind not in HEDGE_CLASSES:
            raise ValueError(f"{where} {kind!r} is not a hedge class; use one of {', '.join(HEDGE_CLASSES)}")
        for phrase in _phrases(phrases, f"{where} {kind}"):
            if hedges.setdefault(phrase, kind) != kind:
                raise ValueError(f"{where} {phrase!r} is both {hedges[phrase]!r} and {kind!r}")
    return hedges


def _known_keys(data: dict) -> None:
    """A key geomap does not read is a misspelling, not a word list to ignore."""
    for key in data:
        if key != "schema" and key not in _TABLES:
            raise ValueError(f"{key!r} is not a table geomap reads; use {', '.join(_TABLES)}")
    for table, extra in _TABLES.items():
        known = {key for where, key, _single in _LISTS.values() if where == table} | set(extra)
        for key in _table(data, table, f"[{table}]"):
            if key not in known:
                raise ValueError(f"[{table}] {key!r} is not a list or table geomap reads; "
                                 f"use {', '.join(sorted(known))}")


def _build(path: Path, data: dict) -> Vocabulary:
    if data.get("schema", 1) != 1:
        raise ValueError(f"schema {data.get('schema')!r} is not one this geomap reads (1)")
    _known_keys(data)
    lists = {name: _words(_table(data, table, f"[{table}]").get(key), f"[{table}] {key}", single)
             for name, (table, key, single) in _LISTS.items()}
    extra = sorted(lists["edge"] - lists["prepositions"])
    if extra:
        raise ValueError(f"[relations] edge: {extra[0]!r} is not one of the prepositions")
    relations = _table(data, "relations", "[relations]")
    directions = {}
    for word, letter in _table(relations, "directions", "[relations] directions").items():
        if not isinstance(letter, str) or len(letter) != 1 or letter.upper() not in COMPASS_LETTERS:
            raise ValueError(f"[relations] directions: {word!r} = {letter!r}: the value must be one of N, S, E, W")
        directions[_phrase(word, "[relations] directions", single=True)] = letter.upper()
    numbers = _keyed(data, "figures", "number_words", True,
                     lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "a whole number from 0")
    spelled = [word for word in numbers if not word.isalpha()]
    if spelled:  # parse_number splits "twenty-five" at the hyphen
        raise ValueError(f"[figures.number_words] {spelled[0]!r} must be one word of letters only")
    kinds = ", ".join(place_kinds.TABLE)
    return Vocabulary(
        path=path, number_words=numbers,
        fractions={k: float(v) for k, v in _keyed(data, "figures", "fractions", False,
                                                  lambda v: _number(v) and v > 0, "a number above 0").items()},
        quantities={k: (v[0], v[1]) for k, v in _keyed(
            data, "figures", "quantities", False,
            lambda v: isinstance(v, list) and len(v) == 2 and all(map(_number, v)) and 0 < v[0] <= v[1],
            "[fewest, most], two numbers above 0").items()},
        hedges=_hedges(data), directions=directions,
        feature_nouns=_keyed(data, "ends", "feature_nouns", True, _place_kind, f"a place kind ({kinds})"),
        part_nouns=_keyed(data, "ends", "part_nouns", True, _place_kind, f"a place kind ({kinds})"),
        subtypes=_keyed(data, "ends", "subtypes", True, lambda v: isinstance(v, str) and v.strip(),
                        "a subtype name"),
        **lists)
