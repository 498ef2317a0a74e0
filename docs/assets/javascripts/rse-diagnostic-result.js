/* The team diagnostic's result, loaded by rse-diagnostic.js (window.rseDiagnostic: the page's data,
 * its groups and state) once there is a result to show: the contrasts and approaches ranked by
 * share of ticked signs, each with a word and a colour for how present it is (neutral, amber, red:
 * rse-diagnostic.css) and one cell per sign; the pillars that answer them; the team and the date;
 * a second result side by side; the QR code of the published address (qrcode-generator, vendored
 * in docs/assets/vendor/, loaded when asked for or when printing). Its styles: rse-diagnostic-result.css. Links carry their published
 * address for print.css (data-print-href).
 */
(function () {
  "use strict";
  var d = window.rseDiagnostic;
  if (!d) return;
  var t = d.t, data = d.data, lang = document.documentElement.lang;
  var qrBox = document.getElementById("rse-diagnostic-qr"), other = document.getElementById("rse-diagnostic-other");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (attrs[k]) node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // its styles (levels and their colours, cells, comparison, QR code), which a blank first visit does not need
  document.head.appendChild(el("link", { rel: "stylesheet", href: d.src("rse-diagnostic-result.css") }));

  // {group id: ticked signs}, from the boxes or from an address
  function counts(ticked) {
    var out = {};
    d.groups.forEach(function (g) {
      out[g.id] = g.boxes.filter(function (box) { return ticked ? ticked[box.value] : box.checked; }).length;
    });
    return out;
  }

  // {s, t, d}: the state written in another result's address, or null
  function state(p) {
    return p.s || p.t || p.d ? { s: p.s || "", t: p.t || "", d: d.isDate(p.d) ? p.d : "" } : null;
  }

  // 0 none, 1 up to a third of the signs, 2 up to two thirds, 3 more
  function level(n, signs) {
    return n === 0 ? 0 : n * 3 <= signs ? 1 : n * 3 <= signs * 2 ? 2 : 3;
  }

  // "2 of 4 signs · present": the level in words, its colour by class
  function presence(n, signs) {
    var lv = level(n, signs);
    return el("span", { "class": "rse-diagnostic__level rse-diagnostic__level--" + lv },
      d.plural("count", n, { total: signs }) + " · " + t["level." + lv]);
  }

  // one cell per sign, the ticked ones filled: a bar with no style attribute
  function cells(n, signs) {
    var span = el("span", { "class": "rse-diagnostic__cells rse-diagnostic__level--" + level(n, signs), "aria-hidden": "true" });
    for (var i = 0; i < signs; i++) span.appendChild(el("span", { "class": i < n && "on" }));
    return span;
  }

  // print.css writes data-print-href after a link on paper
  function links(page, printPage, plan, printPlan) {
    var span = el("span", { "class": "rse-diagnostic__links" });
    span.appendChild(el("a", { href: page, "data-print-href": printPage }, t.page));
    span.appendChild(document.createTextNode(" · "));
    span.appendChild(el("a", { href: plan, "data-print-href": printPlan }, t.plan));
    return span;
  }

  // "Team: Sales · Date: 3 March 2025"
  function who(name, day) {
    var parts = [];
    if (name) parts.push(d.fill(t.team, { team: name }));
    if (d.isDate(day)) parts.push(d.fill(t.date, { date: new Date(day + "T12:00:00").toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" }) }));
    return parts.join(" · ");
  }

  // both counts per contrast and approach, where either ticked any
  function compareTable(mine) {
    var c = d.compared, theirs = counts(d.ticks(c.s));
    var table = el("table", { "class": "rse-diagnostic__compare" });
    table.appendChild(el("caption", {}, t.compared));
    var head = table.appendChild(el("thead")).appendChild(el("tr"));
    [[t.group], [t["this"], who(d.team.value.trim(), d.date.value)], [t.other, who(c.t || "", c.d)]].forEach(function (h) {
      var th = head.appendChild(el("th", { scope: "col" }, h[0]));
      if (h[1]) { th.appendChild(el("br")); th.appendChild(el("small", {}, h[1])); }
    });
    var body = table.appendChild(el("tbody"));
    d.groups.forEach(function (g) {
      if (!mine[g.id] && !theirs[g.id]) return;
      var tr = body.appendChild(el("tr", { "data-id": g.id }));
      tr.appendChild(el("th", { scope: "row" }, g.label));
      [mine[g.id], theirs[g.id]].forEach(function (n) { tr.appendChild(el("td")).appendChild(presence(n, g.signs)); });
    });
    return table;
  }

  d.render = function (total) {
    var mine = counts(), ranking = d.ranking, line = who(d.team.value.trim(), d.date.value);
    ranking.textContent = "";
    if (line) ranking.appendChild(el("p", { "class": "rse-diagnostic__who" }, line));
    if (d.compared) ranking.appendChild(compareTable(mine));
    d.qr();
    if (!total) {
      d.status.textContent = t.none;
      return;
    }
    var ranked = d.groups
      .filter(function (g) { return mine[g.id] > 0; })
      .sort(function (a, b) { return mine[b.id] / b.signs - mine[a.id] / a.signs || mine[b.id] - mine[a.id] || d.groups.indexOf(a) - d.groups.indexOf(b); });
    var top = ranked[0];
    d.status.textContent = d.plural("summary", total, { total: d.total, top: top.label + " (" + d.plural("count", mine[top.id], { total: top.signs }) + ")" });

    ranking.appendChild(el("h3", { id: "rse-diagnostic-ranked" }, t.ranked));
    var ol = ranking.appendChild(el("ol", { "class": "rse-diagnostic__ranked", "aria-labelledby": "rse-diagnostic-ranked" }));
    var score = {}, answers = {};
    ranked.forEach(function (g) {
      var n = mine[g.id], li = ol.appendChild(el("li", { "data-id": g.id }));
      li.appendChild(el("strong", {}, g.label));
      li.appendChild(document.createTextNode(" — "));
      li.appendChild(presence(n, g.signs));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(cells(n, g.signs));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(links(g.page.getAttribute("href"), g.page.getAttribute("data-print-href"),
                           g.plan.getAttribute("href"), g.plan.getAttribute("data-print-href")));
      g.pillars.forEach(function (id) {
        score[id] = (score[id] || 0) + n;
        (answers[id] = answers[id] || []).push(g.label);
      });
    });

    ranking.appendChild(el("h3", { id: "rse-diagnostic-pillars" }, t.pillars));
    var ul = ranking.appendChild(el("ul", { "class": "rse-diagnostic__pillars", "aria-labelledby": "rse-diagnostic-pillars" }));
    data.pillars
      .filter(function (p) { return score[p.id]; })
      .sort(function (a, b) { return score[b.id] - score[a.id] || data.pillars.indexOf(a) - data.pillars.indexOf(b); })
      .forEach(function (p) {
        var li = ul.appendChild(el("li", { "data-id": p.id }));
        li.appendChild(el("strong", {}, p.label));
        li.appendChild(document.createTextNode(" — " + d.fill(t.pillar_for, { names: answers[p.id].join(", ") }) + " "));
        li.appendChild(links(p.href, p.print, p.href + "#" + data.anchor, p.print && p.print + "#" + data.anchor));
      });
  };

  // the address (or its part after '#') of another result, or nothing to stop comparing
  d.compare = function () {
    var text = other.value.trim(), found = state(d.params(text));
    if (text && !found) {
      d.status.textContent = t.compare_invalid;
      return;
    }
    d.compared = found;
    other.value = "";
    d.update();
  };

  /* ---- the QR code of the published address: the vendored encoder, loaded on demand only ---- */
  var wanted = false;
  // (re)draw it, if it was asked for and the encoder is there: dark on white, quiet zone of 4
  d.qr = function () {
    if (!wanted || !window.qrcode) return;
    var code = window.qrcode(0, "M"), path = "", ns = "http://www.w3.org/2000/svg";
    code.addData(d.shared());
    code.make();
    var n = code.getModuleCount();
    for (var y = 0; y < n; y++) for (var x = 0; x < n; x++) if (code.isDark(y, x)) path += "M" + (x + 4) + " " + (y + 4) + "h1v1h-1z";
    var svg = document.createElementNS(ns, "svg"), shape = svg.appendChild(document.createElementNS(ns, "path"));
    svg.setAttribute("viewBox", "0 0 " + (n + 8) + " " + (n + 8));
    // the address is written beside it
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("shape-rendering", "crispEdges");
    shape.setAttribute("d", path);
    qrBox.textContent = "";
    qrBox.appendChild(svg);
  };
  function withQr(then, again) {
    wanted = true;
    d.load(d.src("vendor/qrcode-generator/qrcode.js"), function () { return window.qrcode; }, function () {
      if (window.qrcode) { d.qr(); then(); return; }
      if (!again) { withQr(then, true); return; }  // a load that failed (a dropped connection): once more
      d.status.textContent = t.qr_failed;
      then();
    });
  }
  d.showQr = function () {
    qrBox.classList.add("rse-diagnostic__qr--shown");
    withQr(function () {});
  };
  // On paper, the QR code of the result: the Print button (and Ctrl+P, rse-diagnostic.js) load the
  // encoder first; a print from the browser's menu draws it if it is there (the address is printed
  // as text in any case).
  d.print = function () { withQr(function () { window.print(); }); };
  window.addEventListener("beforeprint", function () { wanted = true; d.qr(); });
})();
