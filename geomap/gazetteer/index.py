"""The built gazetteer: one SQLite file in the user cache, made once from the sources, opened in milliseconds.

SQLite because the index must be warm in well under a second and small in memory: opening a file costs
nothing, lookups go through B-tree indexes on the name keys, and only the rows a query touches are read.
The file name carries a hash of the source versions, so a new package version or an edited curated CSV
makes a new index instead of serving stale rows.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from geomap.errors import GazetteerError
from geomap.gazetteer import dumps, sources
from geomap.gazetteer.normalize import skeleton, spelling_key
from geomap.model import Place

INDEX_FORMAT = 6
DEFAULT_MIN_POPULATION = 1000
# Lower is better: a primary name beats a curated alias beats one of GeoNames' many alternate names.
HOW_RANK = {"name": 0, "alias": 1, "alternate": 2, "abbreviation": 3, "region-base": 4, "town-clash": 5}

_SCHEMA = """
CREATE TABLE places (pid INTEGER PRIMARY KEY, name TEXT, kind TEXT, lat REAL, lon REAL, country TEXT,
    admin1 TEXT, fcode TEXT, population INTEGER, geonameid INTEGER, importance REAL, source TEXT,
    source_ref TEXT, wkt TEXT, admin2 TEXT);
CREATE TABLE names (key TEXT, pid INTEGER, spelling TEXT, how TEXT, skel TEXT,
    kind TEXT, lat REAL, lon REAL, country TEXT, population INTEGER, importance REAL,
    PRIMARY KEY (key, pid)) WITHOUT ROWID;
CREATE TEMP TABLE spellings (key TEXT, skel TEXT, pid INTEGER, spelling TEXT, how TEXT);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE fuzzy (skel TEXT, pid INTEGER, key TEXT);
CREATE TABLE seats (key TEXT, pid INTEGER);
"""
_INDEXES = """
CREATE INDEX names_skel ON names (skel);
CREATE INDEX seats_key ON seats (key);
"""


def cache_dir() -> Path:
    configured = os.environ.get("GEOMAP_CACHE_DIR")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("geomap"))


def min_population_setting(value: int | None = None) -> int:
    if value is not None:
        return int(value)
    raw = os.environ.get("GEOMAP_MIN_POPULATION", "")
    try:
        return int(raw) if raw else DEFAULT_MIN_POPULATION
    except ValueError as exc:
        raise GazetteerError(f"GEOMAP_MIN_POPULATION must be a number, not '{raw}'") from exc


def _builder_digest() -> str:
    """A hash of the code that builds the index: a change to it makes a new index, as a new source does."""
    digest = hashlib.sha256()
    for module in ("sources.py", "index.py", "normalize.py", "dumps.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()[:12]


def index_path(min_population: int, versions: dict[str, str] | None = None) -> Path:
    versions = versions or sources.source_versions()
    fingerprint = json.dumps({"format": INDEX_FORMAT, "builder": _builder_digest(), "min_population": min_population,
                              **versions}, sort_keys=True)
    added = dumps.fingerprint()
    if added:  # without dumps the key is what it was: the same index as before dumps existed
        fingerprint += json.dumps(added)
    digest = hashlib.sha256(fingerprint.encode()).hexdigest()[:12]
    return cache_dir() / f"gazetteer-p{min_population}-{digest}.sqlite"


def collect_places(min_population: int, progress: Callable[[str], None] = lambda _: None
                   ) -> list[sources.SourcePlace]:
    """Every place from every source, with its spellings, in a stable order."""
    progress("reading first-level regions")
    region_names = sources.region_names_by_code()
    progress("reading GeoNames populated places")
    city_rows = list(sources.cities(min_population, region_names))
    region_rows = sources.regions(city_rows)
    progress("reading countries, continents and curated features")
    places = [*sources.countries(), *sources.continents(), *region_rows, *city_rows]
    _demote_country_aliases_that_name_towns(places)
    continent_names = {p.name for p in places if p.kind == "continent"}
    places += [p for p in sources.curated_features()
               if not (p.kind == "continent" and p.name in continent_names)]
    places += sources.us_counties()
    added = dumps.configured()
    if added:
        progress(f"reading {len(added)} added GeoNames dump(s)")
        places += dumps.dump_places(added, places, region_names)
    by_key = {}
    for place in places:
        if not place.key:
            place.key = f"geonames:{place.geonameid}" if place.geonameid and place.source != "curated" else ""
        if place.key:
            by_key.setdefault(place.key, place)
    for alias, target, _source in sources.curated_aliases():
        place = by_key.get(target)
        if place is None:
            raise GazetteerError(f"{sources.DATA_DIR}/aliases.csv: alias '{alias}' points at unknown '{target}'")
        place.names.append((alias, "alias"))
    for target, lat, lon, source in sources.curated_points():
        place = by_key.get(target)
        if place is None:
            raise GazetteerError(f"{sources.DATA_DIR}: point for unknown '{target}'")
        place.lat, place.lon = lat, lon
        place.source_ref = f"{place.source_ref}; point: {source}"
    return places


def _demote_country_aliases_that_name_towns(places: list[sources.SourcePlace], min_population: int = 10_000) -> None:
    """A country alias that is also a sizeable town's own name ("Uman", Oman in another language, and Uman
    in Ukraine) is weak evidence for the country, so the town's own name is not outranked by an exonym."""
    town_names = {spelling_key(p.name) for p in places if p.kind == "city" and p.population >= min_population}
    for place in places:
        if place.kind == "country":
            place.names = [(spelling, "town-clash" if how in ("alias", "alternate") and spelling_key(spelling) in
                            town_names else how) for spelling, how in place.names]


def damage(path: Path, deep: bool = False) -> str | None:
    """What is wrong with an index file, or None when it looks whole.

    The cheap checks run on every open (a few header bytes and the meta table): the file is SQLite, its size
    is what its header says (a copy or build cut short is shorter), and its format is ours. ``deep`` adds
    SQLite's quick_check, which reads every page (a second or so): ``geomap gazetteer build`` runs it.
    """
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc})"
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return "not an SQLite file"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if pages and page_size * pages != size:
        return f"{size:,} bytes where its header says {page_size * pages:,}"
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(db.execute("SELECT k, v FROM meta"))
            if meta.get("format") != str(INDEX_FORMAT):
                return f"index format {meta.get('format')!r}, expected {INDEX_FORMAT}"
            if deep:
                verdict = db.execute("PRAGMA quick_check").fetchone()[0]
                if verdict != "ok":
                    return f"damaged pages ({verdict})"
        finally:
            db.close()
    except sqlite3.Error as exc:
        return f"unreadable ({exc})"
    return None


@contextmanager
def _build_lock(folder: Path):
    """One build at a time per cache folder: a second process waits, then finds the index made."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".build.lock", "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory lock; builds race but each renames a whole file
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(min_population: int | None = None, *, force: bool = False, verify: bool = False,
          progress: Callable[[str], None] = lambda _: None) -> Path:
    """Build the index for the current sources unless a whole one is already there. Returns its path.

    A damaged index (a file cut short, overwritten, or with bad pages when ``verify``) is rebuilt.
    """
    min_population = min_population_setting(min_population)
    versions = sources.source_versions()
    target = index_path(min_population, versions)
    with _build_lock(target.parent):
        if target.exists() and not force:
            problem = damage(target, deep=verify)
            if problem is None:
                return target
            progress(f"{target.name} is damaged ({problem}): rebuilding")
        # Under the lock no other build is writing: temporary files left here were left by a killed build.
        for leftover in target.parent.glob(".gazetteer-*.tmp"):
            leftover.unlink(missing_ok=True)
        return _build(target, min_population, versions, progress)


def _build(target: Path, min_population: int, versions: dict[str, str], progress: Callable[[str], None]) -> Path:
    started = time.perf_counter()
    places = collect_places(min_population, progress)
    progress(f"writing {len(places):,} places")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        _write(Path(tmp_name), places, {
            "format": str(INDEX_FORMAT), "min_population": str(min_population),
            "versions": json.dumps(versions, sort_keys=True),
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_seconds": f"{time.perf_counter() - started:.1f}",
            "dumps": json.dumps(dumps.fingerprint()),
        })
        os.replace(tmp_name, target)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    for stale in target.parent.glob(f"gazetteer-p{min_population}-*.sqlite"):
        if stale != target:
            stale.unlink(missing_ok=True)
    return target


def _write(path: Path, places: list[sources.SourcePlace], meta: dict[str, str]) -> None:
    db = sqlite3.connect(path)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        db.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            ((pid, p.name, p.kind, round(p.lat, 6), round(p.lon, 6), p.country, p.admin1, p.fcode, p.population,
              p.geonameid, round(p.importance, 4), p.source, p.source_ref, p.wkt, p.admin2) for pid, p in enumerate(places)),
        )
        db.executemany("INSERT INTO spellings VALUES (?,?,?,?,?)", _name_rows(places))
        # Names clustered by key, with the columns ranking reads: a lookup is one range scan, no join.
        db.execute(
            "INSERT INTO names SELECT s.key, s.pid, s.spelling, s.how, s.skel, p.kind, p.lat, p.lon, p.country,"
            " p.population, p.importance FROM spellings s JOIN places p ON p.pid = s.pid ORDER BY s.key, s.pid")
        db.execute("DROP TABLE spellings")
        db.executemany("INSERT INTO seats VALUES (?,?)", _seat_rows(places))
        # The spellings fuzzy matching may suggest: notable places only, so a typo finds Kharkiv, not a hamlet.
        db.execute(
            "INSERT INTO fuzzy SELECT skel, pid, key FROM names"
            " WHERE ((kind != 'city' OR population >= 5000) AND how != 'alternate')"
            " OR population >= 50000 ORDER BY skel, pid, key")
        counts = {}
        for place in places:
            counts[place.source] = counts.get(place.source, 0) + 1
        meta["counts"] = json.dumps(dict(sorted(counts.items())))
        db.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
        db.executescript(_INDEXES)
        db.commit()
    finally:
        db.close()


def _name_rows(places: list[sources.SourcePlace]) -> Iterable[tuple[str, str, int, str, str]]:
    for pid, place in enumerate(places):
        best: dict[str, tuple[str, str]] = {}
        for spelling, how in place.names:
            key = spelling_key(spelling)
            if not key:
                continue
            kept = best.get(key)
            if kept is None or HOW_RANK[how] < HOW_RANK[kept[1]]:
                best[key] = (spelling, how)
        for key, (spelling, how) in sorted(best.items()):
            yield key, skeleton(key), pid, spelling, how


def _seat_rows(places: list[sources.SourcePlace]) -> Iterable[tuple[str, int]]:
    """(name key of a region's largest town, region pid): "Stanislav region" is the region whose largest town
    was called Stanislav, in whatever spelling the town has."""
    regions = {(p.country, p.name): pid for pid, p in enumerate(places) if p.kind == "region"}
    largest: dict[int, sources.SourcePlace] = {}
    for place in places:
        region = regions.get((place.country, place.admin1)) if place.kind == "city" else None
        if region is not None and place.population > getattr(largest.get(region), "population", -1):
            largest[region] = place
    # Only where regions are named after their main towns (oblasts, Russian krais, Polish voivodeships):
    # there "Stanislav region" means the region; "Houston region" means the city and its suburbs.
    named_after: dict[str, list[bool]] = defaultdict(list)
    town_keys = {}
    for region, town in largest.items():
        town_keys[region] = {spelling_key(spelling) for spelling, _how in town.names} - {""}
        region_keys = {spelling_key(sources.region_base(spelling) or spelling) for spelling, _how in places[region].names}
        named_after[places[region].country].append(bool(town_keys[region] & region_keys))
    for region, town in sorted(largest.items()):
        votes = named_after[places[region].country]
        if 2 * sum(votes) >= len(votes) >= 3:
            for key in sorted(town_keys[region]):
                yield key, region


class Gazetteer:
    """An open index. Cheap to create; share one per process."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self.meta = dict(self.db.execute("SELECT k, v FROM meta"))
        except sqlite3.Error as exc:
            raise GazetteerError(f"{path}: not a usable gazetteer index ({exc}); run 'geomap gazetteer build'") \
                from exc
        self._places: dict[int, Place] = {}
        self._rows: dict[int, tuple] = {}  # ranking columns of places fetched with their names
        self._key_memo: dict[str, list[tuple[int, str, str]]] = {}
        self._fuzzy: tuple[list[str], list[int], list[str]] | None = None
        self._buckets: dict[str, tuple[list[str], list[int], list[str]]] | None = None

    @classmethod
    def open(cls, min_population: int | None = None, *, quiet: bool = True) -> Gazetteer:
        """Open the index for the current sources, building it first when it is missing or stale."""
        min_population = min_population_setting(min_population)
        target = index_path(min_population)
        if not target.exists() or damage(target) is not None:
            progress = (lambda message: None) if quiet else (lambda message: print(f"gazetteer: {message}",
                                                                                   file=sys.stderr))
            progress(f"building the index (once) in {target.parent}")
            build(min_population, progress=progress)
        return cls(target)

    _PLACE_COLUMNS = ("p.pid, p.name, p.kind, p.lat, p.lon, p.country, p.admin1, p.fcode, p.population, "
                      "p.geonameid, p.source, p.source_ref, p.wkt, p.admin2, p.importance")

    # The few columns ranking reads, fetched with every name row; a whole Place is made only when asked for.
    _RANK_COLUMNS = "kind, lat, lon, country, population, importance"
    KIND, LAT, LON, COUNTRY, POPULATION, IMPORTANCE = range(6)

    def row(self, pid: int) -> tuple:
        """(kind, lat, lon, country, population, importance): what ranking needs, without a Place object."""
        row = self._rows.get(pid)
        if row is None:
            row = self.db.execute(f"SELECT {self._RANK_COLUMNS} FROM places p WHERE p.pid = ?", (pid,)).fetchone()
            if row is None:
                raise KeyError(pid)
            self._rows[pid] = row
        return row

    def place(self, pid: int) -> Place:
        found = self._places.get(pid)
        if found is None:
            self.prefetch([pid])
            found = self._places.get(pid)
            if found is None:
                raise KeyError(pid)
        return found

    def prefetch(self, pids: Iterable[int]) -> None:
        """Make the Places for ``pids`` in a few queries (a batch's winners, say)."""
        wanted = sorted({pid for pid in pids if pid not in self._places})
        for start in range(0, len(wanted), 900):
            chunk = wanted[start:start + 900]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT {self._PLACE_COLUMNS} FROM places p WHERE p.pid IN ({marks})",
                                       chunk):
                self._places[row[0]] = Place(*row[:14])

    def importance(self, pid: int) -> float:
        return float(self.row(pid)[self.IMPORTANCE])

    def by_keys(self, keys: Iterable[str]) -> dict[str, list[tuple[int, str, str]]]:
        """{name key: [(pid, spelling, how), ...]} for the keys that exist, one round trip per 900 keys.

        Answers are remembered, misses included: a corpus asks for the same phrases again and again.
        """
        keys = set(keys)
        missing = [k for k in keys if k not in self._key_memo]
        if missing:
            if len(self._key_memo) > 1_000_000:
                self._key_memo.clear()
            memo = self._key_memo
            memo.update(dict.fromkeys(missing, ()))
            # rows come grouped by key (the table is clustered on key), but a key seen twice still adds up
            for key, rows in groupby(self._select("key", missing), itemgetter(0)):
                memo[key] = [*memo[key], *(row[1:4] for row in rows)]
        memo = self._key_memo
        return {k: memo[k] for k in keys if memo[k]}

    def regions_seated_at(self, keys: Iterable[str]) -> list[int]:
        """Regions whose largest town has one of these name keys."""
        keys = sorted(set(keys))
        marks = ",".join("?" * len(keys))
        return [pid for (pid,) in self.db.execute(
            f"SELECT DISTINCT pid FROM seats WHERE key IN ({marks}) ORDER BY pid", keys)]

    def by_skeletons(self, skels: Iterable[str]) -> dict[str, list[tuple[int, str, str, str]]]:
        """{skeleton: [(pid, spelling, how, name key), ...]} for the skeletons that exist."""
        found: dict[str, list[tuple[int, str, str, str]]] = {}
        for skel, pid, spelling, how, key, *_rank in self._select("skel", skels):
            found.setdefault(skel, []).append((pid, spelling, how, key))
        return found

    def _select(self, column: str, values: Iterable[str]) -> list[tuple]:
        """Name rows (value, pid, spelling, how, key, *rank columns) whose key or skeleton is in ``values``;
        the rank columns of their places are remembered for ``row``."""
        values = sorted(set(values))
        rows: list[tuple] = []
        for start in range(0, len(values), 900):
            chunk = values[start:start + 900]
            marks = ",".join("?" * len(chunk))
            rows += self.db.execute(
                f"SELECT {column}, pid, spelling, how, key, {self._RANK_COLUMNS} FROM names"
                f" WHERE {column} IN ({marks})", chunk).fetchall()
        known = self._rows
        known.update((row[1], row[5:]) for row in rows if row[1] not in known)
        return rows

    def fuzzy_bucket(self, skel: str) -> tuple[list[str], list[int], list[str]]:
        """The fuzzy choices whose skeleton starts with the same letter: transliteration keeps first letters
        (K/Kh, Z/Zh fold to one), so a twentieth of the list is searched."""
        if self._buckets is None:
            buckets: dict[str, tuple[list[str], list[int], list[str]]] = {}
            for choice, pid, key in zip(*self.fuzzy_choices()):
                bucket = buckets.setdefault(choice[:1], ([], [], []))
                bucket[0].append(choice)
                bucket[1].append(pid)
                bucket[2].append(key)
            self._buckets = buckets
        return self._buckets.get(skel[:1], ([], [], []))

    def fuzzy_choices(self) -> tuple[list[str], list[int], list[str]]:
        """(skeletons, pids, name keys) of notable places' spellings, for fuzzy matching (loaded on first use)."""
        if self._fuzzy is None:
            rows = self.db.execute("SELECT skel, pid, key FROM fuzzy ORDER BY rowid").fetchall()
            self._fuzzy = ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
        return self._fuzzy

    def places_near(self, lat: float, lon: float, degrees: float, kinds: tuple[str, ...] = ("city",)
                    ) -> list[Place]:
        marks = ",".join("?" * len(kinds))
        rows = self.db.execute(
            f"SELECT pid FROM places WHERE kind IN ({marks}) AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
            (*kinds, lat - degrees, lat + degrees, lon - degrees, lon + degrees)).fetchall()
        return [self.place(r[0]) for r in rows]

    def info(self) -> dict:
        counts = json.loads(self.meta.get("counts", "{}"))
        kinds = dict(self.db.execute("SELECT kind, COUNT(*) FROM places GROUP BY kind ORDER BY kind"))
        names = self.db.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return {
            "path": str(self.path), "size_mb": round(self.path.stat().st_size / 1e6, 1),
            "min_population": int(self.meta.get("min_population", 0)), "built": self.meta.get("built"),
            "build_seconds": float(self.meta.get("build_seconds", 0)),
            "versions": json.loads(self.meta.get("versions", "{}")), "places_by_source": counts,
            "places_by_kind": kinds, "names": names,
            "dumps": [{"path": path, "bytes": size, "mtime": mtime}
                      for path, size, mtime in json.loads(self.meta.get("dumps", "[]"))],
        }
