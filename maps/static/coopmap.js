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
      row(word("label_budget"), item.budget);
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

  // ---- Live model: which interventions a period keeps, and their counts ----------
  // data.live[k] = [first year, last year, unit indices, funder indices, amount or null]
  // (0 for a year not stated). Status: 2 counted, 1 shown but not counted (no date
  // while a period is set), 0 outside the period.
  function liveModel(data) {
    var unitCode = data.units.map(function (iso) { return data.regions[iso].code; });
    var years = data.years.length ? data.years : null;
    function filtering(view) { return !!years && (view.from > years[0] || view.to < years[1]); }
    function status(k, view) {
      if (!filtering(view)) return 2;
      var row = data.live[k];
      if (!row[0] && !row[1]) return 1;
      if (row[0] && row[0] > view.to) return 0;
      if (row[1] && row[1] < view.from) return 0;
      return 2;
    }
    function recount(view) {
      var c = { status: [], dept: {}, undated: 0, filtering: filtering(view),
                funderCount: [], funderDepts: [], funderUnits: [] };
      data.funders.forEach(function () { c.funderCount.push(0); c.funderDepts.push({}); c.funderUnits.push({}); });
      data.live.forEach(function (row, k) {
        var s = status(k, view);
        c.status.push(s);
        if (s === 1) c.undated++;
        if (!s) return;
        var codes = {};
        row[2].forEach(function (u) {
          codes[unitCode[u]] = true;
          row[3].forEach(function (f) { c.funderUnits[f][data.units[u]] = true; });
        });
        if (s !== 2) return;
        var list = Object.keys(codes);
        row[3].forEach(function (f) {
          c.funderCount[f]++;
          list.forEach(function (code) { c.funderDepts[f][code] = true; });
        });
        list.forEach(function (code) {
          var d = c.dept[code] || (c.dept[code] = { n: 0, funders: {}, budget: 0, budgeted: 0 });
          d.n++;
          row[3].forEach(function (f) { d.funders[data.funders[f].name] = true; });
          // A budget is split evenly over the departments the intervention is located in.
          if (row[4] !== null && row[4] !== undefined) { d.budget += row[4] / list.length; d.budgeted++; }
        });
      });
      return c;
    }
    return { years: years, recount: recount };
  }

  function departmentOf(counts, region) {
    var d = counts.dept[region.code] || { n: 0, funders: {}, budget: 0, budgeted: 0 };
    return { n: d.n, funders: Object.keys(d.funders).sort(function (a, b) {
      return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0; }),
      budget: d.budget, budgeted: d.budgeted };
  }

  function shadingWord(mode, data, perProvince) {
    var values = data.budget ? { currency: data.budget.currency } : {};
    // a department's page shades its provinces (and districts), not departments
    var unit = perProvince ? "_province" : "";
    if (mode === "count") return word("shading_count" + unit);
    if (mode === "funders") return word("shading_funders" + unit);
    if (mode === "budget") return word("shading_budget", values);
    return word("shading_plain");
  }

  function kindWord(kind) {
    return { d: word("kind_d"), p: word("kind_p"), t: word("kind_t"), c: word("kind_c"),
             x: word("kind_x"), i: word("kind_i"), f: word("kind_f") }[kind] || "";
  }

  function money(amount, data) {
    return word("money", { amount: num(Math.round(amount)), currency: data.budget.currency });
  }

  function shadeValue(mode, d) {
    if (mode === "count") return d.n;
    if (mode === "funders") return d.funders.length;
    if (mode === "budget") return d.budgeted ? d.budget : (d.n ? null : 0);
    return 0;
  }

  // ---- The view's state, and the URL fragment that holds it ------------------------
  var FRAGMENT_KEYS = ["shading", "from", "to", "funders", "view", "popup"];

  function fragmentToState(hash, data, modes, years) {
    var out = {};
    if (typeof hash !== "string" || hash.length > 2000) return out;
    var slugs = {};
    data.funders.forEach(function (f, k) { slugs[f.slug] = k; });
    hash.replace(/^#/, "").split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq < 1) return;
      var key = part.slice(0, eq), value;
      try { value = decodeURIComponent(part.slice(eq + 1)); } catch (e) { return; }
      if (FRAGMENT_KEYS.indexOf(key) < 0) return;
      if (key === "shading" && modes.indexOf(value) >= 0) out.shading = value;
      if ((key === "from" || key === "to") && /^\d{4}$/.test(value) && years) {
        var y = parseInt(value, 10);
        if (y >= years[0] && y <= years[1]) out[key] = y;
      }
      if (key === "funders" && /^[a-z0-9,-]*$/.test(value)) {
        out.funders = value.split(",").filter(function (s) { return s in slugs; })
          .map(function (s) { return slugs[s]; });
      }
      if (key === "view") {
        var m = /^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?),(\d{1,2}(?:\.\d+)?)$/.exec(value);
        if (m && Math.abs(+m[1]) <= 90 && Math.abs(+m[2]) <= 180 && +m[3] >= 3 && +m[3] <= 18)
          out.view = [+m[1], +m[2], +m[3]];
      }
      if (key === "popup" && /^(PE-[A-Z]{3}|m\d{1,6})$/.test(value)) out.popup = value;
    });
    if (out.from && out.to && out.from > out.to) { delete out.from; delete out.to; }
    return out;
  }

  function stateToFragment(view, data) {
    var parts = ["shading=" + view.mode];
    if (view.years && view.from > view.years[0]) parts.push("from=" + view.from);
    if (view.years && view.to < view.years[1]) parts.push("to=" + view.to);
    var on = data.funders.filter(function (f, k) { return view.funders[k]; })
      .map(function (f) { return f.slug; });
    if (on.length) parts.push("funders=" + on.join(","));
    if (view.center) parts.push("view=" + view.center[0].toFixed(3) + "," + view.center[1].toFixed(3) + "," + view.zoom);
    if (view.popup) parts.push("popup=" + view.popup);
    return "#" + parts.join("&");
  }

  // ---- Search: names folded (case and accents ignored) -------------------------------
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  // data.search = [[name, kind, lat, lon, target, also], ...]; kind: d department,
  // p province, t district, c town, x place of this map, i intervention, f funder;
  // target: ISO code, "m<n>" a marker, "f<n>" a funder, "" a point only.
  // The map's own entries, made from its data (maps/search.py makes the same list).
  function mapEntries(data) {
    var out = [];
    Object.keys(data.regions).sort().forEach(function (iso) {
      var r = data.regions[iso];
      out.push([r.name, "d", 0, 0, iso, r.department !== r.name ? r.department : ""]);
    });
    var firstMarker = {}, firstRegion = {};
    data.markers.forEach(function (m, n) {
      [m.place, m.written].forEach(function (name, i) {
        if (name && name.length <= 60 && (i === 0 || name !== m.place))
          out.push([name, "x", m.lat, m.lon, "m" + n, m.department]);
      });
      m.items.forEach(function (i) { if (!(i in firstMarker)) firstMarker[i] = "m" + n; });
    });
    Object.keys(data.regions).sort().forEach(function (iso) {
      data.regions[iso].items.forEach(function (i) { if (!(i in firstRegion)) firstRegion[i] = iso; });
    });
    data.interventions.forEach(function (item, i) {
      out.push([item.title, "i", -9.19, -75.02, firstMarker[i] || firstRegion[i] || "", item.funders.join(", ")]);
    });
    data.funders.forEach(function (f, k) { out.push([f.name, "f", 0, 0, "f" + k, f.group]); });
    return out;
  }

  function searchIndex(data, extra) {
    var entries = mapEntries(data).concat(data.search || [], extra || []);
    return entries.map(function (e) { return { e: e, key: fold(e[0]) }; });
  }

  function findEntries(index, query, limit) {
    var q = fold(query);
    if (q.length < 2) return [];
    var starts = [], inside = [];
    index.forEach(function (x) {
      var at = x.key.indexOf(q);
      if (at === 0) starts.push(x.e); else if (at > 0 && x.key.charAt(at - 1) === " ") inside.push(x.e);
    });
    return starts.concat(inside).slice(0, limit);
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
    L.control.scale({ imperial: false, position: "bottomleft" }).addTo(map);
    var colourOf = {};
    data.funders.forEach(function (f) { colourOf[f.name] = f.colour; });
    map.attributionControl.addAttribution(escapeHtml(data.attribution));
    map.on("popupopen", function (e) {  // Leaflet's own words follow the page's language
      var close = e.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) { close.setAttribute("aria-label", word("close_popup")); close.title = word("close_popup"); }
    });

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

    var live = liveModel(data);
    var modes = ["count", "funders"].concat(data.budget && data.budget.any ? ["budget"] : []).concat(["plain"]);
    var view = { mode: options.shading || "count", years: live.years,
                 from: live.years ? live.years[0] : 0, to: live.years ? live.years[1] : 0,
                 funders: data.funders.map(function () { return options.fundersOn === true; }),
                 markers: true, center: null, zoom: null, popup: null };
    if (options.period && live.years) {
      if (options.period[0]) view.from = Math.max(live.years[0], options.period[0]);
      if (options.period[1]) view.to = Math.min(live.years[1], options.period[1]);
    }
    var fromFragment = fragmentToState(window.location.hash, data, modes, live.years);
    if (fromFragment.shading) view.mode = fromFragment.shading;
    if (fromFragment.from) view.from = fromFragment.from;
    if (fromFragment.to) view.to = fromFragment.to;
    if (view.from > view.to) view.to = view.from;
    if (fromFragment.funders) view.funders = data.funders.map(function (f, k) { return fromFragment.funders.indexOf(k) >= 0; });
    var counts = live.recount(view);
    var shadeLegend = el("div", "cm-legend-shading");
    var undatedNote = el("div", "cm-legend-note cm-undated");

    function regionStyle(feature) {
      var r = data.regions[feature.properties.iso_code];
      var fill = "#fbfbf8";
      if (r && view.mode !== "plain") {
        var value = shadeValue(view.mode, departmentOf(counts, r));
        fill = value === null ? data.budget.missing_colour
          : shadeColour(value, data.shading[view.mode], data.shading.none);
      }
      return { color: "#555555", weight: 1, fillColor: fill, fillOpacity: options.tiles ? 0.6 : 1,
               className: "cm-region cm-iso-" + feature.properties.iso_code };
    }

    function regionPopup(region) {
      var d = departmentOf(counts, region);
      var box = el("div", "cm-popup");
      box.appendChild(el("h3", null, region.name));
      // Counts are the INEI department's: Lima's include Lima Metropolitana.
      var whole = region.department && region.department !== region.name ? region.department + ": " : "";
      box.appendChild(el("p", "cm-popup-sub", whole + plural(d.n, "interventions") +
        " · " + plural(d.funders.length, "funders") + (counts.filtering ? " · " + periodText() : "")));
      if (data.budget && data.budget.any && d.n) {
        box.appendChild(el("p", "cm-popup-sub cm-popup-budget", d.budgeted
          ? word("budget_about", { amount: money(d.budget, data) }) + " " + plural(d.n - d.budgeted, "budget_missing_n")
          : word("budget_none")));
      }
      if (d.funders.length) {
        var fl = el("ul", "cm-funder-list");
        d.funders.forEach(function (f) {
          var li = el("li", "cm-popup-funder");
          li.appendChild(swatch(colourOf[f]));
          li.appendChild(el("span", null, f));
          fl.appendChild(li);
        });
        box.appendChild(fl);
      }
      var items = region.items.filter(function (n) { return counts.status[data.interventions[n].k] > 0; });
      if (items.length) {
        var il = el("ul", "cm-item-list");
        items.forEach(function (n) { il.appendChild(interventionLine(data.interventions[n])); });
        box.appendChild(il);
      }
      var more = d.n - items.filter(function (n) { return counts.status[data.interventions[n].k] === 2; }).length;
      if (more > 0) box.appendChild(el("p", "cm-more", plural(more, "more")));
      if (!d.n) box.appendChild(el("p", "cm-more", word("region_empty")));
      return box;
    }

    var regionLayers = {};
    var regionLayer = L.geoJSON(geo.regions, {
      style: regionStyle,
      onEachFeature: function (feature, layer) {
        var iso = feature.properties.iso_code, r = data.regions[iso];
        regionLayers[iso] = layer;
        layer.bindPopup(function () { return regionPopup(r); }, { maxWidth: 360, maxHeight: 320 });
        layer.on("popupopen", function () { view.popup = iso; saveState(); });
        layer.on("popupclose", function () { if (view.popup === iso) { view.popup = null; saveState(); } });
        layer.bindTooltip(function () {
          var whole = r.department && r.department !== r.name ? " (" + r.department + ")" : "";
          return el("span", null, r.name + whole + ": " + plural(departmentOf(counts, r).n, "interventions"));
        }, { sticky: true });
      }
    }).addTo(map);
    // Provinces and districts (maps/static/subunits.js), when the page carries them.
    var subunits = window.CoopSubunits ? window.CoopSubunits.attach(map, data, options, {
      mode: function () { return view.mode; }, itemLine: interventionLine,
      el: el, word: word, plural: plural,
      counts: function () { return counts; }, periodText: function () { return periodText(); },
      regionPopup: function (iso) { return data.regions[iso] && regionPopup(data.regions[iso]); }
    }) : null;

    function periodText() { return view.from === view.to ? String(view.from) : view.from + "–" + view.to; }

    function drawShadeLegend() {
      shadeLegend.textContent = "";
      if (view.mode === "plain") { shadeLegend.style.display = "none"; return; }
      shadeLegend.style.display = "";
      var title = shadingWord(view.mode, data, subunits !== null && subunits.shadesUnits());
      shadeLegend.appendChild(el("div", "cm-legend-title", title + (counts.filtering ? " · " + periodText() : "")));
      var rows = [[data.shading.none, word("shading_none")]];
      data.shading[view.mode].forEach(function (c) {
        var lo = view.mode === "budget" ? num(Math.round(c.lo)) : num(c.lo);
        var hi = view.mode === "budget" ? num(Math.round(c.hi)) : num(c.hi);
        rows.push([c.colour, c.lo === c.hi ? lo : lo + "–" + hi]);
      });
      if (view.mode === "budget") rows.push([data.budget.missing_colour, word("budget_missing")]);
      rows.forEach(function (row) {
        var line = el("div", "cm-legend-row");
        line.appendChild(swatch(row[0], "cm-swatch cm-swatch-box"));
        line.appendChild(el("span", null, row[1]));
        shadeLegend.appendChild(line);
      });
      if (view.mode === "budget") shadeLegend.appendChild(el("div", "cm-legend-note", data.budget.note));
    }

    // One fill layer per funder: the same embedded geometry, filtered to the regions
    // its interventions shown in the period are drawn in.
    var fillLayers = data.funders.map(function () { return L.featureGroup(); });
    function drawFills() {
      data.funders.forEach(function (f, k) {
        var isos = counts.funderUnits[k];
        fillLayers[k].clearLayers();
        fillLayers[k].addLayer(L.geoJSON(geo.regions, {
          interactive: false,
          filter: function (feature) { return isos[feature.properties.iso_code] === true; },
          style: { color: f.colour, weight: 2.5, opacity: 0.9, fillColor: f.colour, fillOpacity: 0.3,
                   className: "cm-fill cm-funder-" + k }
        }));
      });
    }

    var clustered = typeof L.markerClusterGroup === "function";
    var markerLayer = clustered
      ? L.markerClusterGroup({ maxClusterRadius: 28, spiderfyOnMaxZoom: true, showCoverageOnHover: false,
                               zoomToBoundsOnClick: true, animate: false })
      : L.featureGroup();
    var markerObjects = data.markers.map(function (m, n) {
      var colour = colourOf[m.funder] || "#333333";
      var exact = m.precision <= 2;
      var marker = L.circleMarker([m.lat, m.lon], {
        radius: exact ? 7 : 10, color: exact ? "#ffffff" : colour, weight: exact ? 1.5 : 2.5,
        dashArray: exact ? null : "4 3", fillColor: colour, fillOpacity: exact ? 0.95 : 0.3,
        className: "cm-marker cm-precision-" + m.precision
      });
      marker.bindPopup(function () { return markerPopup(m, data); }, { maxWidth: 340 });
      marker.on("popupopen", function () { view.popup = "m" + n; saveState(); });
      marker.on("popupclose", function () { if (view.popup === "m" + n) { view.popup = null; saveState(); } });
      marker.bindTooltip(function () {
        var total = m.items.length + m.more;
        return el("span", null, total === 1 ? data.interventions[m.items[0]].title
                                            : m.place + ": " + plural(total, "interventions"));
      });
      return marker;
    });
    function markerShown(n) {
      return data.markers[n].ks.some(function (k) { return counts.status[k] > 0; });
    }
    function drawMarkers() {
      markerLayer.clearLayers();
      var shown = markerObjects.filter(function (marker, n) { return markerShown(n); });
      if (clustered) markerLayer.addLayers(shown); else shown.forEach(function (m) { markerLayer.addLayer(m); });
    }

    // Legend: one section per layer, shown only while its layer is on.
    var legendSections = {};
    control(map, "bottomright", "cm-legend", function (div) {
      var body = collapsible(div, word("legend"), wide);
      body.appendChild(shadeLegend);
      body.appendChild(undatedNote);
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

    // Layer switcher: shading (one of), period, funders grouped by country or group, places.
    var funderLabels = [], funderBoxes = [], shadingInputs = {}, periodSelects = {}, placesLabel = null;
    control(map, "topright", "cm-layers", function (div) {
      var body = collapsible(div, word("layers"), wide);
      body.appendChild(el("div", "cm-layers-head", word("layers_shading")));
      modes.forEach(function (m) {
        var label = el("label", "cm-option");
        var input = el("input");
        input.type = "radio";
        input.name = "cm-shading";
        input.value = m;
        input.checked = m === view.mode;
        input.addEventListener("change", function () { if (input.checked) setMode(m); });
        shadingInputs[m] = input;
        label.appendChild(input);
        label.appendChild(el("span", null, shadingWord(m, data, subunits !== null && subunits.shadesUnits())));
        body.appendChild(label);
      });
      if (live.years) body.appendChild(periodControl());
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
        input.checked = view.funders[k];
        input.addEventListener("change", function () { setFunder(k, input.checked); });
        funderBoxes.push(input);
        label.appendChild(input);
        label.appendChild(swatch(f.colour));
        funderLabels.push(label.appendChild(el("span")));
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
        placesLabel = label.appendChild(el("span"));
        body.appendChild(label);
      }
    });

    function periodControl() {
      var box = el("div", "cm-period");
      box.appendChild(el("div", "cm-layers-head", word("layers_period")));
      var row = el("div", "cm-period-row");
      ["from", "to"].forEach(function (end) {
        var label = el("label", "cm-period-end");
        label.appendChild(el("span", null, end === "from" ? word("period_from") : word("period_to")));
        var select = el("select");
        select.setAttribute("data-period", end);
        for (var y = live.years[0]; y <= live.years[1]; y++) {
          var opt = el("option", null, String(y));
          opt.value = String(y);
          select.appendChild(opt);
        }
        select.value = String(view[end]);
        select.addEventListener("change", function () { setPeriod(end, parseInt(select.value, 10)); });
        periodSelects[end] = select;
        label.appendChild(select);
        row.appendChild(label);
      });
      box.appendChild(row);
      return box;
    }

    function drawLabels() {
      data.funders.forEach(function (f, k) {
        // INEI departments, counted once beside the dataset (Lima once, with Lima Metropolitana).
        var n = Object.keys(counts.funderDepts[k]).length;
        var regionsText = n ? plural(n, "departments") : word("no_department");
        funderLabels[k].textContent = f.name + " · " + plural(counts.funderCount[k], "interventions") + ", " + regionsText;
      });
      if (placesLabel) {
        var shown = data.markers.filter(function (m, n) { return markerShown(n); }).length;
        placesLabel.textContent = plural(shown, "places_layer");
      }
      undatedNote.textContent = counts.filtering && counts.undated ? plural(counts.undated, "undated_note") : "";
      undatedNote.style.display = undatedNote.textContent ? "" : "none";
    }

    // Title.
    map.zoomControl.remove();
    control(map, "topleft", "cm-title", function (div) {
      div.appendChild(el("h1", null, data.title));
      if (data.description) div.appendChild(el("p", null, data.description));
    });
    L.control.zoom({ position: "topleft", zoomInTitle: word("zoom_in"), zoomOutTitle: word("zoom_out") }).addTo(map);
    var search = {};
    searchControl();

    // National or not located: listed apart, never pinned.
    var nationalBody = null, nationalHead = null;
    if (data.unlocated.length) {
      control(map, "bottomleft", "cm-national", function (div) {
        nationalBody = collapsible(div, "", wide);
        nationalHead = div.querySelector(".cm-toggle");
      });
    }
    function drawNational() {
      if (!nationalBody) return;
      var shown = data.unlocated.filter(function (n) { return counts.status[data.interventions[n].k] > 0; });
      var outside = data.unlocated.length - shown.length;
      nationalHead.textContent = plural(shown.length + data.unlocated_more, "national_title");
      nationalBody.textContent = "";
      nationalBody.appendChild(el("p", "cm-legend-note", word("national_note")));
      var list = el("ul", "cm-item-list");
      shown.forEach(function (n) {
        var item = data.interventions[n];
        var li = el("li");
        li.appendChild(el("span", "cm-item-title", item.title));
        var scope = item.scope === "national" ? word("national") : (item.scope_note || word("regions_not_named"));
        var meta = [item.funders.join(", "), item.period, scope];
        if (item.budget) meta.push(item.budget);
        li.appendChild(el("span", "cm-item-meta", " — " + meta.join(" · ")));
        li.title = item.source;
        list.appendChild(li);
      });
      nationalBody.appendChild(list);
      if (data.unlocated_more) nationalBody.appendChild(el("p", "cm-more", plural(data.unlocated_more, "more")));
      if (outside) nationalBody.appendChild(el("p", "cm-more", plural(outside, "outside_period")));
    }

    // Search: departments, provinces, districts, towns, this map's places,
    // interventions and funders; the page's own index, plus the build's shared
    // gazetteer file when it is beside the page.
    function searchControl() {
      control(map, "topleft", "cm-search", function (div) {
        var input = el("input", "cm-search-input");
        input.type = "search";
        input.setAttribute("aria-label", word("search"));
        input.placeholder = word("search_placeholder");
        input.setAttribute("autocomplete", "off");
        var list = el("ul", "cm-search-list");
        list.setAttribute("role", "listbox");
        div.appendChild(input);
        div.appendChild(list);
        var index = null;
        input.addEventListener("focus", loadGazetteer);
        function suggest() {
          if (!index || (window.CoopMapGazetteer && !index.withGazetteer)) {
            index = searchIndex(data, window.CoopMapGazetteer);
            index.withGazetteer = !!window.CoopMapGazetteer;
          }
          list.textContent = "";
          findEntries(index, input.value, 8).forEach(function (e) {
            var li = el("li", "cm-search-item");
            li.setAttribute("role", "option");
            li.tabIndex = 0;
            li.appendChild(el("span", "cm-search-name", e[0]));
            li.appendChild(el("span", "cm-search-kind", " · " + kindWord(e[1]) + (e[5] ? " · " + e[5] : "")));
            // The list empties after the click has bubbled: a node taken out of the page
            // mid-click would reach the map as a click on it, which closes popups.
            function choose() { input.value = e[0]; goTo(e); setTimeout(function () { list.textContent = ""; }, 0); }
            li.addEventListener("click", choose);
            li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") choose(); });
            list.appendChild(li);
          });
        }
        search.input = input;
        search.suggest = suggest;
        input.addEventListener("input", suggest);
        input.addEventListener("keydown", function (ev) {
          if (ev.key === "Enter" && list.firstChild) list.firstChild.click();
          if (ev.key === "ArrowDown" && list.firstChild) list.firstChild.focus();
        });
      });
    }

    // The gazetteer's provinces, districts and towns are the same for every page of a
    // build: one file beside the pages, read when the user first searches. Without it
    // (a page copied alone) the search covers the page's own names.
    var gazetteerAsked = false;
    function loadGazetteer() {
      if (gazetteerAsked || !options.gazetteer || window.CoopMapGazetteer) return;
      gazetteerAsked = true;
      var script = document.createElement("script");
      script.src = options.gazetteer;
      script.onload = function () { if (search.input.value) search.suggest(); };
      document.head.appendChild(script);
    }

    function goTo(e) {
      var target = e[4] || "";
      if (target.indexOf("PE-") === 0 && regionLayers[target]) {
        var layer = regionLayers[target];
        map.fitBounds(layer.getBounds(), { animate: false, maxZoom: 8 });
        layer.openPopup(layer.getBounds().getCenter());
      } else if (target.charAt(0) === "m" && markerObjects[+target.slice(1)]) {
        openMarker(+target.slice(1));
      } else if (target.charAt(0) === "f" && fillLayers[+target.slice(1)]) {
        var k = +target.slice(1);
        setFunder(k, true);
        var b = fillLayers[k].getBounds();
        if (b.isValid()) map.fitBounds(b, { animate: false, maxZoom: 8 });
      } else {
        map.setView([e[2], e[3]], Math.max(map.getZoom(), 9), { animate: false });
        L.popup({ maxWidth: 300 }).setLatLng([e[2], e[3]])
          .setContent(el("div", "cm-popup", e[0] + (e[5] ? " · " + e[5] : ""))).openOn(map);
      }
    }

    var SEARCH_ZOOM = 12;  // close enough to tell a town's markers apart
    function openMarker(n) {
      var marker = markerObjects[n];
      if (!markerLayer.hasLayer(marker)) {  // outside the period: show the whole period first
        view.from = live.years ? live.years[0] : 0;
        view.to = live.years ? live.years[1] : 0;
        update();
      }
      if (!map.hasLayer(markerLayer)) markerLayer.addTo(map);
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), SEARCH_ZOOM), { animate: false });
      if (map.hasLayer(marker)) { marker.openPopup(); return; }
      var parent = clustered ? markerLayer.getVisibleParent(marker) : null;
      if (parent && parent.spiderfy) {  // several at one place: spread them, then open
        markerLayer.once("spiderfied", function () { marker.openPopup(); });
        parent.spiderfy();
      }
    }

    function setMode(newMode) {
      view.mode = newMode;
      if (shadingInputs[newMode]) shadingInputs[newMode].checked = true;
      regionLayer.setStyle(regionStyle);
      if (subunits) subunits.setMode(newMode);
      drawShadeLegend();
      saveState();
    }

    function setFunder(k, on) {
      view.funders[k] = on;
      if (funderBoxes[k]) funderBoxes[k].checked = on;
      if (on) fillLayers[k].addTo(map); else map.removeLayer(fillLayers[k]);
      saveState();
    }

    function setPeriod(end, year) {
      view[end] = year;
      if (view.from > view.to) { if (end === "from") view.to = year; else view.from = year; }
      update();
    }

    // Everything that follows the period: counts, shading, fills, markers, labels, panel.
    function update() {
      counts = live.recount(view);
      if (subunits) subunits.refresh();
      if (periodSelects.from) { periodSelects.from.value = String(view.from); periodSelects.to.value = String(view.to); }
      regionLayer.setStyle(regionStyle);
      drawShadeLegend();
      drawFills();
      drawMarkers();
      drawLabels();
      drawNational();
      map.closePopup();
      saveState();
    }

    var restoring = true;
    function saveState() {
      if (restoring) return;
      var c = map.getCenter();
      view.center = [c.lat, c.lng];
      view.zoom = Math.round(map.getZoom() * 100) / 100;
      var hash = stateToFragment(view, data);
      try {
        if (window.location.hash !== hash) window.history.replaceState(null, "", hash);
        written = window.location.hash;
      } catch (e) { /* a page that may not change its address (sandboxed): keep the view */ }
    }
    map.on("moveend", saveState);
    // A fragment typed or pasted into the address bar (not one this page wrote) is
    // restored as a link to it would be: the page reads it afresh.
    var written = window.location.hash;
    window.addEventListener("hashchange", function () {
      if (window.location.hash !== written) window.location.reload();
    });

    drawShadeLegend();
    drawFills();
    drawMarkers();
    drawLabels();
    drawNational();
    fillLayers.forEach(function (layer, k) { if (view.funders[k]) layer.addTo(map); });
    if (data.markers.length) markerLayer.addTo(map);

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
    if (fromFragment.view) map.setView([fromFragment.view[0], fromFragment.view[1]], fromFragment.view[2], { animate: false });
    else map.fitBounds(bounds, { padding: [12, 12], animate: false, maxZoom: 9 });
    if (fromFragment.popup && regionLayers[fromFragment.popup]) {
      var pl = regionLayers[fromFragment.popup];
      pl.openPopup(pl.getBounds().getCenter());
    } else if (fromFragment.popup && fromFragment.popup.charAt(0) === "m" && markerObjects[+fromFragment.popup.slice(1)]
               && markerLayer.hasLayer(markerObjects[+fromFragment.popup.slice(1)])) {
      openMarker(+fromFragment.popup.slice(1));
    }
    restoring = false;
    if (window.location.hash) saveState();
    map.getContainer().setAttribute("data-cm-ready", "true");
    if (window.performance) window.coopMapReadyMs = window.performance.now();  // for benchmarks
    window.coopMap = { map: map, regions: regionLayer, fills: fillLayers, markers: markerLayer, setMode: setMode,
                       setPeriod: setPeriod, view: view, counts: function () { return counts; },
                       search: function (q) { return findEntries(searchIndex(data, window.CoopMapGazetteer), q, 8); },
                       goTo: goTo, loadGazetteer: loadGazetteer };
  }

  window.CoopMap = { render: render, escapeHtml: escapeHtml };
})();
