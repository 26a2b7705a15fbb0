"""The offline base map (town names, approximate oblast borders, rivers), incidents per region, and user overlays:
their data in Python, and the page in a real browser (Debian Chromium via Playwright, network blocked)."""

import json

import pytest
from shapely.geometry import Point, shape

from geomap import api
from geomap.render import basemap
from geomap.render.overlays import read_overlay
from tests.browser import open_page
from tests.conftest import SEEDS, run_cli
from tests.test_map import _click_first_marker

DONBAS = [48.3, 38.0]
# Two dated snapshots of an area and an undated line; a property holding markup and template syntax.
CONTROL = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "Area A", "date": "2022-03-01", "fill": "#d7301f",
                                       "note": "<img src=x onerror=alert(1)> {{ 7*7 }} ${alert(2)}"},
     "geometry": {"type": "Polygon", "coordinates": [[[37.5, 47.8], [38.6, 47.8], [38.6, 48.4], [37.5, 48.4],
                                                      [37.5, 47.8]]]}},
    {"type": "Feature", "properties": {"name": "Area B", "date": "2022-09-01", "fill": "javascript:alert(1)"},
     "geometry": {"type": "Polygon", "coordinates": [[[37.3, 47.6], [38.8, 47.6], [38.8, 48.7], [37.3, 48.7],
                                                      [37.3, 47.6]]]}},
    {"type": "Feature", "properties": {"name": "Line", "stroke": "#000000", "stroke-width": 3},
     "geometry": {"type": "LineString", "coordinates": [[37.2, 47.5], [37.4, 48.2], [37.9, 48.9]]}},
]}


@pytest.fixture(scope="module")
def base(gaz):
    found = api.analyse([SEEDS], gazetteer=gaz, first_mention_only=True)
    return basemap.build(gaz, [[46.6, 19.4], [57.0, 39.0]], found.events), found


def _towns(data):
    towns = data["towns"]
    names = towns["names"].split("|")
    return {name: (towns["data"][3 * i] / 1000, towns["data"][3 * i + 1] / 1000, towns["data"][3 * i + 2] >> 2)
            for i, name in reversed(list(enumerate(names)))}


def test_towns_start_at_a_zoom_that_follows_their_size(base):
    data, _ = base
    towns = _towns(data)
    assert len(towns) <= basemap.MAX_TOWNS
    assert towns["Kyiv"][2] <= 4 and towns["Kharkiv"][2] <= 5 and towns["Donetsk"][2] <= 6
    assert towns["Horlivka"][2] <= 8 and towns["Bakhmut"][2] <= 8
    lon, lat, _ = towns["Donetsk"]
    assert abs(lat - 48.023) < 0.01 and abs(lon - 37.802) < 0.01
    # Villages (under 10,000 people) never start before zoom 8; many start at 9 to 11 in the incidents' countries.
    villages = [z for z in (t[2] for t in towns.values()) if z >= 9]
    assert len(villages) > 1000
    # City districts that GeoNames lists as populated places wait for zoom 11 (in Kyiv, in Donetsk).
    assert towns["Vyhurivshchyna-Troyeshchyna"][2] >= 11 and towns["Rutchenkivskyi"][2] >= 11


def test_regions_approximate_the_oblasts(base, gaz):
    data, found = base
    regions = {(f["properties"]["country"], f["properties"]["name"]): shape(f["geometry"])
               for f in data["regions"]["features"]}
    assert {("UA", "Donetsk Oblast"), ("UA", "Kharkiv Oblast"), ("UA", "Lviv Oblast")} <= set(regions)
    assert regions[("UA", "Donetsk Oblast")].contains(Point(37.80, 48.02))  # Donetsk
    assert not regions[("UA", "Donetsk Oblast")].contains(Point(36.25, 49.98))  # Kharkiv
    # The Voronoi borders put at least 97 % of Ukraine's towns of 10,000+ people in their own oblast.
    rows = gaz.db.execute("SELECT lon, lat, admin1 FROM places WHERE kind = 'city' AND country = 'UA' "
                          "AND population >= 10000 AND admin1 != ''").fetchall()
    inside = sum(1 for lon, lat, admin1 in rows
                 if ("UA", admin1) in regions and regions[("UA", admin1)].intersects(Point(lon, lat)))
    assert inside / len(rows) >= 0.97, (inside, len(rows))
    # Incidents per region: the counts on the regions are the events' first-level regions.
    counts = basemap.region_counts(found.events)
    assert sum(f["properties"]["count"] for f in data["regions"]["features"]) == sum(
        n for key, n in counts.items() if key in regions)
    assert counts.get(("UA", "Donetsk Oblast"), 0) >= 1
    assert data["note"].startswith("first-level borders approximated")


def test_rivers_cross_the_extent(base):
    data, _ = base
    names = {f["properties"]["name"] for f in data["rivers"]["features"]}
    assert {"Dnieper", "Siverskyi Donets", "Dniester", "Southern Bug"} <= names
    assert "Mississippi" not in names


def test_overlay_files_read(tmp_path):
    path = tmp_path / "control.geojson"
    path.write_text(json.dumps(CONTROL), encoding="utf-8")
    (layer,) = read_overlay(path)
    assert layer["label"] == "control (3)"
    features = layer["data"]["features"]
    assert [f["properties"].get("date") for f in features] == ["2022-03-01", "2022-09-01", None]
    assert features[0]["properties"]["style"] == {"fill": "#d7301f"}
    assert "style" not in features[1]["properties"]  # a fill that is no colour is dropped
    assert features[2]["properties"]["style"] == {"stroke": "#000000", "width": 3.0}
    assert "note: <img src=x onerror=alert(1)> {{ 7*7 }} ${alert(2)}" in features[0]["properties"]["popup"]["m"]
    assert features[0]["properties"]["tooltip"] == "Area A · 2022-03-01"
    # A GeoPackage in another CRS comes back in WGS84.
    import geopandas as gpd

    frame = gpd.read_file(path).to_crs(3857)
    gpkg = tmp_path / "front <lines>.gpkg"
    frame.to_file(gpkg, driver="GPKG")
    (layer,) = read_overlay(gpkg)
    assert layer["label"] == "front &lt;lines&gt; (3)"  # the layer control shows names as HTML
    ring = layer["data"]["features"][0]["geometry"]["coordinates"][0]
    assert abs(ring[0][0] - 37.5) < 1e-4 and abs(ring[0][1] - 47.8) < 1e-4


def test_bad_overlay_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "overlay.gpkg"
    bad.write_text("not a database", encoding="utf-8")
    json_no_geo = tmp_path / "plain.geojson"
    json_no_geo.write_text('{"hello": 1}', encoding="utf-8")
    for path in (bad, json_no_geo, tmp_path / "notes.txt"):
        if path.suffix == ".txt":
            path.write_text("x", encoding="utf-8")
        proc = run_cli("map", str(SEEDS), "-o", str(tmp_path / "map.html"), "--overlay", str(path))
        assert proc.returncode == 2
        assert proc.stderr.strip() == f"geomap: {path}: not a GeoJSON or GeoPackage file"
    assert not (tmp_path / "map.html").exists()


@pytest.fixture(scope="module")
def overlay_map(tmp_path_factory):
    folder = tmp_path_factory.mktemp("basemap")
    control = folder / "control.geojson"
    control.write_text(json.dumps(CONTROL), encoding="utf-8")
    out = folder / "map.html"
    api.write_map([SEEDS], out, overlays=[control])  # tiles "osm": blocked here, so the offline names show
    return out


def _labels_in_view(page):
    return page.evaluate("""() => {
        const w = window.innerWidth, h = window.innerHeight;
        return [...document.querySelectorAll('.geomap-name')].map(e => {
            const r = e.getBoundingClientRect();
            return {text: e.textContent, cls: e.className, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom,
                    shown: r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= w && r.bottom <= h &&
                           getComputedStyle(e).visibility !== 'hidden' &&
                           getComputedStyle(e.parentNode).display !== 'none'};
        });
    }""")


def _view(page, lat, lon, zoom):
    page.evaluate("([lat, lon, z]) => { window.geomapMap.setView([lat, lon], z, {animate: false}); }",
                  [lat, lon, zoom])
    page.wait_for_function("z => window.geomapMap.getZoom() === z && document.querySelector('.geomap-labels') && "
                           "document.querySelector('.geomap-labels').style.display !== 'none'", arg=zoom)


def test_town_names_readable_over_donbas_at_zoom_10(overlay_map):
    with open_page(overlay_map) as (page, report):
        _view(page, *DONBAS, 10)
        labels = _labels_in_view(page)
        shown = {label["text"] for label in labels if label["shown"]}
        assert {"Donetsk", "Horlivka", "Bakhmut", "Kostyantynivka"} <= shown, sorted(shown)
        assert len(shown) >= 40  # villages too
        # No two names overlap.
        boxes = [label for label in labels if label["shown"]]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert a["x1"] <= b["x0"] or b["x1"] <= a["x0"] or a["y1"] <= b["y0"] or b["y1"] <= a["y0"], (a, b)
        # Further north, Kramatorsk and Sloviansk (GeoNames spells it Slovyansk).
        _view(page, 48.75, 37.6, 10)
        shown = {label["text"] for label in _labels_in_view(page) if label["shown"]}
        assert {"Kramatorsk", "Slovyansk"} <= shown, sorted(shown)
        # At zoom 5 only cities: no village or small-town name, Kyiv and Kharkiv named.
        _view(page, 49.0, 32.0, 5)
        labels = _labels_in_view(page)
        assert not [label for label in labels if "geomap-size0" in label["cls"]]
        assert {"Kyiv", "Kharkiv"} <= {label["text"] for label in labels if label["shown"]}
        assert report.tile_requests > 0  # the tiles were asked for and failed: the page drew its own names
        # Choosing the offline base map drops the tiles and keeps the names.
        page.locator(".leaflet-control-layers-base label", has_text="Offline base map").locator("input").click()
        assert page.locator(".leaflet-tile-container").count() == 0
        _view(page, *DONBAS, 10)
        assert "Horlivka" in {label["text"] for label in _labels_in_view(page) if label["shown"]}
        assert not report.errors and not report.failed


def test_offline_only_map_and_tiles_option(tmp_path):
    out = tmp_path / "map.html"
    api.write_map([SEEDS], out, tiles="none")
    with open_page(out) as (page, report):
        assert page.locator(".leaflet-control-layers-base input").count() == 0  # nothing to choose from
        _view(page, *DONBAS, 10)
        assert "Horlivka" in {label["text"] for label in _labels_in_view(page) if label["shown"]}
        assert report.tile_requests == 0 and not report.errors


def test_region_counts_layer_keeps_marker_clicks(overlay_map):
    with open_page(overlay_map) as (page, report):
        key = page.evaluate("() => Object.keys(window.geomapLayers).find(k => k.startsWith('Incidents per region'))")
        assert key, "no region count layer"
        assert page.locator(".geomap-region-count").count() == 0  # off by default
        page.locator(".leaflet-control-layers-overlays label", has_text="Incidents per region").locator("input").click()
        counts = page.eval_on_selector_all(".geomap-region-count", "els => els.map(e => +e.textContent)")
        total = int(key.rsplit("(", 1)[1].rstrip(")"))
        assert counts and sum(counts) == total and min(counts) >= 1
        assert page.locator(".geomap-region-info").count() == 1
        # Hovering a region reads out its count.
        page.evaluate("() => { window.geomapMap.setView([48.0, 37.8], 8, {animate: false}); }")
        box = page.locator(".leaflet-container").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2 + 3, box["y"] + box["height"] / 2 + 3)
        page.wait_for_function("() => /Donetsk Oblast: \\d+ incident/.test("
                               "document.querySelector('.geomap-region-info').textContent)", timeout=5000)
        # Markers under the region layer still take their clicks: the same popup opens with the layer on or off.
        headings = []
        for layer_on in (True, False):
            assert (page.locator(".geomap-region-count").count() > 0) == layer_on
            front = page.evaluate("() => Object.keys(window.geomapLayers).find(k => k.startsWith('Front line'))")
            _click_first_marker(page, front)
            headings.append(page.locator(".leaflet-popup-content h4").last.inner_text())
            page.evaluate("() => { window.geomapMap.closePopup(); }")
            page.wait_for_timeout(300)
            if layer_on:
                page.locator(".leaflet-control-layers-overlays label",
                             has_text="Incidents per region").locator("input").click()
        assert headings[0] == headings[1]
        assert not report.errors


def test_overlay_in_the_browser(overlay_map):
    with open_page(overlay_map) as (page, report):
        labels = page.eval_on_selector_all(".leaflet-control-layers-overlays label",
                                           "els => els.map(e => e.textContent.trim())")
        assert "control (3)" in labels
        # The time control shows the latest snapshot on or before its date.
        shown = "() => window.geomapLayers['control (3)'].geomapShown"
        assert page.evaluate(shown) == "2022-09-01"
        page.evaluate("() => { window.geomapMap.fire('geomaptime', {until: '2022-05-01'}); }")
        assert page.evaluate(shown) == "2022-03-01"
        page.evaluate("() => { window.geomapMap.fire('geomaptime', {until: '2022-01-01'}); }")
        assert page.evaluate(shown) is None
        page.evaluate("() => { window.geomapMap.fire('geomaptime', {until: '2022-12-31'}); }")
        # A click inside the area, away from every incident, opens its properties as text (the gazetteer's
        # Donbas outline of the regions mentioned layer, which takes clicks, is switched off).
        page.evaluate("() => { const m = window.geomapMap, layers = window.geomapLayers;"
                      " m.removeLayer(layers[Object.keys(layers).find(k => k.startsWith('Regions mentioned'))]); }")
        page.evaluate("() => { window.geomapMap.setView([47.75, 37.45], 11, {animate: false}); }")
        page.wait_for_timeout(300)
        box = page.locator(".leaflet-container").bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_selector(".leaflet-popup-content", timeout=5000)
        text = page.locator(".leaflet-popup-content").inner_text()
        assert "Area B" in text and "date: 2022-09-01" in text
        assert page.locator(".leaflet-popup-content img").count() == 0
        # The older snapshot holds the markup, shown as text.
        page.evaluate("() => { window.geomapMap.closePopup(); window.geomapMap.fire('geomaptime', {until: '2022-04-01'});"
                      " window.geomapMap.setView([48.1, 38.3], 11, {animate: false}); }")
        page.wait_for_timeout(300)
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_function("() => /Area A/.test((document.querySelector('.leaflet-popup-content') || {}).textContent)",
                               timeout=5000)
        text = page.locator(".leaflet-popup-content").inner_text()
        assert "<img src=x onerror=alert(1)> {{ 7*7 }} ${alert(2)}" in text
        assert page.locator(".leaflet-popup-content img").count() == 0
        assert not report.dialogs and not report.errors
