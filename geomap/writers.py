"""Writers for the formats GIS tools read, each atomic: a temporary file in the target folder, then a rename.

GeoJSON (RFC 7946), GeoJSON lines and sequences (RFC 8142), CSV and KML are written here, byte for byte
deterministic; GeoPackage, FlatGeobuf and GeoParquet go through geopandas and pyogrio/pyarrow.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

from geomap.errors import InputError, OutputError
from geomap.frame import Layer, to_geodataframe

FORMATS = {".geojson": "geojson", ".json": "geojson", ".geojsonl": "geojsonl", ".geojsons": "geojsons",
           ".ndjson": "geojsonl", ".gpkg": "gpkg", ".fgb": "fgb", ".csv": "csv", ".kml": "kml",
           ".parquet": "parquet"}
SINGLE_LAYER = {"geojson", "geojsonl", "geojsons", "fgb", "csv", "parquet"}
DECIMALS = 6


def format_of(path: str | Path) -> str:
    if str(path) == "-":
        return "geojson"
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"{path}: unknown output format '{suffix}'; use one of {', '.join(sorted(FORMATS))}")
    return FORMATS[suffix]


@contextmanager
def atomic_path(path: Path):
    """A temporary path beside ``path``; renamed over it only when the block finishes without error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    os.close(handle)
    os.unlink(tmp)  # GDAL drivers want to create the file themselves
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_text_atomic(path: Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="")


def replace_together(writers_by_path: dict[Path, Callable[[Path], object]]) -> list[Path]:
    """Write each file to a temporary name beside it, then rename them all: a failure in any leaves every
    previous file as it was. Each writer is called with its temporary path (same suffix as the target)."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, write_to in writers_by_path.items():
            path = Path(path)
            tmp = path.with_name(f".{path.stem}-{os.getpid()}-partial{path.suffix}")
            staged.append((tmp, path))
            write_to(tmp)
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _path in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return [path for _tmp, path in staged]


# --- GeoJSON ------------------------------------------------------------------------------------------------

def _round(coords):
    if isinstance(coords, (int, float)):
        return round(float(coords), DECIMALS)
    return [_round(c) for c in coords]


def geometry_json(geom) -> dict | None:
    """RFC 7946 geometry: lon/lat, exterior rings counter-clockwise, six decimals."""
    if geom is None or geom.is_empty:
        return None
    import shapely
    from shapely.geometry import mapping

    if geom.geom_type in ("Polygon", "MultiPolygon"):
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    data = mapping(geom)
    return {"type": data["type"], "coordinates": _round(data["coordinates"])}


def _bbox(geoms) -> list[float] | None:
    import shapely

    present = [g for g in geoms if g is not None and not g.is_empty]
    if not present:
        return None
    return [round(v, DECIMALS) for v in shapely.total_bounds(present).tolist()]


def feature(row: dict, geom) -> dict:
    out = {"type": "Feature", "id": row["id"], "geometry": geometry_json(geom), "properties": row}
    if geom is not None and not geom.is_empty and geom.geom_type != "Point":
        out["bbox"] = _bbox([geom])
    return out


def feature_collection(layer: Layer) -> dict:
    collection = {"type": "FeatureCollection"}
    bbox = _bbox(layer.geometries)
    if bbox:
        collection["bbox"] = bbox
    collection["features"] = [feature(r, g) for r, g in zip(layer.rows, layer.geometries)]
    return collection


def geojson_text(layer: Layer) -> str:
    return json.dumps(feature_collection(layer), ensure_ascii=False, separators=(",", ":")) + "\n"


def geojson_lines(layer: Layer, record_separator: bool) -> str:
    prefix = "\x1e" if record_separator else ""
    return "".join(prefix + json.dumps(feature(r, g), ensure_ascii=False, separators=(",", ":")) + "\n"
                   for r, g in zip(layer.rows, layer.geometries))


# --- CSV and KML --------------------------------------------------------------------------------------------

def csv_text(layer: Layer) -> str:
    """CSV with the schema's columns plus the geometry as WKT (lat/lon are already columns for points)."""
    from shapely import wkt

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = [name for name, _type in layer.columns]
    writer.writerow(names + ["wkt"])
    for row, geom in zip(layer.rows, layer.geometries):
        cells = ["" if row.get(n) is None else row[n] for n in names]
        writer.writerow(cells + [wkt.dumps(geom, rounding_precision=DECIMALS) if geom is not None else ""])
    return buffer.getvalue()


def _kml_coords(coords) -> str:
    return " ".join(f"{round(x, DECIMALS)},{round(y, DECIMALS)}" for x, y, *_ in coords)


def _kml_geometry(geom) -> str:
    kind = geom.geom_type
    if kind == "Point":
        return f"<Point><coordinates>{_kml_coords(geom.coords)}</coordinates></Point>"
    if kind == "LineString":
        return f"<LineString><coordinates>{_kml_coords(geom.coords)}</coordinates></LineString>"
    if kind == "Polygon":
        rings = [f"<outerBoundaryIs><LinearRing><coordinates>{_kml_coords(geom.exterior.coords)}</coordinates>"
                 "</LinearRing></outerBoundaryIs>"]
        rings += [f"<innerBoundaryIs><LinearRing><coordinates>{_kml_coords(r.coords)}</coordinates></LinearRing>"
                  "</innerBoundaryIs>" for r in geom.interiors]
        return f"<Polygon>{''.join(rings)}</Polygon>"
    return "<MultiGeometry>" + "".join(_kml_geometry(g) for g in geom.geoms) + "</MultiGeometry>"


def kml_text(layers: list[Layer]) -> str:
    """KML 2.2 for Google Earth: a folder per layer; name, description and time stamp per placemark."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>']
    for layer in layers:
        parts.append(f"<Folder><name>{escape(layer.name)}</name>")
        for row, geom in zip(layer.rows, layer.geometries):
            if geom is None:
                continue
            name = row.get("place") or row.get("stated") or row.get("text") or row["id"]
            if layer.name == "events":
                name = f"{row['type']}: {name}"
            description = "\n".join(f"{k}: {v}" for k, v in row.items() if v not in (None, ""))
            stamp = f"<TimeStamp><when>{escape(row['date'])}</when></TimeStamp>" if row.get("date") else ""
            parts.append(f"<Placemark id=\"{escape(str(row['id']))}\"><name>{escape(str(name))}</name>"
                         f"<description>{escape(description)}</description>{stamp}{_kml_geometry(geom)}</Placemark>")
        parts.append("</Folder>")
    parts.append("</Document></kml>\n")
    return "".join(parts)


# --- entry point --------------------------------------------------------------------------------------------

def write(layers: list[Layer], path: str | Path, *, stdout: Callable[[str], None] | None = None) -> str:
    """Write ``layers`` to ``path`` in the format its extension names; '-' writes GeoJSON to ``stdout``.

    Returns the format name. Formats that hold one layer take exactly one.
    """
    fmt = format_of(path)
    if fmt in SINGLE_LAYER and len(layers) != 1:
        raise InputError(f"{path}: {fmt} holds one layer; choose one with --layer events|mentions|claims")
    if str(path) == "-":
        (stdout or print)(geojson_text(layers[0]).rstrip("\n"))
        return fmt
    target = Path(path)
    if fmt == "geojson":
        write_text_atomic(target, geojson_text(layers[0]))
    elif fmt in ("geojsonl", "geojsons"):
        write_text_atomic(target, geojson_lines(layers[0], record_separator=fmt == "geojsons"))
    elif fmt == "csv":
        write_text_atomic(target, csv_text(layers[0]))
    elif fmt == "kml":
        write_text_atomic(target, kml_text(layers))
    elif fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise InputError(f"{path}: GeoParquet needs pyarrow (pip install pyarrow)") from exc
        with atomic_path(target) as tmp:
            to_geodataframe(layers[0]).to_parquet(tmp, index=False)
    else:
        driver = {"gpkg": "GPKG", "fgb": "FlatGeobuf"}[fmt]
        with atomic_path(target) as tmp:
            for layer in layers:
                frame = to_geodataframe(layer)
                # FlatGeobuf's spatial index would reorder features; keep the input order (determinism).
                options = {"SPATIAL_INDEX": "NO"} if fmt == "fgb" else {}
                frame.to_file(tmp, layer=layer.name, driver=driver, engine="pyogrio", **options)
    return fmt
