"""folium Element classes for the pieces of geomap's page: inlined assets and the map's data and controls.

branca renders a MacroElement's macros and then wraps their output in ``Element(text)``, which compiles the
text as a Jinja template: anything in it that looks like ``{{ ... }}`` would run on the machine that builds
the map. Our pieces carry article text, so each one renders through ``RawText`` instead, which hands its
string to the page verbatim and never gives it to a template engine.
"""

from __future__ import annotations

import json

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geomap.render import assets
from geomap.render.safe import script_json


class RawText(Element):
    """Finished HTML or JavaScript, put in the page as it is: never compiled or rendered as a template."""

    def __init__(self, text: str):
        super().__init__()
        self._name = "RawText"
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


def _render_macros(element: MacroElement, kwargs: dict) -> None:
    """branca's MacroElement.render, with each macro's output added as RawText rather than as a template."""
    figure = element.get_root()
    assert isinstance(figure, Figure), f"{type(element).__name__} must be added to a Map inside a Figure"
    macros = element._template.module.__dict__
    for section in ("header", "html", "script"):
        macro = macros.get(section)
        if macro is not None:
            getattr(figure, section).add_child(RawText(str(macro(element, kwargs))), name=element.get_name())
    for child in element._children.values():
        child.render(**kwargs)


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
        _render_macros(self, kwargs)


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

    def render(self, **kwargs):
        _render_macros(self, kwargs)
