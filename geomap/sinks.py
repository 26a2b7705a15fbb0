"""Layers written a batch of rows at a time: a corpus's rows never have to be in memory together.

``LayerSink`` takes the rows of each article as they come and appends them to the file it is making: text
formats spool features to a temporary file (GeoJSON and KML put a header before the features, and the
GeoJSON header holds the bounding box, known only at the end), GeoPackage appends to each layer every
``CHUNK`` rows. FlatGeobuf and GeoParquet cannot append, so their one layer is kept until the end. The target
appears atomically when the sink closes; a sink left by an exception leaves the previous file as it was.
The bytes are those of writing every row at once, whatever the batches were.
"""

from __future__ import annotations

import math
import sys
import tempfile
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from pathlib import Path

from geomap.errors import InputError
from geomap.frame import LAYERS, Layer
from geomap.records import json_text
from geomap.surrogates import replace_lone_surrogates

CHUNK = 5_000  # GeoPackage rows per append: large enough for speed, small enough for memory
SPOOL_BYTES = 8 << 20  # spooled text stays in memory up to this size, then goes to a temporary file
# GeoPackage layers declare one geometry type; claims hold lines and rings, so theirs is any geometry.
GPKG_GEOMETRY = {"events": "Point", "mentions": "Point", "claims": "Unknown", "located": "Unknown"}


class LayerSink:
    """One output file for the layers ``names`` (in that order), fed with ``add`` and finished by ``close``."""

    def __init__(self, path: str | Path, names: list[str], *, stdout: Callable[[str], object] | None = None,
                 fmt: str | None = None):
        """``path`` '-' writes to ``stdout`` (a function given text to write as it is; sys.stdout.write by
        default) in ``fmt``, GeoJSON unless said: CSV and GeoJSON lines stream, row by row."""
        from geomap import writers

        self.fmt = fmt or writers.format_of(path)
        if self.fmt in writers.SINGLE_LAYER and len(names) != 1:
            raise InputError(f"{path}: {self.fmt} holds one layer; choose one with --layer events|mentions|claims|located")
        self.to_stdout = str(path) == "-"
        if self.to_stdout and self.fmt in writers.LIBRARY:
            raise InputError(f"{self.fmt} cannot be written to stdout; give a file name")
        self.path, self.names = path, list(names)
        self.stdout = stdout or sys.stdout.write
        self._streaming = self.to_stdout and self.fmt in ("csv", "geojsonl", "geojsons")
        if self._streaming and self.fmt == "csv":
            self.stdout(writers.csv_header(LAYERS[self.names[0]]))
        self._pending = {name: ([], []) for name in self.names}  # rows and geometries not yet written
        self._spools = {name: tempfile.SpooledTemporaryFile(SPOOL_BYTES, mode="w+", encoding="utf-8", newline="")
                        for name in self.names}
        self._counts = dict.fromkeys(self.names, 0)
        self._bounds = [math.inf, math.inf, -math.inf, -math.inf]
        self._created: list[str] = []  # GeoPackage layers made so far, in order
        self._stack = ExitStack()
        self._tmp: Path | None = None
        self._closed = False

    # --- feeding ------------------------------------------------------------------------------------------

    def add(self, layer: Layer) -> None:
        rows, geoms = self._pending[layer.name]
        rows.extend(layer.rows)
        geoms.extend(layer.geometries)
        if self.fmt in ("fgb", "parquet"):
            return  # no appending: written whole at close
        if self.fmt == "gpkg":
            self._flush_gpkg(final=False)
        else:
            self._spool(layer.name)

    def _spool(self, name: str) -> None:
        """Rows of a text format, turned into their text now and kept in the layer's spool."""
        from geomap import writers

        rows, geoms = self._pending[name]
        spool, fmt = self._spools[name], self.fmt
        for row, geom in zip(rows, geoms):
            if fmt == "geojson":
                self._grow_bounds(geom)
                spool.write(("," if self._counts[name] else "")
                            + json_text(writers.feature(row, geom), separators=(",", ":")))
            elif fmt in ("geojsonl", "geojsons"):
                spool.write(("\x1e" if fmt == "geojsons" else "")
                            + json_text(writers.feature(row, geom), separators=(",", ":")) + "\n")
            elif fmt == "csv":
                spool.write(writers.csv_rows([row], [geom], LAYERS[name]))
            else:
                spool.write(writers.kml_placemark(name, row, geom))
            self._counts[name] += 1
        rows.clear()
        geoms.clear()
        if self._streaming:  # to stdout as it comes: nothing to put before these rows
            spool.seek(0)
            self.stdout(spool.read())
            spool.seek(0)
            spool.truncate()

    def _grow_bounds(self, geom) -> None:
        from geomap import writers

        if writers._drawable(geom):
            minx, miny, maxx, maxy = geom.bounds
            b = self._bounds
            self._bounds = [min(b[0], minx), min(b[1], miny), max(b[2], maxx), max(b[3], maxy)]

    def _flush_gpkg(self, final: bool) -> None:
        """Append full chunks (everything at ``final``). Layers are created in the order they were named, so
        the file lists them in that order: a layer with a chunk ready first creates those before it, with
        whatever rows they have (none, maybe)."""
        ready = {}
        for name in self.names:
            rows = self._pending[name][0]
            ready[name] = len(rows) if final else len(rows) - len(rows) % CHUNK
        last = max((k for k, name in enumerate(self.names) if ready[name] or final), default=-1)
        for k, name in enumerate(self.names):
            rows, geoms = self._pending[name]
            count = ready[name] if name in self._created or k > last else len(rows)
            if (count or k <= last) and (count or name not in self._created):
                self._append_gpkg(name, rows[:count], geoms[:count])
                del rows[:count], geoms[:count]

    def _append_gpkg(self, name: str, rows: list[dict], geoms: list) -> None:
        from geomap import writers

        writers.write_library_layer(self._target(), Layer(name, LAYERS[name], rows, geoms), "GPKG", self.path,
                                    append=name in self._created, geometry_type=GPKG_GEOMETRY.get(name))
        if name not in self._created:
            self._created.append(name)

    def _target(self) -> Path:
        """The temporary file beside the target (made on first use, renamed over the target at close)."""
        from geomap import writers

        if self._tmp is None:
            self._tmp = self._stack.enter_context(writers.atomic_path(Path(self.path),
                                                                      stream=self.fmt not in writers.LIBRARY))
            if self.fmt in writers.LIBRARY:
                self._stack.enter_context(writers.gdal_clock())
        return self._tmp

    # --- finishing ----------------------------------------------------------------------------------------

    def close(self) -> str:
        """Write what is left and put the file in place. Returns the format name."""
        from geomap import writers

        if self._closed:
            return self.fmt
        try:
            if self._streaming:
                pass  # every row is out already
            elif self.to_stdout:
                self._copy_text(_Writer(self.stdout))
            elif self.fmt == "gpkg":
                self._flush_gpkg(final=True)
            elif self.fmt in ("fgb", "parquet"):
                name = self.names[0]
                rows, geoms = self._pending[name]
                layer = Layer(name, LAYERS[name], rows, geoms)
                if self.fmt == "parquet":
                    writers.write_parquet(self._target(), layer, self.path)
                else:
                    writers.write_library_layer(self._target(), layer, "FlatGeobuf", self.path)
            else:
                with writers.output_errors(self.path):
                    with open(self._target(), "w", encoding="utf-8", newline="") as out:
                        self._copy_text(out)
        except BaseException:
            self.abandon()
            raise
        self._stack.close()  # renames the temporary file over the target
        self._finish()
        return self.fmt

    def abandon(self) -> None:
        """Remove what was written so far; the previous file stays."""
        if not self._closed:
            # An exception passed to atomic_path makes it delete its temporary file instead of renaming it.
            self._stack.__exit__(RuntimeError, RuntimeError("output abandoned"), None)
            self._finish()

    def _finish(self) -> None:
        self._closed = True
        for spool in self._spools.values():
            spool.close()

    def _copy_text(self, out) -> None:
        """Header, the spooled features of each layer, footer."""
        from geomap import writers

        fmt = self.fmt
        if fmt == "geojson":
            bbox = ("" if math.isinf(self._bounds[0]) else
                    '"bbox":' + json_text([round(v, writers.DECIMALS) for v in self._bounds],
                                          separators=(",", ":")) + ",")
            out.write('{"type":"FeatureCollection",' + bbox + '"features":[')
        elif fmt == "csv":
            out.write(writers.csv_header(LAYERS[self.names[0]]))
        elif fmt == "kml":
            out.write(writers.KML_HEAD)
        for name in self.names:
            if fmt == "kml":
                out.write(writers.kml_folder_head(name))
            spool = self._spools[name]
            spool.seek(0)
            while chunk := spool.read(1 << 20):
                out.write(replace_lone_surrogates(chunk))
            if fmt == "kml":
                out.write(writers.KML_FOLDER_TAIL)
        if fmt == "geojson":
            out.write("]}\n")
        elif fmt == "kml":
            out.write(writers.KML_TAIL)

    def __enter__(self) -> LayerSink:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.close()
        else:
            self.abandon()


class _Writer:
    """A file-like ``write`` over a function that takes text."""

    def __init__(self, write: Callable[[str], object]):
        self.write = write


def write_layers(layers: Iterable[Layer], path: str | Path, names: list[str], *,
                 stdout: Callable[[str], object] | None = None, fmt: str | None = None) -> str:
    """Every layer in ``layers`` (several batches of one name may come) into ``path``. Returns the format."""
    with LayerSink(path, names, stdout=stdout, fmt=fmt) as sink:
        for layer in layers:
            sink.add(layer)
    return sink.fmt
