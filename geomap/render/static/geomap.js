/* geomap's map behaviour: layers from GeoJSON, shaped canvas markers, legend, search, fullscreen,
   measure and a time slider. Plain Leaflet 1.9; no other library. Every string that reaches the DOM
   arrives pre-escaped from Python (popup and tooltip HTML) or goes through textContent. */
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
  var ShapeMarker = L.CircleMarker.extend({
    _updatePath: function () { this._renderer._updateGeomapShape(this); }
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
    var style = spec.style || {};
    function markerStyle(s) {
      return {radius: s.radius || 6, shape: s.shape || "circle", color: s.stroke || "#222", weight: 1,
              opacity: 0.9, fillColor: s.color || "#3388ff", fillOpacity: s.opacity || 0.85};
    }
    var group = L.geoJSON(spec.data, {
      pointToLayer: function (feature, latlng) {
        return new ShapeMarker(latlng, L.extend({renderer: renderer},
                                                markerStyle(feature.properties.style || style)));
      },
      style: function (feature) {
        var s = feature.properties.style || style;
        if (feature.geometry && feature.geometry.type === "Point") { return markerStyle(s); }
        return {color: s.color || "#3388ff", weight: s.weight || 2, opacity: 0.9,
                fillOpacity: s.fillOpacity === undefined ? 0.12 : s.fillOpacity, dashArray: s.dash || null,
                renderer: renderer};
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

  function legendControl(entries, title) {
    var control = L.control({position: "bottomright"});
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "geomap-legend");
      var h = L.DomUtil.create("div", "geomap-legend-title", div);
      h.textContent = title;
      entries.forEach(function (e) {
        var row = L.DomUtil.create("div", "geomap-legend-row", div);
        var swatch = L.DomUtil.create("span", "geomap-swatch geomap-" + e.shape, row);
        swatch.style.background = e.color;
        if (e.shape === "line") { swatch.style.background = "none"; swatch.style.borderTopColor = e.color; }
        var label = L.DomUtil.create("span", "geomap-legend-label", row);
        label.textContent = e.label;
      });
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

  function searchControl(map, groups) {
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
          groups.forEach(function (g) {
            g.eachLayer(function (layer) {
              var p = layer.feature && layer.feature.properties;
              if (p && searchText(p).indexOf(q) >= 0) { matches.push(layer); }
            });
          });
        }
        if (!matches.length) { status.textContent = "no match"; return; }
        at = (at + 1) % matches.length;
        status.textContent = (at + 1) + "/" + matches.length;
        var layer = matches[at];
        if (!map.hasLayer(layer)) {
          groups.forEach(function (g) { if (g.hasLayer(layer)) { map.addLayer(g); } });
        }
        var target = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
        map.setView(target, Math.max(map.getZoom(), 7));
        openPopupFor(map, layer, target);
      });
      return div;
    };
    return control;
  }

  // Showing a marker depends on the time slider (_gmHidden) and on clustering (_gmClustered).
  function refresh(group) {
    group.eachLayer(function (layer) {
      if (!layer.setStyle || !layer.getLatLng) { return; }
      var show = !layer._gmHidden && !layer._gmClustered;
      layer.setStyle({opacity: show ? 0.9 : 0, fillOpacity: show ? 0.85 : 0});
      layer.options.interactive = show;
    });
  }

  // Where incidents are dense, at low zoom, the markers of the shown incident layers that fall in one screen
  // cell of CELL pixels are drawn as one circle with their count; clicking it zooms in. From MAX_ZOOM on,
  // or when there are few incidents, every marker shows.
  var CLUSTER = {MIN_FEATURES: 500, CELL: 56, MAX_ZOOM: 9};

  function clusterer(map, groups) {
    var circles = L.layerGroup().addTo(map);
    function run() {
      circles.clearLayers();
      var shown = groups.filter(function (g) { return map.hasLayer(g); });
      groups.forEach(function (g) { g.eachLayer(function (layer) { layer._gmClustered = false; }); });
      if (map.getZoom() < CLUSTER.MAX_ZOOM) {
        var cells = {}, view = map.getBounds().pad(0.25);
        shown.forEach(function (g) {
          g.eachLayer(function (layer) {
            if (layer._gmHidden || !layer.getLatLng || !view.contains(layer.getLatLng())) { return; }
            var p = map.latLngToLayerPoint(layer.getLatLng());
            var key = Math.floor(p.x / CLUSTER.CELL) + ":" + Math.floor(p.y / CLUSTER.CELL);
            (cells[key] = cells[key] || []).push(layer);
          });
        });
        Object.keys(cells).sort().forEach(function (key) {
          var members = cells[key];
          if (members.length < 2) { return; }
          var lat = 0, lng = 0, count = 0;
          members.forEach(function (layer) {
            var ll = layer.getLatLng();
            lat += ll.lat; lng += ll.lng; count += layer.feature.properties.count || 1;
            layer._gmClustered = true;
          });
          var size = Math.round(2 * Math.min(24, 11 + 2.5 * Math.log2(members.length)));
          var circle = L.marker([lat / members.length, lng / members.length], {
            keyboard: false, title: count + " incidents: click to zoom in",
            // the count is a number computed here, never article text
            icon: L.divIcon({className: "geomap-count", html: String(count), iconSize: [size, size]})
          });
          circle.on("click", function () {
            map.fitBounds(L.latLngBounds(members.map(function (m) { return m.getLatLng(); })).pad(0.3));
          });
          circles.addLayer(circle);
        });
      }
      groups.forEach(refresh);
    }
    map.on("zoomend moveend overlayadd overlayremove", run);
    run();
    return run;
  }

  function timeSlider(map, groups, dates) {
    var control = L.control({position: "bottomleft"});
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "geomap-time");
      var label = L.DomUtil.create("div", "geomap-time-label", div);
      var input = L.DomUtil.create("input", "", div);
      input.type = "range"; input.min = 0; input.max = dates.length - 1; input.value = dates.length - 1;
      input.setAttribute("aria-label", "Show incidents up to this date");
      function apply() {
        var until = dates[+input.value];
        label.textContent = "Incidents up to " + until + " (undated always shown)";
        map.fire("geomaptime", {until: until});  // dated overlays (basemap.js) follow the time control
        groups.forEach(function (g) {
          g.eachLayer(function (layer) {
            var d = layer.feature && layer.feature.properties.date;
            layer._gmHidden = !!d && d > until;
          });
          refresh(g);
        });
        if (map.geomapRecluster) { map.geomapRecluster(); }
      }
      L.DomEvent.on(input, "input", apply);
      L.DomEvent.disableClickPropagation(div);
      apply();
      return div;
    };
    return control;
  }

  window.geomapInit = function (map, configText) {
    var config = JSON.parse(configText);  // a JSON string parses faster than a large object literal
    var renderer = L.canvas({padding: 0.5});
    var overlays = {}, eventGroups = [], allGroups = [];
    var offline = window.geomapBase.init(map, config);  // basemap.js: land, borders, rivers, names, overlays
    config.layers.forEach(function (spec) {
      var group = makeLayer(map, spec, renderer);
      overlays[spec.label] = group;
      allGroups.push(group);
      if (spec.events) { eventGroups.push(group); }
      if (spec.visible) { group.addTo(map); }
    });
    if (config.bounds) {  // clusters are cut for the first view, so it comes first
    // Room for the controls: the layer list and legend on the right, the time slider at the bottom.
      map.fitBounds(config.bounds, {paddingTopLeft: [60, 30], paddingBottomRight: [260, 90], maxZoom: 9,
                                    animate: false});  // an opening animation would fight a first click
    }
    var incidents = config.layers.reduce(function (n, spec) {
      return n + (spec.events ? spec.data.features.length : 0);
    }, 0);
    if (incidents >= CLUSTER.MIN_FEATURES) { map.geomapRecluster = clusterer(map, eventGroups); }
    L.control.layers(offline.baseLayers, L.extend(overlays, offline.overlays), {collapsed: false}).addTo(map);
    if (config.legend && config.legend.length) { legendControl(config.legend, config.legendTitle).addTo(map); }
    searchControl(map, allGroups).addTo(map);
    fullscreenTool(map).addTo(map);
    measureTool(map).addTo(map);
    if (config.dates && config.dates.length > 1) { timeSlider(map, eventGroups, config.dates).addTo(map); }
    L.control.scale({imperial: true}).addTo(map);

    if (config.title) {
      var t = L.control({position: "topright"});
      t.onAdd = function () { var d = L.DomUtil.create("div", "geomap-title"); d.textContent = config.title; return d; };
      t.addTo(map);
    }
    map.attributionControl.addAttribution(config.attribution);
    window.geomapLayers = overlays;  // for scripts and tests
    window.geomapMap = map;
  };
}());
