"""Working in the map (issue #17), in headless Chromium with the network blocked: co-located markers, layers
that stay below the incidents, the first view, the time control and colours by side."""

import pytest

import geomap
from geomap.events.taxonomy import load_taxonomy
from geomap.model import Event, Mention, Place
from geomap.render import core_points, render_map, save_map
from tests.browser import open_page

KHARKIV = (49.99, 36.23)
DONBAS = [(48.0, 37.8), (48.6, 38.0), (48.3, 37.2), (48.9, 37.6), (47.9, 38.4), (48.2, 38.9)]
SAKHALIN = (46.96, 142.73)
REGION_WKT = "POLYGON ((35.5 49.5, 37.0 49.5, 37.0 50.5, 35.5 50.5, 35.5 49.5))"


def _event(i, kind, where, date="2022-09-01", actors=(), name=None):
    place = where if isinstance(where, Place) else Place(1000 + i, name or f"Town {i}", "city", *where, "UA")
    return Event(f"e{i}", kind, "x", Mention("d", 0, 4, "Town", place, 0.9), date, "day", "article date", "d",
                 "Test", None, f"Report {i} of {kind}", 0, 4, actors=actors, confidence=0.9)


def _write(tmp_path, events, mentions=(), name="map.html", sides=()):
    out = tmp_path / name
    save_map(render_map(events, [], list(mentions), gazetteer=geomap.open_gazetteer(), tiles="none",
                        sides=sides), out)
    return out


def _frame(page):
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _click(page, point):
    box = page.locator(".leaflet-container").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector(".leaflet-popup-content", timeout=5000)
    heading = page.locator(".leaflet-popup-content h4").first.inner_text()
    page.evaluate("() => { window.geomapMap.closePopup(); }")
    page.wait_for_timeout(250)  # a second click at once would be a double click
    return heading


def test_co_located_markers_are_each_clickable(tmp_path):
    kharkiv = Place(7, "Kharkiv", "city", *KHARKIV, "UA")
    events = [_event(i, kind, kharkiv) for i, kind in enumerate(("front_line", "strikes", "civilians"))]
    events.append(_event(9, "strikes", (49.5, 36.8)))
    out = _write(tmp_path, events)
    with open_page(out) as (page, report):
        page.evaluate("ll => { window.geomapMap.setView(ll, 10, {animate: false}); }", list(KHARKIV))
        _frame(page)
        drawn = [m for m in page.evaluate("() => window.geomapIncidents.drawn()") if m["id"] != "e9"]
        assert len(drawn) == 3
        # On a ring around the point, in a stable order (layer order: front line at the top).
        assert drawn[0]["y"] < min(drawn[1]["y"], drawn[2]["y"])
        for a in drawn:
            for b in drawn:
                if a is not b:
                    assert ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5 >= 14, (a, b)
        headings = [_click(page, m) for m in drawn]
        assert [h.split(":")[0] for h in headings] == ["Front line", "Strikes", "Civilians"], headings
        assert not report.errors and not report.failed


def _canvas_at(page, point):
    """The colour (r, g, b, a) the markers' canvas has at a container point, and the canvas's cursor."""
    return page.evaluate("""p => {
        const box = document.querySelector('.leaflet-container').getBoundingClientRect();
        const canvas = document.querySelector('.leaflet-overlay-pane canvas'), r = canvas.getBoundingClientRect();
        const k = canvas.width / r.width, x = Math.round((box.left + p.x - r.left) * k);
        const y = Math.round((box.top + p.y - r.top) * k);
        return {rgba: Array.from(canvas.getContext('2d').getImageData(x, y, 1, 1).data),
                cursor: getComputedStyle(canvas).cursor};
    }""", point)


def test_canvas_marker_shows_its_name_on_hover_and_its_popup_on_click(tmp_path):
    # Markers are drawn straight onto the canvas (no Leaflet layer each): the page hit-tests them itself.
    out = _write(tmp_path, [_event(1, "strikes", KHARKIV, name="Kharkiv & <b>sons</b>")])
    with open_page(out) as (page, report):
        page.evaluate("ll => { window.geomapMap.setView(ll, 9, {animate: false}); }", list(KHARKIV))
        _frame(page)
        marker = page.evaluate("() => window.geomapIncidents.drawn()")[0]
        name = page.evaluate("() => window.geomapIncidents.items[0].f.properties.tooltip")
        assert name.startswith("Strikes: Kharkiv &")
        r, g, b, a = _canvas_at(page, marker)["rgba"]
        assert a > 150 and r > 200 and 90 < g < 160 and b < 60, (r, g, b, a)  # the strikes' orange
        box = page.locator(".leaflet-container").bounding_box()
        away = {"x": marker["x"] + 60, "y": marker["y"] + 40}
        page.mouse.move(box["x"] + away["x"], box["y"] + away["y"])
        assert _canvas_at(page, away)["cursor"] != "pointer"
        page.wait_for_timeout(100)  # Leaflet drops a mouse move on the canvas within 32 ms of the last
        # Hover: the pointer cursor and the marker's name as text, not HTML.
        page.mouse.move(box["x"] + marker["x"], box["y"] + marker["y"])
        page.wait_for_selector(".leaflet-tooltip", timeout=5000)
        assert page.locator(".leaflet-tooltip").inner_text() == name
        assert page.locator(".leaflet-tooltip b").count() == 0
        assert _canvas_at(page, marker)["cursor"] == "pointer"
        page.wait_for_timeout(100)
        page.mouse.move(box["x"] + away["x"], box["y"] + away["y"])
        page.wait_for_selector(".leaflet-tooltip", state="detached", timeout=5000)
        assert _canvas_at(page, away)["cursor"] != "pointer"
        # Click: the popup, at the marker's place; after a pan the marker is drawn and clicked where it moved.
        assert _click(page, marker).startswith("Strikes")
        page.evaluate("() => { window.geomapMap.panBy([120, -80], {animate: false}); }")
        _frame(page)
        moved = page.evaluate("() => window.geomapIncidents.drawn()")[0]
        assert (moved["x"], moved["y"]) == (marker["x"] - 120, marker["y"] + 80)
        page.mouse.click(box["x"] + moved["x"], box["y"] + moved["y"])
        page.wait_for_selector(".leaflet-popup-content", timeout=5000)
        at = page.evaluate("() => { const p = window.geomapMap.latLngToContainerPoint("
                           "L.latLng(%f, %f)); return [p.x, p.y]; }" % KHARKIV)
        tip = page.locator(".leaflet-popup-tip").bounding_box()
        assert abs(tip["x"] + tip["width"] / 2 - box["x"] - at[0]) < 2  # anchored at the place
        page.evaluate("() => { window.geomapMap.closePopup(); }")
        page.wait_for_timeout(250)
        # The layer switched off: nothing drawn there, and a click there opens nothing.
        page.locator(".leaflet-control-layers-overlays label", has_text="Strikes").locator("input").click()
        _frame(page)
        assert page.evaluate("() => window.geomapIncidents.drawn()") == []
        assert _canvas_at(page, moved)["rgba"][3] == 0
        page.mouse.click(box["x"] + moved["x"], box["y"] + moved["y"])
        page.wait_for_timeout(300)
        assert page.locator(".leaflet-popup-content").count() == 0
        assert not report.errors and not report.dialogs


def test_region_and_site_layers_never_take_an_incident_click(tmp_path):
    region = Place(50, "Kharkiv Oblast", "region", 50.0, 36.25, "UA", wkt=REGION_WKT)
    site = Place(51, "Kharkiv TPP-5", "plant", *KHARKIV, "UA", wkt="POINT (36.23 49.99)")
    events = [_event(1, "strikes", Place(7, "Kharkiv", "city", *KHARKIV, "UA"))]
    mentions = [Mention("d", 0, 4, "Kharkiv Oblast", region, 0.9), Mention("d", 5, 9, "TPP-5", site, 0.9)]
    out = _write(tmp_path, events, mentions)
    with open_page(out) as (page, report):
        keys = page.evaluate("() => Object.keys(window.geomapLayers)")
        regions = next(k for k in keys if k.startswith("Regions mentioned"))
        sites = next(k for k in keys if k.startswith("Infrastructure sites"))
        # Switched off and on again, the region and site layers are added after the markers: still below them.
        for key in (regions, sites):
            page.locator(".leaflet-control-layers-overlays label", has_text=key.split(" (")[0]).locator("input").click()
            page.locator(".leaflet-control-layers-overlays label", has_text=key.split(" (")[0]).locator("input").click()
            assert page.evaluate("k => window.geomapMap.hasLayer(window.geomapLayers[k])", key)
        page.evaluate("ll => { window.geomapMap.setView(ll, 9, {animate: false}); }", list(KHARKIV))
        _frame(page)
        marker = page.evaluate("() => window.geomapIncidents.drawn()")[0]
        assert _click(page, marker).startswith("Strikes")
        # Away from the marker, inside the region, the region still answers.
        assert _click(page, {"x": marker["x"] + 120, "y": marker["y"] + 20}) == "Kharkiv Oblast"
        assert not report.errors


def test_first_view_leaves_out_an_outlier(tmp_path):
    events = [_event(i, "front_line", at) for i, at in enumerate(DONBAS)]
    events.append(_event(99, "front_line", SAKHALIN, name="Wrong match on Sakhalin"))
    out = _write(tmp_path, events)
    with open_page(out) as (page, report):
        view = page.evaluate("() => { const b = window.geomapMap.getBounds();"
                             " return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; }")
        south, west, north, east = view
        assert all(south <= lat <= north and west <= lon <= east for lat, lon in DONBAS), view
        assert east < 60, view  # not stretched to the Pacific
        assert page.evaluate("() => window.geomapIncidents.items.length") == 7  # the outlier is still on the map
        assert not report.errors


def test_notice_counts_incidents_outside_the_view_and_fits_them(tmp_path):
    events = [_event(i, "front_line", at) for i, at in enumerate(DONBAS)]
    events.append(_event(99, "front_line", SAKHALIN, name="Wrong match on Sakhalin"))
    events.append(_event(98, "strikes", (SAKHALIN[0] + 0.5, SAKHALIN[1]), date="2022-10-01"))
    out = _write(tmp_path, events)
    with open_page(out) as (page, report):
        notice = page.locator(".geomap-outside")
        assert notice.is_visible() and notice.inner_text().startswith("2 incidents outside this view")
        # The time control hides the later one: one left outside.
        page.locator(".geomap-to").fill("0")
        page.locator(".geomap-to").dispatch_event("input")
        assert notice.inner_text().startswith("1 incident outside this view")
        notice.locator("button", has_text="Show all").click()
        _frame(page)
        east = page.evaluate("() => window.geomapMap.getBounds().getEast()")
        assert east > SAKHALIN[1], east
        assert not notice.is_visible()
        assert {m["id"] for m in page.evaluate("() => window.geomapIncidents.drawn()")} >= {"e99", "e0"}
        # Zoomed in on one town: the five other towns and Sakhalin are outside (the later one still hidden).
        page.evaluate("ll => { window.geomapMap.setView(ll, 11, {animate: false}); }", list(DONBAS[0]))
        assert notice.inner_text().startswith("6 incidents outside this view")
        assert not report.errors


def test_no_outside_notice_when_every_incident_is_in_view(tmp_path):
    out = _write(tmp_path, [_event(i, "front_line", at) for i, at in enumerate(DONBAS)])
    with open_page(out) as (page, report):
        assert page.evaluate("() => window.geomapIncidents.outside") == 0
        assert page.locator(".geomap-outside").count() == 1 and not page.locator(".geomap-outside").is_visible()
        assert not report.errors


def test_core_points_keep_a_spread_front_and_drop_the_far_match():
    points = [(lon, lat, 1) for lat, lon in DONBAS] + [(36.23, 49.99, 1), (30.52, 50.45, 1)]
    assert core_points(points + [(SAKHALIN[1], SAKHALIN[0], 1)]) == points
    assert core_points(points[:2]) == points[:2]  # too few to tell an outlier


def test_time_control_range_single_day_play_and_histogram(tmp_path):
    days = {"2022-09-01": 1, "2022-09-02": 3, "2022-09-04": 2, "2022-09-05": 1}
    events, i = [], 0
    for day, n in days.items():
        for _ in range(n):
            events.append(_event(i, "strikes", (48.0 + 0.1 * i, 37.0 + 0.1 * i), date=day))
            i += 1
    events.append(_event(50, "strikes", (48.5, 36.5), date=None))  # undated: always shown
    out = _write(tmp_path, events)
    with open_page(out) as (page, report):
        bars = page.eval_on_selector_all(".geomap-bar", "els => els.map(e => [e.dataset.start, +e.dataset.count])")
        assert bars == [["2022-09-01", 1], ["2022-09-02", 3], ["2022-09-03", 0], ["2022-09-04", 2],
                        ["2022-09-05", 1]]
        assert page.locator(".geomap-bar").nth(1).get_attribute("title") == "2022-09-02: 3 incidents"

        def shown():
            page.evaluate("() => { window.geomapMap.fitBounds([[47.5, 36], [49.5, 38.5]], {animate: false}); }")
            return sorted(m["date"] for m in page.evaluate("() => window.geomapIncidents.drawn()"))

        assert len(shown()) == 8
        for selector, value in ((".geomap-from", "1"), (".geomap-to", "3")):
            page.locator(selector).fill(value)
            page.locator(selector).dispatch_event("input")
        assert shown() == [""] + ["2022-09-02"] * 3 + ["2022-09-04"] * 2
        assert "2022-09-02 \u2013 2022-09-04: 5 dated incidents" in page.locator(".geomap-time-label").inner_text()
        # One day: the lower handle alone.
        page.locator(".geomap-single input").check()
        assert shown() == ["", "2022-09-02", "2022-09-02", "2022-09-02"]
        assert page.locator(".geomap-bar.geomap-bar-on").count() == 1
        # Play steps a day at a time to the last one, then stops.
        page.evaluate("() => { window.geomapTime.interval = 60; }")
        page.locator(".geomap-play").click()
        page.wait_for_function("() => /^2022-09-05:/.test(document.querySelector('.geomap-time-label').textContent)"
                               " && /Play/.test(document.querySelector('.geomap-play').textContent)", timeout=5000)
        assert shown() == ["", "2022-09-05"]
        assert not report.errors


def test_long_spans_bin_by_week_or_month(tmp_path):
    events = [_event(i, "strikes", (48.0, 37.0 + i), date=d)
              for i, d in enumerate(("2022-01-03", "2022-02-20", "2022-05-30"))]
    out = _write(tmp_path, events)
    with open_page(out) as (page, report):
        assert page.evaluate("() => window.geomapTime.unit") == "week"
        counts = page.eval_on_selector_all(".geomap-bar", "els => els.map(e => +e.dataset.count)")
        assert sum(counts) == 3 and len(counts) == 22
    events.append(_event(9, "strikes", (48.0, 36.0), date="2024-03-01"))
    out = _write(tmp_path, events, name="long.html")
    with open_page(out) as (page, report):
        assert page.evaluate("() => window.geomapTime.unit") == "month"
        starts = page.eval_on_selector_all(".geomap-bar", "els => els.map(e => e.dataset.start)")
        assert starts[0] == "2022-01-01" and starts[-1] == "2024-03-01" and len(starts) == 27
        assert not report.errors


def test_single_day_steps_one_day_over_weekly_bars(tmp_path):
    dates = ("2022-01-03", "2022-01-04", "2022-02-20", "2022-05-27", "2022-05-29", "2022-05-30")
    events = [_event(i, "strikes", (48.0 + 0.1 * i, 37.0 + 0.1 * i), date=d) for i, d in enumerate(dates)]
    out = _write(tmp_path, events)
    with open_page(out) as (page, report):
        assert page.evaluate("() => window.geomapTime.unit") == "week"
        assert page.locator(".geomap-single").inner_text().strip() == "One day"
        page.locator(".geomap-single input").check()

        def label():
            return page.locator(".geomap-time-label").inner_text()

        def shown():
            page.evaluate("() => { window.geomapMap.fitBounds([[47.5, 36.5], [49, 38]], {animate: false}); }")
            return sorted(m["date"] for m in page.evaluate("() => window.geomapIncidents.drawn()"))

        # The first bar's week starts on the first dated day: one day of it, not the week.
        assert label() == "2022-01-03: 1 dated incident" and shown() == ["2022-01-03"]
        page.locator(".geomap-from").fill("1")
        page.locator(".geomap-from").dispatch_event("input")
        assert label() == "2022-01-04: 1 dated incident" and shown() == ["2022-01-04"]
        assert page.locator(".geomap-bar.geomap-bar-on").count() == 1
        # Back to bars: the lower handle on the week that holds the day, the upper where it was (the last week);
        # and again one day: the week's first.
        page.locator(".geomap-single input").uncheck()
        assert label() == "2022-01-03 \u2013 2022-05-30: 6 dated incidents"
        assert page.locator(".geomap-from").input_value() == "0"
        page.locator(".geomap-single input").check()
        assert label() == "2022-01-03: 1 dated incident"
        # Play from 2022-05-25 (day 142): one day a step, to the last day, then it stops.
        page.locator(".geomap-from").fill("142")
        page.locator(".geomap-from").dispatch_event("input")
        assert label() == "2022-05-25: 0 dated incidents" and shown() == []
        page.evaluate("""() => {
            window.seen = [];
            new MutationObserver(() => window.seen.push(document.querySelector('.geomap-time-label').textContent))
              .observe(document.querySelector('.geomap-time-label'), {childList: true, characterData: true, subtree: true});
            window.geomapTime.interval = 40;
        }""")
        page.locator(".geomap-play").click()
        page.wait_for_function("() => /Play/.test(document.querySelector('.geomap-play').textContent)", timeout=5000)
        seen = [text.split(":")[0] for text in page.evaluate("() => window.seen")]
        assert seen == ["2022-05-26", "2022-05-27", "2022-05-28", "2022-05-29", "2022-05-30"], seen
        assert shown() == ["2022-05-30"]
        assert not report.errors


def test_colour_by_side(tmp_path):
    sides = load_taxonomy().map_sides
    colours = {side.key: side.color for side in sides}
    assert {"russia", "ukraine"} <= set(colours)
    events = [_event(1, "strikes", (48.0, 37.0), actors=("Russian forces",)),
              _event(2, "strikes", (48.2, 37.4), actors=("Ukrainian troops",)),
              _event(3, "strikes", (48.4, 37.8), actors=("the IAEA",))]
    out = _write(tmp_path, events, sides=sides)
    with open_page(out) as (page, report):
        def fills():
            return {m["id"]: m["fill"] for m in page.evaluate("() => window.geomapIncidents.drawn()")}

        assert set(fills().values()) == {"#ff7f0e"}  # type colours by default
        page.locator(".geomap-colour-by input[value=side]").check()
        assert fills() == {"e1": colours["russia"], "e2": colours["ukraine"], "e3": "#9e9e9e"}
        legend = page.eval_on_selector_all(".geomap-legend-label", "els => els.map(e => e.textContent)")
        assert legend == [side.label for side in sides] + ["Side not stated"]
        page.locator(".geomap-colour-by input[value=type]").check()
        assert set(fills().values()) == {"#ff7f0e"}
        assert not report.errors


@pytest.mark.parametrize("old, new", [('color = "#c0392b"', 'color = "red"'),
                                      ('color = "#1f5fbf"\nactors = [', 'color = "#1f5fbf"\nactors = []\nold = [')])
def test_bad_side_setting_is_refused(tmp_path, old, new):
    from geomap.events.taxonomy import DEFAULT_PATH, TaxonomyError

    source = DEFAULT_PATH.read_text(encoding="utf-8")
    assert old in source
    path = tmp_path / "events.toml"
    path.write_text(source.replace(old, new), encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"actors\.map_side"):
        load_taxonomy(path)
