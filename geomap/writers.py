"""Writers for the formats GIS tools read, each atomic: a temporary file in the target folder, then a rename.

GeoJSON (RFC 7946), GeoJSON lines and sequences (RFC 8142), CSV and KML are written here, byte for byte
deterministic; GeoPackage, FlatGeobuf and GeoParquet go through geopandas and pyogrio/pyarrow, GeoPackage
with GDAL's clock fixed so that it is deterministic too.

Every value may come from untrusted article text, and every file must still parse: JSON never holds NaN or
Infinity (null instead), KML never holds a character XML 1.0 forbids, CSV cells are quoted by the csv module
and guarded against spreadsheet formulas, and lone surrogates become U+FFFD everywhere. A file that cannot
be written (disk full, no permission, a GDAL or Arrow failure) is an OutputError naming it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from geomap.errors import InputError, OutputError
from geomap.frame import Layer, to_geodataframe
from geomap.records import json_text
from geomap.surrogates import REPLACEMENT, replace_lone_surrogates

FORMATS = {".geojson": "geojson", ".json": "geojson", ".geojsonl": "geojsonl", ".geojsons": "geojsons",
           ".ndjson": "geojsonl", ".gpkg": "gpkg", ".fgb": "fgb", ".csv": "csv", ".kml": "kml",
           ".parquet": "parquet"}
SINGLE_LAYER = {"geojson", "geojsonl", "geojsons", "fgb", "csv", "parquet"}
DECIMALS = 6
# GeoPackage stamps its contents table with the time of writing; GDAL takes this instead when it is set.
GPKG_DATE = "2000-01-01T00:00:00.000Z"


def format_of(path: str | Path) -> str:
    if str(path) == "-":
        return "geojson"
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"{path}: unknown output format '{suffix}'; use one of {', '.join(sorted(FORMATS))}")
    return FORMATS[suffix]


@contextmanager
def output_errors(path: str | Path, *kinds: type[BaseException]):
    """OSError and the given library errors (pyogrio's, Arrow's) as one OutputError line naming ``path``."""
    try:
        yield
    except (OSError, *kinds) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        first_line = (reason.strip().splitlines() or [type(exc).__name__])[0]
        raise OutputError(f"{path}: cannot write ({first_line})") from exc


@contextmanager
def atomic_path(path: Path, *, stream: bool = True):
    """A temporary path beside ``path``; renamed over it only when the block finishes without error.

    A target that exists and is neither a file nor a folder (/dev/null, /dev/stdout, a named pipe, or a link
    to one) is written in place: renaming over it would replace the device itself, for every program on the
    machine. Only formats written in one pass can be (``stream``); GDAL's would delete the device node and
    make a file in its place, so for them such a target is an OutputError.
    """
    try:
        special = not stat.S_ISREG(mode := path.stat().st_mode) and not stat.S_ISDIR(mode)
    except OSError:
        special = False
    if special:
        if not stream:
            raise OutputError(f"{path}: cannot write (not a regular file)")
        yield path
        return
    with output_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    os.unlink(tmp)  # GDAL drivers want to create the file themselves
    try:
        yield Path(tmp)
        with output_errors(path):
            os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_text_atomic(path: Path, text: str) -> None:
    with atomic_path(path) as tmp, output_errors(path):
        tmp.write_text(replace_lone_surrogates(text), encoding="utf-8", newline="")


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


def _drawable(geom) -> bool:
    """A geometry with coordinates, all of them finite (JSON and KML have no way to write Infinity)."""
    if geom is None or geom.is_empty:
        return False
    import numpy
    import shapely

    return bool(numpy.isfinite(shapely.get_coordinates(geom)).all())


def geometry_json(geom) -> dict | None:
    """RFC 7946 geometry: lon/lat, exterior rings counter-clockwise, six decimals; null when not drawable."""
    if not _drawable(geom):
        return None
    import shapely
    from shapely.geometry import mapping

    if geom.geom_type in ("Polygon", "MultiPolygon"):
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    data = mapping(geom)
    return {"type": data["type"], "coordinates": _round(data["coordinates"])}


def _bbox(geoms) -> list[float] | None:
    import shapely

    present = [g for g in geoms if _drawable(g)]
    if not present:
        return None
    return [round(v, DECIMALS) for v in shapely.total_bounds(present).tolist()]


def feature(row: dict, geom) -> dict:
    out = {"type": "Feature", "id": row["id"], "geometry": geometry_json(geom), "properties": row}
    if _drawable(geom) and geom.geom_type != "Point":
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
    return json_text(feature_collection(layer), separators=(",", ":")) + "\n"


def geojson_lines(layer: Layer, record_separator: bool) -> str:
    prefix = "\x1e" if record_separator else ""
    return "".join(prefix + json_text(feature(r, g), separators=(",", ":")) + "\n"
                   for r, g in zip(layer.rows, layer.geometries))


# --- CSV and KML --------------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Cells that start like a formula but can neither call a function nor reference anything: numbers, and the
# name geomap gives stdin ("-") with the ids made from it ("-:12-20").
_INERT = re.compile(r"[-+]?\d+(?:[.,]\d+)*|-(?::\d+-\d+)?")


def csv_cell(value):
    """One CSV cell: empty for None and non-finite floats; a text cell that a spreadsheet would run as a
    formula (it starts with = + - @, a tab or a carriage return) gets a leading apostrophe.

    Only text is guarded, so numeric columns stay numbers. The apostrophe is what spreadsheets themselves
    use to say "text, not a formula"; a script reading the CSV sees it, and strips it if it wants the
    article's own characters (the same cell is unaltered in every other format).
    """
    if value is None or isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, str):
        value = replace_lone_surrogates(value)
        if value.startswith(_FORMULA_START) and not _INERT.fullmatch(value):
            return "'" + value
    return value


def csv_table(header: list[str] | tuple[str, ...] | None, rows: Iterable[Iterable]) -> str:
    """CSV text, LF line ends, every cell through ``csv_cell``; the csv module quotes what needs quoting.

    With LF line ends the csv module quotes a cell holding a line feed but not one holding a lone carriage
    return, which readers then take for the end of the row; a row with a carriage return in it has all its
    text cells quoted instead.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    quoting = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    if header is not None:  # None: rows to append to a table already begun
        writer.writerow(header)
    for row in rows:
        cells = [csv_cell(value) for value in row]
        (quoting if any(isinstance(c, str) and "\r" in c for c in cells) else writer).writerow(cells)
    return buffer.getvalue()


def csv_header(columns) -> str:
    """The header line of a layer's CSV: the schema's columns, then the geometry as WKT."""
    return csv_table([name for name, _type in columns] + ["wkt"], [])


def csv_rows(rows: list[dict], geoms: list, columns) -> str:
    """A layer's CSV lines without the header (lat/lon are already columns for points)."""
    from shapely import wkt

    names = [name for name, _type in columns]
    return csv_table(None, ([row.get(n) for n in names]
                            + [wkt.dumps(geom, rounding_precision=DECIMALS) if geom is not None else None]
                            for row, geom in zip(rows, geoms)))


def csv_text(layer: Layer) -> str:
    """CSV with the schema's columns plus the geometry as WKT."""
    return csv_header(layer.columns) + csv_rows(layer.rows, layer.geometries, layer.columns)


# What XML 1.0 forbids: C0 controls but tab, LF and CR; U+FFFE and U+FFFF; surrogates. One such character makes
# a KML file unreadable, so the whitespace among them (form feeds from pdftotext, \x1c-\x1f separators) becomes
# a space and the rest U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_chars(text) -> str:
    return _NOT_XML.sub(lambda m: " " if m.group().isspace() else REPLACEMENT, str(text))


def xml_text(text) -> str:
    """Character data for an XML element: only characters XML 1.0 allows, & < > escaped."""
    return escape(_xml_chars(text))


def xml_attribute(text) -> str:
    """A quoted XML attribute value: quotes, & < > and line breaks escaped, forbidden characters replaced."""
    return quoteattr(_xml_chars(text))


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


KML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
KML_FOLDER_TAIL = "</Folder>"
KML_TAIL = "</Document></kml>\n"


def kml_folder_head(name: str) -> str:
    return f"<Folder><name>{xml_text(name)}</name>"


def kml_placemark(layer_name: str, row: dict, geom) -> str:
    """One placemark: name, description (every non-empty property), time stamp; '' when not drawable."""
    if not _drawable(geom):
        return ""
    name = row.get("place") or row.get("stated") or row.get("text") or row["id"]
    if layer_name == "events":
        name = f"{row['type']}: {name}"
    description = "\n".join(f"{k}: {v}" for k, v in row.items() if v not in (None, ""))
    stamp = f"<TimeStamp><when>{xml_text(row['date'])}</when></TimeStamp>" if row.get("date") else ""
    return (f"<Placemark id={xml_attribute(row['id'])}><name>{xml_text(name)}</name>"
            f"<description>{xml_text(description)}</description>{stamp}{_kml_geometry(geom)}</Placemark>")


def kml_text(layers: list[Layer]) -> str:
    """KML 2.2 for Google Earth: a folder per layer; name, description and time stamp per placemark."""
    parts = [KML_HEAD]
    for layer in layers:
        parts.append(kml_folder_head(layer.name))
        parts += [kml_placemark(layer.name, row, geom) for row, geom in zip(layer.rows, layer.geometries)]
        parts.append(KML_FOLDER_TAIL)
    parts.append(KML_TAIL)
    return "".join(parts)


# --- entry point --------------------------------------------------------------------------------------------

LIBRARY = {"gpkg", "fgb", "parquet"}  # written by GDAL or Arrow, which make the file themselves


def write(layers: list[Layer], path: str | Path, *, stdout: Callable[[str], object] | None = None) -> str:
    """Write ``layers`` to ``path`` in the format its extension names; '-' writes GeoJSON to ``stdout`` (a
    function given the text; sys.stdout.write by default).

    Returns the format name. Formats that hold one layer take exactly one. (``geomap.sinks.LayerSink``
    writes the same bytes from rows that arrive in batches.)
    """
    from geomap.sinks import write_layers

    return write_layers(layers, path, [layer.name for layer in layers], stdout=stdout)


def write_parquet(tmp: Path, layer: Layer, target: str | Path) -> None:
    try:
        import pyarrow
    except ImportError as exc:
        raise InputError(f"{target}: GeoParquet needs pyarrow (pip install pyarrow)") from exc
    with output_errors(target, pyarrow.ArrowException):
        _library_frame(layer).to_parquet(tmp, index=False)


def write_library_layer(tmp: Path, layer: Layer, driver: str, target: str | Path, *, append: bool = False,
                        geometry_type: str | None = None) -> None:
    """One layer (or more rows of it, ``append``) into a GeoPackage or FlatGeobuf file through pyogrio."""
    import pyogrio.errors

    # FlatGeobuf's spatial index would reorder features; keep the input order (determinism).
    options = {"SPATIAL_INDEX": "NO"} if driver == "FlatGeobuf" else {}
    if geometry_type:
        options["geometry_type"] = geometry_type
    with output_errors(target, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError):
        _library_frame(layer).to_file(tmp, layer=layer.name, driver=driver, engine="pyogrio",
                                      **({"mode": "a"} if append else {}), **options)


def _library_frame(layer: Layer):
    """The layer's GeoDataFrame with text that GDAL and Arrow can store: they encode strict UTF-8 (a lone
    surrogate fails the write, or already the frame where pandas keeps strings in Arrow), and GDAL's strings
    end at a NUL (the rest of the cell would be lost without a word)."""
    def storable(value):
        return replace_lone_surrogates(value).replace("\x00", REPLACEMENT) if isinstance(value, str) else value

    rows = [{name: storable(value) for name, value in row.items()} for row in layer.rows]
    return to_geodataframe(dataclasses.replace(layer, rows=rows))


@contextmanager
def gdal_clock():
    """GDAL's idea of now fixed to GPKG_DATE, so that a GeoPackage is byte-identical across runs; the
    setting the process had before is put back."""
    import pyogrio

    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": GPKG_DATE})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})
