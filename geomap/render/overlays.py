"""User overlays: a control-area or front-line file (GeoJSON or GeoPackage, optionally dated) drawn on the map.

Each file (each layer of a GeoPackage with several) becomes one layer in the map's layer control. Its
features keep their properties as popup lines ("key: value", put in the page with textContent), their
style where the properties give one (simplestyle: ``stroke``, ``stroke-width``, ``stroke-opacity``,
``fill``, ``fill-opacity``), and their date where a ``date`` property (or ``as_of``, ``valid_from``...)
holds one: dated features are snapshots, and the map shows the latest snapshot on or before the time
control's date (basemap.js).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

from geomap.errors import InputError
from geomap.render.safe import html_text
from geomap.writers import geometry_json

SUFFIXES = {".geojson", ".json", ".gpkg"}
DATE_FIELDS = ("date", "as_of", "asof", "valid_from", "valid_at", "snapshot", "datetime", "time")
NAME_FIELDS = ("name", "title", "label", "status", "controlled_by", "control")
STYLE_FIELDS = {"stroke": "stroke", "color": "stroke", "stroke-width": "width", "stroke-opacity": "strokeOpacity",
                "fill": "fill", "fill-opacity": "fillOpacity"}
COLORS = ("#b2182b", "#2166ac", "#1b7837", "#762a83", "#e08214")
MAX_LINES, MAX_CHARS = 30, 300
_COLOR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(value) -> str:
    if not _present(value):
        return ""
    if isinstance(value, (dt.date, dt.datetime)) or hasattr(value, "isoformat") and not isinstance(value, str):
        try:
            text = value.isoformat()
        except (TypeError, ValueError):
            return ""
    else:
        text = str(value).strip()
    return text[:10] if _ISO_DATE.match(text) else ""


def _present(value) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    try:
        import pandas as pd

        return not bool(pd.isna(value))
    except (TypeError, ValueError):
        return True


def _style(props: dict) -> dict:
    style = {}
    for key, name in STYLE_FIELDS.items():
        value = props.get(key)
        if not _present(value):
            continue
        if name in ("stroke", "fill"):
            if isinstance(value, str) and _COLOR.fullmatch(value.strip()):
                style[name] = value.strip()
        else:
            try:
                number = float(value)
            except (TypeError, ValueError):
                continue
            if math.isfinite(number):
                style[name] = max(0.0, min(number, 20.0 if name == "width" else 1.0))
    return style


def _text(value) -> str:
    text = value.isoformat() if hasattr(value, "isoformat") and not isinstance(value, str) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS - 1] + "…"


def _layer_spec(frame, label: str, index: int) -> dict:
    columns = [c for c in frame.columns if c != frame.geometry.name]
    lower = {c.lower(): c for c in columns}
    date_col = next((lower[f] for f in DATE_FIELDS if f in lower), None)
    name_col = next((lower[f] for f in NAME_FIELDS if f in lower), None)
    features = []
    for record, geom in zip(frame[columns].to_dict("records"), frame.geometry):
        geometry = geometry_json(geom) if geom is not None and not geom.is_empty else None
        if geometry is None:
            continue
        date = _date(record.get(date_col)) if date_col else ""
        name = _text(record[name_col]) if name_col and _present(record.get(name_col)) else label
        lines = [f"{key}: {_text(value)}" for key, value in record.items()
                 if key not in STYLE_FIELDS and _present(value)][:MAX_LINES]
        props = {"popup": {"h": name, "m": lines}, "tooltip": name + (f" · {date}" if date else "")}
        if date:
            props["date"] = date
        style = _style(record)
        if style:
            props["style"] = style
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    color = COLORS[index % len(COLORS)]
    return {"label": f"{html_text(label)} ({len(features)})", "name": label,
            "style": {"stroke": color, "fill": color}, "visible": True,
            "data": {"type": "FeatureCollection", "features": features}}


def read_overlay(path: str | Path, index: int = 0) -> list[dict]:
    """The map layers of one overlay file: one per layer it holds. Raises InputError with one line."""
    import pyogrio

    path = Path(path)
    shown = str(path)
    if not path.exists():
        raise InputError(f"{shown}: no such file")
    if path.suffix.lower() not in SUFFIXES or path.is_dir():
        raise InputError(f"{shown}: not a GeoJSON or GeoPackage file")
    try:
        names = [str(row[0]) for row in pyogrio.list_layers(path)]
        if path.suffix.lower() == ".gpkg" and pyogrio.read_info(path, layer=names[0])["driver"] != "GPKG":
            raise ValueError("not a GeoPackage")
        frames = []
        for name in names:
            frame = pyogrio.read_dataframe(path, layer=name)
            if frame.crs is not None and frame.crs.to_epsg() != 4326:
                frame = frame.to_crs(4326)
            frames.append((name, frame))
    except Exception as exc:  # pyogrio raises its own DataSourceError, and others for broken files
        if isinstance(exc, InputError):
            raise
        raise InputError(f"{shown}: not a GeoJSON or GeoPackage file") from exc
    if path.suffix.lower() != ".gpkg" or len(frames) == 1:
        return [_layer_spec(frames[0][1], path.stem, index)]
    return [_layer_spec(frame, f"{path.stem}: {name}", index + i) for i, (name, frame) in enumerate(frames)]


def read_overlays(paths) -> list[dict]:
    """Every overlay file's layers, in the order given; already-read layers (dicts) pass through."""
    layers: list[dict] = []
    for item in paths or ():
        layers += [item] if isinstance(item, dict) else read_overlay(item, len(layers))
    return layers
