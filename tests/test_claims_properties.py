"""Properties of unit conversion, figure reading and tolerance bands, for any figure.

The unit sizes asserted are the legal definitions (international yard and pound, 1959; international
nautical mile, 1929), not geomap's own table read back.
"""

import math

from hypothesis import given
from hypothesis import strategies as st

from geomap import units
from geomap.claims.check import band
from geomap.claims.figures import find_figures

DEFINED_METRES = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "nmi": 1852.0, "yd": 0.9144, "ft": 0.3048}
UNIT_CODES = sorted(DEFINED_METRES)
figures = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
unit_codes = st.sampled_from(UNIT_CODES)
HEDGES_BY_CLASS = ["", "about", "some", "roughly", "nearly", "just over", "more than", "less than", "within",
                   "just"]


def test_unit_sizes_are_the_legal_definitions():
    for unit, metres in DEFINED_METRES.items():
        assert math.isclose(units.to_metres(1, unit), metres, rel_tol=1e-12)


@given(figures, unit_codes)
def test_conversion_round_trips(value, unit):
    assert math.isclose(units.from_metres(units.to_metres(value, unit), unit), value, rel_tol=1e-12)


@given(figures, unit_codes, unit_codes)
def test_conversion_between_units_goes_through_the_definitions(value, a, b):
    converted = units.from_metres(units.to_metres(value, a), b)
    assert math.isclose(converted, value * DEFINED_METRES[a] / DEFINED_METRES[b], rel_tol=1e-9)


@given(st.integers(min_value=1, max_value=999_999), st.sampled_from(sorted(units.SPELLINGS)))
def test_a_written_figure_reads_back(number, spelling):
    text = f"The town lies {number:,} {spelling} from the river."
    found = find_figures(text)
    assert len(found) == 1
    assert found[0].value == number and found[0].unit == units.unit_of(spelling)


_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _words(n: int) -> str:
    """English words for 1..999, written independently of the code under test."""
    parts = []
    if n >= 100:
        parts.append(f"{_ONES[n // 100]} hundred")
        n %= 100
        if n:
            parts.append("and")
    if n >= 20:
        parts.append(_TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else ""))
    elif n:
        parts.append(_ONES[n])
    return " ".join(parts)


@given(st.integers(min_value=1, max_value=999))
def test_number_words_read_back(number):
    found = find_figures(f"Shelling was reported {_words(number)} kilometres from the plant.")
    assert [(f.value, f.unit) for f in found] == [(number, "km")]


@given(figures, figures, unit_codes, st.sampled_from(HEDGES_BY_CLASS))
def test_a_larger_figure_never_allows_smaller_distances(a, b, unit, hedge):
    small, large = sorted((a, b))
    low_small, high_small = band(small, None, unit, hedge)
    low_large, high_large = band(large, None, unit, hedge)
    assert low_small <= low_large and high_small <= high_large


@given(figures, unit_codes, st.sampled_from(HEDGES_BY_CLASS))
def test_the_band_holds_the_figure(value, unit, hedge):
    low, high = band(value, None, unit, hedge)
    stated = units.to_metres(value, unit)
    assert low <= stated * (1 + 1e-12) and stated <= high * (1 + 1e-12)


@given(figures, unit_codes)
def test_hedges_widen_or_bound_the_bare_band(value, unit):
    bare = band(value, None, unit)
    for word in ("about", "some", "roughly", "around", "approximately"):
        low, high = band(value, None, unit, word)
        assert low <= bare[0] and high >= bare[1]
    more = band(value, None, unit, "more than")
    assert math.isclose(more[0], units.to_metres(value, unit)) and math.isinf(more[1])
    for word in ("less than", "within"):
        low, high = band(value, None, unit, word)
        assert low == 0 and math.isclose(high, units.to_metres(value, unit))
    nearly = band(value, None, unit, "nearly")
    assert nearly[0] < nearly[1] and math.isclose(nearly[1], units.to_metres(value, unit))


@given(figures, figures, unit_codes, st.sampled_from(["", "about"]))
def test_a_range_spans_its_ends(a, b, unit, hedge):
    low_value, high_value = sorted((a, b))
    low, high = band(low_value, high_value, unit, hedge)
    assert low <= units.to_metres(low_value, unit) and high >= units.to_metres(high_value, unit)
    # A range allows what its lower figure allows at the bottom and its upper figure at the top.
    assert low == band(low_value, None, unit, hedge)[0] and high == band(high_value, None, unit, hedge)[1]


def test_vague_quantities_are_their_own_span():
    assert band(100, 999, "m", "", "hundreds of") == (100.0, 999.0)
    assert band(2, 9, "km", "", "a few") == (2000.0, 9000.0)
    assert band(24, 99, "km", "within", "dozens of") == (0.0, 99_000.0)
