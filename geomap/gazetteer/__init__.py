"""The offline gazetteer: sources, name keys, the built index and the resolver."""

from geomap.gazetteer.index import Gazetteer, build
from geomap.gazetteer.resolver import resolve

__all__ = ["Gazetteer", "build", "resolve"]
