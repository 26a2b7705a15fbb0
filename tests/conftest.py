"""Shared fixtures: one gazetteer per test session (it is built once into the user cache by `make test`)."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Independent of geomap's own geodesy, so tests do not check the code with itself."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


@pytest.fixture(scope="session")
def gaz():
    import geomap

    return geomap.gazetteer()


def run_cli(*args: str, stdin: str | None = None, check: bool = False) -> subprocess.CompletedProcess:
    """Run the installed `geomap` console script as a user would."""
    exe = Path(sys.executable).with_name("geomap")
    proc = subprocess.run([str(exe), *args], input=stdin, capture_output=True, text=True,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, cwd=ROOT)
    if check and proc.returncode != 0:
        raise AssertionError(f"geomap {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc
