"""Where geomap's data files are: the curated gazetteer, the incident cues, the distance-claim words and the
geoparser's word lists; and how a TOML one among them is read.

They live in the checkout's ``data/`` folder (the project's layout keeps them there, beside the code, for
analysts to read and edit) and a built wheel carries the same folder as the package data ``geomap/_data``,
so an installed geomap finds them with no checkout around it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

_PACKAGE = Path(__file__).resolve().parent
T = TypeVar("T")


def data_dir() -> Path:
    """The folder holding gazetteer/, geoparse/, events.toml and claims.toml."""
    installed = _PACKAGE / "_data"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "data"


DATA = data_dir()


def load_toml(path: Path, what: str, error: type[Exception], build: Callable[[dict], T]) -> T:
    """``build`` applied to the TOML file at ``path``, which holds ``what`` ("the event taxonomy"). A file that
    cannot be read, is no TOML or that ``build`` refuses (KeyError, TypeError, ValueError) raises ``error``
    with one line that names the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"{path}: cannot read {what} ({exc.strerror or exc})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise error(f"{path}: not valid TOML ({' '.join(str(exc).split())})") from exc
    try:
        return build(data)
    except (KeyError, TypeError, ValueError) as exc:
        message = exc.args[0] if exc.args else str(exc)
        if isinstance(exc, KeyError):
            message = f"missing key {message!r}"
        raise error(f"{path}: {message}") from exc
