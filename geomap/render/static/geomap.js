/* geomap's map behaviour: layers from GeoJSON, shaped canvas markers, legend, search, fullscreen,
   measure and a time control. Plain Leaflet 1.9; no other library. Every string that reaches the DOM
   goes through textContent (layer names arrive pre-escaped from Python).
   Incidents: a grid index over all of them; a pan or zoom creates or touches only the markers in view
   (or counts them into cluster circles at low zoom). Markers at one place are spread on a small ring. */
(function () {
  "use strict";

  // Canvas markers with a shape: circle, square, triangle, diamond (one per incident type).
  L.Canvas.include({
    _updateGeomapShape: function (layer) {
      if (!this._drawing || layer._empty()) { return; }
      var p = layer._point, ctx = this._ctx, r = Math.max(Math.round(layer._radius), 1);
      this._layers[layer._leaflet_id] = layer;
      ctx.beginPath();
      switch (layer.options.shape) {
        case "square": ctx.rect(p.x - r, p.y - r, 2 * r, 2 * r); break;
        case "triangle":
          ctx.moveTo(p.x, p.y - 1.2 * r); ctx.lineTo(p.x + 1.1 * r, p.y + 0.8 * r);
          ctx.lineTo(p.x - 1.1 * r, p.y + 0.8 * r); ctx.closePath(); break;
        case "diamond":
          ctx.moveTo(p.x, p.y - 1.3 * r); ctx.lineTo(p.x + 1.3 * r, p.y);
          ctx.lineTo(p.x, p.y + 1.3 * r); ctx.lineTo(p.x - 1.3 * r, p.y); ctx.closePath(); break;
        default: ctx.arc(p.x, p.y, r, 0, Math.PI * 2, false);
      }
      this._fillStroke(ctx, layer);
    }
  });
  // _gmOffset: pixels from the marker's place (the ring of markers at one place); clicks follow the drawing.
  var ShapeMarker = L.CircleMarker.extend({
    _updatePath: function () { this._renderer._updateGeomapShape(this); },
    _project: function () {
      L.CircleMarker.prototype._project.call(this);
      if (this._gmOffset) { this._point = this._point.add(this._gmOffset); this._updateBounds(); }
    }
  });
  // A pan or zoom adds and drops markers (each asks for a redraw in the next frame), then Leaflet draws the
  // whole canvas at once on moveend/viewreset; the redraw still asked for would clear and draw it all again.
  // Any redraw covers what was asked before it, so a draw cancels the request that is pending.
  // A zoom without animation also projects every path twice (on zoomend, then again on viewreset): the
  // projection on zoomend is left to viewreset, which follows whenever the view was reset.
  var redraw = L.Canvas.prototype._redraw, onZoomEnd = L.Canvas.prototype._onZoomEnd;
  L.Canvas.include({
    _redraw: function () {
      if (this._redrawRequest) { L.Util.cancelAnimFrame(this._redrawRequest); }
      redraw.call(this);
    },
    _onZoomEnd: function () { if (!this._postponeUpdatePaths) { onZoomEnd.call(this); } }
  });
  // Cluster circles with their count, drawn on the markers' canvas: as DOM elements, the 400-500 circles of
  // a clustered view each became a composited layer to style, lay out, paint and commit on every zoom.
  L.Canvas.include({
    _updateGeomapCount: function (layer) {
      if (!this._drawing || layer._empty()) { return; }
      var p = layer._point, ctx = this._ctx;
      ctx.beginPath();
      ctx.arc(p.x, p.y, layer._radius, 0, Math.PI * 2, false);
      this._fillStroke(ctx, layer);
      ctx.globalAlpha = 1;
      ctx.fillStyle = "#111";
      ctx.font = COUNT_FONT;
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillText(String(layer._gmCount), p.x, p.y + 0.5);  // a number counted by the page, never article text
    }
  });
  var COUNT_FONT = '700 12px system-ui, -apple-system, "Segoe UI", sans-serif';
  var CountCircle = L.CircleMarker.extend({
    options: {color: "#333", weight: 1, opacity: 1, fillColor: "#fdd49e", fillOpacity: 0.85},
    _updatePath: function () { this._renderer._updateGeomapCount(this); }
  });
  // Layers flagged `below` (sites, regions, checks) are drawn first, whenever they are added: the canvas
  // gives a click to the last-drawn shape under it, so incident markers always win.
  var initPath = L.Canvas.prototype._initPath;
  L.Canvas.include({
    _initPath: function (layer) {
      initPath.call(this, layer);
      if (layer.options.gmBelow) { this._bringToBack(layer); }
    }
  });

  function el(tag, cls, parent, text) {
    var node = L.DomUtil.create(tag, cls || "", parent);
    if (text) { node.textContent = text; }  // text, never HTML: article text is untrusted
    return node;
  }

  // A popup from plain fields: h heading, m meta lines, q quote, s source, u http(s) link;
  // "items" holds several such popups when one marker stands for several reports at one place.
  function popupNode(p) {
    var div = el("div", "geomap-popup");
    if (p.h) { el("h4", "", div, p.h); }
    if (p.items) {
      div.classList.add("geomap-popup-list");
      p.items.forEach(function (item) { div.appendChild(popupNode(item)); });
      return div;
    }
    (p.m || []).forEach(function (line) { el("div", "meta", div, line); });
    if (p.q) { el("blockquote", "", div, p.q); }
    if (p.s) {
      var src = el("div", "meta", div, "Source: ");
      if (p.u && /^https?:\/\//i.test(p.u)) {
        var a = el("a", "", src, p.s);
        a.href = p.u; a.target = "_blank"; a.rel = "noopener noreferrer";
      } else { src.appendChild(document.createTextNode(p.s)); }
    }
    return div;
  }

  function searchText(p) {
    var parts = [p.tooltip];
    (function collect(popup) {
      if (!popup) { return; }
      parts.push(popup.h, popup.q);
      parts.push.apply(parts, popup.m || []);
      (popup.items || []).forEach(collect);
    }(p.popup));
    return parts.join(" ").toLowerCase();
  }

  // One popup and one tooltip per map, filled on demand: 50,000 markers bind nothing each.
  function openPopupFor(map, layer, latlng) {
    var props = layer.feature && layer.feature.properties;
    if (!props || !props.popup) { return; }
    var at = latlng || (layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter());
    L.popup({maxWidth: 360}).setLatLng(at).setContent(popupNode(props.popup)).openOn(map);
  }

  function markerStyle(s, fill) {
    return {radius: s.radius || 6, shape: s.shape || "circle", color: s.stroke || "#222", weight: 1,
            opacity: 0.9, fillColor: fill || s.color || "#3388ff", fillOpacity: s.opacity || 0.85};
  }

  function attachText(map, group) {
    var tip = null;
    group.on("click", function (ev) { openPopupFor(map, ev.layer, ev.latlng); });
    group.on("mouseover", function (ev) {
      var props = ev.layer.feature && ev.layer.feature.properties;
      if (!props || !props.tooltip) { return; }
      var span = el("span"); span.textContent = props.tooltip;
      tip = L.tooltip({sticky: true}).setLatLng(ev.latlng).setContent(span).addTo(map);
    });
    group.on("mouseout", function () { if (tip) { map.removeLayer(tip); tip = null; } });
  }

  function makeLayer(map, spec, renderer) {
    var style = spec.style || {}, below = !!spec.below;
    if (spec.events) {  // filled by the incident index with the markers in view
      var events = L.featureGroup();
      events.geomapSpec = spec;
      attachText(map, events);
      return events;
    }
    var group = L.geoJSON(spec.data, {
      pointToLayer: function (feature, latlng) {
        return new ShapeMarker(latlng, L.extend({renderer: renderer, gmBelow: below},
                                                markerStyle(feature.properties.style || style)));
      },
      style: function (feature) {
        var s = feature.properties.style || style;
        if (feature.geometry && feature.geometry.type === "Point") { return L.extend(markerStyle(s), {gmBelow: below}); }
        return {color: s.color || "#3388ff", weight: s.weight || 2, opacity: 0.9,
                fillOpacity: s.fillOpacity === undefined ? 0.12 : s.fillOpacity, dashArray: s.dash || null,
                renderer: renderer, gmBelow: below};
      },
    });
    group.geomapSpec = spec;
    if (spec.labels) {
      // Few features, each worth reading at a glance: "stated 250 mi / computed 159 mi" stays on the line.
      // Lines get a permanent label above them; rings (all drawn at their anchor) keep a hover label.
      group.eachLayer(function (layer) {
        var props = layer.feature.properties, text = props.label || props.tooltip;
        if (!text) { return; }
        var span = el("span"); span.textContent = text;
        var line = layer.feature.geometry && layer.feature.geometry.type === "LineString";
        layer.bindTooltip(span, line ? {permanent: true, direction: "top", offset: [0, -6], className: "geomap-label"}
                                     : {sticky: true});
      });
      group.on("click", function (ev) { openPopupFor(map, ev.layer, ev.latlng); });
    } else {
      attachText(map, group);
    }
    return group;
  }

  // The legend; with sides in the config (data/events.toml [actors.map_side]), a switch between colour by
  // type (the default) and colour by side, which recolours the incident markers.
  function legendControl(config, index) {
    var control = L.control({position: "bottomright"});
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "geomap-legend");
      var h = L.DomUtil.create("div", "geomap-legend-title", div);
      h.textContent = config.legendTitle;
      var rows = L.DomUtil.create("div", "", div);
      function fill(entries) {
        rows.textContent = "";
        entries.forEach(function (e) {
          var row = L.DomUtil.create("div", "geomap-legend-row", rows);
          var swatch = L.DomUtil.create("span", "geomap-swatch geomap-" + (e.shape || "circle"), row);
          swatch.style.background = e.color;
          if (e.shape === "line") { swatch.style.background = "none"; swatch.style.borderTopColor = e.color; }
          var label = L.DomUtil.create("span", "geomap-legend-label", row);
          label.textContent = e.label;
        });
      }
      fill(config.legend);
      if (config.sides && config.sides.length) {
        var pick = L.DomUtil.create("div", "geomap-colour-by", div);
        el("span", "", pick, "Colour by ");
        ["type", "side"].forEach(function (mode) {
          var label = el("label", "", pick), input = el("input", "", label);
          input.type = "radio"; input.name = "geomap-colour-by"; input.value = mode;
          input.checked = mode === "type";
          label.appendChild(document.createTextNode(" " + mode + " "));
          L.DomEvent.on(input, "change", function () {
            index.colourBy(mode);
            fill(mode === "side" ? config.sides : config.legend);
          });
        });
      }
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    return control;
  }

  function buttonControl(label, title, onClick) {
    var control = L.control({position: "topleft"});
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "leaflet-bar geomap-button");
      var a = L.DomUtil.create("a", "", div);
      a.href = "#"; a.setAttribute("role", "button"); a.title = title; a.textContent = label;
      L.DomEvent.on(a, "click", function (ev) { L.DomEvent.preventDefault(ev); onClick(a); });
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    return control;
  }

  function haversineKm(a, b) {
    var R = 6371.0088, toRad = Math.PI / 180;
    var dLat = (b.lat - a.lat) * toRad, dLon = (b.lng - a.lng) * toRad;
    var h = Math.pow(Math.sin(dLat / 2), 2) +
            Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function measureTool(map) {
    var active = false, points = [], line = null, info = null;
    function reset() {
      points = [];
      if (line) { map.removeLayer(line); line = null; }
      if (info) { info.remove(); info = null; }
    }
    function onClick(ev) {
      points.push(ev.latlng);
      if (!line) { line = L.polyline(points, {color: "#111", dashArray: "4 4", weight: 2}).addTo(map); }
      else { line.setLatLngs(points); }
      var km = 0;
      for (var i = 1; i < points.length; i++) { km += haversineKm(points[i - 1], points[i]); }
      if (!info) { info = L.DomUtil.create("div", "geomap-measure", map.getContainer()); }
      info.textContent = "Distance: " + km.toFixed(1) + " km / " + (km / 1.609344).toFixed(1) + " mi" +
                         " (click to add points; press the ruler again to stop)";
    }
    return buttonControl("\u2194", "Measure a distance", function (a) {
      active = !active;
      a.classList.toggle("geomap-active", active);
      map.getContainer().style.cursor = active ? "crosshair" : "";
      if (active) { map.on("click", onClick); } else { map.off("click", onClick); reset(); }
    });
  }

  function fullscreenTool(map) {
    return buttonControl("\u25A1", "Full screen", function () {
      var el = map.getContainer();
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else if (el.requestFullscreen) { el.requestFullscreen(); }
    });
  }

  function searchControl(map, groups, index) {
    var control = L.control({position: "topright"});
    var matches = [], at = -1, lastQuery = "";
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "geomap-search");
      var input = L.DomUtil.create("input", "", div);
      input.type = "search"; input.placeholder = "Search places and quotes";
      input.setAttribute("aria-label", "Search places and quotes");
      var status = L.DomUtil.create("span", "geomap-search-status", div);
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.on(input, "keydown", function (ev) {
        if (ev.key !== "Enter") { return; }
        var q = input.value.trim().toLowerCase();
        if (!q) { return; }
        if (q !== lastQuery) {
          lastQuery = q; matches = []; at = -1;
          index.items.forEach(function (item) {  // incidents: every one, in view or not
            if (searchText(item.f.properties).indexOf(q) >= 0) { matches.push({item: item}); }
          });
          groups.forEach(function (g) {
            if (g.geomapSpec && g.geomapSpec.events) { return; }
            g.eachLayer(function (layer) {
              var p = layer.feature && layer.feature.properties;
              if (p && searchText(p).indexOf(q) >= 0) { matches.push({layer: layer, group: g}); }
            });
          });
        }
        if (!matches.length) { status.textContent = "no match"; return; }
        at = (at + 1) % matches.length;
        status.textContent = (at + 1) + "/" + matches.length;
        var match = matches[at], target;
        if (match.item) {
          if (!map.hasLayer(index.groups[match.item.si])) { map.addLayer(index.groups[match.item.si]); }
          target = match.item.ll;
          map.setView(target, Math.max(map.getZoom(), 7));
          openPopupFor(map, {feature: match.item.f}, target);
          return;
        }
        if (!map.hasLayer(match.group)) { map.addLayer(match.group); }
        target = match.layer.getLatLng ? match.layer.getLatLng() : match.layer.getBounds().getCenter();
        map.setView(target, Math.max(map.getZoom(), 7));
        openPopupFor(map, match.layer, target);
      });
      return div;
    };
    return control;
  }

  // --- The incident index. Every incident marker's place is projected once (Web Mercator, 0..1) and put in
  // a grid of GRID cells per side; a view asks only the cells it covers. Where incidents are dense, at low
  // zoom, those that fall in one screen cell of CLUSTER.CELL pixels are drawn as one circle with their count
  // (clicking it zooms in); from CLUSTER.MAX_ZOOM on, or with few incidents, every marker shows.
  var GRID = 1024, UNDATED = "", VIEW_PAD = 0.1;  // markers are made for the view and a tenth around it
  var CLUSTER = {MIN_FEATURES: 500, CELL: 56, MAX_ZOOM: 9};
  var RING = {MIN: 11, STEP: 2.6};  // pixels: radius of the ring of markers at one place, and per marker

  function mercator(ll) {
    var s = Math.sin(Math.max(Math.min(ll.lat, 85.05), -85.05) * Math.PI / 180);
    return [(ll.lng + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
  }

  function IncidentIndex(map, groups, renderer, config) {
    var self = this, items = [], cells = new Map(), filled = [], total = 0;
    var sideColour = {};
    (config.sides || []).forEach(function (s) { sideColour[s.key] = s.color; });
    groups.forEach(function (group, si) {
      group.geomapSpec.data.features.forEach(function (f) {
        if (!f.geometry || f.geometry.type !== "Point") { return; }
        var c = f.geometry.coordinates, ll = L.latLng(c[1], c[0]), m = mercator(ll);
        var item = {si: si, f: f, ll: ll, x: m[0], y: m[1], date: f.properties.date || UNDATED,
                    place: c[0] + "," + c[1], n: f.properties.count || 1, marker: null, offset: null,
                    i: items.length};
        var key = Math.floor(m[0] * GRID) * GRID * 4 + Math.floor(m[1] * GRID);
        var cell = cells.get(key);
        if (!cell) { cell = []; cells.set(key, cell); filled.push([Math.floor(m[0] * GRID), Math.floor(m[1] * GRID), cell]); }
        cell.push(item);
        items.push(item);
        total += 1;
      });
    });
    this.items = items;
    this.groups = groups;
    this.from = null; this.to = null; this.mode = "type";
    this.circles = L.featureGroup().addTo(map);  // a feature group: its circles' clicks reach it
    var circleAt = new Map(), shown = new Set();
    var clustering = total >= CLUSTER.MIN_FEATURES;

    function colour(item) {
      if (self.mode !== "side") { return null; }
      var side = item.f.properties.side;
      return (side && sideColour[side]) || "#9e9e9e";
    }
    function marker(item) {
      if (!item.marker) {
        var spec = groups[item.si].geomapSpec;
        item.marker = new ShapeMarker(item.ll, L.extend({renderer: renderer},
          markerStyle(item.f.properties.style || spec.style || {}, colour(item))));
        item.marker.feature = item.f;
        item.marker._gmMode = self.mode;
      } else if (item.marker._gmMode !== self.mode) {
        var s = item.f.properties.style || groups[item.si].geomapSpec.style || {};
        item.marker.setStyle({fillColor: colour(item) || s.color || "#3388ff"});
        item.marker._gmMode = self.mode;
      }
      return item.marker;
    }
    function dated(item) {
      return item.date === UNDATED || ((!self.from || item.date >= self.from) && (!self.to || item.date <= self.to));
    }
    // The incidents the time control and the layer list let through, in the (padded) pixel box of the view;
    // self.inside counts those in the view itself.
    function inView(on, scale, box, view) {
      var x0 = Math.floor(box.min.x / scale * GRID), x1 = Math.floor(box.max.x / scale * GRID);
      var y0 = Math.floor(box.min.y / scale * GRID), y1 = Math.floor(box.max.y / scale * GRID);
      var found = [], from = self.from, to = self.to;
      var minX = box.min.x, maxX = box.max.x, minY = box.min.y, maxY = box.max.y, inside = 0;
      var vx0 = view.min.x, vx1 = view.max.x, vy0 = view.min.y, vy1 = view.max.y;
      function take(cell) {  // dated(item), inline: at low zoom this runs for every incident
        for (var k = 0; k < cell.length; k++) {
          var item = cell[k], px = item.x * scale, py = item.y * scale, d = item.date;
          if (on[item.si] && px >= minX && px <= maxX && py >= minY && py <= maxY &&
              (d === UNDATED || ((!from || d >= from) && (!to || d <= to)))) {
            found.push(item);
            if (px >= vx0 && px <= vx1 && py >= vy0 && py <= vy1) { inside += 1; }
          }
        }
      }
      if ((x1 - x0 + 1) * (y1 - y0 + 1) > filled.length) {
        filled.forEach(function (c) { if (c[0] >= x0 && c[0] <= x1 && c[1] >= y0 && c[1] <= y1) { take(c[2]); } });
      } else {
        for (var x = x0; x <= x1; x++) {
          for (var y = y0; y <= y1; y++) {
            var cell = cells.get(x * GRID * 4 + y);
            if (cell) { take(cell); }
          }
        }
      }
      self.inside = inside;
      return found;
    }
    // The incidents the time control and the layer list let through, anywhere: counted again only when
    // either changes, so a pan or zoom costs nothing here.
    var passing = {key: null, items: []};
    function allPassing(on) {
      var key = on.join() + "|" + self.from + "|" + self.to;
      if (passing.key !== key) {
        passing = {key: key, items: items.filter(function (item) { return on[item.si] && dated(item); })};
      }
      return passing.items;
    }
    function clusterCircles(members, scale) {
      var byCell = new Map(), singles = [];
      members.forEach(function (item) {
        var key = Math.floor(item.x * scale / CLUSTER.CELL) * 1e6 + Math.floor(item.y * scale / CLUSTER.CELL);
        var list = byCell.get(key);
        if (!list) { byCell.set(key, [item]); } else { list.push(item); }
      });
      var next = new Map(), spare = [], fresh = [];
      byCell.forEach(function (list, key) {
        if (list.length < 2) { singles.push(list[0]); return; }
        var lat = 0, lng = 0, count = 0;
        list.forEach(function (item) { lat += item.ll.lat; lng += item.ll.lng; count += item.n; });
        var at = L.latLng(lat / list.length, lng / list.length), circle = circleAt.get(key);
        if (circle) {
          circleAt.delete(key);
          if (circle._gmCount === count && circle._radius === circleRadius(list.length)) {
            if (!circle.getLatLng().equals(at)) { circle.setLatLng(at); }
            circle._gmMembers = list;
            next.set(key, circle);
            return;
          }
          spare.push(circle);
        }
        fresh.push({key: key, at: at, count: count, list: list});
      });
      // Circles whose cell is gone (after a zoom, nearly all) are moved and relabelled for the new ones
      // rather than dropped and made again: a zoom at the first view redoes some 500 circles.
      circleAt.forEach(function (circle) { spare.push(circle); });
      fresh.forEach(function (c) {
        var radius = circleRadius(c.list.length), circle = spare.pop();
        if (circle) {
          circle._gmCount = c.count;
          if (circle._radius !== radius) { circle.setRadius(radius); }
          circle.setLatLng(c.at);
        } else {
          circle = new CountCircle(c.at, {renderer: renderer, radius: radius});
          circle._gmCount = c.count;
          self.circles.addLayer(circle);
        }
        circle._gmMembers = c.list;
        next.set(c.key, circle);
      });
      spare.forEach(function (circle) { self.circles.removeLayer(circle); });
      circleAt = next;
      return singles.sort(function (a, b) { return a.i - b.i; });
    }
    function circleRadius(members) { return Math.min(24, 11 + 2.5 * Math.log2(members)); }
    var tip = null;
    this.circles.on("mouseover", function (ev) {
      tip = L.tooltip({sticky: true}).setLatLng(ev.latlng).setContent(el("span", "", null, circleTitle(ev.layer)));
      tip.addTo(map);
    });
    this.circles.on("mouseout", function () { if (tip) { map.removeLayer(tip); tip = null; } });
    function circleTitle(circle) { return circle._gmCount + " incidents: click to zoom in"; }
    this.circles.on("click", function (ev) {
      var members = ev.layer._gmMembers || [];
      map.fitBounds(L.latLngBounds(members.map(function (m) { return m.ll; })).pad(0.3), {maxZoom: 12});
    });
    // Markers at one place, in index order (layer, then date): on a ring around it, first one at the top.
    function ring(list) {
      var at = new Map();
      list.forEach(function (item) {
        var same = at.get(item.place);
        if (!same) { at.set(item.place, [item]); } else { same.push(item); }
      });
      list.forEach(function (item) { item.next = null; });
      at.forEach(function (same) {
        if (same.length < 2) { same[0].next = null; return; }
        var r = Math.max(RING.MIN, RING.STEP * same.length);
        same.forEach(function (item, k) {
          var angle = 2 * Math.PI * k / same.length - Math.PI / 2;
          item.next = L.point(Math.round(r * Math.cos(angle) * 10) / 10, Math.round(r * Math.sin(angle) * 10) / 10);
        });
      });
    }
    this.update = function () {
      var zoom = map.getZoom(), scale = 256 * Math.pow(2, zoom);
      var view = map.getPixelBounds(), pad = view.getSize().multiplyBy(VIEW_PAD);
      var box = L.bounds(view.min.subtract(pad), view.max.add(pad));
      var on = groups.map(function (g) { return map.hasLayer(g); });
      var list = inView(on, scale, box, view);
      self.outside = allPassing(on).length - self.inside;
      if (clustering && zoom < CLUSTER.MAX_ZOOM) { list = clusterCircles(list, scale); }
      else if (circleAt.size) { self.circles.clearLayers(); circleAt = new Map(); }
      if (!clustering || zoom >= CLUSTER.MAX_ZOOM) { list.sort(function (a, b) { return a.i - b.i; }); }
      ring(list);
      var now = new Set();
      list.forEach(function (item) {
        var m = marker(item), off = item.next;
        now.add(item);
        var moved = (off ? off.x + ":" + off.y : "") !== (m._gmOffset ? m._gmOffset.x + ":" + m._gmOffset.y : "");
        m._gmOffset = off;
        if (!shown.has(item)) { groups[item.si].addLayer(m); }
        else if (moved && m._map) { renderer._updatePath(m); }
      });
      shown.forEach(function (item) { if (!now.has(item)) { groups[item.si].removeLayer(item.marker); } });
      shown = now;
      self.shown = list.length;
      if (self.onUpdate) { self.onUpdate(); }
    };
    // The bounds of every incident the filters let through (the "Show all" of the outside notice).
    this.passingBounds = function () {
      var list = allPassing(groups.map(function (g) { return map.hasLayer(g); }));
      return list.length ? L.latLngBounds(list.map(function (item) { return item.ll; })) : null;
    };
    this.colourBy = function (mode) {
      self.mode = mode;
      shown.forEach(function (item) { marker(item); });
    };
    this.setDates = function (from, to) { self.from = from; self.to = to; self.update(); };
    // For tests and scripts: each cluster circle's count, hover text, radius and container point.
    this.circleList = function () {
      return self.circles.getLayers().map(function (c) {
        var p = map.latLngToContainerPoint(c.getLatLng());
        return {count: c._gmCount, title: circleTitle(c), radius: c._radius, x: p.x, y: p.y};
      });
    };
    // For tests and scripts: the container point each shown marker is drawn at, by feature id.
    this.drawn = function () {
      var out = [];
      shown.forEach(function (item) {
        var p = map.latLngToContainerPoint(item.ll), o = item.marker._gmOffset;
        out.push({id: item.f.properties.id, layer: groups[item.si].geomapSpec.label, date: item.date,
                  side: item.f.properties.side || null, fill: item.marker.options.fillColor,
                  x: p.x + (o ? o.x : 0), y: p.y + (o ? o.y : 0)});
      });
      return out;
    };
    map.on("moveend overlayadd overlayremove", this.update);
  }

  // --- The time control: a histogram of incidents per day (per week or month over long spans), a range of
  // two handles over its bars, a single-period mode and play/pause. Undated incidents always show.
  function isoDay(days) { return new Date(days * 864e5).toISOString().slice(0, 10); }
  function dayOf(iso) { return Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5); }

  function timeBins(items) {
    var dates = items.filter(function (i) { return i.date; }).map(function (i) { return i.date; }).sort();
    if (!dates.length) { return null; }
    var first = dayOf(dates[0]), last = dayOf(dates[dates.length - 1]), span = last - first + 1;
    var unit = span <= 120 ? "day" : span <= 730 ? "week" : "month", bins = [];
    if (unit === "month") {
      var y = +dates[0].slice(0, 4), m = +dates[0].slice(5, 7) - 1;
      while (Date.UTC(y, m, 1) / 864e5 <= last) {
        var start = Date.UTC(y, m, 1) / 864e5, end = Date.UTC(y, m + 1, 1) / 864e5 - 1;
        bins.push({start: isoDay(start), end: isoDay(end), label: isoDay(start).slice(0, 7), count: 0});
        m += 1; if (m === 12) { m = 0; y += 1; }
      }
    } else {
      var step = unit === "week" ? 7 : 1;
      for (var d = first; d <= last; d += step) {
        bins.push({start: isoDay(d), end: isoDay(Math.min(d + step - 1, last)),
                   label: unit === "week" ? "week of " + isoDay(d) : isoDay(d), count: 0});
      }
    }
    var k = 0;
    items.filter(function (i) { return i.date; }).sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : 0; })
      .forEach(function (item) {
        while (item.date > bins[k].end) { k += 1; }
        bins[k].count += item.n;
      });
    // Single-day mode steps one day whatever the bins are: incidents per day for its read-out.
    var perDay = new Map();
    items.forEach(function (item) { if (item.date) { perDay.set(item.date, (perDay.get(item.date) || 0) + item.n); } });
    return {unit: unit, bins: bins, first: first, days: span, perDay: perDay};
  }

  function timeControl(map, index) {
    var binned = timeBins(index.items);
    var control = L.control({position: "bottomleft"});
    if (!binned || binned.bins.length < 2) { return null; }
    var bins = binned.bins, last = bins.length - 1;
    function binOf(iso) {
      for (var k = 0; k < last; k++) { if (iso <= bins[k].end) { return k; } }
      return last;
    }
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "geomap-time");
      var hist = el("div", "geomap-hist", div), bars = [];
      var max = bins.reduce(function (m, b) { return Math.max(m, b.count); }, 0);
      bins.forEach(function (bin) {
        var bar = el("div", "geomap-bar", hist);
        bar.style.height = (bin.count ? Math.max(2, Math.round(36 * bin.count / max)) : 0) + "px";
        bar.title = bin.label + ": " + bin.count + " incident" + (bin.count === 1 ? "" : "s");
        bar.setAttribute("data-count", String(bin.count));
        bar.setAttribute("data-start", bin.start);
        bars.push(bar);
      });
      var range = el("div", "geomap-range", div);
      var low = el("input", "geomap-from", range), high = el("input", "geomap-to", range);
      [low, high].forEach(function (input, k) {
        input.type = "range"; input.min = 0; input.max = last; input.step = 1; input.value = k ? last : 0;
        input.setAttribute("aria-label", k ? "Last date shown" : "First date shown");
      });
      var row = el("div", "geomap-time-row", div);
      var play = el("button", "geomap-play", row, "\u25B6 Play");
      play.type = "button";
      var singleLabel = el("label", "geomap-single", row), single = el("input", "", singleLabel);
      single.type = "checkbox";
      // A day, not a bar: over a long span the bars are weeks or months, and one day is what a reader steps.
      singleLabel.appendChild(document.createTextNode(" One day"));
      singleLabel.title = "Show a single day; Play steps one day at a time";
      var label = el("div", "geomap-time-label", div);
      label.title = "Incidents without a date always show";
      var timer = null;

      // In single-day mode the lower handle runs over days (0 = the first dated day), else over the bars.
      function apply() {
        var a, b, from, to, count = 0;
        if (single.checked) {
          from = to = isoDay(binned.first + +low.value);
          a = b = binOf(from);
          count = binned.perDay.get(from) || 0;
        } else {
          a = +low.value; b = +high.value;
          if (a > b) { var t = a; a = b; b = t; }
          from = bins[a].start; to = bins[b].end;
          for (var k = a; k <= b; k++) { count += bins[k].count; }
        }
        bars.forEach(function (bar, k) { bar.classList.toggle("geomap-bar-on", k >= a && k <= b); });
        label.textContent = (from === to ? from : from + " \u2013 " + to) + ": " + count +
          " dated incident" + (count === 1 ? "" : "s");
        index.setDates(from, to);
        control.range = [from, to];
        map.fire("geomaptime", {from: from, until: to});  // dated overlays (basemap.js) follow the time control
      }
      function stop() {
        if (timer) { clearInterval(timer); timer = null; }
        play.textContent = "\u25B6 Play";
      }
      function tick() {
        var a = +low.value;
        if (single.checked) {
          if (a >= +low.max) { stop(); return; }
          low.value = a + 1;
        } else {
          var b = +high.value, width = b - a;
          if (b >= last) { stop(); return; }
          low.value = a + 1;
          high.value = Math.min(last, a + 1 + width);
        }
        apply();
      }
      L.DomEvent.on(play, "click", function () {
        if (timer) { stop(); return; }
        if (single.checked && +low.value >= +low.max) {
          low.value = 0;
          apply();
        } else if (!single.checked && +high.value >= last) {  // from the start again, keeping the window's width
          high.value = +high.value - +low.value;
          low.value = 0;
          apply();
        }
        play.textContent = "\u275A\u275A Pause";
        timer = setInterval(tick, control.interval);
      });
      L.DomEvent.on(single, "change", function () {
        var k;
        if (single.checked) {  // the first day of the range's first bar (a month's bar may start before the data)
          k = Math.min(+low.value, +high.value);
          low.max = binned.days - 1;
          low.value = Math.max(0, dayOf(bins[k].start) - binned.first);
        } else {  // back to bars: the bar that holds the day
          k = binOf(isoDay(binned.first + +low.value));
          low.max = last;
          low.value = k;
          if (+high.value < k) { high.value = k; }
        }
        high.style.display = single.checked ? "none" : "";
        apply();
      });
      L.DomEvent.on(low, "input", function () { apply(); });
      L.DomEvent.on(high, "input", function () { apply(); });
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      apply();
      return div;
    };
    control.interval = 700;  // ms per step while playing
    control.unit = binned.unit;
    control.bins = bins;
    return control;
  }

  // A line saying how many incidents (of the layers on, in the time range) lie outside the view, with a
  // button that fits them all: the first view is fitted to the incidents' core, so outliers start hidden.
  function outsideNotice(map, index, fit) {
    var control = L.control({position: "bottomleft"});
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "geomap-outside");
      var text = el("span", "", div), button = el("button", "", div, "Show all");
      button.type = "button";
      button.title = "Fit the view to every incident shown by the layer list and the time control";
      var shown = null;
      function update() {  // after every pan and zoom: the page is written only when the count changes
        var n = index.outside;
        if (n === shown) { return; }
        shown = n;
        div.style.display = n > 0 ? "" : "none";
        text.textContent = n.toLocaleString("en-US") + " incident" + (n === 1 ? "" : "s") + " outside this view ";
      }
      L.DomEvent.on(button, "click", function () {
        var bounds = index.passingBounds();
        if (bounds) { map.fitBounds(bounds, fit); }
      });
      L.DomEvent.disableClickPropagation(div);
      index.onUpdate = update;
      update();
      return div;
    };
    control.onRemove = function () { index.onUpdate = null; };
    return control;
  }

  window.geomapInit = function (map, configText) {
    var config = JSON.parse(configText);  // a JSON string parses faster than a large object literal
    var renderer = L.canvas({padding: VIEW_PAD});
    var overlays = {}, eventGroups = [], allGroups = [];
    var offline = window.geomapBase.init(map, config);  // basemap.js: land, borders, rivers, names, overlays
    config.layers.forEach(function (spec) {
      var group = makeLayer(map, spec, renderer);
      overlays[spec.label] = group;
      allGroups.push(group);
      if (spec.events) { eventGroups.push(group); }
    });
    // The index listens first: a view's markers are added or dropped before the renderer projects them.
    var index = new IncidentIndex(map, eventGroups, renderer, config);
    config.layers.forEach(function (spec, k) { if (spec.visible) { allGroups[k].addTo(map); } });
    // Room for the controls: the layer list and legend on the right, the time control at the bottom.
    // No animation: an opening animation would fight a first click.
    var fit = {paddingTopLeft: [60, 30], paddingBottomRight: [260, 130], maxZoom: 9, animate: false};
    if (config.bounds) { map.fitBounds(config.bounds, fit); }
    index.update();
    L.control.layers(offline.baseLayers, L.extend(overlays, offline.overlays), {collapsed: false}).addTo(map);
    if (config.legend && config.legend.length) { legendControl(config, index).addTo(map); }
    searchControl(map, allGroups, index).addTo(map);
    fullscreenTool(map).addTo(map);
    measureTool(map).addTo(map);
    var time = timeControl(map, index);
    if (time) { time.addTo(map); }
    if (index.items.length) { outsideNotice(map, index, fit).addTo(map); }
    L.control.scale({imperial: true}).addTo(map);

    if (config.title) {
      var t = L.control({position: "topright"});
      t.onAdd = function () { var d = L.DomUtil.create("div", "geomap-title"); d.textContent = config.title; return d; };
      t.addTo(map);
    }
    map.attributionControl.addAttribution(config.attribution);
    window.geomapLayers = overlays;  // for scripts and tests
    window.geomapIncidents = index;
    window.geomapTime = time;
    window.geomapMap = map;
  };
}());
