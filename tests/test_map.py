"""The incident map in a real browser (Debian Chromium via Playwright), offline; and its determinism."""

import json
import re

import pytest

from geomap import api
from tests.browser import open_page
from tests.conftest import SEEDS

HOSTILE = ("Russian missiles struck Kharkiv on Monday, killing two civilians "
           "<img src=x onerror=alert(1)> ${alert(1)} `backtick` \\1 </script><script>alert(2)</script>.")


@pytest.fixture(scope="module")
def seeds_map(tmp_path_factory):
    out = tmp_path_factory.mktemp("map") / "map.html"
    written = api.write_map([SEEDS], out, title="Seeds")
    return out, written


def test_writes_page_events_and_claims(seeds_map):
    page, written = seeds_map
    assert [p.name for p in written] == ["map.events.geojson", "map.claims.csv", "map.html"]
    assert all(p.exists() and p.stat().st_size > 0 for p in written)
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", html)  # nothing from a CDN


def test_same_input_same_bytes(seeds_map, tmp_path):
    page, _ = seeds_map
    again = tmp_path / "map.html"
    api.write_map([SEEDS], again, title="Seeds")
    assert again.read_bytes() == page.read_bytes()


def test_seeds_map_in_the_browser(seeds_map):
    page_path, _ = seeds_map
    with open_page(page_path) as (page, report):
        labels = page.eval_on_selector_all(".leaflet-control-layers-overlays label",
                                           "els => els.map(e => e.textContent.trim())")
        assert labels, "no layer control"
        assert all(re.search(r"\(\d+\)$", label) for label in labels)
        for expected in ("Front line", "Strikes", "Infrastructure", "Distance checks", "All place mentions"):
            assert any(label.startswith(expected) for label in labels), (expected, labels)
        # The legend and the tools are there.
        assert page.locator(".geomap-legend").count() == 1
        assert page.locator(".geomap-search input").count() == 1
        # Toggling a layer hides its markers.
        name = next(label for label in labels if label.startswith("Strikes"))
        key = page.evaluate("n => Object.keys(window.geomapLayers).find(k => k.startsWith(n))", "Strikes")
        assert page.evaluate("k => window.geomapMap.hasLayer(window.geomapLayers[k])", key)
        page.locator(".leaflet-control-layers-overlays label", has_text=name).locator("input").click()
        assert not page.evaluate("k => window.geomapMap.hasLayer(window.geomapLayers[k])", key)
        page.locator(".leaflet-control-layers-overlays label", has_text=name).locator("input").click()
        # Clicking a marker opens a popup with the event's quote (as events.geojson has it).
        event_id = _click_first_marker(page, key)
        quotes = {f["id"]: f["properties"]["quote"] for f in json.loads(
            page_path.with_name("map.events.geojson").read_text(encoding="utf-8"))["features"]}
        popup = page.locator(".leaflet-popup-content").inner_text()
        assert " ".join(quotes[event_id].split()) in " ".join(popup.split())
        assert not report.errors, report.errors
        assert not report.failed, report.failed
        assert not report.dialogs


def _click_first_marker(page, key):
    """Click the layer's first marker where it is drawn on the canvas (markers at one place sit on a ring
    around it); returns the feature's id."""
    point = page.evaluate("""k => {
        const group = window.geomapLayers[k], map = window.geomapMap, index = window.geomapIncidents;
        const si = index.groups.indexOf(group);
        const item = index.items.find(i => i.si === si);  // the layer's first incident, wherever the view is
        map.setView(item.ll, 8, {animate: false});
        const id = item.f.properties.id, p = index.drawn().find(m => m.id === id);
        const box = map.getContainer().getBoundingClientRect();
        return {x: box.left + p.x, y: box.top + p.y, id: id};
    }""", key)
    # Let the canvas redraw at the new view before clicking (Leaflet renders on the next frames).
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector(".leaflet-popup-content", timeout=15000)
    return point["id"]


def test_hostile_article_text_runs_no_script(tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text("date 2022-10-10 " + HOSTILE + "\n", encoding="utf-8")
    out = tmp_path / "map.html"
    api.write_map([article], out, title="<b>title</b> ${alert(3)}", tiles="none")
    html = out.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "</script><script>alert(2)" not in html
    with open_page(out) as (page, report):
        # The strike that killed two civilians is one incident, filed under the harm to people.
        key = page.evaluate("() => Object.keys(window.geomapLayers).find(k => k.startsWith('Civilians'))")
        assert key, "the hostile sentence should still map as an incident"
        _click_first_marker(page, key)
        text = page.locator(".leaflet-popup-content").inner_text()
        assert "<img src=x onerror=alert(1)>" in text and "${alert(1)}" in text and "`backtick`" in text
        assert "\\1" in text
        assert page.locator(".leaflet-popup-content img").count() == 0
        assert page.title() == "<b>title</b> ${alert(3)}"
        assert not report.dialogs and not report.errors


def test_dense_incidents_cluster_and_spread_when_zoomed(tmp_path):
    import random

    import geomap
    from geomap.model import Event, Mention, Place
    from geomap.render import render_map, save_map

    rnd = random.Random(3)
    events = []
    for i in range(800):
        place = Place(i, f"Town {i}", "city", rnd.uniform(47.0, 50.0), rnd.uniform(30.0, 38.0), "UA")
        events.append(Event(f"e{i}", "strikes", "shelling", Mention("d", 0, 4, "Town", place, 0.9), "2022-09-01",
                            "day", "article date", "d", "Dense", None, f"Shelling reported {i}", 0, 4))
    out = tmp_path / "dense.html"
    save_map(render_map(events, [], [], gazetteer=geomap.open_gazetteer(), tiles="none"), out)
    with open_page(out) as (page, report):
        circles = "() => window.geomapIncidents.circleList()"
        counts = [c["count"] for c in page.evaluate(circles)]
        assert counts and sum(counts) <= 800 and max(counts) > 1
        # After a zoom between clustered levels the circles are those of the same view reached another way.
        page.evaluate("() => { window.geomapMap.setView([48.5, 34], 7, {animate: false}); }")
        page.evaluate("() => { window.geomapMap.setView([48.5, 34], 8, {animate: false}); }")
        reused = sorted(map(str, page.evaluate(circles)))
        page.evaluate("() => { window.geomapMap.setView([48.5, 34], 10, {animate: false}); }")
        page.evaluate("() => { window.geomapMap.setView([48.5, 34], 8, {animate: false}); }")
        assert reused and reused == sorted(map(str, page.evaluate(circles)))
        assert all(c["title"] == f"{c['count']} incidents: click to zoom in" for c in page.evaluate(circles))
        # A circle on the canvas: hovering shows its count, a click zooms in on its incidents.
        circle = max(page.evaluate(circles), key=lambda c: c["count"])
        box = page.locator(".leaflet-container").bounding_box()
        page.mouse.move(box["x"] + circle["x"], box["y"] + circle["y"])
        page.wait_for_selector(".leaflet-tooltip", timeout=5000)
        assert page.locator(".leaflet-tooltip").inner_text() == circle["title"]
        page.mouse.click(box["x"] + circle["x"], box["y"] + circle["y"])
        page.wait_for_function("() => window.geomapMap.getZoom() > 8 && !window.geomapMap._animatingZoom", timeout=5000)
        page.wait_for_timeout(300)  # the zoom's moveend, before the next view is set
        page.evaluate("() => { window.geomapMap.setView([48.5, 34], 10, {animate: false}); }")
        # Zoomed in past the clustering zoom, every marker shows on its own.
        assert page.evaluate("() => window.geomapMap.getZoom()") >= 9
        assert page.evaluate(circles) == [] and len(page.evaluate("() => window.geomapIncidents.drawn()")) > 20
        assert not report.errors


def test_search_measure_and_time_slider_work(seeds_map):
    page_path, _ = seeds_map
    with open_page(page_path) as (page, report):
        # Search: a place named in the seeds opens a popup that names it.
        page.fill(".geomap-search input", "Izyum")
        page.press(".geomap-search input", "Enter")
        page.wait_for_selector(".leaflet-popup-content", timeout=15000)
        assert "Izyum" in page.locator(".leaflet-popup-content").inner_text()
        assert page.locator(".geomap-search-status").inner_text().startswith("1/")
        page.keyboard.press("Escape")
        # Measure: two clicks 100 px apart read out a distance in km and miles. The clicks land on open
        # sea, where no marker or popup can take them.
        # The search's animated pan and the popup's auto-pan must be over before the view is set and measured.
        page.evaluate("() => { window.geomapMap.closePopup(); }")
        page.wait_for_timeout(800)
        page.evaluate("() => { const m = window.geomapMap; m.stop(); m.setView([45, -30], 5, {animate: false}); }")
        page.wait_for_timeout(300)
        assert page.evaluate("() => { const c = window.geomapMap.getCenter(); "
                             "return Math.abs(c.lat - 45) < 1e-6 && Math.abs(c.lng + 30) < 1e-6; }")
        page.locator(".geomap-button a[title='Measure a distance']").click()
        box = page.locator(".leaflet-container").bounding_box()
        x, y = box["x"] + box["width"] / 3, box["y"] + box["height"] / 2
        page.mouse.click(x, y)
        page.wait_for_selector(".geomap-measure")
        page.wait_for_timeout(600)  # two quick clicks would be a double click, which zooms the map
        page.mouse.click(x + 100, y)
        page.wait_for_function(
            "() => !/Distance: 0\\.0 km/.test(document.querySelector('.geomap-measure').textContent)", timeout=5000)
        readout = page.locator(".geomap-measure").inner_text()
        km = float(re.search(r"Distance: ([\d.]+) km", readout).group(1))
        expected = page.evaluate("""([x1, y1, x2, y2]) => {
            const m = window.geomapMap, r = m.getContainer().getBoundingClientRect();
            return m.distance(m.containerPointToLatLng([x1 - r.left, y1 - r.top]),
                              m.containerPointToLatLng([x2 - r.left, y2 - r.top])) / 1000; }""",
                                 [x, y, x + 100, y])
        assert km == pytest.approx(expected, rel=0.02) and " mi" in readout
        # Time control: moving its upper handle to the first period hides later incidents (their markers go).
        slider = page.locator(".geomap-time input.geomap-to")
        if slider.count():
            page.evaluate("() => { window.geomapMap.fitBounds([[44, 22], [53, 41]], {animate: false}); }")
            visible = "() => window.geomapIncidents.drawn().filter(m => m.date).length"
            before = page.evaluate(visible)
            slider.fill("0")
            slider.dispatch_event("input")
            assert page.evaluate(visible) < before
        assert not report.errors


def test_layer_names_come_from_the_taxonomy_file(tmp_path, monkeypatch):
    """An analyst renames a type in data/events.toml: the map's layer and legend follow."""
    from geomap.events import taxonomy

    edited = tmp_path / "events.toml"
    edited.write_text(taxonomy.DEFAULT_PATH.read_text(encoding="utf-8").replace(
        'label = "Strikes"', 'label = "Shelling & strikes"'), encoding="utf-8")
    monkeypatch.setattr(taxonomy, "DEFAULT_PATH", edited)
    try:
        written = api.write_map([SEEDS], tmp_path / "map.html", tiles="none")
    finally:
        monkeypatch.undo()
    page = written[-1].read_text(encoding="utf-8")
    assert "Shelling \\u0026amp; strikes (" in page or "Shelling &amp; strikes (" in page
