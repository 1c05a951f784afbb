/* Peru cooperation maps: draws one map from its data.
 *
 * Every text comes from data and reaches the page through textContent or
 * escapeHtml(); nothing is parsed as markup. Every word comes from the page's
 * catalogue (options.words, from maps/locales/*.toml); this script holds none. Geometry is embedded once and
 * shared by the shading layer and every funder's fill layer.
 */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"'`]/g, function (c) {
      return "&#" + c.charCodeAt(0) + ";";
    });
  }

  function swatch(colour, className) {
    var s = el("span", className || "cm-swatch");
    s.style.background = colour;
    return s;
  }

  function shadeColour(value, classes, none) {
    for (var i = 0; i < classes.length; i++) {
      if (value >= classes[i].lo && value <= classes[i].hi) return classes[i].colour;
    }
    return none;
  }

  var W = {};  // the words of the page's language: set by render()

  function num(n) {
    var text = String(n);
    if (Math.abs(n) < W.group_min) return text;
    return text.replace(/\B(?=(\d{3})+(?!\d))/g, W.group);
  }

  // A catalogue text with {name}s filled in; a plural entry ({one, other}) is
  // chosen by values.count (English and Spanish: one for 1, other otherwise).
  function word(key, values) {
    var entry = W[key];
    values = values || {};
    if (typeof entry === "object") entry = values.count === 1 ? entry.one : entry.other;
    return String(entry).replace(/\{(\w+)\}/g, function (all, name) {
      var v = values[name];
      return typeof v === "number" ? num(v) : String(v);
    });
  }

  function plural(n, key) {
    return word(key, { count: n });
  }

  function interventionLine(item) {
    var li = el("li");
    li.appendChild(el("span", "cm-item-title", item.title));
    var meta = [item.funders.join(", "), item.period, item.source].filter(Boolean);
    li.appendChild(el("span", "cm-item-meta", " — " + meta.join(" · ")));
    return li;
  }

  function regionPopup(region, data, colourOf) {
    var box = el("div", "cm-popup");
    box.appendChild(el("h3", null, region.name));
    // Counts are the INEI department's: Lima's include Lima Metropolitana.
    var whole = region.department && region.department !== region.name ? region.department + ": " : "";
    box.appendChild(el("p", "cm-popup-sub", whole + plural(region.n, "interventions") +
      " · " + plural(region.funders.length, "funders")));
    if (region.funders.length) {
      var fl = el("ul", "cm-funder-list");
      region.funders.forEach(function (f) {
        var li = el("li", "cm-popup-funder");
        li.appendChild(swatch(colourOf[f]));
        li.appendChild(el("span", null, f));
        fl.appendChild(li);
      });
      box.appendChild(fl);
    }
    if (region.items.length) {
      var il = el("ul", "cm-item-list");
      region.items.forEach(function (n) { il.appendChild(interventionLine(data.interventions[n])); });
      box.appendChild(il);
    }
    if (region.more) box.appendChild(el("p", "cm-more", plural(region.more, "more")));
    if (!region.n) box.appendChild(el("p", "cm-more", word("region_empty")));
    return box;
  }

  function markerPopup(marker, data) {
    var box = el("div", "cm-popup");
    var dl = el("dl");
    function row(label, value) {
      if (!value) return;
      dl.appendChild(el("dt", null, label));
      dl.appendChild(el("dd", null, value));
    }
    if (marker.items.length === 1 && !marker.more) {
      var item = data.interventions[marker.items[0]];
      box.appendChild(el("h3", null, item.title));
      row(word("label_funders"), item.funders.join(", "));
      row(word("label_implementers"), item.implementers.join(", "));
      row(word("label_period"), item.period + (item.status ? " (" + item.status + ")" : ""));
    } else {
      box.appendChild(el("h3", null, marker.place));
      var total = marker.items.length + marker.more;
      box.appendChild(el("p", "cm-popup-sub", plural(total, "interventions_here")));
      var list = el("ul", "cm-item-list");
      marker.items.forEach(function (n) { list.appendChild(interventionLine(data.interventions[n])); });
      box.appendChild(list);
      if (marker.more) box.appendChild(el("p", "cm-more", plural(marker.more, "more")));
    }
    row(word("label_place"), marker.place + " (" + marker.level + ", " + marker.department + ")");
    if (marker.units) { row(word("label_district"), marker.units[0]); row(word("label_province"), marker.units[1]); }
    row(word("label_written"), marker.written);
    row(word("label_precision"), data.precision_labels[String(marker.precision)]);
    row(word("label_reach"), marker.reach === "2" ? word("reach_2") : word("reach_1"));
    if (marker.items.length === 1 && !marker.more) {
      var only = data.interventions[marker.items[0]];
      row(word("label_themes"), only.themes.join(", "));
      row(word("label_source"), only.source);
    }
    box.appendChild(dl);
    return box;
  }

  function collapsible(container, title, startOpen) {
    var head = el("button", "cm-toggle", title);
    head.type = "button";
    var body = el("div", "cm-body");
    container.appendChild(head);
    container.appendChild(body);
    function set(open) {
      body.style.display = open ? "" : "none";
      head.setAttribute("aria-expanded", open ? "true" : "false");
    }
    head.addEventListener("click", function () { set(body.style.display === "none"); });
    set(startOpen);
    return body;
  }

  function control(map, position, className, build) {
    var Ctl = L.Control.extend({
      onAdd: function () {
        var div = el("div", "cm-control leaflet-bar " + className);
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        build(div);
        return div;
      }
    });
    var ctl = new Ctl({ position: position });
    ctl.addTo(map);
    return ctl;
  }

  function render(map, data, geo, options) {
    options = options || {};
    geo = window.CoopSubunits.decodeGeo(geo);  // geometry arrives as integer deltas
    W = options.words;
    var wide = map.getSize().x >= 700;
    // Leaflet.markercluster needs a maximum zoom; with no tile layer nothing sets one.
    map.setMaxZoom(options.tiles ? 18 : 14);
    map.setMinZoom(3);
    map.options.zoomSnap = 0.25;
    var colourOf = {};
    data.funders.forEach(function (f) { colourOf[f.name] = f.colour; });
    map.attributionControl.addAttribution(escapeHtml(data.attribution));

    if (options.tiles) {
      L.tileLayer(options.tiles.url, {
        maxZoom: 18,
        attribution: escapeHtml(options.tiles.attribution)
      }).addTo(map);
    } else {
      L.geoJSON(geo.neighbours, {
        interactive: false,
        style: { color: "#b8b8b8", weight: 1, fillColor: "#eeeeea", fillOpacity: 1, className: "cm-neighbour" }
      }).addTo(map);
    }

    var mode = options.shading || "count";
    var shadeLegend = el("div", "cm-legend-shading");

    function regionStyle(feature) {
      var r = data.regions[feature.properties.iso_code] || { n: 0, funders: [] };
      var value = mode === "count" ? r.n : mode === "funders" ? r.funders.length : 0;
      var fill = mode === "plain" ? "#fbfbf8" : shadeColour(value, data.shading[mode], data.shading.none);
      return { color: "#555555", weight: 1, fillColor: fill, fillOpacity: options.tiles ? 0.6 : 1,
               className: "cm-region cm-iso-" + feature.properties.iso_code };
    }

    var regionLayer = L.geoJSON(geo.regions, {
      style: regionStyle,
      onEachFeature: function (feature, layer) {
        var r = data.regions[feature.properties.iso_code];
        layer.bindPopup(function () { return regionPopup(r, data, colourOf); }, { maxWidth: 360, maxHeight: 320 });
        layer.bindTooltip(function () {
          var whole = r.department && r.department !== r.name ? " (" + r.department + ")" : "";
          return el("span", null, r.name + whole + ": " + plural(r.n, "interventions"));
        }, { sticky: true });
      }
    }).addTo(map);
    // Provinces and districts (maps/static/subunits.js), when the page carries them.
    var subunits = window.CoopSubunits ? window.CoopSubunits.attach(map, data, options, {
      mode: function () { return mode; }, colourOf: colourOf, itemLine: interventionLine,
      regionPopup: function (iso) { return data.regions[iso] && regionPopup(data.regions[iso], data, colourOf); }
    }) : null;

    function drawShadeLegend() {
      shadeLegend.textContent = "";
      if (mode === "plain") { shadeLegend.style.display = "none"; return; }
      shadeLegend.style.display = "";
      shadeLegend.appendChild(el("div", "cm-legend-title",
        mode === "count" ? word("shading_count") : word("shading_funders")));
      var rows = [[data.shading.none, word("shading_none")]];
      data.shading[mode].forEach(function (c) {
        rows.push([c.colour, c.lo === c.hi ? num(c.lo) : num(c.lo) + "–" + num(c.hi)]);
      });
      rows.forEach(function (row) {
        var line = el("div", "cm-legend-row");
        line.appendChild(swatch(row[0], "cm-swatch cm-swatch-box"));
        line.appendChild(el("span", null, row[1]));
        shadeLegend.appendChild(line);
      });
    }

    function setMode(newMode) {
      mode = newMode;
      regionLayer.setStyle(regionStyle);
      if (subunits) subunits.setMode(newMode);
      drawShadeLegend();
    }

    // One fill layer per funder: the same embedded geometry, filtered and styled.
    var fillLayers = data.funders.map(function (f, k) {
      var isos = {};
      f.regions.forEach(function (iso) { isos[iso] = true; });
      return L.geoJSON(geo.regions, {
        interactive: false,
        filter: function (feature) { return isos[feature.properties.iso_code] === true; },
        style: { color: f.colour, weight: 2.5, opacity: 0.9, fillColor: f.colour, fillOpacity: 0.3,
                 className: "cm-fill cm-funder-" + k }
      });
    });

    var clustered = typeof L.markerClusterGroup === "function";
    var markerLayer = clustered
      ? L.markerClusterGroup({ maxClusterRadius: 28, spiderfyOnMaxZoom: true, showCoverageOnHover: false,
                               zoomToBoundsOnClick: true })
      : L.featureGroup();
    data.markers.forEach(function (m) {
      var colour = colourOf[m.funder] || "#333333";
      var exact = m.precision <= 2;
      var marker = L.circleMarker([m.lat, m.lon], {
        radius: exact ? 7 : 10, color: exact ? "#ffffff" : colour, weight: exact ? 1.5 : 2.5,
        dashArray: exact ? null : "4 3", fillColor: colour, fillOpacity: exact ? 0.95 : 0.3,
        className: "cm-marker cm-precision-" + m.precision
      });
      marker.bindPopup(function () { return markerPopup(m, data); }, { maxWidth: 340 });
      marker.bindTooltip(function () {
        var total = m.items.length + m.more;
        return el("span", null, total === 1 ? data.interventions[m.items[0]].title
                                            : m.place + ": " + plural(total, "interventions"));
      });
      markerLayer.addLayer(marker);
    });

    // Legend: one section per layer, shown only while its layer is on.
    var legendSections = {};
    control(map, "bottomright", "cm-legend", function (div) {
      var body = collapsible(div, word("legend"), wide);
      body.appendChild(shadeLegend);
      var fl = el("div", "cm-legend-funders");
      data.funders.forEach(function (f, k) {
        var line = el("div", "cm-legend-row cm-legend-funder");
        line.setAttribute("data-funder", String(k));
        line.appendChild(swatch(f.colour, "cm-swatch cm-swatch-box cm-swatch-fill"));
        line.appendChild(el("span", null, f.group && f.group !== f.name ? f.name + " (" + f.group + ")" : f.name));
        line.style.display = "none";
        legendSections["funder-" + k] = line;
        fl.appendChild(line);
      });
      body.appendChild(fl);
      var ml = el("div", "cm-legend-markers");
      ml.appendChild(el("div", "cm-legend-title", word("markers_title")));
      var a = el("div", "cm-legend-row");
      a.appendChild(el("span", "cm-dot cm-dot-exact"));
      a.appendChild(el("span", null, word("marker_exact")));
      var b = el("div", "cm-legend-row");
      b.appendChild(el("span", "cm-dot cm-dot-area"));
      b.appendChild(el("span", null, word("marker_area")));
      ml.appendChild(a);
      ml.appendChild(b);
      ml.appendChild(el("div", "cm-legend-note", word("markers_note")));
      ml.style.display = "none";
      legendSections.markers = ml;
      body.appendChild(ml);
    });
    function tie(layer, key) {
      layer.on("add", function () { legendSections[key].style.display = ""; });
      layer.on("remove", function () { legendSections[key].style.display = "none"; });
    }
    fillLayers.forEach(function (layer, k) { tie(layer, "funder-" + k); });
    tie(markerLayer, "markers");

    // Layer switcher: shading (one of), funders grouped by country or group, places.
    control(map, "topright", "cm-layers", function (div) {
      var body = collapsible(div, word("layers"), wide);
      body.appendChild(el("div", "cm-layers-head", word("layers_shading")));
      [["count", word("shading_count")], ["funders", word("shading_funders")], ["plain", word("shading_plain")]]
        .forEach(function (opt) {
          var label = el("label", "cm-option");
          var input = el("input");
          input.type = "radio";
          input.name = "cm-shading";
          input.value = opt[0];
          input.checked = opt[0] === mode;
          input.addEventListener("change", function () { if (input.checked) setMode(opt[0]); });
          label.appendChild(input);
          label.appendChild(el("span", null, opt[1]));
          body.appendChild(label);
        });
      if (data.funders.length) body.appendChild(el("div", "cm-layers-head", word("layers_funders")));
      var lastGroup = null;
      data.funders.forEach(function (f, k) {
        if (f.group !== lastGroup) {
          body.appendChild(el("div", "cm-layers-group", f.group));
          lastGroup = f.group;
        }
        var label = el("label", "cm-option cm-funder-option");
        var input = el("input");
        input.type = "checkbox";
        input.setAttribute("data-funder", String(k));
        input.checked = options.fundersOn === true;
        input.addEventListener("change", function () {
          if (input.checked) fillLayers[k].addTo(map); else map.removeLayer(fillLayers[k]);
        });
        label.appendChild(input);
        label.appendChild(swatch(f.colour));
        // INEI departments, counted once beside the dataset (Lima once, with Lima Metropolitana).
        var regionsText = f.departments ? plural(f.departments, "departments") : word("no_department");
        label.appendChild(el("span", null, f.name + " · " + plural(f.count, "interventions") + ", " + regionsText));
        body.appendChild(label);
      });
      if (data.markers.length) {
        body.appendChild(el("div", "cm-layers-head", word("layers_places")));
        var label = el("label", "cm-option");
        var input = el("input");
        input.type = "checkbox";
        input.checked = true;
        input.setAttribute("data-layer", "markers");
        input.addEventListener("change", function () {
          if (input.checked) markerLayer.addTo(map); else map.removeLayer(markerLayer);
        });
        label.appendChild(input);
        label.appendChild(el("span", null, plural(data.markers.length, "places_layer")));
        body.appendChild(label);
      }
    });

    // Title.
    map.zoomControl.remove();
    control(map, "topleft", "cm-title", function (div) {
      div.appendChild(el("h1", null, data.title));
      if (data.description) div.appendChild(el("p", null, data.description));
    });
    L.control.zoom({ position: "topleft", zoomInTitle: word("zoom_in"), zoomOutTitle: word("zoom_out") }).addTo(map);

    // National or not located: listed apart, never pinned.
    if (data.unlocated.length) {
      control(map, "bottomleft", "cm-national", function (div) {
        var count = data.unlocated.length + data.unlocated_more;
        var body = collapsible(div, plural(count, "national_title"), wide);
        body.appendChild(el("p", "cm-legend-note", word("national_note")));
        var list = el("ul", "cm-item-list");
        data.unlocated.forEach(function (n) {
          var item = data.interventions[n];
          var li = el("li");
          li.appendChild(el("span", "cm-item-title", item.title));
          var scope = item.scope === "national" ? word("national") : (item.scope_note || word("regions_not_named"));
          li.appendChild(el("span", "cm-item-meta", " — " + [item.funders.join(", "), item.period, scope].join(" · ")));
          li.title = item.source;
          list.appendChild(li);
        });
        body.appendChild(list);
        if (data.unlocated_more) body.appendChild(el("p", "cm-more", plural(data.unlocated_more, "more")));
      });
    }

    fillLayers.forEach(function (layer) { if (options.fundersOn) layer.addTo(map); });
    if (data.markers.length) markerLayer.addTo(map);
    drawShadeLegend();

    var bounds = L.latLngBounds([]);
    regionLayer.eachLayer(function (layer) {
      var iso = layer.feature.properties.iso_code;
      if (!data.focus.length || data.focus.indexOf(iso) >= 0) bounds.extend(layer.getBounds());
    });
    if (data.focus.length) {
      // The department a map is about, outlined above every fill.
      L.geoJSON(geo.regions, {
        interactive: false,
        filter: function (feature) { return data.focus.indexOf(feature.properties.iso_code) >= 0; },
        style: { color: "#222222", weight: 3.5, fill: false, className: "cm-focus" }
      }).addTo(map);
    }
    // No animation: the page is ready, and stays still, as soon as this returns. A tiny
    // unit (Callao) is shown in its setting, not blown up past its source's detail.
    map.fitBounds(bounds, { padding: [12, 12], animate: false, maxZoom: 9 });
    map.getContainer().setAttribute("data-cm-ready", "true");
    window.coopMap = { map: map, regions: regionLayer, fills: fillLayers, markers: markerLayer, setMode: setMode };
  }

  window.CoopMap = { render: render, escapeHtml: escapeHtml };
})();
