"""Stated distances as figures: "about 250 miles", "10-15 km", "hundreds of meters", "a 300-yard".

A figure is a number (digits, words, "a", "half a"), a range or a vague quantity ("a few", "dozens of"),
then a length unit, with the hedge words before it. Whether the figure is a distance *between two
things* is the extractor's question, not this module's: "a 40-mile convoy" is a figure here too.
The number words, fractions, vague quantities and hedge words are data, in ``data/claims.toml`` [figures].
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from geomap import units
from geomap.claims.vocabulary import Vocabulary, alternation, load_vocabulary

# Scale words are arithmetic, not vocabulary: "hundred" multiplies the number words before it, "thousand" closes
# them ("two hundred and fifty thousand"). The number words themselves are in data/claims.toml.
SCALES = {"hundred": 100, "thousand": 1000}
# What may multiply a vague quantity: "a few hundred", "hundreds of thousands of", "a few dozen".
QUANTITY_SCALES = {"hundred": 100.0, "thousand": 1000.0, "dozen": 12.0}

# "1/2 mile" is a half, not 2: a slash fraction is tried before the plain digits it starts with.
_DIGITS = r"[1-9]\d?/[1-9]\d?(?![\d/])|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# At most ``_MAX_NUMBER_WORDS`` in a row, more than "nine hundred and ninety-nine thousand nine hundred and
# ninety-nine" needs: a long run of number words was otherwise tried from each word to its end (quadratic).
_MAX_NUMBER_WORDS = 12
_UNIT_WORDS = sorted((re.escape(s).replace(r"\ ", r"\s+") for s in units.SPELLINGS), key=len, reverse=True)
_UNIT = "(?:" + "|".join(_UNIT_WORDS) + r")(?![\w²³/])"  # not km², km/h
_DASH = r"(?:\s*[-–—]\s*|\s+to\s+|\s+or\s+)"


@dataclass(frozen=True, slots=True)
class _Patterns:
    figure: re.Pattern
    again: re.Pattern  # the same distance in a second unit: "300 miles (483 km)", "300 miles, or 483 km,"
    hedges: tuple[str, ...]  # the hedge phrases, longest first


@lru_cache(maxsize=4)
def _patterns(vocab: Vocabulary) -> _Patterns:
    """The figure patterns with one vocabulary's number, quantity, fraction and hedge vocab."""
    word = alternation([*vocab.number_words, *SCALES])
    # "and" joins number words only after a scale word: "two hundred and fifty", never "two and three".
    spelled = (rf"(?:an?\s+(?=hundred|thousand))?(?:{word})"
               rf"(?:[\s-]+(?:{word})|(?:(?<=hundred)|(?<=thousand))\s+and\s+(?:{word})){{0,{_MAX_NUMBER_WORDS - 1}}}"
               r"(?:\s+and\s+a\s+half)?")
    number = rf"(?:{_DIGITS}|(?<![\w-])(?:{spelled})(?![\w]))"
    quantity = rf"(?:{alternation(vocab.quantities)})(?:\s+(?:{alternation(QUANTITY_SCALES)}))?"
    hedge = alternation(vocab.hedges)
    figure = re.compile(
        rf"(?<![\w$£€¥.,/])"
        rf"(?P<hedge>(?:(?:{hedge})\s+){{0,2}})"
        rf"(?:between\s+(?P<b1>{number})\s+and\s+(?P<b2>{number})"
        rf"|(?P<r1>{number})(?:\s*(?P<u1>{_UNIT}))?{_DASH}(?P<r2>{number})"
        rf"|(?P<quantity>{quantity})"
        rf"|(?P<number>{number})"
        rf"|(?P<fraction>(?<![\w-])(?:{alternation(vocab.fractions)})))"
        rf"(?P<sep>\s*-\s*|\s+|(?<=\d))"
        rf"(?P<unit>{_UNIT})",
        re.IGNORECASE,
    )
    again = re.compile(rf"\s*\(\s*(?:(?:{hedge})\s+)?(?:{_DIGITS})(?:{_DASH}(?:{_DIGITS}))?\s*-?\s*{_UNIT}\s*\)"
                       rf"|,?\s+or\s+(?:(?:{hedge})\s+)?(?:{_DIGITS})\s*-?\s*{_UNIT},?", re.IGNORECASE)
    return _Patterns(figure, again, tuple(sorted(vocab.hedges, key=len, reverse=True)))


_OR_SO = re.compile(r"\s+or\s+so\b", re.IGNORECASE)
# No two points on Earth are more than about 20,000 km apart; a figure past ten million kilometres is a number
# run wild (or typed to break things: 401 digits parse to Infinity, which no geometry survives), not a claim.
# The margin keeps any six-digit figure of the longest unit, 999,999 nautical miles, a figure.
MAX_METRES = 1e10


@dataclass(frozen=True, slots=True)
class Figure:
    start: int
    end: int  # past the unit, a repeated figure in another unit and a trailing "or so"
    value: float
    value_max: float | None
    unit: str  # units.METRES key
    hedge: str  # "" or the hedge words as written, lower case: "about", "just", "within about"
    quantity: str  # "" or the vague quantity: "hundreds of", "a few"
    adjective: bool  # "a 300-yard ...": the figure qualifies a noun


def parse_number(text: str) -> float:
    """'1,250' -> 1250; '1/2' -> 0.5; 'twenty-five' -> 25; 'two hundred and fifty' -> 250; 'one and a half' -> 1.5."""
    text = text.strip().lower()
    if "/" in text:
        numerator, denominator = text.split("/")
        return float(numerator) / float(denominator)
    if text[0].isdigit():
        return float(text.replace(",", ""))
    total, current = 0.0, 0.0
    number_words = load_vocabulary().number_words
    half = text.endswith("and a half")
    if half:
        text = text[: -len("and a half")]
    for word in re.split(r"[\s-]+", text):
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current = max(current, 1.0)
        elif word in number_words:
            current += number_words[word]
        elif word == "hundred":
            current = max(current, 1.0) * 100
        elif word == "thousand":
            total += max(current, 1.0) * 1000
            current = 0.0
    return total + current + (0.5 if half else 0.0)


def hedge_class(hedge: str) -> set[str]:
    """What a (possibly stacked) hedge does: {'approximate'}, {'upper bound', 'approximate'}, set()."""
    vocab = load_vocabulary()
    found = set()
    rest = hedge
    while rest:
        for phrase in _patterns(vocab).hedges:
            if rest == phrase or rest.startswith(phrase + " "):
                found.add(vocab.hedges[phrase])
                rest = rest[len(phrase):].strip()
                break
        else:
            break
    return found


def _quantity(text: str, quantities: dict[str, tuple[float, float]]) -> tuple[str, float, float]:
    words = " ".join(text.lower().split())
    scale = 1.0
    for word, size in QUANTITY_SCALES.items():
        if words.endswith(" " + word) and words not in quantities:  # "a dozen" is a quantity of its own
            words, scale = words[: -len(word) - 1], size
    low, high = quantities[words]
    return words if scale == 1.0 else f"{words} {text.lower().split()[-1]}", low * scale, high * scale


def find_figures(text: str) -> list[Figure]:
    """Every length figure in ``text``, in order; money ("£3m") and areas ("30 sq km") are not lengths."""
    vocab = load_vocabulary()
    patterns = _patterns(vocab)
    figures: list[Figure] = []
    for match in patterns.figure.finditer(text):
        if figures and match.start() < figures[-1].end:
            continue  # the second half of "300 miles (483 km)"
        unit_word = match.group("unit")
        if unit_word == "M" or _is_area(text, match.start("unit")):
            continue
        unit = units.unit_of(" ".join(unit_word.split()))
        hedge = " ".join(match.group("hedge").lower().split())
        value_max = None
        quantity = ""
        if match.group("b1"):
            value, value_max = parse_number(match.group("b1")), parse_number(match.group("b2"))
        elif match.group("r1"):
            value, value_max = parse_number(match.group("r1")), parse_number(match.group("r2"))
            first_unit = match.group("u1")
            if first_unit and units.unit_of(" ".join(first_unit.split())) != unit:
                # "300 miles or 483 km": one distance given twice; the first figure is the claim.
                value_max, unit = None, units.unit_of(" ".join(first_unit.split()))
        elif match.group("quantity"):
            quantity, value, value_max = _quantity(match.group("quantity"), vocab.quantities)
        elif match.group("number"):
            value = parse_number(match.group("number"))
        else:
            fraction = " ".join(match.group("fraction").lower().split())
            if match.group("sep").strip() or unit_word.lower().endswith("s"):
                continue  # "a" counts only before a singular unit: "a mile", not "a miles"
            value = vocab.fractions[fraction]
        if value_max is not None and value_max < value:
            continue  # "15-10 km" is not a range
        if not _terrestrial(value_max if value_max is not None else value, unit):
            continue
        if value_max == value:
            value_max = None
        end = match.end()
        again = patterns.again.match(text, end)
        if again:
            end = again.end()
        or_so = _OR_SO.match(text, end)
        if or_so:
            end = or_so.end()
            if "approximate" not in hedge_class(hedge):
                hedge = f"{hedge} or so".strip()
        figures.append(Figure(match.start(), end, value, value_max, unit, hedge, quantity,
                              adjective="-" in match.group("sep")))
    return figures


def _terrestrial(value: float, unit: str) -> bool:
    return math.isfinite(value) and units.to_metres(value, unit) <= MAX_METRES


def _is_area(text: str, unit_start: int) -> bool:
    before = text[max(0, unit_start - 8):unit_start].lower()
    return "square" in before or "sq " in before or "sq." in before or "cubic" in before
