"""Progress on a terminal for long runs: a bar on stderr, nothing when stderr is piped or the user said --quiet.

The total is counted before the run where that is cheap (files in folders, lines of JSONL corpora: one pass
over the bytes, no parsing), so the bar can say how far along a corpus is; stdin has no total.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from geomap.articles import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES

T = TypeVar("T")
_CHUNK = 1 << 20


def shown(quiet: bool = False, stream=None) -> bool:
    stream = stream or sys.stderr
    return not quiet and hasattr(stream, "isatty") and stream.isatty()


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """How many articles the paths hold, as the readers will see them; None when unknown (stdin)."""
    total = 0
    for raw in paths:
        if str(raw) == "-":
            return None
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")) \
            if path.is_dir() else [path]
        for file in files:
            suffix = file.suffix.lower()
            if suffix in JSONL_SUFFIXES:
                total += _jsonl_lines(file)
            elif suffix in TEXT_SUFFIXES | HTML_SUFFIXES or not path.is_dir():
                total += 1
    return total


def _jsonl_lines(path: Path) -> int:
    """Lines, counted in chunks of bytes (a 50 MB line is never held as a string); blank ones count too, so
    the total can run a little over what the reader yields."""
    count, last = 0, b"\n"
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                count += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 0
    return count + (0 if last == b"\n" else 1)


def bar(items: Iterable[T], *, label: str, total: int | None = None, quiet: bool = False,
        unit: str = " articles") -> Iterator[T]:
    """``items`` unchanged, with a progress bar on a terminal."""
    if not shown(quiet):
        yield from items
        return
    from tqdm import tqdm

    with tqdm(items, desc=label, total=total, unit=unit, file=sys.stderr, dynamic_ncols=True, leave=False) as it:
        yield from it
