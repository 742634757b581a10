/* deploymap runtime: draws the layers that deploymap.mapping serialises.
 *
 * Every string it receives (tooltips, popups, labels, legend) was HTML-escaped
 * in Python before it was written here as JSON, so this file never builds
 * markup from raw input; the time slider's dates and notes are set as text.
 * It only uses Leaflet (window.L).
 */
(function () {
  "use strict";
  // Panes keep the drawing order fixed however the layer control toggles
  // layers: basemap < countries < mission areas < flows < force < places.
  var PANES = {
    "dm-basemap": 210,
    "dm-countries": 350,
    "dm-areas": 380,
    "dm-flows": 420,
    "dm-force": 450,
    "dm-places": 470
  };

  function panes(map) {
    Object.keys(PANES).forEach(function (name) {
      if (!map.getPane(name)) {
        map.createPane(name).style.zIndex = PANES[name];
      }
    });
  }

  function layer(map, group, data, opts) {
    opts = opts || {};
    panes(map);
    // One canvas per layer for big point sets: thousands of SVG circles make
    // panning sluggish, one canvas stays smooth.
    // a geometry repeated over time is written once and shared by index
    if (data.geometries) {
      data.features.forEach(function (f) {
        if (f.properties.g !== undefined) { f.geometry = data.geometries[f.properties.g]; }
      });
    }
    var renderer = opts.canvas ? L.canvas({ pane: opts.pane, padding: 0.5 }) : undefined;
    // pane and interactive are read when a shape is created, not by setStyle
    var gj = L.geoJSON(data, {
      renderer: renderer,
      pane: opts.pane,
      interactive: opts.interactive !== false,
      style: function (f) { return L.extend({ pane: opts.pane }, opts.style, f.properties.s); },
      pointToLayer: function (f, latlng) {
        var s = L.extend({ pane: opts.pane }, opts.style, f.properties.s);
        if (s.icon) {
          return L.marker(latlng, {
            pane: "markerPane",
            keyboard: false,
            icon: L.divIcon({ className: s.icon, html: s.html || "", iconSize: s.size || [14, 14] })
          });
        }
        return L.circleMarker(latlng, L.extend({ renderer: renderer, interactive: opts.interactive !== false }, s));
      },
      onEachFeature: function (f, lyr) {
        var p = f.properties;
        if (p.t) {
          lyr.bindTooltip(p.t, p.label
            ? { permanent: true, direction: "center", className: "dm-label", opacity: 0.95 }
            : { sticky: true, className: "dm-tip" });
        }
        if (p.p) {
          lyr.bindPopup(p.p, { maxWidth: 360, maxHeight: 320, className: "dm-popup" });
        }
      }
    });
    gj.addTo(group);
    timed(map, gj);
    return gj;
  }

  // -- time slider -----------------------------------------------------------------------
  // Features of time-aware layers carry w = [first, last]: the slider steps at which they
  // show.  Each such layer is registered here with its features in drawing order.
  function timed(map, gj) {
    var items = [];
    gj.eachLayer(function (lyr) {
      var w = lyr.feature && lyr.feature.properties.w;
      if (w) { items.push({ layer: lyr, first: w[0], last: w[1] }); }
    });
    if (items.length) {
      (map._dmTimed = map._dmTimed || []).push({ gj: gj, items: items });
    }
  }

  function showStep(map, i) {
    (map._dmTimed || []).forEach(function (t) {
      // clear and re-add in order, so big circles stay under small ones at every step
      t.gj.clearLayers();
      t.items.forEach(function (it) {
        if (it.first <= i && i <= it.last) { t.gj.addLayer(it.layer); }
      });
    });
  }

  function slider(map, data) {
    var steps = data.steps, notes = data.notes || [], timer = null;
    var Control = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "leaflet-bar dm-time");
        var play = L.DomUtil.create("button", "dm-time-play", box);
        play.type = "button";
        play.title = "Play through the dates";
        play.setAttribute("aria-label", play.title);
        play.textContent = "\u25B6";
        var input = L.DomUtil.create("input", "dm-time-range", box);
        input.type = "range";
        input.min = 0;
        input.max = steps.length - 1;
        input.step = 1;
        input.value = data.start;
        input.setAttribute("aria-label", "Date");
        var text = L.DomUtil.create("div", "dm-time-text", box);
        var label = L.DomUtil.create("strong", "dm-time-label", text);
        var note = L.DomUtil.create("span", "dm-time-note", text);
        function go(i) {
          input.value = i;
          label.textContent = steps[i];
          note.textContent = notes[i] ? " \u00b7 " + notes[i] : "";
          box.setAttribute("data-step", String(i));
          showStep(map, i);
        }
        function stop() {
          if (timer !== null) { clearInterval(timer); timer = null; }
          play.textContent = "\u25B6";
        }
        L.DomEvent.on(input, "input change", function () { stop(); go(+input.value); });
        L.DomEvent.on(play, "click", function () {
          if (timer !== null) { stop(); return; }
          if (+input.value >= steps.length - 1) { go(0); }
          play.textContent = "\u275A\u275A";
          timer = setInterval(function () {
            var i = +input.value + 1;
            if (i >= steps.length) { stop(); } else { go(i); }
          }, 1200);
        });
        // dragging the thumb must not pan the map, nor the wheel zoom it
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        go(data.start);
        return box;
      }
    });
    new Control().addTo(map);
  }

  function attribute(map, html) {
    if (map.attributionControl) {
      map.attributionControl.addAttribution(html);
    }
  }

  function fit(map, bounds) {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 9 });
  }

  window.deploymap = {
    layer: layer, panes: panes, attribute: attribute, fit: fit, slider: slider
  };
})();
