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


def valid_unicode(text: str) -> bool:
    """Text every UTF-8 writer can carry: no lone surrogates."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@pytest.fixture(scope="session")
def gaz():
    import geomap

    return geomap.open_gazetteer()


def run_cli(*args: str, stdin: str | None = None, check: bool = False) -> subprocess.CompletedProcess:
    """Run the installed `geomap` console script as a user would."""
    exe = Path(sys.executable).with_name("geomap")
    proc = subprocess.run([str(exe), *args], input=stdin, capture_output=True, text=True,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, cwd=ROOT)
    if check and proc.returncode != 0:
        raise AssertionError(f"geomap {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc


def text_layer(texts: list[str], *, ids: list[str] | None = None, scores: list[float] | None = None):
    """A mentions layer whose article-derived cells (id, text, reason) hold the given strings: how the writer
    tests put any text through every format. Points are distinct and finite."""
    from shapely.geometry import Point

    from geomap.frame import MENTION_COLUMNS, Layer

    rows, geoms = [], []
    for i, text in enumerate(texts):
        row = {name: None for name, _type in MENTION_COLUMNS}
        row.update(id=ids[i] if ids else f"doc:{i}-{i + 1}", doc="doc", start=i, end=i + 1, text=text, reason=text,
                   lat=50.0, lon=30.0 + i / 100, score=scores[i] if scores else 0.5)
        rows.append(row)
        geoms.append(Point(30.0 + i / 100, 50.0))
    return Layer("mentions", MENTION_COLUMNS, rows, geoms)


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON (RFC 8259)")


def features_in(path: Path, layer: str | None = None) -> list[dict]:
    """The features of a file geomap wrote, read back by a strict parser of its format (JSON without NaN or
    Infinity, the csv module, xml.etree, GDAL, Arrow): a list of property dicts, one a feature. ``layer``
    names one of a GeoPackage's layers; a KML file gives the placemarks of all its folders."""
    import csv
    import json
    import xml.etree.ElementTree as ET

    from geomap.writers import format_of

    fmt = format_of(path)
    if fmt in ("geojson", "geojsonl", "geojsons"):
        text = path.read_bytes().decode("utf-8")  # strict: a lone surrogate or bad byte fails here
        if fmt == "geojson":
            return [f["properties"] for f in json.loads(text, parse_constant=_no_constant)["features"]]
        separator = "\x1e" if fmt == "geojsons" else "\n"  # not splitlines: U+2028 may stand in a JSON string
        return [json.loads(part, parse_constant=_no_constant)["properties"]
                for part in text.split(separator) if part.strip()]
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    if fmt == "kml":
        kml = "{http://www.opengis.net/kml/2.2}"
        return [{"id": mark.get("id"), "name": mark.findtext(f"{kml}name"),
                 "description": mark.findtext(f"{kml}description")}
                for mark in ET.parse(path).getroot().iter(f"{kml}Placemark")]
    if fmt == "parquet":
        import geopandas

        return geopandas.read_parquet(path).drop(columns="geometry").to_dict("records")
    import pyogrio

    return pyogrio.read_dataframe(path, layer=layer).drop(columns="geometry").to_dict("records")
