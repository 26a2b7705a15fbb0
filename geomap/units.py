"""Length units as articles write them, and their size in metres (taken from geopy, not retyped here): the
one table every stage and writer converts with."""

from __future__ import annotations

from geopy import units as geopy_units

# Metres in one of each unit. geopy has no yard; a yard is three feet by definition.
METRES = {
    "m": 1.0,
    "km": geopy_units.meters(kilometers=1),
    "mi": geopy_units.meters(miles=1),
    "nmi": geopy_units.meters(nautical=1),
    "ft": geopy_units.meters(feet=1),
    "yd": geopy_units.meters(feet=3),
}
NAMES = {"m": "metres", "km": "kilometres", "mi": "miles", "nmi": "nautical miles", "ft": "feet", "yd": "yards"}

# Every spelling the extractor accepts, longest first so "nautical miles" wins over "miles".
SPELLINGS = {
    "nautical miles": "nmi", "nautical mile": "nmi", "nmi": "nmi",
    "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "kms": "km", "km": "km",
    "metres": "m", "meters": "m", "metre": "m", "meter": "m", "m": "m",
    "miles": "mi", "mile": "mi", "mi": "mi",
    "yards": "yd", "yard": "yd", "yds": "yd", "yd": "yd",
    "feet": "ft", "foot": "ft", "ft": "ft",
}

# The units a writer or an editor may have mixed up with the stated one: a converted figure that kept
# the number but not the unit.
CONFUSABLE = {
    "mi": ("km", "nmi"),
    "km": ("mi", "nmi"),
    "nmi": ("km", "mi"),
    "m": ("yd", "ft"),
    "yd": ("m", "ft"),
    "ft": ("m", "yd"),
}


def unit_of(spelling: str) -> str:
    """'Kilometres' -> 'km'; KeyError for a word that is not a length unit."""
    return SPELLINGS[spelling.lower()]


def to_metres(value: float, unit: str) -> float:
    return value * METRES[unit]


def from_metres(metres: float, unit: str) -> float:
    return metres / METRES[unit]
