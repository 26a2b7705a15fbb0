"""geomap: places, incidents and distance claims from news articles, to maps and GIS data, offline.

The public API mirrors the CLI; heavy libraries (geopandas, folium) load only inside the functions that
need them, so `import geomap` and `geomap resolve` start fast.
"""

from geomap.api import (Analysis, analyse, analyse_each, build_map, check_distances, distance, export,
                        extract_events, open_gazetteer, resolve, resolve_many, write_map)
from geomap.articles import read_articles
from geomap.errors import GazetteerError, GeomapError, InputError, NoMatch
from geomap.geoparse import focus, parse
from geomap.model import Article, Candidate, ClaimCheck, DistanceClaim, Event, Geodesic, Mention, Place

__all__ = ["Analysis", "Article", "Candidate", "ClaimCheck", "DistanceClaim", "Event", "GazetteerError",
           "GeomapError", "Geodesic", "InputError", "Mention", "NoMatch", "Place", "analyse", "analyse_each",
           "build_map", "check_distances", "distance", "export", "extract_events", "focus", "open_gazetteer",
           "parse", "read_articles", "resolve", "resolve_many", "to_geodataframe", "write_map"]
__version__ = "0.1.0"


def to_geodataframe(items):
    """Events, mentions or claim checks as a GeoDataFrame with the documented schema (see geomap.frame)."""
    from geomap.frame import to_geodataframe as _frame

    return _frame(items)
