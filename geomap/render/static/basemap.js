/* geomap's offline base map: land and coasts, approximate first-level borders, rivers, town names placed
   without overlap, the incidents-per-region layer and user overlays (control areas, front lines).
   geomap.js calls geomapBase.init(map, config) and puts what it returns in the layer control.
   Names and properties reach the DOM through textContent only. Nothing here takes a click that an
   incident marker should get: every shape is non-interactive, and overlay popups and region counts are
   found by testing the pointer's position when the map gets a click or move that no marker took. */
(function () {
  "use strict";

  var PANES = {gmLand: 150, gmChoropleth: 350, gmOverlay: 380, gmLabels: 390};
  var RAMP = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];
  var FONTS = ["11px", "12px", "600 13px", "700 15px"];
  var FAMILY = ' system-ui, -apple-system, "Segoe UI", sans-serif';
  var MAX_LABELS = 400;
  // The base and overlay canvases reach a quarter of the view beyond each side, so a drag shows land until
  // it ends (then they are drawn again). Leaflet's 0.1 would show an empty edge sooner; 0.5 painted 4x the
  // view on every pan and zoom, and that raster was the largest part of a zoom's frame after the script.
  var CANVAS_PAD = 0.25;

  function el(tag, cls, parent, text) {
    var node = L.DomUtil.create(tag, cls || "", parent);
    if (text) { node.textContent = text; }
    return node;
  }

  // --- Town, river and region names: greedy by rank, skipping any label whose box overlaps a placed one.
  var measureCtx = null;
  function textWidth(text, font) {
    if (!measureCtx) { measureCtx = document.createElement("canvas").getContext("2d"); }
    measureCtx.font = font + FAMILY;
    return measureCtx.measureText(text).width;
  }

  function labelItems(base) {
    var items = [], towns = base.towns || {names: "", data: []};
    var names = towns.names ? towns.names.split("|") : [];
    for (var i = 0; i < names.length; i++) {
      var code = towns.data[3 * i + 2];
      items.push({name: names[i], ll: L.latLng(towns.data[3 * i + 1] / 1000, towns.data[3 * i] / 1000),
                  z: code >> 2, size: code & 3, kind: "town", prio: code >> 2});
    }
    (base.labels || []).forEach(function (l) {
      var region = l[3] === "region";
      items.push({name: l[4], ll: L.latLng(l[1], l[0]), z: l[2], maxz: region ? 8.75 : 99, kind: l[3],
                  prio: region ? 6.5 : 7.5, size: 0});
    });
    // Stable sort by priority: towns keep their rank order within a zoom.
    return items.map(function (item, i) { item.i = i; return item; })
      .sort(function (a, b) { return a.prio - b.prio || a.i - b.i; });
  }

  var NameLabels = L.Layer.extend({
    initialize: function (items) { this._items = items; },
    onAdd: function (map) {
      this._box = el("div", "geomap-labels", map.getPane("gmLabels"));
      this._redraw();
    },
    onRemove: function () { L.DomUtil.remove(this._box); this._box = null; },
    // A zoom without animation fires viewprereset, moveend, then viewreset: the names are placed once, on
    // viewreset; a pan places them on moveend.
    getEvents: function () {
      return {zoomstart: this._hide, viewprereset: this._postpone, moveend: this._onMoveEnd, viewreset: this._onReset};
    },
    _postpone: function () { this._postponed = true; },
    _onMoveEnd: function () { if (!this._postponed) { this._redraw(); } },
    _onReset: function () { this._postponed = false; this._redraw(); },
    _hide: function () { if (this._box) { this._box.style.display = "none"; } },
    _redraw: function () {
      var map = this._map;
      if (!map || !this._box) { return; }
      var zoom = map.getZoom(), view = map.getBounds().pad(0.05), size = map.getSize();
      var placed = [], frag = document.createDocumentFragment();
      for (var i = 0; i < this._items.length && placed.length < MAX_LABELS; i++) {
        var item = this._items[i];
        if (item.z > zoom + 1e-6 || zoom > item.maxz || !view.contains(item.ll)) { continue; }
        var p = map.latLngToContainerPoint(item.ll);
        var font = item.kind === "town" ? FONTS[item.size] : (item.kind === "river" ? "italic 11px" : "600 11px");
        var text = item.kind === "region" ? item.name.toUpperCase() : item.name;
        var w = textWidth(text, font) + (item.kind === "region" ? text.length * 1.2 : 0), h = item.size >= 2 ? 18 : 15;
        var box = item.kind === "town" ? [p.x - 4, p.y - h / 2, p.x + 9 + w, p.y + h / 2]
                                       : [p.x - w / 2, p.y - h / 2, p.x + w / 2, p.y + h / 2];
        if (box[2] < 0 || box[0] > size.x || box[3] < 0 || box[1] > size.y) { continue; }
        var clash = false;
        for (var j = 0; j < placed.length && !clash; j++) {
          var q = placed[j];
          clash = box[0] < q[2] + 2 && box[2] + 2 > q[0] && box[1] < q[3] && box[3] > q[1];
        }
        if (clash) { continue; }
        placed.push(box);
        var div = el("div", "geomap-name geomap-" + item.kind + " geomap-size" + item.size, null, text);
        div.style.font = font + FAMILY;
        // A 2D translate, not Leaflet's translate3d: that makes each of some 200 names a composited layer.
        var at = map.latLngToLayerPoint(item.ll);
        div.style.transform = "translate(" + at.x + "px," + at.y + "px)";
        frag.appendChild(div);
      }
      this._box.textContent = "";
      this._box.appendChild(frag);
      this._box.style.display = "";
      this.shown = placed.length;
    }
  });

  // --- Hit tests: which shape lies under a point (region counts and overlay popups).
  function ringContains(ring, x, y) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) { inside = !inside; }
    }
    return inside;
  }
  function polygonContains(rings, x, y) {
    if (!ringContains(rings[0], x, y)) { return false; }
    for (var k = 1; k < rings.length; k++) { if (ringContains(rings[k], x, y)) { return false; } }
    return true;
  }
  function segmentDistance(p, a, b) {
    var dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy;
    var t = len ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len)) : 0;
    return Math.sqrt(Math.pow(p.x - a.x - t * dx, 2) + Math.pow(p.y - a.y - t * dy, 2));
  }
  // Does a GeoJSON geometry lie under the container point (lines and points: within 6 pixels)?
  function hits(map, geometry, latlng, point) {
    if (!geometry) { return false; }
    var c = geometry.coordinates, x = latlng.lng, y = latlng.lat, i;
    function near(line) {
      for (var k = 1; k < line.length; k++) {
        var a = map.latLngToContainerPoint([line[k - 1][1], line[k - 1][0]]);
        var b = map.latLngToContainerPoint([line[k][1], line[k][0]]);
        if (segmentDistance(point, a, b) <= 6) { return true; }
      }
      return false;
    }
    switch (geometry.type) {
      case "Polygon": return polygonContains(c, x, y);
      case "MultiPolygon": for (i = 0; i < c.length; i++) { if (polygonContains(c[i], x, y)) { return true; } } return false;
      case "LineString": return near(c);
      case "MultiLineString": for (i = 0; i < c.length; i++) { if (near(c[i])) { return true; } } return false;
      case "Point": return point.distanceTo(map.latLngToContainerPoint([c[1], c[0]])) <= 6;
      case "MultiPoint":
        for (i = 0; i < c.length; i++) { if (point.distanceTo(map.latLngToContainerPoint([c[i][1], c[i][0]])) <= 6) { return true; } }
        return false;
      case "GeometryCollection":
        for (i = 0; i < geometry.geometries.length; i++) { if (hits(map, geometry.geometries[i], latlng, point)) { return true; } }
        return false;
    }
    return false;
  }

  // --- Incidents per first-level region: a choropleth with the count on each region.
  function rampColor(count, max) {
    if (!count) { return null; }
    var k = max > 1 ? Math.ceil(RAMP.length * Math.log(1 + count) / Math.log(1 + max)) - 1 : RAMP.length - 1;
    return RAMP[Math.max(0, Math.min(RAMP.length - 1, k))];
  }

  function regionCountLayer(map, regions) {
    var features = regions.features.filter(function (f) { return f.properties.count > 0; });
    var max = features.reduce(function (m, f) { return Math.max(m, f.properties.count); }, 0);
    var total = features.reduce(function (n, f) { return n + f.properties.count; }, 0);
    var group = L.layerGroup();
    var renderer = L.svg({pane: "gmChoropleth"});
    L.geoJSON({type: "FeatureCollection", features: features}, {
      interactive: false, renderer: renderer,
      style: function (f) {
        return {color: "#6b4a2b", weight: 0.8, opacity: 0.8, fillColor: rampColor(f.properties.count, max),
                fillOpacity: 0.55, renderer: renderer};
      }
    }).addTo(group);
    features.forEach(function (f) {
      var at = f.properties.at, n = f.properties.count;
      var icon = L.divIcon({className: "geomap-region-count", html: "", iconSize: null});
      var marker = L.marker([at[1], at[0]], {icon: icon, interactive: false, keyboard: false, pane: "gmLabels"});
      marker.on("add", function () {
        var node = marker.getElement();
        node.textContent = String(n);
        node.title = f.properties.name + ": " + n;
      });
      group.addLayer(marker);
    });
    group.geomapTotal = total;
    // A read-out of the region under the pointer, and the colour ramp.
    var info = L.control({position: "bottomleft"}), text = null;
    info.onAdd = function () {
      var div = el("div", "geomap-region-info");
      el("div", "geomap-legend-title", div, "Incidents per region");
      var ramp = el("div", "geomap-ramp", div);
      RAMP.forEach(function (color) { el("span", "", ramp).style.background = color; });
      el("span", "geomap-ramp-label", ramp, " 1 \u2013 " + max);
      text = el("div", "meta", div, "Borders approximate (drawn from town locations)");
      return div;
    };
    var pending = false;
    function onMove(ev) {
      if (pending) { return; }
      pending = true;
      L.Util.requestAnimFrame(function () {
        pending = false;
        if (!text) { return; }
        var found = regions.features.filter(function (f) { return hits(map, f.geometry, ev.latlng, ev.containerPoint); })[0];
        text.textContent = found ? found.properties.name + ": " + found.properties.count + " incident" +
          (found.properties.count === 1 ? "" : "s") : "Borders approximate (drawn from town locations)";
      });
    }
    group.on("add", function () { info.addTo(map); map.on("mousemove", onMove); });
    group.on("remove", function () { info.remove(); map.off("mousemove", onMove); });
    return group;
  }

  // --- User overlays: control areas, front lines; dated snapshots follow the time control.
  function popupNode(p) {
    var div = el("div", "geomap-popup");
    if (p.h) { el("h4", "", div, p.h); }
    (p.m || []).forEach(function (line) { el("div", "meta", div, line); });
    return div;
  }

  function overlayLayer(map, spec, renderer) {
    var style = spec.style || {};
    var group = L.geoJSON(spec.data, {
      interactive: false,
      pointToLayer: function (f, latlng) { return L.circleMarker(latlng, {renderer: renderer, radius: 5}); },
      style: function (f) {
        var s = L.extend({}, style, f.properties.style || {});
        return {color: s.stroke || "#b2182b", weight: s.width === undefined ? 2 : s.width,
                opacity: s.strokeOpacity === undefined ? 0.9 : s.strokeOpacity,
                fillColor: s.fill || s.stroke || "#b2182b",
                fillOpacity: s.fillOpacity === undefined ? 0.25 : s.fillOpacity, renderer: renderer,
                interactive: false};
      }
    });
    var dates = [];
    group.eachLayer(function (layer) {
      var d = layer.feature.properties.date;
      if (d && dates.indexOf(d) < 0) { dates.push(d); }
    });
    dates.sort();
    // Dated features are snapshots: at a time, the latest snapshot on or before it shows (undated: always).
    function showAt(until) {
      var chosen = null;
      dates.forEach(function (d) { if (!until || d <= until) { chosen = d; } });
      group.eachLayer(function (layer) {
        var d = layer.feature.properties.date, show = !d || d === chosen;
        layer._gmOff = !show;
        layer.setStyle(show ? {opacity: layer.options.gmOpacity, fillOpacity: layer.options.gmFill}
                            : {opacity: 0, fillOpacity: 0});
      });
      group.geomapShown = chosen;
    }
    group.eachLayer(function (layer) {
      layer.options.gmOpacity = layer.options.opacity; layer.options.gmFill = layer.options.fillOpacity;
    });
    if (dates.length) {
      showAt(null);
      map.on("geomaptime", function (ev) { showAt(ev.until || null); });
    }
    group.geomapAt = function (latlng, point) {
      var found = null;
      group.eachLayer(function (layer) {
        if (!layer._gmOff && hits(map, layer.feature.geometry, latlng, point)) { found = layer; }
      });
      return found;
    };
    return group;
  }

  // Leaflet hands a click or move to the map after the layer under it: mark the events a canvas layer took
  // (Leaflet 1.9's Canvas._fireEvent, plus the mark), and tell them from those on DOM markers by their target.
  L.Canvas.include({
    _fireEvent: function (layers, e, type) {
      if (layers && layers.length) { e._gmLayerHit = true; }
      this._map._fireDOMEvent(e, type || e.type, layers);
    }
  });
  function taken(ev) {
    var e = ev.originalEvent;
    return !!e && (e._gmLayerHit || !!(e.target && e.target.classList && e.target.classList.contains("leaflet-interactive")));
  }

  function overlayEvents(map, groups) {
    var tip = null, pending = false;
    function under(ev) {
      if (taken(ev)) { return null; }
      for (var i = groups.length - 1; i >= 0; i--) {
        if (map.hasLayer(groups[i])) {
          var layer = groups[i].geomapAt(ev.latlng, ev.containerPoint);
          if (layer) { return layer; }
        }
      }
      return null;
    }
    map.on("click", function (ev) {
      if (map.getContainer().style.cursor === "crosshair") { return; }  // the measure tool is on
      var layer = under(ev);
      if (layer && layer.feature.properties.popup) {
        L.popup({maxWidth: 360}).setLatLng(ev.latlng).setContent(popupNode(layer.feature.properties.popup)).openOn(map);
      }
    });
    map.on("mousemove", function (ev) {
      if (pending) { return; }
      pending = true;
      L.Util.requestAnimFrame(function () {
        pending = false;
        var layer = under(ev), text = layer && layer.feature.properties.tooltip;
        if (!text) { if (tip) { map.removeLayer(tip); tip = null; } return; }
        var span = el("span"); span.textContent = text;
        if (!tip) { tip = L.tooltip({sticky: true, className: "geomap-overlay-tip"}); }
        tip.setLatLng(ev.latlng).setContent(span);
        if (!map.hasLayer(tip)) { tip.addTo(map); }
      });
    });
  }

  function init(map, config) {
    Object.keys(PANES).forEach(function (name) {
      var pane = map.createPane(name);
      pane.style.zIndex = PANES[name];
      pane.style.pointerEvents = "none";
    });
    var base = config.base || {}, baseLayers = {}, overlays = {};
    var landRenderer = L.canvas({pane: "gmLand", padding: CANVAS_PAD});
    if (base.land) {
      L.geoJSON(base.land, {interactive: false, renderer: landRenderer,
                            style: {color: "#7d7d7d", weight: 0.8, fillColor: "#f2efe9", fillOpacity: 1}}).addTo(map);
    }
    if (base.regions) {
      L.geoJSON(base.regions, {interactive: false, renderer: landRenderer,
                               style: {color: "#9a8f9e", weight: 0.8, dashArray: "5 4", fill: false}}).addTo(map);
    }
    if (base.rivers) {
      L.geoJSON(base.rivers, {interactive: false, renderer: landRenderer,
                              style: {color: "#7fb2d9", weight: 1.6, opacity: 0.95}}).addTo(map);
    }
    var names = new NameLabels(labelItems(base));
    var offline = L.layerGroup([names]);
    if (config.tiles) {
      var tiles = L.tileLayer(config.tiles.url, {attribution: config.tiles.attribution, maxZoom: 18});
      baseLayers[config.tiles.name + " (online)"] = tiles.addTo(map);
      baseLayers["Offline base map"] = offline;
      // Offline, the tiles fail: the page then shows its own names over the offline base below them.
      var loaded = false;
      tiles.on("tileload", function () { loaded = true; if (map.hasLayer(tiles)) { map.removeLayer(names); } });
      tiles.on("tileerror", function () { if (!loaded && map.hasLayer(tiles)) { names.addTo(map); } });
      // No tile of the first view came: offline, so the offline base is chosen (the layer list shows it, and
      // the reader can pick the tiles again); every pan and zoom would else ask for 20-40 tiles in vain.
      // (After the event: Leaflet's tile layer still reads its map once its "load" listeners have run.)
      tiles.once("load", function () {
        setTimeout(function () {
          if (!loaded && map.hasLayer(tiles)) { offline.addTo(map); map.removeLayer(tiles); }
        }, 0);
      });
      tiles.on("remove", function () { if (!map.hasLayer(offline)) { map.removeLayer(names); } });
    } else {
      offline.addTo(map);
    }
    if (base.regions && base.regions.features.some(function (f) { return f.properties.count > 0; })) {
      var counts = regionCountLayer(map, base.regions);
      overlays["Incidents per region, approximate borders (" + counts.geomapTotal + ")"] = counts;
    }
    var overlayRenderer = L.canvas({pane: "gmOverlay", padding: CANVAS_PAD});
    var groups = (config.overlays || []).map(function (spec) {
      var group = overlayLayer(map, spec, overlayRenderer);
      overlays[spec.label] = group;
      if (spec.visible !== false) { group.addTo(map); }
      return group;
    });
    if (groups.length) { overlayEvents(map, groups); }
    if (base.note) { map.attributionControl.addAttribution("Offline base: " + base.note); }
    window.geomapNames = names;  // for scripts and tests
    return {baseLayers: baseLayers, overlays: overlays};
  }

  window.geomapBase = {init: init};
}());
