"""Stated distances as figures: "about 250 miles", "10-15 km", "hundreds of meters", "a 300-yard".

A figure is a number (digits, words, "a", "half a"), a range or a vague quantity ("a few", "dozens of"),
then a length unit, with the hedge words before it. Whether the figure is a distance *between two
things* is the extractor's question, not this module's: "a 40-mile convoy" is a figure here too.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from geomap import units

SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
         "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000}
# Vague quantities and the number of units each allows: "a few" miles is 2 to 9 miles, "dozens of" 24 to 99.
QUANTITIES = {"a few": (2, 9), "several": (3, 9), "a couple of": (2, 3), "a couple": (2, 3), "a dozen": (10, 15),
              "tens of": (10, 99), "dozens of": (24, 99), "hundreds of": (100, 999), "thousands of": (1000, 9999)}
# Fractions of one unit, written before a singular unit: "half a mile", "a kilometre".
FRACTIONS = {"a": 1.0, "an": 1.0, "one": 1.0, "half a": 0.5, "half an": 0.5, "a half": 0.5, "a quarter of a": 0.25,
             "a quarter": 0.25, "three quarters of a": 0.75, "three-quarters of a": 0.75}

# Hedge words by what they do to the tolerance. Longest first in the pattern, so "just under" beats "just".
HEDGES = {
    "approximate": ("about", "around", "roughly", "approximately", "approx.", "some", "an estimated", "estimated",
                    "circa", "just about", "or so", "more or less", "give or take"),
    "nearly": ("nearly", "almost", "just under", "close to", "not quite", "just shy of", "barely", "a little under",
               "a little less than", "slightly less than", "just below", "just short of"),
    "just over": ("just over", "a little over", "a little more than", "slightly more than", "just beyond",
                  "slightly over"),
    "lower bound": ("more than", "over", "at least", "upwards of", "in excess of", "well over", "no less than",
                    "further than", "farther than", "well beyond", "beyond"),
    "upper bound": ("less than", "under", "within", "up to", "at most", "no more than", "no further than",
                    "as close as", "as little as", "inside", "fewer than", "only within", "well within"),
    "exact": ("just", "only", "a mere", "mere", "merely", "exactly", "precisely", "barely more than"),
}
HEDGE_CLASS = {phrase: kind for kind, phrases in HEDGES.items() for phrase in phrases}

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = "|".join(sorted([*SMALL, *SCALES], key=len, reverse=True))
# "and" joins number words only after a scale word: "two hundred and fifty", never "two and three".
# At most ``_MAX_NUMBER_WORDS`` in a row, more than "nine hundred and ninety-nine thousand nine hundred and
# ninety-nine" needs: a long run of number words was otherwise tried from each word to its end (quadratic).
_MAX_NUMBER_WORDS = 12
_WORDS = (rf"(?:an?\s+(?=hundred|thousand))?(?:{_WORD})"
          rf"(?:[\s-]+(?:{_WORD})|(?:(?<=hundred)|(?<=thousand))\s+and\s+(?:{_WORD})){{0,{_MAX_NUMBER_WORDS - 1}}}"
          r"(?:\s+and\s+a\s+half)?")
_NUMBER = rf"(?:{_DIGITS}|(?<![\w-])(?:{_WORDS})(?![\w]))"
_QUANTITY = (r"(?:a\s+few|several|a\s+couple(?:\s+of)?|a\s+dozen|tens\s+of|dozens\s+of|hundreds\s+of|thousands\s+of)"
             r"(?:\s+(?:hundred|thousand|dozen))?")
_FRACTION = "|".join(sorted((f.replace(" ", r"\s+") for f in FRACTIONS), key=len, reverse=True))
_UNIT_WORDS = sorted((re.escape(s).replace(r"\ ", r"\s+") for s in units.SPELLINGS), key=len, reverse=True)
_UNIT = "(?:" + "|".join(_UNIT_WORDS) + r")(?![\w²³/])"  # not km², km/h
_HEDGE = "|".join(sorted((re.escape(h).replace(r"\ ", r"\s+") for h in HEDGE_CLASS), key=len, reverse=True))
_DASH = r"(?:\s*[-–—]\s*|\s+to\s+|\s+or\s+)"

FIGURE = re.compile(
    rf"(?<![\w$£€¥.,])"
    rf"(?P<hedge>(?:(?:{_HEDGE})\s+){{0,2}})"
    rf"(?:between\s+(?P<b1>{_NUMBER})\s+and\s+(?P<b2>{_NUMBER})"
    rf"|(?P<r1>{_NUMBER})(?:\s*(?P<u1>{_UNIT}))?{_DASH}(?P<r2>{_NUMBER})"
    rf"|(?P<quantity>{_QUANTITY})"
    rf"|(?P<number>{_NUMBER})"
    rf"|(?P<fraction>(?<![\w-])(?:{_FRACTION})))"
    rf"(?P<sep>\s*-\s*|\s+|(?<=\d))"
    rf"(?P<unit>{_UNIT})",
    re.IGNORECASE,
)
# The same distance in a second unit: "300 miles (483 km)", "300 miles, or 483 km,".
_AGAIN = re.compile(rf"\s*\(\s*(?:(?:{_HEDGE})\s+)?(?:{_DIGITS})(?:{_DASH}(?:{_DIGITS}))?\s*-?\s*{_UNIT}\s*\)"
                    rf"|,?\s+or\s+(?:(?:{_HEDGE})\s+)?(?:{_DIGITS})\s*-?\s*{_UNIT},?", re.IGNORECASE)
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
    """'1,250' -> 1250; 'twenty-five' -> 25; 'two hundred and fifty' -> 250; 'one and a half' -> 1.5."""
    text = text.strip().lower()
    if text[0].isdigit():
        return float(text.replace(",", ""))
    total, current = 0.0, 0.0
    half = text.endswith("and a half")
    if half:
        text = text[: -len("and a half")]
    for word in re.split(r"[\s-]+", text):
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current = max(current, 1.0)
        elif word in SMALL:
            current += SMALL[word]
        elif word == "hundred":
            current = max(current, 1.0) * 100
        elif word == "thousand":
            total += max(current, 1.0) * 1000
            current = 0.0
    return total + current + (0.5 if half else 0.0)


def hedge_class(hedge: str) -> set[str]:
    """What a (possibly stacked) hedge does: {'approximate'}, {'upper bound', 'approximate'}, set()."""
    found = set()
    rest = hedge
    while rest:
        for phrase in sorted(HEDGE_CLASS, key=len, reverse=True):
            if rest == phrase or rest.startswith(phrase + " "):
                found.add(HEDGE_CLASS[phrase])
                rest = rest[len(phrase):].strip()
                break
        else:
            break
    return found


def _quantity(text: str) -> tuple[str, float, float]:
    words = " ".join(text.lower().split())
    scale = 1.0
    for word, size in (("hundred", 100.0), ("thousand", 1000.0), ("dozen", 12.0)):
        if words.endswith(" " + word) and words != "a dozen":
            words, scale = words[: -len(word) - 1], size
    low, high = QUANTITIES[words]
    return words if scale == 1.0 else f"{words} {text.lower().split()[-1]}", low * scale, high * scale


def find_figures(text: str) -> list[Figure]:
    """Every length figure in ``text``, in order; money ("£3m") and areas ("30 sq km") are not lengths."""
    figures: list[Figure] = []
    for match in FIGURE.finditer(text):
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
            quantity, value, value_max = _quantity(match.group("quantity"))
        elif match.group("number"):
            value = parse_number(match.group("number"))
        else:
            fraction = " ".join(match.group("fraction").lower().split())
            if match.group("sep").strip() or unit_word.lower().endswith("s"):
                continue  # "a" counts only before a singular unit: "a mile", not "a miles"
            value = FRACTIONS[fraction]
        if value_max is not None and value_max < value:
            continue  # "15-10 km" is not a range
        if not _terrestrial(value_max if value_max is not None else value, unit):
            continue
        if value_max == value:
            value_max = None
        end = match.end()
        again = _AGAIN.match(text, end)
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
