"""folium Element classes for the pieces of geomap's page: inlined assets and the map's data and controls."""

from __future__ import annotations

import json

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geomap.render import assets
from geomap.render.safe import script_json


class OfflineMap(folium.Map):
    """A folium Map that links nothing from a CDN: its JavaScript and CSS come inline (see InlineAssets)."""

    default_js: list = []
    default_css: list = []


class InlineAssets(MacroElement):
    """Leaflet and geomap's own JavaScript and CSS, inlined in the page header."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        <script>{{ this.js }}</script>
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "InlineAssets"
        self.css = assets.leaflet_css() + "\n" + assets.own_css()
        self.js = assets.leaflet_js() + "\n" + assets.own_js()

    def render(self, **kwargs):
        figure = self.get_root()
        assert isinstance(figure, Figure), "InlineAssets must be added to a Map inside a Figure"
        figure.header.add_child(Element(self._template.module.header(self, kwargs)), name="geomap_assets")


class MapData(MacroElement):
    """The layers, legend, time range and view of the map, handed to geomap.js as one JSON literal."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        geomapInit({{ this._parent.get_name() }}, {{ this.config_json }});
        {% endmacro %}
    """)

    def __init__(self, config: dict):
        super().__init__()
        self._name = "MapData"
        self.config_json = script_json(json.dumps(config, ensure_ascii=False, separators=(",", ":")))
