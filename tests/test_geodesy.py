import math

import numpy as np
import pytest
from hypothesis import given, strategies as st

from geomap import geodesy
from tests.conftest import haversine_km


def test_known_distance_kyiv_lviv():
    metres, bearing = geodesy.inverse(50.4501, 30.5234, 49.8397, 24.0297)
    assert float(metres) / 1000 == pytest.approx(468, abs=5)  # published road-atlas figure: ~468 km
    assert geodesy.compass(float(bearing), 8) == "W"


def test_vectorised_over_arrays():
    lat = np.array([50.0, 51.0, 52.0])
    metres, _ = geodesy.inverse(lat, 30.0, lat + 1.0, 30.0)
    assert metres.shape == (3,)
    assert np.all(np.abs(metres - 111_000) < 1_000)


@pytest.mark.parametrize("bearing, word", [(0, "N"), (44, "NE"), (90, "E"), (181, "S"), (270, "W"), (359, "N"),
                                           (22.5, "NNE"), (315, "NW")])
def test_compass_words(bearing, word):
    assert geodesy.compass(bearing) == word


@given(st.floats(-80, 80), st.floats(-179, 179), st.floats(0, 359.9), st.floats(10, 2_000_000))
def test_destination_then_inverse_round_trips(lat, lon, bearing, distance):
    lat2, lon2 = geodesy.destination(lat, lon, bearing, distance)
    metres, _ = geodesy.inverse(lat, lon, float(lat2), float(lon2))
    assert float(metres) == pytest.approx(distance, rel=1e-6, abs=1e-3)


def test_ring_has_the_stated_radius():
    ring = geodesy.ring(47.81, 31.22, 200.0, 400.0)
    outer = ring.exterior.coords[0]
    assert haversine_km((47.81, 31.22), (outer[1], outer[0])) == pytest.approx(0.4, abs=0.01)
    assert len(ring.interiors) == 1
    sector = geodesy.ring(47.5, 34.6, 0, 10_000, start_deg=225, end_deg=315)
    assert sector.is_valid and sector.area > 0


def test_angle_between():
    assert geodesy.angle_between(350, 10) == 20
    assert geodesy.angle_between(90, 270) == 180
    assert math.isclose(geodesy.angle_between(45, 45), 0)
