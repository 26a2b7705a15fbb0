"""The offline gazetteer: sources, name keys, the built index and the resolver."""

from functools import lru_cache

from geomap.gazetteer.index import Gazetteer, build
from geomap.gazetteer.resolver import resolve

__all__ = ["Gazetteer", "build", "open_default", "resolve"]


def open_default(min_population: int | None = None) -> Gazetteer:
    """The process's shared gazetteer (built on first use, then opened from the cache): what every stage
    uses when it is handed none. One per population threshold ($GEOMAP_MIN_POPULATION when not given)."""
    from geomap.gazetteer.index import min_population_setting

    return _open(min_population_setting(min_population))


@lru_cache(maxsize=4)
def _open(min_population: int) -> Gazetteer:
    return Gazetteer.open(min_population)
