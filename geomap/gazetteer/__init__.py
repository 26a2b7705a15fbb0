"""The offline gazetteer: sources, name keys, the built index and the resolver."""

from functools import lru_cache

from geomap.gazetteer.index import Gazetteer, build
from geomap.gazetteer.resolver import resolve

__all__ = ["Gazetteer", "build", "country_field", "open_default", "resolve"]


def open_default(min_population: int | None = None) -> Gazetteer:
    """The process's shared gazetteer (built on first use, then opened from the cache): what every stage
    uses when it is handed none. One per population threshold ($GEOMAP_MIN_POPULATION when not given)."""
    from geomap.gazetteer.index import min_population_setting

    return _open(min_population_setting(min_population))


@lru_cache(maxsize=4)
def _open(min_population: int) -> Gazetteer:
    return Gazetteer.open(min_population)


@lru_cache(maxsize=1)
def _countries_read_once() -> dict[str, dict]:
    from geomap.gazetteer.sources import geonames_countries

    return geonames_countries()


def country_field(code: str, field: str):
    """One field of a country's GeoNames record ("name", "capital"), None when it has none: the file is read
    once per process (the incident and claim readers ask in every article). Kept out of ``sources``, whose
    code is part of the index's fingerprint."""
    return _countries_read_once().get(code, {}).get(field)
