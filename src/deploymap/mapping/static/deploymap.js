/* deploymap runtime: draws the layers that deploymap.mapping serialises.
 *
 * Every string it receives (tooltips, popups, labels, legend) was HTML-escaped
 * in Python before it was written here as JSON, so this file never builds
 * markup from raw input.  It only uses Leaflet (window.L).
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
    return gj;
  }

  function attribute(map, html) {
    if (map.attributionControl) {
      map.attributionControl.addAttribution(html);
    }
  }

  function fit(map, bounds) {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 9 });
  }

  window.deploymap = { layer: layer, panes: panes, attribute: attribute, fit: fit };
})();
