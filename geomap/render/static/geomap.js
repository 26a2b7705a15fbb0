/* geomap's map behaviour: layers from GeoJSON, shaped canvas markers, legend, search, fullscreen,
   measure and a time control. Plain Leaflet 1.9; no other library. Every string that reaches the DOM
   goes through textContent (layer names arrive pre-escaped from Python).
   Incidents: incidents.js indexes them and draws only those in view on the canvas (or their counts in
   cluster circles at low zoom), with no Leaflet layer per marker. */
(function () {
  "use strict";

  var incidents = window.geomapIncidentIndex;  // incidents.js: the incident index and its canvas drawing

  // Canvas markers with a shape: circle, square, triangle, diamond (one per incident type).
  L.Canvas.include({
    _updateGeomapShape: function (layer) {
      if (!this._drawing || layer._empty()) { return; }
      this._layers[layer._leaflet_id] = layer;
      incidents.shapePath(this._ctx, layer.options.shape, layer._point.x, layer._point.y, layer._radius);
      this._fillStroke(this._ctx, layer);
    }
  });
  var ShapeMarker = L.CircleMarker.extend({
    _updatePath: function () { this._renderer._updateGeomapShape(this); }
  });
  // A pan or zoom asks for a redraw in the next frame (the incident index does, as do layers added or
  // dropped), then Leaflet draws the whole canvas at once on moveend/viewreset; the redraw still asked for
  // would clear and draw it all again.
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
  // Layers flagged `below` (sites, regions, checks) are drawn first, whenever they are added: the canvas
  // gives a click to the last-drawn shape under it (the incident markers, drawn after all, come first).
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

  var markerStyle = incidents.markerStyle;

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
    var renderer = L.canvas({padding: incidents.VIEW_PAD});
    var overlays = {}, eventGroups = [], allGroups = [];
    var offline = window.geomapBase.init(map, config);  // basemap.js: land, borders, rivers, names, overlays
    config.layers.forEach(function (spec) {
      var group = makeLayer(map, spec, renderer);
      overlays[spec.label] = group;
      allGroups.push(group);
      if (spec.events) { eventGroups.push(group); }
    });
    // The index listens first: a pan or zoom picks the markers in view before the canvas draws them.
    var index = new incidents.IncidentIndex(map, eventGroups, renderer, config);
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
    window.geomapAhead.start(map);  // from now on, each zoom has its neighbours drawn ahead
  };
}());
