"""Incidents: typed, dated, sourced events from article sentences.

From each article: what happened (a type and subtype from ``data/events.toml``), where (the most specific place
the incident is linked to), when (the article date or a time expression resolved against it), who (actors when
stated), and the sentence that says so.
"""

from geomap.events.extract import extract_events
from geomap.events.records import CONTRACT, event_record
from geomap.events.taxonomy import TaxonomyError, load_taxonomy

__all__ = ["CONTRACT", "TaxonomyError", "event_record", "extract_events", "load_taxonomy"]
