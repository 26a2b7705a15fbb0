"""The page's JavaScript and CSS, read from installed packages and inlined: the map needs no network.

Leaflet itself comes from the `django-js-lib-leaflet` wheel (Leaflet 1.9.4 repackaged, no dependencies;
only its static files are read, Django is never imported). geomap's own controls are in ``static/``.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from geomap.errors import GeomapError

OWN = Path(__file__).resolve().parent / "static"


def _leaflet_dir() -> Path:
    # find_spec locates the package without importing it (its apps module would import Django).
    spec = find_spec("js_lib_leaflet")
    if spec is None or not spec.submodule_search_locations:
        raise GeomapError("the map needs Leaflet from the package 'django-js-lib-leaflet'; "
                          "install geomap with its dependencies (pip install -e .)")
    return Path(next(iter(spec.submodule_search_locations))) / "static" / "js_lib_leaflet"


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


@lru_cache(maxsize=1)
def leaflet_css() -> str:
    folder = _leaflet_dir()
    css = (folder / "leaflet.css").read_text(encoding="utf-8")
    # The layer-control and marker icons become data URIs, so the CSS has no relative file to fetch.
    return re.sub(r"url\((['\"]?)images/([\w.-]+)\1\)",
                  lambda m: f"url({_data_uri(folder / 'images' / m.group(2))})", css)


@lru_cache(maxsize=1)
def leaflet_js() -> str:
    return (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def own_js() -> str:
    # geomap.js last: its geomapInit calls the geomapBase and geomapIncidentIndex the others define.
    return "\n".join((OWN / name).read_text(encoding="utf-8") for name in ("basemap.js", "incidents.js", "geomap.js"))


@lru_cache(maxsize=1)
def own_css() -> str:
    return (OWN / "geomap.css").read_text(encoding="utf-8")


def leaflet_version() -> str:
    match = re.search(r"Leaflet (\d+\.\d+\.\d+)", leaflet_js()[:400])
    return match.group(1) if match else "unknown"

