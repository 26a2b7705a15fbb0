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
  var measureCtx = null, measureFont = null;
  function textWidth(text, font) {
    if (!measureCtx) { measureCtx = document.createElement("canvas").getContext("2d"); }
    if (font !== measureFont) { measureCtx.font = font + FAMILY; measureFont = font; }  // parsed on each set
    return measureCtx.measureText(text).width;
  }
  // Every name's width measured ahead, in placing order, while the page is idle: the first zoom to a
  // level measured a few hundred new names at once (5 ms).
  function measureAhead(items) {
    if (!window.requestIdleCallback) { return; }
    var k = 0;
    function some(deadline) {
      for (; k < items.length && deadline.timeRemaining() > 1; k++) {
        if (items[k].width === null) { items[k].width = labelWidth(items[k]); }
      }
      if (k < items.length) { window.requestIdleCallback(some); }
    }
    window.requestIdleCallback(some);
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
    items = items.map(function (item, i) { item.i = i; return item; })
      .sort(function (a, b) { return a.prio - b.prio || a.i - b.i; });
    items.forEach(function (item, order) {
      item.order = order;  // the names are placed, and their nodes kept in the page, in this order
      item.font = item.kind === "town" ? FONTS[item.size] : (item.kind === "river" ? "italic 11px" : "600 11px");
      item.text = item.kind === "region" ? item.name.toUpperCase() : item.name;
      item.width = null;  // measured while the page is idle, or when first placed
      item.node = null; item.transform = null;
    });
    return items;
  }

  function labelWidth(item) {
    return textWidth(item.text, item.font) + (item.kind === "region" ? item.text.length * 1.2 : 0);
  }
  function labelNode(item) {
    var div = el("div", "geomap-name geomap-" + item.kind + " geomap-size" + item.size, null, item.text);
    div.style.font = item.font + FAMILY;
    div._gmOrder = item.order;
    return div;
  }

  var NameLabels = L.Layer.extend({
    initialize: function (items) { this._items = items; measureAhead(items); },
    onAdd: function (map) {
      this._box = el("div", "geomap-labels", map.getPane("gmLabels"));
      this._redraw();
    },
    onRemove: function () { L.DomUtil.remove(this._box); this._box = null; },
    // A zoom without animation fires viewprereset, moveend, then viewreset: the names are placed once, on
    // viewreset; a pan places them on moveend. While a zoom animates, a pinch goes on or the map flies,
    // the names are hidden (they would stay put while the map scales) until the moveend at its end.
    getEvents: function () {
      return {zoomanim: this._hide, zoom: this._onZoom, viewprereset: this._postpone, moveend: this._onMoveEnd,
              viewreset: this._onReset};
    },
    _onZoom: function (ev) { if (ev.pinch || ev.flyTo) { this._hide(); } },
    _postpone: function () { this._postponed = true; },
    _onMoveEnd: function () { if (!this._postponed) { this._redraw(); } },
    _onReset: function () { this._postponed = false; this._redraw(); },
    // Hidden with visibility, not display: with display: none every name was laid out and shaped again.
    // A zoom without animation places them in the same task and does not hide them: hidden at its start,
    // they were all styled twice, since drawing the cluster counts (fillText on a canvas in the page)
    // brings the page's style up to date in the middle of the zoom.
    _hide: function () { if (this._box) { this._box.style.visibility = "hidden"; } },
    _redraw: function () {
      var map = this._map;
      if (!map || !this._box) { return; }
      var zoom = map.getZoom(), view = map.getBounds().pad(0.05), size = map.getSize();
      var south = view.getSouth(), north = view.getNorth(), west = view.getWest(), east = view.getEast();
      var placed = [], shown = [];
      for (var i = 0; i < this._items.length && placed.length < MAX_LABELS; i++) {
        var item = this._items[i], ll = item.ll;
        if (item.z > zoom + 1e-6 || zoom > item.maxz || ll.lat < south || ll.lat > north || ll.lng < west || ll.lng > east) {
          continue;
        }
        var p = map.latLngToContainerPoint(ll);
        if (item.width === null) { item.width = labelWidth(item); }  // its text and font never change
        var w = item.width, h = item.size >= 2 ? 18 : 15;
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
        shown.push(item);
      }
      this._show(shown);
      this._box.style.visibility = "";
      this.shown = placed.length;
    },
    // The names' nodes, in placing order. A name placed before keeps its node (only moved): a new node each
    // time had the page style, lay out and shape every name again on each pan and zoom.
    _show: function (shown) {
      var map = this._map, box = this._box, node = box.firstChild, gone;
      for (var k = 0; k < shown.length; k++) {
        var item = shown[k];
        while (node && node._gmOrder < item.order) { gone = node; node = node.nextSibling; box.removeChild(gone); }
        if (!item.node) { item.node = labelNode(item); }
        // A 2D translate, not Leaflet's translate3d: that makes each of some 200 names a composited layer.
        var at = map.latLngToLayerPoint(item.ll), transform = "translate(" + at.x + "px," + at.y + "px)";
        if (item.transform !== transform) { item.node.style.transform = transform; item.transform = transform; }
        if (node === item.node) { node = node.nextSibling; } else { box.insertBefore(item.node, node); }
      }
      while (node) { gone = node; node = node.nextSibling; box.removeChild(gone); }
    }
  });

  // --- Views drawn ahead. Once the page has shown a zoom that kept its centre, the canvases of the two views
  // a zoom of one level in or out around the same centre shows are drawn off screen: the base map's and the
  // incidents'. A zoom that lands on one of them copies it (one drawImage) instead of drawing every shape
  // and marker again. A view is named by its zoom, pixel origin and size; any other view is drawn as before.
  var geomapAhead = {
    key: function (zoom, origin, size) { return zoom + "|" + origin.x + "," + origin.y + "|" + size.x + "x" + size.y; },
    // The views of the next zoom in and out by the zoom buttons' step (after one of them, that direction first),
    // as Leaflet will set them (Map._resetView: the map pane at 0, the pixel origin the view's top left corner).
    views: function (map, direction) {
      var zoom = map.getZoom(), centre = map.getCenter(), size = map.getSize(), half = size.divideBy(2);
      var delta = L.Browser.any3d ? map.options.zoomDelta : 1;  // as Map.zoomIn and zoomOut
      var zooms = [map._limitZoom(zoom + delta), map._limitZoom(zoom - delta)], views = [];
      if (direction < 0) { zooms.reverse(); }
      zooms.forEach(function (z) {
        if (z !== zoom && z >= map.getMinZoom() && z <= map.getMaxZoom()) {
          views.push({zoom: z, origin: map.project(centre, z)._subtract(half)._round(), size: size});
        }
      });
      return views;
    },
    // A canvas as Leaflet's renderer with this padding makes it for the view (Renderer._update, Canvas._update),
    // drawn by paint(ctx) in layer points: its image and its name (zoom, the canvas's world pixel corner, size).
    canvas: function (view, padding, paint) {
      var min = view.size.multiplyBy(-padding).round(), max = min.add(view.size.multiplyBy(1 + padding * 2)).round();
      var size = max.subtract(min), m = L.Browser.retina ? 2 : 1;
      var canvas = new OffscreenCanvas(m * size.x, m * size.y), ctx = canvas.getContext("2d");
      if (m === 2) { ctx.scale(2, 2); }
      ctx.translate(-min.x, -min.y);
      paint(ctx);
      return {image: canvas.transferToImageBitmap(), key: geomapAhead.key(view.zoom, view.origin.add(min), size)};
    },
    copy: function (ctx, image) {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.globalAlpha = 1;
      ctx.globalCompositeOperation = "source-over";
      ctx.drawImage(image, 0, 0);
      ctx.restore();
    },
    // Registers draw(view, keptOnly), called for each view ahead (keptOnly: only mark it used if kept), and
    // clear(), which drops the views kept. The views are drawn, all at once, in the task after
    // the frame that shows a zoom that kept the map's centre (zoom buttons, keyboard, setZoom: the next zoom
    // likely keeps it too; a wheel or double-click zoom at the pointer draws nothing ahead); a pan or zoom
    // that starts first cancels them.
    add: function (map, draw, clear) {
      if (typeof OffscreenCanvas !== "function" || !OffscreenCanvas.prototype.transferToImageBitmap) { return; }
      var state = map._gmAhead;
      if (!state) {
        state = map._gmAhead = {draws: [], clears: [], frame: null, task: null, zoom: map.getZoom(), direction: 1,
                                centre: null};
        var cancel = function () {
          if (state.frame) { L.Util.cancelAnimFrame(state.frame); state.frame = null; }
          if (state.task) { clearTimeout(state.task); state.task = null; }
        };
        var drawAhead = function () {
          state.task = null;
          // Those kept are marked used first, so that the view drawn next pushes out another.
          var views = geomapAhead.views(map, state.direction);
          views.forEach(function (view) { state.draws.forEach(function (d) { d(view, true); }); });
          views.forEach(function (view) { state.draws.forEach(function (d) { d(view); }); });
        };
        map.on("movestart", cancel);
        // The centre of the view before a zoom: the map's at the end of the move before it (at zoomstart, after
        // a pan, Map._resetView has already put the map pane back, and getCenter answers the centre before it).
        map.on("moveend", function () {
          var centre = map.getCenter();
          // After a pan the views kept are of another centre: their memory is given back.
          if (state.centre && map.getZoom() === state.zoom && !centre.equals(state.centre)) {
            state.clears.forEach(function (c) { c(); });
          }
          state.centre = centre;
        });
        map.on("zoomend", function () {
          var zoom = map.getZoom(), kept = state.centre && state.centre.equals(map.getCenter());
          if (zoom !== state.zoom) { state.direction = zoom > state.zoom ? 1 : -1; state.zoom = zoom; }
          if (!state.started || !kept) { return; }  // not for the page's first view, nor a zoom at the pointer
          cancel();
          state.frame = L.Util.requestAnimFrame(function () {
            state.frame = null;
            state.task = setTimeout(drawAhead, 0);
          });
        });
      }
      state.draws.push(draw);
      state.clears.push(clear);
    },
    start: function (map) { if (map._gmAhead) { map._gmAhead.started = true; } }  // after the first view
  };
  window.geomapAhead = geomapAhead;

  // --- Land, first-level borders and rivers, drawn by the page on one canvas. As Leaflet paths they were
  // projected again, vertex by vertex (a point object each), on every zoom, then clipped and simplified twice;
  // here each vertex is projected once, its world pixels are computed once per zoom and kept, and a view clips
  // and simplifies only the shapes it shows, once, with Leaflet's own algorithms on flat arrays: the canvas
  // gets the very points Leaflet's canvas renderer drew (rounded layer points, clipped to the padded canvas,
  // then simplified within a pixel), with the same styles.
  var SHAPE_STYLES = {
    land: {color: "#7d7d7d", weight: 0.8, opacity: 1, fill: true, fillColor: "#f2efe9", fillOpacity: 1},
    regions: {color: "#9a8f9e", weight: 0.8, opacity: 1, fill: false, dash: [5, 4]},
    rivers: {color: "#7fb2d9", weight: 1.6, opacity: 0.95, fill: false}
  };
  var ZOOMS_KEPT = 24;  // world pixels kept for this many zoom levels (about 160 KB each)

  // Every ring of every shape, in drawing order: vertices in flat arrays (u, v: the projection before its
  // scale to a zoom), rings as ranges of them, shapes as ranges of rings with a style and closed (polygon) or not.
  function shapeData(map, base) {
    var crs = map.options.crs, u = [], v = [], ringStart = [], shapes = [];
    function addRing(coords, closed) {
      var n = coords.length;
      // Leaflet drops a polygon ring's closing vertex (equal to its first within 1e-9 degrees)
      if (closed && n >= 2 && Math.max(Math.abs(coords[0][1] - coords[n - 1][1]),
                                       Math.abs(coords[0][0] - coords[n - 1][0])) <= 1e-9) { n -= 1; }
      if (!n) { return; }
      ringStart.push(u.length);
      for (var i = 0; i < n; i++) {
        var p = crs.transformation.transform(crs.projection.project(L.latLng(coords[i][1], coords[i][0])), 1);
        u.push(p.x); v.push(p.y);
      }
    }
    function addGeometry(g, style) {
      if (!g) { return; }
      var first = ringStart.length, closed = g.type === "Polygon" || g.type === "MultiPolygon";
      switch (g.type) {
        case "Polygon": g.coordinates.forEach(function (r) { addRing(r, true); }); break;
        case "MultiPolygon": g.coordinates.forEach(function (p) { p.forEach(function (r) { addRing(r, true); }); }); break;
        case "LineString": addRing(g.coordinates, false); break;
        case "MultiLineString": g.coordinates.forEach(function (r) { addRing(r, false); }); break;
        case "GeometryCollection": g.geometries.forEach(function (part) { addGeometry(part, style); }); return;
        default: return;  // points: the base map has none
      }
      if (ringStart.length > first) { shapes.push({style: style, closed: closed, first: first, end: ringStart.length}); }
    }
    ["land", "regions", "rivers"].forEach(function (name) {
      ((base[name] || {}).features || []).forEach(function (f) { addGeometry(f.geometry, SHAPE_STYLES[name]); });
    });
    ringStart.push(u.length);
    return {u: Float64Array.from(u), v: Float64Array.from(v), ringStart: Int32Array.from(ringStart), shapes: shapes};
  }

  // The rounded world pixels of every vertex at a zoom, and each ring's box in them.
  function worldPixels(data, scale) {
    var n = data.u.length, rings = data.ringStart.length - 1;
    var x = new Float64Array(n), y = new Float64Array(n), box = new Float64Array(4 * rings);
    for (var i = 0; i < n; i++) { x[i] = Math.round(scale * data.u[i]); y[i] = Math.round(scale * data.v[i]); }
    for (var r = 0; r < rings; r++) {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (var k = data.ringStart[r]; k < data.ringStart[r + 1]; k++) {
        if (x[k] < x0) { x0 = x[k]; } if (x[k] > x1) { x1 = x[k]; }
        if (y[k] < y0) { y0 = y[k]; } if (y[k] > y1) { y1 = y[k]; }
      }
      box[4 * r] = x0; box[4 * r + 1] = y0; box[4 * r + 2] = x1; box[4 * r + 3] = y1;
    }
    return {x: x, y: y, box: box};
  }

  // Point lists as pairs of growing typed arrays, reused from view to view (no allocation once grown).
  function PointList() { this.x = new Float64Array(256); this.y = new Float64Array(256); this.code = new Int32Array(256); this.n = 0; }
  PointList.prototype.push = function (x, y, code) {
    if (this.n === this.x.length) {
      var size = 2 * this.n, x2 = new Float64Array(size), y2 = new Float64Array(size), c2 = new Int32Array(size);
      x2.set(this.x); y2.set(this.y); c2.set(this.code);
      this.x = x2; this.y = y2; this.code = c2;
    }
    this.x[this.n] = x; this.y[this.n] = y; this.code[this.n] = code; this.n += 1;
  };

  // Leaflet's LineUtil._getBitCode, _getEdgeIntersection (rounded), PolyUtil.clipPolygon, LineUtil.clipSegment
  // and LineUtil.simplify, with the same arithmetic in the same order, on PointLists. b: [minX, minY, maxX, maxY].
  function bitCode(x, y, b) {
    return (x < b[0] ? 1 : x > b[2] ? 2 : 0) | (y < b[1] ? 4 : y > b[3] ? 8 : 0);
  }
  function edgeX(ax, ay, bx, by, code, b) {
    var dx = bx - ax, dy = by - ay;
    if (code & 8) { return Math.round(ax + dx * (b[3] - ay) / dy); }
    if (code & 4) { return Math.round(ax + dx * (b[1] - ay) / dy); }
    return Math.round(code & 2 ? b[2] : b[0]);
  }
  function edgeY(ax, ay, bx, by, code, b) {
    var dx = bx - ax, dy = by - ay;
    if (code & 8) { return Math.round(b[3]); }
    if (code & 4) { return Math.round(b[1]); }
    return Math.round(code & 2 ? ay + dy * (b[2] - ax) / dx : ay + dy * (b[0] - ax) / dx);
  }
  var EDGES = [1, 4, 2, 8];
  // Sutherland-Hodgman, edge by edge (left, bottom, right, top); returns the list holding the clipped ring.
  function clipPolygon(from, spare, b) {
    var i, j;
    for (i = 0; i < from.n; i++) { from.code[i] = bitCode(from.x[i], from.y[i], b); }
    for (var k = 0; k < 4; k++) {
      var edge = EDGES[k], out = spare;
      out.n = 0;
      for (i = 0, j = from.n - 1; i < from.n; j = i++) {
        var ax = from.x[i], ay = from.y[i], bx = from.x[j], by = from.y[j], px, py;
        if (!(from.code[i] & edge)) {
          if (from.code[j] & edge) {
            px = edgeX(bx, by, ax, ay, edge, b); py = edgeY(bx, by, ax, ay, edge, b);
            out.push(px, py, bitCode(px, py, b));
          }
          out.push(ax, ay, from.code[i]);
        } else if (!(from.code[j] & edge)) {
          px = edgeX(bx, by, ax, ay, edge, b); py = edgeY(bx, by, ax, ay, edge, b);
          out.push(px, py, bitCode(px, py, b));
        }
      }
      spare = from; from = out;
    }
    return from;
  }
  // Cohen-Sutherland on one segment: writes the clipped ends to seg [ax, ay, bx, by, b moved], false if outside.
  function clipSegment(ax, ay, bx, by, b, seg) {
    var codeA = bitCode(ax, ay, b), codeB = bitCode(bx, by, b), moved = 0;
    while (true) {
      if (!(codeA | codeB)) { seg[0] = ax; seg[1] = ay; seg[2] = bx; seg[3] = by; seg[4] = moved; return true; }
      if (codeA & codeB) { return false; }
      var codeOut = codeA || codeB, px = edgeX(ax, ay, bx, by, codeOut, b), py = edgeY(ax, ay, bx, by, codeOut, b);
      if (codeOut === codeA) { ax = px; ay = py; codeA = bitCode(px, py, b); }
      else { bx = px; by = py; codeB = bitCode(px, py, b); moved = 1; }
    }
  }
  function sqSegmentDistance(px, py, x, y, x2, y2) {
    var dx = x2 - x, dy = y2 - y, dot = dx * dx + dy * dy;
    if (dot > 0) {
      var t = ((px - x) * dx + (py - y) * dy) / dot;
      if (t > 1) { x = x2; y = y2; } else if (t > 0) { x += dx * t; y += dy * t; }
    }
    dx = px - x; dy = py - y;
    return dx * dx + dy * dy;
  }
  function simplifyStep(list, keep, first, last) {
    var maxSq = 0, index = 0;
    for (var i = first + 1; i <= last - 1; i++) {
      var sq = sqSegmentDistance(list.x[i], list.y[i], list.x[first], list.y[first], list.x[last], list.y[last]);
      if (sq > maxSq) { index = i; maxSq = sq; }
    }
    if (maxSq > 1) {  // the tolerance: Leaflet's smoothFactor 1, squared
      keep[index] = 1;
      simplifyStep(list, keep, first, index);
      simplifyStep(list, keep, index, last);
    }
  }

  var ShapeCanvas = L.Canvas.extend({
    initialize: function (data, options) {
      L.Canvas.prototype.initialize.call(this, options);
      this._data = data;
      this._zooms = new Map();  // zoom -> world pixels, in the order first seen
      this._ring = new PointList(); this._spare = new PointList(); this._reduced = new PointList();
      this._keep = new Uint8Array(256);
      this._seg = new Float64Array(5);
      this._ahead = new Map();  // views drawn ahead: name -> image
    },
    onAdd: function (map) {
      L.Canvas.prototype.onAdd.call(this, map);
      if (!this._aheadAdded) {  // once: the base map stays on its map
        geomapAhead.add(map, L.Util.bind(this._drawAhead, this), L.Util.bind(this._clearAhead, this));
        this._aheadAdded = true;
      }
    },
    // No Leaflet layers: a zoom or pan only resizes the canvas (Leaflet) and draws it again (below).
    _updatePaths: function () { if (!this._postponeUpdatePaths) { this._redraw(); } },
    _onZoomEnd: function () {},
    _pixelsAt: function (zoom) {
      var px = this._zooms.get(zoom);
      if (!px) {
        if (this._zooms.size >= ZOOMS_KEPT) { this._zooms.delete(this._zooms.keys().next().value); }
        px = worldPixels(this._data, this._map.options.crs.scale(zoom));
        this._zooms.set(zoom, px);
      }
      return px;
    },
    _draw: function () {
      var map = this._map, b = this._bounds, origin = map.getPixelOrigin(), zoom = map.getZoom();
      var key = geomapAhead.key(zoom, origin.add(b.min), b.getSize()), image = this._ahead.get(key);
      if (image) {
        this._ahead.delete(key); this._ahead.set(key, image);  // the last used, last
        geomapAhead.copy(this._ctx, image);
        return;
      }
      this._drawAt(this._ctx, zoom, origin, b);
    },
    _drawAt: function (ctx, zoom, origin, b) {
      var px = this._pixelsAt(zoom), shapes = this._data.shapes;
      ctx.save();
      for (var s = 0; s < shapes.length; s++) { this._drawShape(ctx, shapes[s], px, origin, b); }
      ctx.restore();
    },
    _clearAhead: function () {
      this._ahead.forEach(function (image) { if (image.close) { image.close(); } });
      this._ahead.clear();
    },
    // A view drawn ahead (geomapAhead). The three last drawn or used are kept: a zoom back to the view left
    // copies it again, so that after the first zoom each zoom draws one view ahead, not two.
    _drawAhead: function (view, keptOnly) {
      var self = this, p = this.options.padding;
      var min = view.size.multiplyBy(-p).round(), max = min.add(view.size.multiplyBy(1 + p * 2)).round();
      var key = geomapAhead.key(view.zoom, view.origin.add(min), max.subtract(min));
      var image = this._ahead.get(key);
      if (image) { this._ahead.delete(key); this._ahead.set(key, image); return; }
      if (keptOnly) { return; }
      var drawn = geomapAhead.canvas(view, p, function (ctx) {
        self._drawAt(ctx, view.zoom, view.origin, L.bounds(min, max));
      });
      this._ahead.set(drawn.key, drawn.image);
      while (this._ahead.size > 3) {
        var first = this._ahead.keys().next().value, old = this._ahead.get(first);
        this._ahead.delete(first);
        if (old.close) { old.close(); }
      }
    },
    // One shape as Leaflet's Polygon or Polyline draws itself on a canvas: skipped when its box (grown by half
    // its outline) misses the clip bounds, which for a polygon are the canvas's grown by its outline's width.
    _drawShape: function (ctx, shape, px, origin, bounds) {
      var st = shape.style, pad = shape.closed ? st.weight : 0, half = st.weight / 2;
      var b = [bounds.min.x - pad, bounds.min.y - pad, bounds.max.x + pad, bounds.max.y + pad];
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, r;
      for (r = shape.first; r < shape.end; r++) {
        x0 = Math.min(x0, px.box[4 * r]); y0 = Math.min(y0, px.box[4 * r + 1]);
        x1 = Math.max(x1, px.box[4 * r + 2]); y1 = Math.max(y1, px.box[4 * r + 3]);
      }
      x0 = x0 - origin.x - half; y0 = y0 - origin.y - half; x1 = x1 - origin.x + half; y1 = y1 - origin.y + half;
      if (!(x1 >= b[0] && x0 <= b[2] && y1 >= b[1] && y0 <= b[3])) { return; }
      var parts = 0;
      ctx.beginPath();
      for (r = shape.first; r < shape.end; r++) {
        parts += shape.closed ? this._polygonRing(ctx, r, px, origin, b) : this._lineRing(ctx, r, px, origin, b);
      }
      if (parts) { fillStroke(ctx, st); }
    },
    _loadRing: function (r, px, origin) {
      var ring = this._ring, start = this._data.ringStart[r], end = this._data.ringStart[r + 1];
      ring.n = 0;
      for (var k = start; k < end; k++) { ring.push(px.x[k] - origin.x, px.y[k] - origin.y, 0); }
      return ring;
    },
    _polygonRing: function (ctx, r, px, origin, b) {
      var clipped = clipPolygon(this._loadRing(r, px, origin), this._spare, b);
      if (!clipped.n) { return 0; }
      // clipPolygon hands back either list: the other is the spare for the next ring.
      if (clipped === this._spare) { this._spare = this._ring; this._ring = clipped; }
      this._trace(ctx, this._ring, true);
      return 1;
    },
    // A line's parts: each run of segments that stays in the bounds (Leaflet's Polyline._clipPoints).
    _lineRing: function (ctx, r, px, origin, b) {
      var ring = this._loadRing(r, px, origin), part = this._spare, seg = this._seg, parts = 0;
      part.n = 0;
      for (var j = 0; j < ring.n - 1; j++) {
        if (!clipSegment(ring.x[j], ring.y[j], ring.x[j + 1], ring.y[j + 1], b, seg)) { continue; }
        part.push(seg[0], seg[1], 0);
        if (seg[4] || j === ring.n - 2) {
          part.push(seg[2], seg[3], 0);
          this._trace(ctx, part, false);
          parts += 1;
          part.n = 0;
        }
      }
      return parts;
    },
    // A part simplified as LineUtil.simplify does (vertex reduction, then Douglas-Peucker), onto the path.
    _trace: function (ctx, list, closed) {
      var reduced = this._reduced, n = list.n, prev = 0, i;
      reduced.n = 0;
      reduced.push(list.x[0], list.y[0], 0);
      for (i = 1; i < n; i++) {
        var dx = list.x[prev] - list.x[i], dy = list.y[prev] - list.y[i];
        if (dx * dx + dy * dy > 1) {  // farther than the tolerance from the last point kept
          reduced.push(list.x[i], list.y[i], 0);
          prev = i;
        }
      }
      if (prev < n - 1) { reduced.push(list.x[n - 1], list.y[n - 1], 0); }
      if (this._keep.length < reduced.n) { this._keep = new Uint8Array(2 * reduced.n); }
      var keep = this._keep;
      keep.fill(0, 0, reduced.n);
      keep[0] = keep[reduced.n - 1] = 1;
      simplifyStep(reduced, keep, 0, reduced.n - 1);
      var first = true;
      for (i = 0; i < reduced.n; i++) {
        if (!keep[i]) { continue; }
        if (first) { ctx.moveTo(reduced.x[i], reduced.y[i]); first = false; } else { ctx.lineTo(reduced.x[i], reduced.y[i]); }
      }
      if (closed) { ctx.closePath(); }
    }
  });
  // Leaflet's Canvas._fillStroke for a path with these options (line caps and joins round, fill even-odd).
  function fillStroke(ctx, st) {
    if (st.fill) {
      ctx.globalAlpha = st.fillOpacity;
      ctx.fillStyle = st.fillColor;
      ctx.fill("evenodd");
    }
    ctx.setLineDash(st.dash || []);
    ctx.globalAlpha = st.opacity;
    ctx.lineWidth = st.weight;
    ctx.strokeStyle = st.color;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.stroke();
  }

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
    new ShapeCanvas(shapeData(map, base), {pane: "gmLand", padding: CANVAS_PAD}).addTo(map);
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
