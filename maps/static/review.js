/* review.html: each document's text with its place mentions highlighted, and a side
 * list of the places that jumps to every mention.
 *
 * Document text is hostile: it arrives as JSON data and reaches the page only through
 * text nodes (textContent, createTextNode) and attributes set with setAttribute;
 * nothing is parsed as markup.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("rv-data").textContent);
  var colours = {};
  data.departments.forEach(function (d) { colours[d.code] = d; });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(className, text, label) {
    var b = el("button", className, text);
    b.type = "button";
    if (label) b.setAttribute("title", label);
    return b;
  }

  function describe(m) {
    return m.name + " — " + m.level + ", " + m.department + " · confidence " + m.confidence +
      (m.low ? " (check)" : "");
  }

  function markId(d, i) { return "rv-m-" + d + "-" + i; }

  function flash(node) {
    node.classList.remove("rv-flash");
    void node.offsetWidth; // restart the animation
    node.classList.add("rv-flash");
  }

  function jumpTo(d, i) {
    var mark = document.getElementById(markId(d, i));
    if (!mark) return;
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
    flash(mark);
  }

  function legend() {
    var box = document.getElementById("rv-legend");
    data.departments.forEach(function (d) {
      var item = el("span", "rv-legend-item", d.name);
      item.style.background = d.fill;
      item.style.borderColor = d.ink;
      box.appendChild(item);
    });
  }

  function documentText(doc, d) {
    var section = el("section", "rv-doc");
    section.id = "rv-doc-" + d;
    var head = el("h2", null, doc.name);
    section.appendChild(head);
    section.appendChild(el("p", "rv-doc-meta", doc.mentions.length + " mention(s) of " +
      doc.places.length + " place(s) · " + doc.chars.toLocaleString("en") + " characters · " +
      "draft id " + doc.slug));
    var body = el("div", "rv-text");
    var fragment = document.createDocumentFragment();
    doc.segments.forEach(function (segment) {
      var text = segment[0], i = segment[1];
      if (i < 0) {
        fragment.appendChild(document.createTextNode(text));
        return;
      }
      var m = doc.mentions[i];
      var mark = el("mark", "rv-m" + (m.low ? " rv-m-low" : ""), text);
      var c = colours[m.code];
      mark.id = markId(d, i);
      mark.tabIndex = -1;
      mark.style.background = c.fill;
      mark.style.borderBottomColor = c.ink;
      mark.setAttribute("title", describe(m));
      mark.setAttribute("data-place", String(placeOf(doc, i)));
      mark.addEventListener("click", function () {
        var item = document.getElementById("rv-p-" + d + "-" + placeOf(doc, i));
        if (item) { item.scrollIntoView({ block: "nearest" }); flash(item); }
      });
      fragment.appendChild(mark);
    });
    body.appendChild(fragment);
    if (!doc.segments.length) body.appendChild(el("p", "rv-none", "(no text)"));
    section.appendChild(body);
    return section;
  }

  function placeOf(doc, i) {
    if (!doc._placeOf) {
      doc._placeOf = {};
      doc.places.forEach(function (p, k) {
        p.mentions.forEach(function (j) { doc._placeOf[j] = k; });
      });
    }
    return doc._placeOf[i];
  }

  function placeItem(doc, d, p, k) {
    var first = doc.mentions[p.mentions[0]];
    var c = colours[first.code];
    var li = el("li", "rv-place" + (p.low ? " rv-place-low" : ""));
    li.id = "rv-p-" + d + "-" + k;
    var next = 0;
    var main = button("rv-place-main", null,
      "Jump to the mentions of " + first.name + " one after the other");
    var sw = el("span", "rv-swatch");
    sw.style.background = c.fill;
    sw.style.borderColor = c.ink;
    main.appendChild(sw);
    main.appendChild(el("span", "rv-place-name", first.name));
    var lowest = Math.min.apply(null, p.mentions.map(function (j) {
      return Number(doc.mentions[j].confidence);
    }));
    main.appendChild(el("span", "rv-place-meta", first.level + " · " + first.department +
      " · ×" + p.mentions.length + " · " + lowest));
    if (p.low) main.appendChild(el("span", "rv-low-key", "check"));
    main.addEventListener("click", function () {
      jumpTo(d, p.mentions[next % p.mentions.length]);
      next += 1;
    });
    li.appendChild(main);
    var chips = el("div", "rv-chips");
    p.mentions.forEach(function (j, n) {
      var m = doc.mentions[j];
      var written = m.mention.replace(/\s+/g, " ");
      var label = written === first.name ? String(n + 1) : (n + 1) + " " + written;
      var chip = button("rv-chip" + (m.low ? " rv-m-low" : ""), label,
        m.context + "\n" + describe(m));
      chip.addEventListener("click", function () { jumpTo(d, j); });
      chips.appendChild(chip);
    });
    li.appendChild(chips);
    return li;
  }

  function sideList(doc, d) {
    var box = el("div", "rv-list-doc");
    var head = button("rv-list-head", doc.name + " (" + doc.places.length + ")",
      "Go to the start of this document");
    head.addEventListener("click", function () {
      document.getElementById("rv-doc-" + d).scrollIntoView({ block: "start" });
    });
    box.appendChild(head);
    if (!doc.places.length) {
      box.appendChild(el("p", "rv-none", "No Peruvian place found in this document."));
      return box;
    }
    var list = el("ol", "rv-places");
    doc.places.forEach(function (p, k) { list.appendChild(placeItem(doc, d, p, k)); });
    box.appendChild(list);
    return box;
  }

  function failed() {
    if (!data.failed.length) return null;
    var box = el("section", "rv-failed");
    box.appendChild(el("h2", null, "Not read (" + data.failed.length + ")"));
    var list = el("ul");
    data.failed.forEach(function (f) {
      var li = el("li");
      li.appendChild(el("b", null, f.name));
      li.appendChild(document.createTextNode(": " + f.why));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function toolbar(side) {
    var places = 0, low = 0;
    data.documents.forEach(function (doc) {
      places += doc.places.length;
      doc.places.forEach(function (p) { if (p.low) low += 1; });
    });
    var bar = el("div", "rv-toolbar");
    bar.appendChild(el("span", null, places + " place(s), " + low + " to check"));
    var label = el("label", "rv-filter");
    var box = el("input");
    box.type = "checkbox";
    box.addEventListener("change", function () {
      side.classList.toggle("rv-only-low", box.checked);
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" only places to check"));
    bar.appendChild(label);
    side.appendChild(bar);
  }

  legend();
  var docs = document.getElementById("rv-docs");
  var side = document.getElementById("rv-list");
  toolbar(side);
  var notRead = failed();
  if (notRead) docs.appendChild(notRead);
  data.documents.forEach(function (doc, d) {
    docs.appendChild(documentText(doc, d));
    side.appendChild(sideList(doc, d));
  });
  var frame = document.querySelector("iframe.rv-map");
  var toggle = document.getElementById("rv-map-toggle");
  toggle.addEventListener("click", function () {
    var big = document.body.classList.toggle("rv-map-big");
    toggle.textContent = big ? "Close the large map" : "Enlarge map";
  });
  // The map page loads once this page is laid out, so that it fits its frame.
  window.requestAnimationFrame(function () { frame.srcdoc = data.map; });
  document.body.setAttribute("data-rv-ready", "true");
})();
