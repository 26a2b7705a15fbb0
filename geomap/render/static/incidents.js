/* geomap's incident markers (issue #17): a grid index over every incident; a pan or zoom looks only at the
   cells in view and draws those markers (or, at low zoom, circles with the count of the markers they stand
   for) straight onto the map's canvas, after its other shapes, with no Leaflet layer per marker. Clicks and
   hover are hit-tested against what was drawn and reach the incident layers' listeners as Leaflet's own
   would (ev.layer.feature, the popup at the marker's place). Markers at one place are spread on a ring. */
(function () {
  "use strict";

  var GRID = 1024, UNDATED = "", VIEW_PAD = 0.1;  // markers are drawn for the view and a tenth around it
  var CLUSTER = {MIN_FEATURES: 500, CELL: 56, MAX_ZOOM: 9};
  var RING = {MIN: 11, STEP: 2.6};  // pixels: radius of the ring of markers at one place, and per marker
  var CIRCLE = {color: "#333", weight: 1, opacity: 1, fillColor: "#fdd49e", fillOpacity: 0.85};
  var COUNT_FONT = '700 12px system-ui, -apple-system, "Segoe UI", sans-serif';

  function markerStyle(s, fill) {
    return {radius: s.radius || 6, shape: s.shape || "circle", color: s.stroke || "#222", weight: 1,
            opacity: 0.9, fillColor: fill || s.color || "#3388ff", fillOpacity: s.opacity || 0.85};
  }

  // The outline of a marker: circle, square, triangle or diamond (one shape per incident type).
  function shapePath(ctx, shape, x, y, radius) {
    var r = Math.max(Math.round(radius), 1);
    ctx.beginPath();
    switch (shape) {
      case "square": ctx.rect(x - r, y - r, 2 * r, 2 * r); break;
      case "triangle":
        ctx.moveTo(x, y - 1.2 * r); ctx.lineTo(x + 1.1 * r, y + 0.8 * r);
        ctx.lineTo(x - 1.1 * r, y + 0.8 * r); ctx.closePath(); break;
      case "diamond":
        ctx.moveTo(x, y - 1.3 * r); ctx.lineTo(x + 1.3 * r, y);
        ctx.lineTo(x, y + 1.3 * r); ctx.lineTo(x - 1.3 * r, y); ctx.closePath(); break;
      default: ctx.arc(x, y, r, 0, Math.PI * 2, false);
    }
  }

  // Fill and outline as Leaflet's canvas does a path (L.Canvas._fillStroke), fill colour given apart.
  function fillStroke(ctx, style, fill) {
    ctx.globalAlpha = style.fillOpacity;
    ctx.fillStyle = fill;
    ctx.fill("evenodd");
    ctx.globalAlpha = style.opacity;
    ctx.lineWidth = style.weight;
    ctx.strokeStyle = style.color;
    ctx.stroke();
  }

  // Stamps. With no GPU, Chromium rasterises a canvas's recorded drawing when it commits the frame, and
  // there every filled and outlined arc or polygon is scan-converted again: 450 cluster circles or 3,000
  // markers took 8-14 ms of a zoom's frame. Each distinct look is drawn once and stamped with drawImage at
  // a whole-pixel place: a copy of the same pixels, not a resampling.
  var RATIO = L.Browser.retina ? 2 : 1;  // the pixel ratio Leaflet gives its canvas
  // Stamps are drawn several at once, side by side on one canvas, kept as one ImageBitmap where the browser
  // has OffscreenCanvas: a canvas and its context cost more to make than the stamps (the 36 circle sizes
  // took 9 ms made one by one), and a canvas as the source of drawImage is snapshot again on each copy
  // (3 ms a zoom for 3,000 markers), an image bitmap is not. specs: [{half, paint(ctx, x, y)}].
  function stampSheet(specs) {
    var width = 0, height = 0, canvas;
    specs.forEach(function (spec) { width += 2 * spec.half; height = Math.max(height, 2 * spec.half); });
    if (typeof OffscreenCanvas === "function") { canvas = new OffscreenCanvas(width * RATIO, height * RATIO); }
    else { canvas = document.createElement("canvas"); canvas.width = width * RATIO; canvas.height = height * RATIO; }
    var ctx = canvas.getContext("2d"), left = 0, placed = [];
    ctx.scale(RATIO, RATIO);
    ctx.lineCap = "round"; ctx.lineJoin = "round";
    specs.forEach(function (spec) {
      spec.paint(ctx, left + spec.half, spec.half);
      placed.push({left: left, half: spec.half});
      left += 2 * spec.half;
    });
    var image = canvas.transferToImageBitmap ? canvas.transferToImageBitmap() : canvas;
    return placed.map(function (p) { return {image: image, sx: p.left * RATIO, half: p.half}; });
  }
  function stampAt(ctx, s, x, y) {
    var size = 2 * s.half;
    ctx.globalAlpha = 1;
    ctx.drawImage(s.image, s.sx, 0, size * RATIO, size * RATIO, x - s.half, y - s.half, size, size);
  }
  function whole(x, y) { return x === Math.round(x) && y === Math.round(y); }
  var REACH = {triangle: 1.2, diamond: 1.3};  // how far a shape reaches from its centre, in radii
  // The stamp of a marker's look with a fill.
  function markerStamp(s, fill) {
    var half = Math.ceil((REACH[s.shape] || 1) * Math.max(Math.round(s.radius), 1) + s.weight / 2 + 1);
    return stampSheet([{half: half, paint: function (c, x, y) {
      shapePath(c, s.shape, x, y, s.radius);
      fillStroke(c, s, fill);
    }}])[0];
  }
  // A marker at its place: stamped at whole pixels, drawn as a path where a ring offset puts it between them.
  function drawMarker(ctx, s, fill, x, y) {
    if (!whole(x, y)) { shapePath(ctx, s.shape, x, y, s.radius); fillStroke(ctx, s, fill); return; }
    stampAt(ctx, s.stamps[fill] || (s.stamps[fill] = markerStamp(s, fill)), x, y);
  }
  // A cluster circle's radius grows with its members up to 24 px (from 37 members): all its sizes are
  // stamped on one sheet the first time a circle is drawn.
  function clusterRadius(members) { return Math.min(24, 11 + 2.5 * Math.log2(members)); }
  var circleStamps = null;
  function circleStamp(radius) {
    if (!circleStamps) {
      var radii = [];
      for (var m = 2; !radii.length || radii[radii.length - 1] < 24; m++) { radii.push(clusterRadius(m)); }
      circleStamps = new Map();
      stampSheet(radii.map(function (r) {
        return {half: Math.ceil(r + CIRCLE.weight / 2 + 1), paint: function (c, x, y) {
          c.beginPath();
          c.arc(x, y, r, 0, Math.PI * 2, false);
          fillStroke(c, CIRCLE, CIRCLE.fillColor);
        }};
      })).forEach(function (stamp, k) { circleStamps.set(radii[k], stamp); });
    }
    return circleStamps.get(radius);
  }
  // A cluster circle without its count (its layer point is always whole).
  function drawCircle(ctx, radius, x, y) { stampAt(ctx, circleStamp(radius), x, y); }

  // What a click or hover on a drawn marker or circle reaches: the listeners of its parent (the incident
  // layer's feature group, or the index's circles group) get it as ev.layer; a marker's has .feature, and
  // with a radius of 10 px or less Leaflet puts ev.latlng at the marker's place, as for a circle marker.
  var Hit = L.Evented.extend({
    options: {interactive: true},
    initialize: function (parent, latlng, radius) {
      this._latlng = latlng;
      this._radius = radius;
      this.addEventParent(parent);
    },
    getLatLng: function () { return this._latlng; }
  });

  // The map's canvas draws the incidents after its own shapes and asks them first who is under the mouse:
  // incident markers are always on top and always take the click.
  var draw = L.Canvas.prototype._draw, onClick = L.Canvas.prototype._onClick;
  var hover = L.Canvas.prototype._handleMouseHover;
  L.Canvas.include({
    _draw: function () {
      draw.call(this);
      if (this._gmIndex) { this._gmIndex.draw(this._ctx, this); }
    },
    _onClick: function (e) {
      var hit = this._gmIndex && this._gmIndex.hitAt(this._map.mouseEventToLayerPoint(e));
      if (!hit) { onClick.call(this, e); return; }
      var dragged = (e.type === "click" || e.type === "preclick") && this._map._draggableMoved(hit);
      this._fireEvent(dragged ? false : [hit], e);
    },
    _handleMouseHover: function (e, point) {  // Leaflet's, with the incidents asked first
      if (this._mouseHoverThrottled) { return; }
      var hit = this._gmIndex && this._gmIndex.hitAt(point);
      if (!hit) { hover.call(this, e, point); return; }
      if (hit !== this._hoveredLayer) {
        this._handleMouseOut(e);
        L.DomUtil.addClass(this._container, "leaflet-interactive");  // the pointer cursor
        this._fireEvent([hit], e, "mouseover");
        this._hoveredLayer = hit;
      }
      this._fireEvent([hit], e);
      this._mouseHoverThrottled = true;
      setTimeout(L.Util.bind(function () { this._mouseHoverThrottled = false; }, this), 32);
    },
    // The whole canvas in the next frame (a redraw of the view that comes first cancels it).
    _gmRedrawAll: function () {
      if (!this._map || !this._bounds) { return; }
      this._redrawBounds = L.bounds(this._bounds.min, this._bounds.max);
      this._redrawRequest = this._redrawRequest || L.Util.requestAnimFrame(this._redraw, this);
    }
  });

  function mercator(ll) {
    var s = Math.sin(Math.max(Math.min(ll.lat, 85.05), -85.05) * Math.PI / 180);
    return [(ll.lng + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
  }

  // The first index of a sorted array whose value is >= v, or with after, > v (binary search).
  function bound(sorted, v, after) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < v || (after && sorted[mid] === v)) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  // Every point incident of the layers, in a grid of GRID cells per side over Web Mercator (0..1). For the
  // scan of a pan or zoom, the incidents are also laid out as typed arrays (columns) in grid-cell order:
  // cells maps a cell's key to [x, y, start, end], its incidents being those from start to end; each column
  // holds the incident (item), its place (0..1 and degrees), layer, count and date's rank (-1: undated).
  // (An item's fields start with values of the kind they will hold: u and v as NaN, not 0, since JavaScript
  // engines keep small integers and fractions apart, and changing one for the other would move 50,000 items
  // to a new object layout the first time each is touched, some 1 µs apiece.)
  function buildIndex(groups) {
    var items = [], lists = new Map(), filled = [], dates = [], rank = new Map();
    groups.forEach(function (group, si) {
      var layerStyle = group.geomapSpec.style || {};
      group.geomapSpec.data.features.forEach(function (f) {
        if (!f.geometry || f.geometry.type !== "Point") { return; }
        var c = f.geometry.coordinates, ll = L.latLng(c[1], c[0]), m = mercator(ll);
        var item = {si: si, f: f, ll: ll, x: m[0], y: m[1], date: f.properties.date || UNDATED,
                    place: c[0] + "," + c[1], n: f.properties.count || 1, i: items.length,
                    style: f.properties.style || layerStyle, look: null, offset: null, hit: null,
                    shared: false, projected: false, u: NaN, v: NaN, zoom: null, px: 0, py: 0};
        var gx = Math.floor(m[0] * GRID), gy = Math.floor(m[1] * GRID), list = lists.get(gx * GRID * 4 + gy);
        if (!list) { list = []; lists.set(gx * GRID * 4 + gy, list); filled.push([gx, gy, list]); }
        list.push(item);
        items.push(item);
        if (item.date !== UNDATED && !rank.has(item.date)) { rank.set(item.date, 0); dates.push(item.date); }
      });
    });
    dates.sort();
    dates.forEach(function (d, k) { rank.set(d, k); });
    markShared(items);
    var total = items.length, cells = new Map(), pos = 0;
    var col = {item: new Array(total), index: new Int32Array(total), x: new Float64Array(total), y: new Float64Array(total),
               lat: new Float64Array(total), lng: new Float64Array(total), layer: new Int32Array(total),
               n: new Float64Array(total), date: new Int32Array(total)};
    filled.forEach(function (c) {
      var start = pos;
      c[2].forEach(function (item) {
        col.item[pos] = item; col.index[pos] = item.i; col.x[pos] = item.x; col.y[pos] = item.y;
        col.lat[pos] = item.ll.lat; col.lng[pos] = item.ll.lng; col.layer[pos] = item.si; col.n[pos] = item.n;
        col.date[pos] = item.date === UNDATED ? -1 : rank.get(item.date);
        pos += 1;
      });
      c[2] = start; c[3] = pos;
      cells.set(c[0] * GRID * 4 + c[1], c);
    });
    return {items: items, cells: cells, filled: filled, dates: dates, col: col};
  }

  // Which incidents share their place with another: only those can ever stand on a ring.
  function markShared(items) {
    var seen = new Map();
    items.forEach(function (item) {
      var first = seen.get(item.place);
      if (first === undefined) { seen.set(item.place, item); return; }
      first.shared = true; item.shared = true;
    });
  }

  function IncidentIndex(map, groups, renderer, config) {
    var self = this, built = buildIndex(groups), items = built.items, cells = built.cells, filled = built.filled;
    var dates = built.dates, col = built.col, total = items.length;
    var sideColour = {};
    (config.sides || []).forEach(function (s) { sideColour[s.key] = s.color; });
    this.items = items;
    this.groups = groups;
    this.from = null; this.to = null; this.mode = "type";
    this.circles = L.featureGroup();  // never on the map: its listeners get the clicks and hover of the circles
    var shown = [], circles = [];  // what the view draws: markers (in drawing order) and cluster circles
    var clustering = total >= CLUSTER.MIN_FEATURES;

    // The marker's style, one per style object (a layer's, for most incidents), with its stamps by fill.
    var looks = new Map();
    function look(item) {
      if (!item.look) {
        var shared = looks.get(item.style);
        if (!shared) { shared = markerStyle(item.style); shared.stamps = {}; looks.set(item.style, shared); }
        item.look = shared;
      }
      return item.look;
    }
    function fillOf(item) {
      if (self.mode !== "side") { return look(item).fillColor; }
      var side = item.f.properties.side;
      return (side && sideColour[side]) || "#9e9e9e";
    }
    // The item's layer point, as Leaflet projects a marker (its CRS's projection, then the zoom's scale,
    // rounded), plus its ring offset. The projection is kept from the first time, the point for the zoom;
    // the answer is one object, reused (read it before the next call).
    var crs = map.options.crs, at = {x: 0, y: 0};
    function pointOf(item, zoom, origin, o) {
      if (item.zoom !== zoom) {
        if (!item.projected) {
          var w = crs.transformation.transform(crs.projection.project(item.ll), 1);
          item.u = w.x; item.v = w.y; item.projected = true;
        }
        var scale = crs.scale(zoom);
        item.px = Math.round(scale * item.u); item.py = Math.round(scale * item.v); item.zoom = zoom;
      }
      at.x = item.px - origin.x + (o ? o.x : 0); at.y = item.py - origin.y + (o ? o.y : 0);
      return at;
    }
    function dated(item) {
      return item.date === UNDATED || ((!self.from || item.date >= self.from) && (!self.to || item.date <= self.to));
    }
    // Calls visit(k, px, py) for each incident the time control and the layer list let through in the
    // (padded) pixel box of the view, k its place in the typed arrays; scanned counts those in the view.
    var scanned = 0;  // how many incidents the last scan let through in the view itself
    function scan(on, scale, box, view, visit) {
      var x0 = Math.floor(box.min.x / scale * GRID), x1 = Math.floor(box.max.x / scale * GRID);
      var y0 = Math.floor(box.min.y / scale * GRID), y1 = Math.floor(box.max.y / scale * GRID);
      var from = self.from ? bound(dates, self.from) : 0;
      var to = self.to ? bound(dates, self.to, true) - 1 : dates.length;
      var X = col.x, Y = col.y, LAYER = col.layer, DATE = col.date;
      var minX = box.min.x, maxX = box.max.x, minY = box.min.y, maxY = box.max.y, inside = 0;
      var vx0 = view.min.x, vx1 = view.max.x, vy0 = view.min.y, vy1 = view.max.y;
      var layerOn = new Int32Array(on.length);
      on.forEach(function (value, si) { layerOn[si] = value ? 1 : 0; });
      function take(c) {
        for (var k = c[2]; k < c[3]; k++) {
          var px = X[k] * scale, py = Y[k] * scale, d = DATE[k];
          if (layerOn[LAYER[k]] && px >= minX && px <= maxX && py >= minY && py <= maxY &&
              (d < 0 || (d >= from && d <= to))) {
            visit(k, px, py);
            if (px >= vx0 && px <= vx1 && py >= vy0 && py <= vy1) { inside += 1; }
          }
        }
      }
      if ((x1 - x0 + 1) * (y1 - y0 + 1) > filled.length) {
        filled.forEach(function (c) { if (c[0] >= x0 && c[0] <= x1 && c[1] >= y0 && c[1] <= y1) { take(c); } });
      } else {
        for (var x = x0; x <= x1; x++) {
          for (var y = y0; y <= y1; y++) {
            var cell = cells.get(x * GRID * 4 + y);
            if (cell) { take(cell); }
          }
        }
      }
      scanned = inside;
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
    // Incidents that fall in one screen cell of CLUSTER.CELL pixels become one circle with their count, at
    // their mean place (clicking it fits their bounds), summed per cell in one pass; returns the incidents
    // left alone, in index order.
    function cluster(on, scale, box, view, circles) {
      var cx0 = Math.floor(box.min.x / CLUSTER.CELL), cy0 = Math.floor(box.min.y / CLUSTER.CELL);
      var w = Math.floor(box.max.x / CLUSTER.CELL) - cx0 + 1, h = Math.floor(box.max.y / CLUSTER.CELL) - cy0 + 1;
      var members = new Int32Array(w * h), first = new Int32Array(w * h), count = new Float64Array(w * h);
      var lat = new Float64Array(w * h), lng = new Float64Array(w * h);
      var south = new Float64Array(w * h).fill(90), north = new Float64Array(w * h).fill(-90);
      var west = new Float64Array(w * h).fill(180), east = new Float64Array(w * h).fill(-180);
      var LAT = col.lat, LNG = col.lng, N = col.n;
      scan(on, scale, box, view, function (k, px, py) {
        var c = (Math.floor(px / CLUSTER.CELL) - cx0) * h + Math.floor(py / CLUSTER.CELL) - cy0;
        if (!members[c]) { first[c] = k; }
        members[c] += 1; count[c] += N[k]; lat[c] += LAT[k]; lng[c] += LNG[k];
        if (LAT[k] < south[c]) { south[c] = LAT[k]; }
        if (LAT[k] > north[c]) { north[c] = LAT[k]; }
        if (LNG[k] < west[c]) { west[c] = LNG[k]; }
        if (LNG[k] > east[c]) { east[c] = LNG[k]; }
      });
      var singles = [];
      for (var c = 0; c < w * h; c++) {
        if (members[c] === 1) { singles.push(col.item[first[c]]); }
        else if (members[c] > 1) {
          circles.push({at: L.latLng(lat[c] / members[c], lng[c] / members[c]), count: count[c],
                        bounds: L.latLngBounds([south[c], west[c]], [north[c], east[c]]),
                        radius: clusterRadius(members[c]), hit: null});
        }
      }
      return singles.sort(function (a, b) { return a.i - b.i; });
    }
    function circleTitle(count) { return count + " incidents: click to zoom in"; }
    var tip = null;
    this.circles.on("mouseover", function (ev) {
      var span = document.createElement("span");
      span.textContent = circleTitle(ev.layer._gmCount);  // a number counted by the page
      tip = L.tooltip({sticky: true}).setLatLng(ev.latlng).setContent(span).addTo(map);
    });
    this.circles.on("mouseout", function () { if (tip) { map.removeLayer(tip); tip = null; } });
    this.circles.on("click", function (ev) {
      map.fitBounds(ev.layer._gmBounds.pad(0.3), {maxZoom: 12});
    });
    // Markers at one place, in index order (layer, then date): on a ring around it, first one at the top.
    // Returns each marker's offset from its place (null: none), in the list's order.
    function ring(list) {
      var places = new Map(), offsets = new Array(list.length).fill(null);
      list.forEach(function (item, k) {
        if (!item.shared) { return; }  // alone at its place
        var same = places.get(item.place);
        if (!same) { places.set(item.place, [k]); } else { same.push(k); }
      });
      places.forEach(function (same) {
        if (same.length < 2) { return; }
        var r = Math.max(RING.MIN, RING.STEP * same.length);
        same.forEach(function (at, k) {
          var angle = 2 * Math.PI * k / same.length - Math.PI / 2;
          offsets[at] = L.point(Math.round(r * Math.cos(angle) * 10) / 10, Math.round(r * Math.sin(angle) * 10) / 10);
        });
      });
      return offsets;
    }
    // The incidents the scan lets through, in index order (a numeric sort of their indexes, no comparator).
    var picked = new Int32Array(1024);
    function inIndexOrder(on, scale, box, view) {
      var n = 0, INDEX = col.index;
      scan(on, scale, box, view, function (k) {
        if (n === picked.length) { var more = new Int32Array(2 * n); more.set(picked); picked = more; }
        picked[n++] = INDEX[k];
      });
      var order = picked.subarray(0, n).sort(), list = new Array(n);
      for (var i = 0; i < n; i++) { list[i] = items[order[i]]; }
      return list;
    }
    // What a view shows: its markers (in drawing order) with their ring offsets, its cluster circles, and
    // how many incidents it holds. view: the view's pixel bounds at the zoom.
    function select(on, zoom, view) {
      var scale = 256 * Math.pow(2, zoom), pad = view.getSize().multiplyBy(VIEW_PAD);
      var box = L.bounds(view.min.subtract(pad), view.max.add(pad)), circles = [], list;
      if (clustering && zoom < CLUSTER.MAX_ZOOM) { list = cluster(on, scale, box, view, circles); }
      else { list = inIndexOrder(on, scale, box, view); }
      return {list: list, offsets: ring(list), circles: circles, inside: scanned};
    }
    function stateKey(on) { return on.join() + "|" + self.from + "|" + self.to + "|" + self.mode; }
    // Views drawn ahead (geomapAhead, basemap.js): their selection and their canvas, named by the view
    // (zoom, pixel origin, size) and by what the filters and colours were.
    // The three last drawn or used are kept (as the base map's), the last used last.
    var ahead = [], AHEAD_KEPT = 3, current = null;
    function aheadEntry(key, use) {
      for (var k = 0; k < ahead.length; k++) {
        if (ahead[k].key === key) {
          var entry = ahead[k];
          if (use) { ahead.splice(k, 1); ahead.push(entry); }
          return entry;
        }
      }
      return null;
    }
    // Which incidents the view shows; the canvas draws them right after on a pan or zoom (its moveend and
    // viewreset listeners come after this one), otherwise in the next frame.
    this.update = function () {
      var zoom = map.getZoom(), view = map.getPixelBounds();
      var on = groups.map(function (g) { return map.hasLayer(g); });
      var entry = aheadEntry(window.geomapAhead.key(zoom, view.min, view.getSize()) + "|" + stateKey(on), true);
      var sel = entry ? entry.sel : select(on, zoom, view);
      self.inside = sel.inside;
      self.outside = allPassing(on).length - self.inside;
      sel.list.forEach(function (item, k) { item.offset = sel.offsets[k]; });
      shown = sel.list;
      circles = sel.circles;
      current = sel;
      self.shown = shown.length;
      renderer._gmRedrawAll();
      if (self.onUpdate) { self.onUpdate(); }
    };
    // Draws a selection: circles, then markers over them (ctx translated to the view's layer points).
    function drawSelection(ctx, zoom, origin, sel) {
      ctx.save();
      ctx.setLineDash([]);
      ctx.lineCap = "round"; ctx.lineJoin = "round";
      ctx.fillStyle = "#111";
      ctx.font = COUNT_FONT;
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      sel.circles.forEach(function (c) {
        var p = map.project(c.at, zoom)._round()._subtract(origin);  // its layer point, as latLngToLayerPoint
        drawCircle(ctx, c.radius, p.x, p.y);  // sets the alpha to 1 for the count; no other state
        ctx.fillText(String(c.count), p.x, p.y + 0.5);  // a number counted by the page, never article text
      });
      var list = sel.list, offsets = sel.offsets;
      for (var k = 0; k < list.length; k++) {
        var item = list[k], p = pointOf(item, zoom, origin, offsets[k]);
        drawMarker(ctx, look(item), fillOf(item), p.x, p.y);
      }
      ctx.restore();
    }
    // Called by the canvas at the end of each (re)draw, inside its clip: a copy of the view drawn ahead, or
    // the circles and markers.
    this.draw = function (ctx, canvas) {
      var zoom = map.getZoom(), origin = map.getPixelOrigin(), b = canvas._bounds;
      var entry = current && aheadEntry(current.key);
      if (entry && entry.sel === current && entry.image &&
          entry.canvasKey === window.geomapAhead.key(zoom, origin.add(b.min), b.getSize())) {
        window.geomapAhead.copy(ctx, entry.image);
        return;
      }
      if (current) { drawSelection(ctx, zoom, origin, current); }
    };
    // Draws a view ahead (zoom, origin, size: its pixel origin and size) on a canvas of the renderer's.
    function drawAhead(v, keptOnly) {
      var on = groups.map(function (g) { return map.hasLayer(g); });
      var key = window.geomapAhead.key(v.zoom, v.origin, v.size) + "|" + stateKey(on);
      if (aheadEntry(key, true) || keptOnly) { return; }
      var sel = select(on, v.zoom, L.bounds(v.origin, v.origin.add(v.size)));
      sel.key = key;
      var drawn = window.geomapAhead.canvas(v, renderer.options.padding, function (ctx) {
        drawSelection(ctx, v.zoom, v.origin, sel);
      });
      ahead.push({key: key, sel: sel, image: drawn.image, canvasKey: drawn.key});
      while (ahead.length > AHEAD_KEPT) { var old = ahead.shift(); if (old.image && old.image.close) { old.image.close(); } }
    }
    // The marker (the last drawn) or else the circle under a layer point, as Leaflet tests a circle marker:
    // within its radius and half its outline.
    this.hitAt = function (point) {
      var zoom = map.getZoom(), origin = map.getPixelOrigin(), k, p, r;
      for (k = shown.length - 1; k >= 0; k--) {
        var item = shown[k], s = look(item);
        p = pointOf(item, zoom, origin, item.offset); r = s.radius + s.weight / 2;
        if ((p.x - point.x) * (p.x - point.x) + (p.y - point.y) * (p.y - point.y) <= r * r) {
          if (!item.hit) { item.hit = new Hit(groups[item.si], item.ll, s.radius); item.hit.feature = item.f; }
          return item.hit;
        }
      }
      for (k = circles.length - 1; k >= 0; k--) {
        var c = circles[k];
        p = map.latLngToLayerPoint(c.at); r = c.radius + CIRCLE.weight / 2;
        if ((p.x - point.x) * (p.x - point.x) + (p.y - point.y) * (p.y - point.y) <= r * r) {
          if (!c.hit) {
            c.hit = new Hit(self.circles, c.at, c.radius);
            c.hit._gmCount = c.count; c.hit._gmBounds = c.bounds;
          }
          return c.hit;
        }
      }
      return null;
    };
    // The bounds of every incident the filters let through (the "Show all" of the outside notice).
    this.passingBounds = function () {
      var list = allPassing(groups.map(function (g) { return map.hasLayer(g); }));
      return list.length ? L.latLngBounds(list.map(function (item) { return item.ll; })) : null;
    };
    this.colourBy = function (mode) { self.mode = mode; renderer._gmRedrawAll(); };
    this.setDates = function (from, to) { self.from = from; self.to = to; self.update(); };
    // For tests and scripts: each cluster circle's count, hover text, radius and container point.
    this.circleList = function () {
      return circles.map(function (c) {
        var p = map.latLngToContainerPoint(c.at);
        return {count: c.count, title: circleTitle(c.count), radius: c.radius, x: p.x, y: p.y};
      });
    };
    // For tests and scripts: the container point each shown marker is drawn at, by feature id.
    this.drawn = function () {
      return shown.map(function (item) {
        var p = map.latLngToContainerPoint(item.ll), o = item.offset;
        return {id: item.f.properties.id, layer: groups[item.si].geomapSpec.label, date: item.date,
                side: item.f.properties.side || null, fill: fillOf(item),
                x: p.x + (o ? o.x : 0), y: p.y + (o ? o.y : 0)};
      });
    };
    map.on("moveend overlayadd overlayremove", this.update);
    window.geomapAhead.add(map, drawAhead, function () {
      ahead.forEach(function (entry) { if (entry.image && entry.image.close) { entry.image.close(); } });
      ahead = [];
    });
    renderer._gmIndex = this;
    map.addLayer(renderer);  // the canvas is on the map even when no other layer draws on it
  }

  window.geomapIncidentIndex = {IncidentIndex: IncidentIndex, markerStyle: markerStyle, shapePath: shapePath,
                                VIEW_PAD: VIEW_PAD};
}());
