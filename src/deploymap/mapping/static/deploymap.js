/* deploymap runtime: draws the layers that deploymap.mapping serialises.
 *
 * Safety: the only markup it inserts is tooltip and popup markup of the
 * DataLayer features, HTML-escaped in Python before it was written here as
 * JSON.  Everything else (labels, the contributors panel, the data table,
 * the force layer's popups, the slider's dates and notes) arrives as plain
 * data and is set with textContent, never parsed as markup.
 * It only uses Leaflet (window.L) and, for clustered force layers,
 * Leaflet.markercluster.
 */
(function () {
  "use strict";
  // Panes keep the drawing order fixed however the layer control toggles
  // layers: basemap < countries < basemap detail < mission areas < flows < force < places.
  var PANES = {
    "dm-basemap": 210,
    "dm-countries": 350,
    "dm-detail": 360,
    "dm-areas": 380,
    "dm-flows": 420,
    "dm-leaders": 445,  // a displaced label's line back to its marker, under the markers
    "dm-force": 450,
    "dm-places": 470
  };
  var NARROW = 600;  // below this width (px) legend, layers and panel start collapsed
  var SHORT = 420;   // ... and below this height
  var TOWN_MIN_ZOOM = 5;  // the basemap's town labels (priority 0) show from this zoom
  // A label moved off its first place (9px right of its marker) to one farther than this
  // (px) from its marker gets a line back to it.
  var LEADER_GAP = 12;
  var EDGE = 2;  // px a label slid in from the map's edge keeps clear of it
  var SVG = "http://www.w3.org/2000/svg";
  var PAD = [12, 12];

  function panes(map) {
    Object.keys(PANES).forEach(function (name) {
      if (!map.getPane(name)) {
        map.createPane(name).style.zIndex = PANES[name];
        // the basemap's detail sits over the country fills but never takes their clicks
        if (name === "dm-detail" || name === "dm-leaders") { map.getPane(name).style.pointerEvents = "none"; }
      }
    });
  }

  function el(tag, cls, parent, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  // -- the interface's words: deploymap.words(data) is given them first (deploymap.locales) --
  var W = {};
  function words(data) { W = data || {}; }
  // message *key* with its {fields} filled from *vals* (text, never markup)
  function w(key, vals) {
    var text = W[key] !== undefined ? String(W[key]) : key;
    return text.replace(/\{(\w+)\}/g, function (m, k) { return vals && vals[k] !== undefined ? String(vals[k]) : m; });
  }
  // a whole number with the language's thousands separator
  function num(n) {
    var s = String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, W._group !== undefined ? W._group : ",");
    return (n < 0 ? "-" : "") + s;
  }
  function plural(key, n) { return w(key + ((W._one || [1]).indexOf(n) >= 0 ? ".one" : ".other"), { n: num(n) }); }

  // ties in the panel: English by code point (as ever), another language by its own order
  function byName(a, b) {
    return !W._lang || W._lang === "en" ? (a < b ? -1 : 1) : a.localeCompare(b, W._lang);
  }

  function troops(n) {
    return n === null || n === undefined ? w("troops_none") : w("troops_n", { n: num(n) });
  }

  // a short frame (a map embedded in a page, as the review page does) is as crowded
  function narrow() { return window.innerWidth < NARROW || window.innerHeight < SHORT; }

  // -- labels --------------------------------------------------------------------------------
  // A label is a standalone permanent tooltip whose content is a text node.  Each has a
  // priority (3: capital or HQ, 2: a place with a figure, 1: other places, 0: the
  // basemap's towns) and a rank within it; after every zoom, step or layer change the
  // lower ones whose boxes meet a kept one are moved or hidden.  *mark* is the box of the
  // marker the label names, as its reach (px) left, right, up and down of the point: a
  // label moved away from it gets a thin leader line back to it.
  function makeLabel(latlng, text, prio, rank, offset, mark) {
    var span = el("span", null, null, text);
    var tip = L.tooltip({
      permanent: true, interactive: false, opacity: 1,
      direction: offset ? "right" : "center", offset: [offset || 0, 0],
      className: "dm-lbl dm-lbl-p" + prio
    }).setLatLng(latlng).setContent(span);
    tip._dmLbl = { prio: prio, rank: rank || 0, mark: mark || null };
    return tip;
  }

  function around(r) { return [r, r, r, r]; }  // a circle's reach

  // The nearest point of box *b* ({left, right, top, bottom}) to (x, y).
  function nearest(b, x, y) {
    return [Math.min(Math.max(x, b.left), b.right), Math.min(Math.max(y, b.top), b.bottom)];
  }

  // A line from the label's box *c* (client px) to its marker, in the map's leader pane,
  // or null when the label touches its marker.  The line runs from the label's edge to
  // the marker's edge, each at the point nearest the other.
  function leader(map, l, c, box) {
    var mark = l._dmLbl.mark;
    if (!mark) { return null; }
    var p = map.latLngToContainerPoint(l.getLatLng());
    var px = p.x + box.left, py = p.y + box.top;
    var m = { left: px - mark[0], right: px + mark[1], top: py - mark[2], bottom: py + mark[3] };
    var a = nearest(c, (m.left + m.right) / 2, (m.top + m.bottom) / 2);
    var b = nearest(m, a[0], a[1]);
    a = nearest(c, b[0], b[1]);
    var dx = b[0] - a[0], dy = b[1] - a[1];
    if (Math.sqrt(dx * dx + dy * dy) <= LEADER_GAP) { return null; }
    // a 1x1 element at the label's end; the line reaches the marker from there
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "dm-leader");
    svg.setAttribute("width", "1");
    svg.setAttribute("height", "1");
    svg.setAttribute("aria-hidden", "true");
    var line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", "0");
    line.setAttribute("y1", "0");
    line.setAttribute("x2", String(Math.round(dx * 10) / 10));
    line.setAttribute("y2", String(Math.round(dy * 10) / 10));
    svg.appendChild(line);
    map.getPane("dm-leaders").appendChild(svg);
    L.DomUtil.setPosition(svg, map.containerPointToLayerPoint([a[0] - box.left, a[1] - box.top]));
    return svg;
  }

  function dropLeaders(map) {
    (map._dmLeaders || []).forEach(function (n) { if (n.parentNode) { n.parentNode.removeChild(n); } });
    map._dmLeaders = [];
    document.querySelectorAll(".dm-lbl[data-dm-leader]").forEach(function (n) {
      n.removeAttribute("data-dm-leader");
    });
  }

  // Where a label may go, as a shift from its first place (right of its point): the
  // right, the left, above, below.  A centred label (a country's name) stays put.
  function placements(l, r) {
    var o = l.options.offset[0];
    if (l.options.direction === "center") { return [[0, 0], [0, r.height + 4], [0, -r.height - 4]]; }
    return [[0, 0], [-(r.width + 2 * o), 0], [-(r.width / 2 + o), -(r.height / 2 + o)],
      [-(r.width / 2 + o), r.height / 2 + o]];
  }

  // Near the map's edge a label may have no place wholly inside it: then each place
  // slid along its own side until it fits (right and left ones up or down, those above
  // and below sideways), kept off its marker as the place it came from is.  Only for a
  // label whose point is inside the map (*b* in client px): one off the map stays off it.
  function slid(options, r, b, p) {
    if (p[0] < b.left || p[0] > b.right || p[1] < b.top || p[1] > b.bottom) { return []; }
    var out = [];
    options.forEach(function (o, k) {
      var dx = o[0], dy = o[1];
      if (k >= 2) {
        dx += Math.max(b.left + EDGE - (r.left + dx), Math.min(0, b.right - EDGE - (r.right + dx)));
      } else {
        dy += Math.max(b.top + EDGE - (r.top + dy), Math.min(0, b.bottom - EDGE - (r.bottom + dy)));
      }
      if (dx !== o[0] || dy !== o[1]) { out.push([dx, dy]); }
    });
    return out;
  }

  function meets(a, b) {
    return !(a.right <= b.left || a.left >= b.right || a.bottom <= b.top || a.top >= b.bottom);
  }

  function declutter(map) {
    dropLeaders(map);
    var labels = [];
    map.eachLayer(function (l) { if (l._dmLbl && l.getElement && l.getElement()) { labels.push(l); } });
    labels.sort(function (a, b) {
      return (b._dmLbl.prio - a._dmLbl.prio) || (b._dmLbl.rank - a._dmLbl.rank);
    });
    labels.forEach(function (l) {
      var node = l.getElement();
      L.DomUtil.removeClass(node, "dm-lbl-hidden");
      node.style.marginLeft = node.style.marginTop = "";
    });
    var rects = labels.map(function (l) { return l.getElement().getBoundingClientRect(); });
    // a shift adds to Leaflet's own margin of the tooltip's side (6px off its point)
    var base = labels.map(function (l) {
      var cs = getComputedStyle(l.getElement());
      return [parseFloat(cs.marginLeft) || 0, parseFloat(cs.marginTop) || 0];
    });
    var box = map.getContainer().getBoundingClientRect();
    // the map's own boxes (controls, title, legend) count as taken: no label hides under them
    var kept = [];
    document.querySelectorAll(".leaflet-control, .dm-title, .dm-legend").forEach(function (n) {
      var r = n.getBoundingClientRect();
      if (r.width && r.height) { kept.push(r); }
    });
    var towns = map.getZoom() >= TOWN_MIN_ZOOM;
    labels.forEach(function (l, i) {
      var r = rects[i], node = l.getElement(), placed = null, moved = false;
      if (!l._dmLbl.prio && !towns) { L.DomUtil.addClass(node, "dm-lbl-hidden"); return; }
      var options = placements(l, r);
      if (l.options.direction !== "center") {
        var pt = map.latLngToContainerPoint(l.getLatLng());
        options = options.concat(slid(options, r, box, [pt.x + box.left, pt.y + box.top]));
      }
      for (var k = 0; k < options.length && !placed; k++) {
        var dx = options[k][0], dy = options[k][1];
        var c = { left: r.left + dx, right: r.right + dx, top: r.top + dy, bottom: r.bottom + dy };
        var inside = c.left >= box.left && c.right <= box.right && c.top >= box.top && c.bottom <= box.bottom;
        if ((inside || k === options.length - 1) && !kept.some(function (q) { return meets(c, q); })) {
          placed = c;
          moved = !!(dx || dy);
          if (moved) {
            node.style.marginLeft = base[i][0] + dx + "px";
            node.style.marginTop = base[i][1] + dy + "px";
          }
        }
      }
      if (placed) { kept.push(placed); } else { L.DomUtil.addClass(node, "dm-lbl-hidden"); }
      var line = moved && map.getPane("dm-leaders") ? leader(map, l, placed, box) : null;
      if (line) {
        map._dmLeaders.push(line);
        line.setAttribute("data-dm-of", String(map._dmLeaders.length));
        node.setAttribute("data-dm-leader", String(map._dmLeaders.length));
      }
    });
  }

  function watchLabels(map) {
    if (map._dmLabels) { return; }
    map._dmLabels = true;
    var pending = null;
    function later() {
      if (pending !== null) { return; }
      pending = setTimeout(function () { pending = null; declutter(map); }, 0);
    }
    map.on("zoomend moveend overlayadd overlayremove dm:step resize", later);
    // the lines are placed for one zoom: gone while the labels glide to the next
    map.on("zoomstart", function () { dropLeaders(map); });
    later();
  }

  // -- time windows --------------------------------------------------------------------------
  // w is [first, last] or a list of such pairs: the slider steps at which a feature shows.
  function windows(w) { return typeof w[0] === "number" ? [w] : w; }
  function within(ws, i) {
    for (var k = 0; k < ws.length; k++) { if (ws[k][0] <= i && i <= ws[k][1]) { return true; } }
    return false;
  }

  function timed(map, container, items) {
    if (items.length) {
      (map._dmTimed = map._dmTimed || []).push({ container: container, items: items });
      if (map._dmStep !== undefined) { showStepOf(container, items, map._dmStep); }
    }
  }

  function showStepOf(container, items, i) {
    // clear and re-add in order, so big circles stay under small ones at every step
    container.clearLayers();
    var shown = [];
    items.forEach(function (it) {
      if (within(it.ws, i)) {
        shown.push(it.layer);
        if (it.label) { shown.push(it.label); }
      }
    });
    if (container.addLayers) { container.addLayers(shown); } else { shown.forEach(function (l) { container.addLayer(l); }); }
  }

  function showStep(map, i) {
    map._dmStep = i;
    (map._dmTimed || []).forEach(function (t) { showStepOf(t.container, t.items, i); });
    map.fire("dm:step", { step: i });
  }

  // -- keyboard ------------------------------------------------------------------------------
  // SVG shapes with a popup become focusable buttons: Tab reaches them, Enter opens them.
  function focusable(lyr, label) {
    lyr.on("add", function () {
      var node = lyr.getElement && lyr.getElement();
      if (!node || node.tagName === "CANVAS" || node.getAttribute("tabindex")) { return; }
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "button");
      if (label) { node.setAttribute("aria-label", label); }
      L.DomEvent.on(node, "keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") {
          L.DomEvent.preventDefault(ev);
          if (lyr.getPopup()) { lyr.openPopup(); }
        }
      });
    });
  }

  // -- GeoJSON layers (escaped markup from Python) -------------------------------------------
  function layer(map, group, data, opts) {
    opts = opts || {};
    panes(map);
    // a geometry repeated over time is written once and shared by index
    if (data.geometries) {
      data.features.forEach(function (f) {
        if (f.properties.g !== undefined) { f.geometry = data.geometries[f.properties.g]; }
      });
    }
    // One canvas per layer for big point sets: thousands of SVG circles make
    // panning sluggish, one canvas stays smooth.
    var renderer = opts.canvas ? L.canvas({ pane: opts.pane, padding: 0.5 }) : undefined;
    var interactive = opts.interactive !== false;
    var items = [], labels = [];
    // pane and interactive are read when a shape is created, not by setStyle
    var gj = L.geoJSON(data, {
      renderer: renderer,
      pane: opts.pane,
      interactive: interactive,
      style: function (f) { return L.extend({ pane: opts.pane }, opts.style, f.properties.s); },
      pointToLayer: function (f, latlng) {
        var s = L.extend({ pane: opts.pane }, opts.style, f.properties.s);
        if (s.icon) {
          return L.marker(latlng, {
            pane: "markerPane",
            keyboard: true,
            alt: f.properties.a || "",
            title: f.properties.a || "",
            icon: L.divIcon({ className: s.icon, html: s.html || "", iconSize: s.size || [14, 14] })
          });
        }
        return L.circleMarker(latlng, L.extend({ renderer: renderer, interactive: interactive }, s));
      },
      onEachFeature: function (f, lyr) {
        var p = f.properties;
        if (p.iso) { lyr._dmIso = p.iso; }
        if (p.t) {
          lyr.bindTooltip(p.t, p.label
            ? { permanent: true, direction: "center", className: "dm-label", opacity: 0.95 }
            : { sticky: true, className: "dm-tip" });
        }
        if (p.p) {
          lyr.bindPopup(p.p, { maxWidth: 360, maxHeight: 320, className: "dm-popup" });
          if (!opts.canvas && !(lyr instanceof L.Marker)) { focusable(lyr, p.a); }
        }
        var label = null;
        if (p.lb) {
          // [text, priority, rank, [lat, lon] or none (the point itself)]
          var at = p.lb[3] ? L.latLng(p.lb[3][0], p.lb[3][1])
            : (lyr.getLatLng ? lyr.getLatLng() : lyr.getBounds().getCenter());
          var off = lyr.getRadius ? lyr.getRadius() + 3 : (lyr instanceof L.Marker ? 10 : 0);
          var size = lyr instanceof L.Marker && lyr.options.icon ? lyr.options.icon.options.iconSize : null;
          // a label at its own point (a country's, a flow's middle) names no marker
          var mark = p.lb[3] ? null : lyr.getRadius ? around(lyr.getRadius())
            : size ? [size[0] / 2, size[0] / 2, size[1] / 2, size[1] / 2] : null;
          label = makeLabel(at, p.lb[0], p.lb[1], p.lb[2], off, mark);
          labels.push(label);
        }
        items.push({ layer: lyr, ws: p.w ? windows(p.w) : null, label: label });
      }
    });
    gj.eachLayer(function (l) { l._dmGj = gj; });
    if (items.some(function (it) { return it.ws; })) {
      // in a layer that moves with the slider a feature without a window shows at every step
      items.forEach(function (it) { it.ws = it.ws || [[0, Infinity]]; });
    } else {
      items = [];
      labels.forEach(function (l) { gj.addLayer(l); });
    }
    gj.addTo(group);
    timed(map, gj, items);
    if (labels.length) { watchLabels(map); }
    return gj;
  }

  // -- the force layer: one data array, popups made here from a template -------------------
  // Columns, one entry per record in story order (deploymap.mapping.layers.force._Columns):
  // x, y (lon, lat), n (troops or null), k (style), at, kind, who (a site's place, its kind
  // and its one contributor: string indices, -1 for none), e (evidence: an index into ev,
  // -1, or a list), w (slider windows).  Strings are indices into data.str.  A record with
  // its own title (an HQ) has it in data.title[i]; a site's title is "WHO in AT" (or AT)
  // and its Location row "AT (KIND)".  data.v holds the other popup rows by column name:
  // a list, or an object by record number.  data.ev: columns text, src, date.
  // data.styles: Leaflet options plus prio (label priority) and note (a line under the figure).
  function records(data) {
    var S = data.str, V = data.v || {}, T = data.title || {};
    function str(k) { return k !== undefined && k !== null && k >= 0 ? S[k] : null; }
    function own(i) { return T[i] !== undefined; }
    function where(i) { return str(data.at[i]) || ""; }
    return {
      str: str,
      title: function (i) {
        if (own(i)) { return S[T[i]]; }
        var who = str(data.who[i]);
        return who !== null ? w("site_in", { who: who, at: where(i) }) : where(i);
      },
      value: function (name, i) {
        if (name === "Location" && !own(i)) {
          var kind = str(data.kind[i]);
          return kind ? where(i) + " (" + kind + ")" : where(i);
        }
        var col = V[name];
        return col ? str(col[i]) : null;
      },
      evidence: function (i) {
        var e = data.e[i];
        return typeof e === "number" ? (e >= 0 ? [e] : []) : e;
      }
    };
  }

  function points(map, group, data, opts) {
    panes(map);
    var styles = data.styles || [{}], R = opts.radius || { largest: 0, max: 30, min: 3 };
    var rec = records(data);
    if (opts.cluster && !map.options.maxZoom) { map.options.maxZoom = 18; }  // markercluster needs it
    var renderer = opts.canvas ? L.canvas({ pane: opts.pane, padding: 0.5 }) : undefined;
    // the map's element says when every point is in (clusters load in chunks)
    function drawn() { map.getContainer().setAttribute("data-dm-drawn", String(data.x.length)); }
    // From zoom 12 (a town's streets) every site is drawn as itself: the clusters of the
    // zooms above are never computed, which cuts a quarter of the loading time.
    var cluster = opts.cluster && L.markerClusterGroup ? L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 60,
      disableClusteringAtZoom: 12,
      iconCreateFunction: clusterIcon,
      chunkProgress: function (done, total) { if (done === total) { drawn(); } }
    }) : null;
    var container = cluster || L.featureGroup();
    var items = [], all = [], labels = [];
    function radius(n) {  // circle area proportional to troops, as style.radius in Python
      if (!n || n <= 0 || R.largest <= 0) { return R.min; }
      return Math.round(Math.max(R.min, R.max * Math.sqrt(n / R.largest)) * 100) / 100;
    }
    var popupOptions = { maxWidth: 360, maxHeight: 320, className: "dm-popup" };
    var tipOptions = { sticky: true, className: "dm-tip" };
    // big circles first, so the small ones drawn over them stay clickable (a stable sort)
    var order = data.x.map(function (_, i) { return i; });
    order.sort(function (a, b) { return (data.n[b] || 0) - (data.n[a] || 0); });
    order.forEach(function (i) {
      var n = data.n[i], st = styles[data.k[i]] || {}, r = radius(n);
      var ru = data.ru && data.ru[String(i)];  // [label, [symbol indices], units, more]
      var lyr = ru ? unitMarker(data, ru, [data.y[i], data.x[i]], rec.title(i), n, opts)
        : L.circleMarker([data.y[i], data.x[i]], L.extend(
          { renderer: renderer, pane: opts.pane, radius: r }, opts.style, st.path));
      lyr._dmTroops = n;
      lyr._dmCatalogue = !!st.catalogue;
      lyr._dmRec = i;
      lyr.bindTooltip(tipOf, tipOptions);
      lyr.bindPopup(popupOf, popupOptions);
      if (!opts.canvas && !ru) { focusable(lyr, rec.title(i) + w("colon") + troops(n)); }
      var label = null;
      if (opts.labels) {
        var text = ru && ru[0] >= 0 ? rec.str(ru[0])
          : rec.title(i) + (n !== null ? " \u00b7 " + num(n) : "");
        label = makeLabel([data.y[i], data.x[i]], text, st.prio || 2, n || 0,
          ru ? lyr._dmRight + 3 : r + 3, ru ? lyr._dmReach : around(r));
        labels.push(label);
      }
      if (data.w) { items.push({ layer: lyr, ws: windows(data.w[i]), label: label }); }
      all.push(lyr);
      if (label) { all.push(label); }
    });
    // the tooltip and popup of a record, made when first shown
    function tipOf(lyr) {
      var k = lyr._dmRec, st = styles[data.k[k]] || {};
      var box = el("div");
      el("b", null, box, rec.title(k));
      el("br", null, box);
      box.appendChild(document.createTextNode(troops(data.n[k])));
      var note = rec.value("Figure", k) || st.note;
      if (note) { el("br", null, box); el("i", null, box, note); }
      return box;
    }
    function popupOf(lyr) {
      var k = lyr._dmRec, st = styles[data.k[k]] || {};
      var box = el("div", "dm-pop");
      el("h4", null, box, rec.title(k));
      var table = el("table", null, box);
      data.cols.forEach(function (name) {
        var v = name === "Troops" ? troops(data.n[k]) : rec.value(name, k);
        if (v === null || v === "") { return; }
        var tr = el("tr", null, table);
        el("th", null, tr, data.heads ? data.heads[data.cols.indexOf(name)] : name);
        el("td", null, tr, v);
        var ru = data.ru && data.ru[String(k)];
        if (name === "Troops" && ru && ru[2] >= 0) {  // what the troops are, after how many
          var tu = el("tr", null, table);
          el("th", null, tu, w("units"));
          el("td", null, tu, rec.str(ru[2]));
        }
      });
      rec.evidence(k).slice(0, 3).forEach(function (j) {
        el("blockquote", null, box, rec.str(data.ev.text[j]));
        var where = [rec.str(data.ev.src[j]), rec.str(data.ev.date[j])].filter(function (x) { return x; }).join(", ");
        if (where) { el("div", "dm-src", box, where); }
      });
      if (st.note && !rec.value("Figure", k)) { el("div", "dm-src", box, st.note); }
      return box;
    }
    if (!items.length) {
      if (cluster) {
        cluster.addLayers(all.filter(function (l) { return !l._dmLbl; }));
        labels.forEach(function (l) { group.addLayer(l); });
      } else { all.forEach(function (l) { container.addLayer(l); }); }
    }
    container.addTo(group);
    timed(map, container, items);
    if (!cluster) { drawn(); }
    if (labels.length) { watchLabels(map); }
    return container;
  }

  // A location whose units are known: their APP-6 symbols side by side (SVG images made
  // in Python from the symbol table, never from input), the first one's anchor on the point.
  // The marker is focusable (Leaflet's keyboard option) and says what it shows in alt text.
  function unitMarker(data, ru, latlng, title, n, opts) {
    var box = el("div", "dm-units"), x = 0, h = 0, first = data.sym[ru[1][0]];
    var k = narrow() ? 0.6 : 0.8, names = [];  // smaller on a phone
    function px(v) { return Math.round(v * k); }
    ru[1].forEach(function (i) {
      var sym = data.sym[i];
      // a background image, not an <img>: the page holds no image element at all
      var pic = el("span", "dm-sym", box);
      if (/^data:image\/svg\+xml;base64,[A-Za-z0-9+\/=]+$/.test(sym[0])) {
        pic.style.backgroundImage = 'url("' + sym[0] + '")';
      }
      pic.style.width = px(sym[1]) + "px"; pic.style.height = px(sym[2]) + "px";
      x += px(sym[1]); h = Math.max(h, px(sym[2]));
      names.push(sym[5]);
    });
    if (ru[3]) { el("span", "dm-more", box, "+" + ru[3]); x += 16; }
    var bottom = h - (px(first[2]) - px(first[4]));  // symbols sit on one base line
    var alt = title + w("colon") + names.join(", ") + (ru[3] ? w("and_more", { n: num(ru[3]) }) : "") + "; " + troops(n);
    var m = L.marker(latlng, {
      pane: opts.pane, keyboard: true, alt: alt, title: alt,
      icon: L.divIcon({ className: "dm-unit", html: box, iconSize: [x, h], iconAnchor: [px(first[3]), bottom] })
    });
    m._dmRight = x - px(first[3]);
    m._dmReach = [px(first[3]), m._dmRight, bottom, h - bottom];  // left, right, up, down
    m.on("add", function () {  // a divIcon is no <img>: Leaflet's alt does not reach it
      var node = m.getElement();
      if (node) { node.setAttribute("aria-label", alt); }
    });
    return m;
  }

  // A cluster's count adds the troops of its markers, not the markers.
  function clusterIcon(c) {
    var sum = 0, known = 0;
    c.getAllChildMarkers().forEach(function (m) {
      if (m._dmTroops !== null && m._dmTroops !== undefined && !m._dmCatalogue) { sum += m._dmTroops; known++; }
    });
    var size = Math.round(Math.max(30, Math.min(70, 12 * Math.log10(sum + 10))));
    var node = el("div", "dm-cluster-in", null, known ? num(sum) : num(c.getChildCount()));
    node.style.width = node.style.height = node.style.lineHeight = size + "px";
    var n = c.getChildCount();
    // what the number means, on hover and for a screen reader
    var said = known
      ? w("cluster_troops", { troops: troops(sum), n: num(n) })
      : w("cluster_count", { n: num(n) });
    node.setAttribute("aria-label", said);
    node.title = said;
    return L.divIcon({ html: node, className: "dm-cluster", iconSize: [size, size] });
  }

  // -- time slider -----------------------------------------------------------------------
  function slider(map, data) {
    var steps = data.steps, notes = data.notes || [], frames = data.frames || [], timer = null;
    var lastFrame = null;
    var Control = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "leaflet-bar dm-time");
        var play = L.DomUtil.create("button", "dm-time-play", box);
        play.type = "button";
        play.title = w("play");
        play.setAttribute("aria-label", play.title);
        play.textContent = "\u25B6";
        var input = L.DomUtil.create("input", "dm-time-range", box);
        input.type = "range";
        input.min = 0;
        input.max = steps.length - 1;
        input.step = 1;
        input.value = data.start;
        input.setAttribute("aria-label", w("date"));
        var text = L.DomUtil.create("div", "dm-time-text", box);
        text.setAttribute("aria-live", "polite");
        var label = L.DomUtil.create("strong", "dm-time-label", text);
        var note = L.DomUtil.create("span", "dm-time-note", text);
        function go(i) {
          input.value = i;
          label.textContent = steps[i];
          note.textContent = notes[i] ? " \u00b7 " + notes[i] : "";
          input.setAttribute("aria-valuetext", steps[i] + (notes[i] ? ", " + notes[i] : ""));
          box.setAttribute("data-step", String(i));
          showStep(map, i);
          // multi-mission maps frame what this step shows
          var f = frames[i];
          if (f && JSON.stringify(f) !== lastFrame) {
            if (lastFrame !== null) { map.fitBounds(f, { padding: PAD, animate: false }); }
            lastFrame = JSON.stringify(f);
            map._dmHome = f;
          }
        }
        function stop() {
          if (timer !== null) { clearInterval(timer); timer = null; }
          play.textContent = "\u25B6";
          play.setAttribute("aria-label", w("play"));
        }
        L.DomEvent.on(input, "input change", function () { stop(); go(+input.value); });
        L.DomEvent.on(play, "click", function () {
          if (timer !== null) { stop(); return; }
          if (+input.value >= steps.length - 1) { go(0); }
          play.textContent = "\u275A\u275A";
          play.setAttribute("aria-label", w("pause"));
          timer = setInterval(function () {
            var i = +input.value + 1;
            if (i >= steps.length) { stop(); } else { go(i); }
          }, 1200);
        });
        // dragging the thumb must not pan the map, nor the wheel zoom it
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        lastFrame = frames[data.start] ? JSON.stringify(frames[data.start]) : null;
        go(data.start);
        return box;
      }
    });
    new Control().addTo(map);
  }

  // -- contributors panel -----------------------------------------------------------------
  // data.rows: {n: name, iso, b: bounds, v: [troops at each step] (one value without a
  // slider), lead: true for a lead nation, u: its units in words, when known}.  Ranked at every step; a row zooms to its
  // country and outlines it.
  function panel(map, data) {
    var Control = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        var box = L.DomUtil.create("details", "dm-panel");
        box.open = !narrow();
        var summary = el("summary", null, box);
        var head = el("span", "dm-panel-head", summary, data.title || w("contributors"));
        var total = el("span", "dm-panel-total", summary);
        var list = el("ol", "dm-panel-list", box);
        if (data.note) { el("div", "dm-panel-note", box, data.note); }
        head.setAttribute("role", "heading");
        function draw(i) {
          var k = data.rows.length && data.rows[0].v.length > 1 ? i : 0;
          var rows = data.rows.filter(function (r) { return r.v[k] !== undefined && r.v[k] !== -1; });
          rows.sort(function (a, b) { return ((b.v[k] || 0) - (a.v[k] || 0)) || byName(a.n, b.n); });
          var top = rows.reduce(function (m, r) { return Math.max(m, r.v[k] || 0); }, 0);
          var sum = rows.reduce(function (s, r) { return s + (r.v[k] || 0); }, 0);
          total.textContent = sum ? " \u00b7 " + troops(sum) : "";
          list.textContent = "";
          rows.forEach(function (r) {
            var li = el("li", null, list);
            var b = el("button", "dm-panel-row", li);
            b.type = "button";
            b.setAttribute("data-iso", r.iso);
            el("span", "dm-panel-name", b, r.n + (r.lead ? w("lead_mark") : ""));
            var bar = el("span", "dm-panel-bar", b);
            bar.style.width = (r.v[k] && top ? Math.max(2, 100 * r.v[k] / top) : 0) + "%";
            el("span", "dm-panel-value", b, r.v[k] === null ? w("no_figure") : num(r.v[k]));
            if (r.u) { el("span", "dm-panel-units", b, r.u); }  // "Infantry battalion; Medical unit"
            b.setAttribute("aria-label", r.n + w("colon") + troops(r.v[k]) + (r.u ? " (" + r.u + ")" : "") + w("show_on_map"));
            L.DomEvent.on(b, "click", function () { focusCountry(map, r); });
          });
        }
        map.on("dm:step", function (e) { draw(e.step); });
        draw(map._dmStep || 0);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    new Control().addTo(map);
  }

  function focusCountry(map, r) {
    if (r.b) { map.fitBounds(r.b, { padding: PAD, maxZoom: 7 }); }
    map.eachLayer(function (l) {
      if (l._dmIso !== undefined && l.setStyle && l.feature) {
        var on = l._dmIso === r.iso;
        if (on && !l._dmLit) {
          l._dmLit = true;
          l.setStyle({ weight: 4, color: "#000", dashArray: "" });
          l.bringToFront();
        } else if (!on && l._dmLit) {
          l._dmLit = false;
          if (l._dmGj) { l._dmGj.resetStyle(l); }
        }
      }
    });
    map._dmFocus = r.iso;
    map.fire("dm:focus", { iso: r.iso });
  }

  // -- view buttons: the story's focus and the whole world -------------------------------------
  // Padding that keeps a wide view out from under the open legend (left) and the
  // layer control and panel (right).
  function clearOf() {
    var left = PAD[0], right = PAD[0];
    var legend = document.querySelector("details.dm-legend[open]");
    if (legend) { left = Math.max(left, legend.getBoundingClientRect().right + 8); }
    document.querySelectorAll(".leaflet-top.leaflet-right .leaflet-control").forEach(function (n) {
      var r = n.getBoundingClientRect();
      if (r.width > 60) { right = Math.max(right, window.innerWidth - r.left + 8); }
    });
    if (left + right > window.innerWidth * 0.7) { left = right = PAD[0]; }
    return { paddingTopLeft: [left, PAD[1]], paddingBottomRight: [right, PAD[1]] };
  }

  function views(map, data) {
    map._dmHome = map._dmHome || data.home;
    var Control = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "leaflet-bar dm-views");
        var world = el("button", "dm-world", box, w("world"));
        world.type = "button";
        world.title = w("world_title");
        world.setAttribute("aria-label", world.title);
        var home = el("button", "dm-home", box, w("host"));
        home.type = "button";
        home.title = w("host_title");
        home.setAttribute("aria-label", home.title);
        L.DomEvent.on(world, "click", function () {
          map.fitBounds(data.world, L.extend({ animate: false }, clearOf()));
          map.fire("dm:view", { view: "world" });
        });
        L.DomEvent.on(home, "click", function () {
          if (map._dmHome) { map.fitBounds(map._dmHome, { padding: PAD, animate: false }); }
          map.fire("dm:view", { view: "home" });
        });
        L.DomEvent.disableClickPropagation(box);
        return box;
      }
    });
    new Control().addTo(map);
  }

  // -- the data table: the story as text, the map's text alternative ---------------------------
  function table(map, data) {
    var section = el("section", "dm-data");
    section.id = "dm-data";
    section.setAttribute("aria-label", w("table_label"));
    section.hidden = true;
    section.tabIndex = -1;
    var close = el("button", "dm-data-close", section, w("table_close"));
    close.type = "button";
    el("h2", null, section, data.title || w("table_label"));
    data.sections.forEach(function (s) {
      if (!s.rows.length) { return; }
      var t = el("table", null, section);
      el("caption", null, t, s.title);
      var tr = el("tr", null, el("thead", null, t));
      s.cols.forEach(function (c) { el("th", null, tr, c).setAttribute("scope", "col"); });
      var body = el("tbody", null, t);
      s.rows.forEach(function (row) {
        var r = el("tr", null, body);
        row.forEach(function (v) { el("td", null, r, v === null ? "" : v); });
      });
    });
    document.body.appendChild(section);
    var skip = el("a", "dm-skip", null, w("table_skip"));
    skip.href = "#dm-data";
    document.body.insertBefore(skip, document.body.firstChild);
    var Control = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "leaflet-bar dm-views");
        var b = el("button", "dm-table-open", box, w("table"));
        b.type = "button";
        b.title = w("table_title");
        b.setAttribute("aria-controls", "dm-data");
        L.DomEvent.on(b, "click", open);
        L.DomEvent.disableClickPropagation(box);
        return box;
      }
    });
    function open(ev) {
      if (ev) { L.DomEvent.preventDefault(ev); }
      section.hidden = false;
      section.focus();
    }
    L.DomEvent.on(skip, "click", open);
    L.DomEvent.on(close, "click", function () { section.hidden = true; });
    L.DomEvent.on(section, "keydown", function (ev) { if (ev.key === "Escape") { section.hidden = true; } });
    new Control().addTo(map);
  }

  // -- chrome: collapsible layer control and legend, narrow screens ----------------------------
  function chrome(map) {
    var ctl = document.querySelector(".leaflet-control-layers");
    if (ctl) {
      var link = ctl.querySelector(".leaflet-control-layers-toggle");
      var list = ctl.querySelector(".leaflet-control-layers-list");
      var hide = el("button", "dm-layers-hide", null, w("layers_hide"));
      hide.type = "button";
      if (list) { list.insertBefore(hide, list.firstChild); }
      var collapse = function () { L.DomUtil.removeClass(ctl, "leaflet-control-layers-expanded"); };
      L.DomEvent.on(hide, "click", function (ev) { L.DomEvent.stop(ev); collapse(); if (link) { link.blur(); } });
      if (link) {
        link.setAttribute("aria-label", w("layers"));
        if (W._lang && W._lang !== "en") { link.title = w("layers"); }
        L.DomEvent.on(link, "click", function (ev) {
          L.DomEvent.preventDefault(ev);
          L.DomUtil.addClass(ctl, "leaflet-control-layers-expanded");
        });
      }
      if (narrow()) {
        collapse();
        map.on("click", collapse);
      }
    }
    var legend = document.querySelector("details.dm-legend");
    if (legend && narrow()) { legend.open = false; }
    leafletWords(map);
    unblock();
    window.addEventListener("resize", unblock);
    document.querySelectorAll(".dm-panel, .leaflet-control-layers").forEach(function (c) {
      c.addEventListener("toggle", unblock);
      c.addEventListener("click", function () { setTimeout(unblock, 0); });
    });
  }

  // The title is never under a control: where it would meet one of the top corners'
  // controls, those corners move down below it.
  function unblock() {
    var title = document.querySelector(".dm-title");
    if (!title) { return; }
    var corners = document.querySelectorAll(".leaflet-top");
    corners.forEach(function (c) { c.style.top = ""; });
    var t = title.getBoundingClientRect();
    var meets = false;
    document.querySelectorAll(".leaflet-top .leaflet-control").forEach(function (c) {
      var r = c.getBoundingClientRect();
      if (!(r.right <= t.left || r.left >= t.right || r.bottom <= t.top || r.top >= t.bottom)) { meets = true; }
    });
    if (meets) { corners.forEach(function (c) { c.style.top = Math.ceil(t.bottom) + "px"; }); }
  }

  // Leaflet's own words (zoom buttons, a popup's close button, its credit's title)
  function leafletWords(map) {
    if (!W._lang || W._lang === "en") { return; }  // Leaflet's are English already
    var box = map.getContainer();
    [["leaflet-control-zoom-in", "zoom_in"], ["leaflet-control-zoom-out", "zoom_out"]].forEach(function (z) {
      var b = box.querySelector("." + z[0]);
      if (b) { b.title = w(z[1]); b.setAttribute("aria-label", w(z[1])); }
    });
    var credit = box.querySelector('.leaflet-control-attribution a[href="https://leafletjs.com"]');
    if (credit) { credit.title = w("leaflet_title"); }
    map.on("popupopen", function (e) {
      var close = e.popup.getElement && e.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) { close.setAttribute("aria-label", w("close_popup")); close.title = w("close_popup"); }
    });
  }

  function attribute(map, html) {
    if (map.attributionControl) {
      map.attributionControl.addAttribution(html);
    }
  }

  function fit(map, bounds, zoom) {
    map._dmHome = map._dmHome || bounds;
    if (zoom !== null && zoom !== undefined) {
      map.setView(L.latLngBounds(bounds).getCenter(), zoom, { animate: false });
    } else {
      map.fitBounds(bounds, { padding: PAD, maxZoom: 9, animate: false });
    }
  }

  window.deploymap = {
    layer: layer, points: points, panes: panes, attribute: attribute, fit: fit, slider: slider,
    panel: panel, views: views, table: table, chrome: chrome, declutter: declutter, words: words
  };
})();
