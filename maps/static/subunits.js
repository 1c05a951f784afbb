/* Peru cooperation maps: provinces and districts below the department.
 *
 * maps/subunits.py sends data.subunits: the provinces (and, on a department page,
 * the districts) the page carries, each with its counts and its geometry as
 * integer deltas. CoopMap.render calls attach() once, after the departments are
 * drawn, and setMode() when the shading changes. Every text is data or a word of
 * the page's catalogue, and reaches the page through textContent.
 */
(function () {
  "use strict";

  var DISTRICT_ZOOM = 9;  // from this zoom on, a department page shades its districts

  // [[x0, y0, dx1, dy1, ...], ...] per polygon -> GeoJSON MultiPolygon coordinates.
  function decode(polygons, scale) {
    return polygons.map(function (rings) {
      return rings.map(function (deltas) {
        var x = 0, y = 0, ring = [];
        for (var i = 0; i + 1 < deltas.length; i += 2) {
          x += deltas[i];
          y += deltas[i + 1];
          ring.push([x / scale, y / scale]);
        }
        ring.push(ring[0]);
        return ring;
      });
    });
  }

  // The page's departments and neighbours ({type, d, s} geometries) -> GeoJSON.
  function decodeGeo(geo) {
    var out = {};
    Object.keys(geo).forEach(function (key) {
      out[key] = {
        type: "FeatureCollection",
        features: geo[key].features.map(function (f) {
          var g = f.geometry;
          return { type: "Feature", properties: f.properties,
                   geometry: g.d ? { type: "MultiPolygon", coordinates: decode(g.d, g.s) } : g };
        })
      };
    });
    return out;
  }

  function toFeatures(units, scale) {
    return {
      type: "FeatureCollection",
      features: units.map(function (u, k) {
        return { type: "Feature", properties: { k: k },
                 geometry: { type: "MultiPolygon", coordinates: decode(u.g, scale) } };
      })
    };
  }

  function attach(map, data, options, api) {
    var sub = data.subunits;
    if (!sub) return null;
    // the page script's own helpers: elements made with textContent, catalogue words
    var el = api.el, word = api.word, plural = api.plural;

    var mode = api.mode();
    var zoomed = false;
    var department = sub.kind === "department";

    // A unit's interventions and funders in the page's period (api.counts().status:
    // 2 counted, 1 shown but undated, 0 outside the period), as the departments count.
    function now(u) {
      var c = api.counts ? api.counts() : null;
      if (!c || !c.filtering || !u.ks) return { n: u.n, funders: u.funders, filtering: false };
      var n = 0, funders = {};
      u.ks.forEach(function (k) {
        if (c.status[k] !== 2) return;
        n++;
        data.live[k][3].forEach(function (f) { funders[f] = true; });
      });
      return { n: n, filtering: true, status: c.status,
               funders: Object.keys(funders).map(Number).sort(function (a, b) { return a - b; }) };
    }

    function fillOf(u) {
      // counts only: with no shading, or a budget's, the department shows through
      if (mode !== "count" && mode !== "funders") return null;
      // a department page with no place below the department (in the period) lets the
      // department's own shading show through its outlined provinces
      if (department && !unitsShaded) return null;
      var p = now(u);
      var value = mode === "count" ? p.n : p.funders.length;
      var classes = data.shading[mode];
      for (var i = 0; i < classes.length; i++) {
        if (value >= classes[i].lo && value <= classes[i].hi) return classes[i].colour;
      }
      return data.shading.none;
    }

    function popup(u, levelWord) {
      var p = now(u);
      var box = el("div", "cm-popup");
      box.appendChild(el("h3", null, u.name));
      box.appendChild(el("p", "cm-popup-sub", levelWord + " · " + plural(p.n, "interventions") +
        " · " + plural(p.funders.length, "funders") + (p.filtering && api.periodText ? " · " + api.periodText() : "")));
      if (p.funders.length) {
        var fl = el("ul", "cm-funder-list");
        p.funders.forEach(function (i) {
          var f = data.funders[i];  // funders travel as positions in the legend's list
          var li = el("li", "cm-popup-funder");
          var s = el("span", "cm-swatch");
          s.style.background = f.colour;
          li.appendChild(s);
          li.appendChild(el("span", null, f.name));
          fl.appendChild(li);
        });
        box.appendChild(fl);
      }
      // in a period: the listed interventions it keeps (undated ones stay listed)
      var items = p.filtering
        ? u.items.filter(function (n) { return p.status[data.interventions[n].k] > 0; }) : u.items;
      if (items.length) {
        var il = el("ul", "cm-item-list");
        items.forEach(function (n) { il.appendChild(api.itemLine(data.interventions[n])); });
        box.appendChild(il);
      }
      var more = p.filtering
        ? p.n - items.filter(function (n) { return p.status[data.interventions[n].k] === 2; }).length : u.more;
      if (more > 0) box.appendChild(el("p", "cm-more", plural(more, "more")));
      if (!p.n) box.appendChild(el("p", "cm-more", word("subunit_empty")));
      // then the whole department, as its own popup gives it (Lima: with Lima Metropolitana)
      var whole = api.regionPopup(u.iso);
      if (whole) {
        whole.className += " cm-popup-whole";
        box.appendChild(whole);
      }
      return box;
    }

    function layerOf(units, levelWord, styleOf) {
      return L.geoJSON(toFeatures(units, sub.scale), {
        style: function (feature) { return styleOf(units[feature.properties.k]); },
        onEachFeature: function (feature, layer) {
          var u = units[feature.properties.k];
          layer.bindPopup(function () { return popup(u, levelWord); }, { maxWidth: 360, maxHeight: 320 });
          layer.bindTooltip(function () {
            return el("span", null, u.name + " (" + levelWord + "): " + plural(now(u).n, "interventions"));
          }, { sticky: true });
        }
      });
    }

    // Both layers are added once, when render() calls attach(), so that the funders'
    // fills, the markers and the department's outline, added after, stay above them;
    // a layer that should not show is styled invisible (no stroke, no fill: no clicks).
    // (Leaflet sets a path's class once, when it is created: every style carries it.)
    function hidden(className) { return { stroke: false, fill: false, className: className }; }
    var shown = department;  // the overview's provinces wait for their checkbox

    function provinceStyle(u) {
      if (!shown) return hidden("cm-subunit cm-province cm-iso-" + u.iso);
      var fill = fillOf(u);
      var filled = fill !== null && (department || now(u).n > 0);
      // zoomed in, a province is an outline only, so that its districts take the clicks
      return { stroke: true, color: "#444444", weight: zoomed ? 2 : 1.2, fill: !zoomed,
               fillColor: filled ? fill : "#ffffff", fillOpacity: filled ? (options.tiles ? 0.6 : 1) : 0,
               className: "cm-subunit cm-province cm-iso-" + u.iso };
    }
    function districtStyle(u) {
      if (!zoomed) return hidden("cm-subunit cm-district cm-iso-" + u.iso);
      var fill = fillOf(u);
      return { stroke: true, color: "#777777", weight: 0.6, fill: true,
               fillColor: fill === null ? "#ffffff" : fill,
               fillOpacity: fill === null ? 0 : (options.tiles ? 0.6 : 1),
               className: "cm-subunit cm-district cm-iso-" + u.iso };
    }

    var unitsShaded = false;
    function shadeUnits() {
      unitsShaded = sub.provinces.some(function (u) { return now(u).n > 0; });
    }
    shadeUnits();

    var districts = sub.districts.length
      ? layerOf(sub.districts, word("subunit_district"), districtStyle).addTo(map) : null;
    var provinces = layerOf(sub.provinces, word("subunit_province"), provinceStyle).addTo(map);

    function restyle() {
      shadeUnits();
      provinces.setStyle(provinceStyle);
      if (districts) districts.setStyle(districtStyle);
    }

    function onZoom() {
      var now = districts !== null && map.getZoom() >= DISTRICT_ZOOM;
      if (now === zoomed) return;
      zoomed = now;
      restyle();
    }

    // What the layers say, and what they leave out: department-level places.
    var note = el("div", "cm-legend-note cm-subunits-note");
    function describe() {
      note.textContent = (department ? word("subunits_note_department") : word("subunits_note_overview")) +
        (sub.apart ? " " + plural(sub.apart, "subunits_apart") : "");
    }
    describe();

    var Ctl = L.Control.extend({
      onAdd: function () {
        var div = el("div", "cm-control leaflet-bar cm-subunits");
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        if (!department) {
          var label = el("label", "cm-option");
          var input = el("input");
          input.type = "checkbox";
          input.setAttribute("data-layer", "provinces");
          input.addEventListener("change", function () {
            shown = input.checked;
            restyle();
            note.style.display = shown ? "" : "none";
          });
          label.appendChild(input);
          label.appendChild(el("span", null, plural(sub.provinces.length, "subunits_layer")));
          div.appendChild(label);
          note.style.display = "none";
        }
        div.appendChild(note);
        return div;
      }
    });
    new Ctl({ position: "bottomleft" }).addTo(map);

    if (department) {
      map.on("zoomend", onZoom);
      onZoom();
    }
    var api2 = {
      provinces: provinces,
      districts: districts,
      setMode: function (newMode) { mode = newMode; restyle(); },
      refresh: restyle,  // after the period changes
      shadesUnits: function () { return department && unitsShaded; },
      unitCounts: function () {  // code -> interventions counted now (for tests)
        var out = {};
        sub.provinces.concat(sub.districts).forEach(function (u) { out[u.code] = now(u).n; });
        return out;
      }
    };
    window.coopSubunits = api2;
    return api2;
  }

  window.CoopSubunits = { attach: attach, decode: decode, decodeGeo: decodeGeo, DISTRICT_ZOOM: DISTRICT_ZOOM };
})();
