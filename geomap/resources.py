"""Where geomap's data files are: the curated gazetteer, the incident cues and the geoparser's word lists.

They live in the checkout's ``data/`` folder (the project's layout keeps them there, beside the code, for
analysts to read and edit) and a built wheel carries the same folder as the package data ``geomap/_data``,
so an installed geomap finds them with no checkout around it.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The folder holding gazetteer/, geoparse/ and events.toml."""
    installed = _PACKAGE / "_data"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "data"


DATA = data_dir()
