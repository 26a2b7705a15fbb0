"""geomap: places, incidents and distance claims from news articles, to maps and GIS data, offline.

The public API mirrors the CLI; heavy libraries (geopandas, folium) load only inside the functions that
need them, so `import geomap` and `geomap resolve` start fast.
"""

from geomap.api import distance, gazetteer, resolve
from geomap.articles import read_articles
from geomap.geoparse import focus, parse
from geomap.errors import GazetteerError, GeomapError, InputError, NoMatch
from geomap.model import Article, Candidate, Geodesic, Mention, Place

__all__ = ["Article", "Candidate", "GazetteerError", "GeomapError", "Geodesic", "InputError", "Mention", "NoMatch",
           "Place", "distance", "focus", "gazetteer", "parse", "read_articles", "resolve"]
__version__ = "0.1.0"
