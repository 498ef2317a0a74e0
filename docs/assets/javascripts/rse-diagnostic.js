/* The team diagnostic (docs/diagnostic.*.md, <!-- rse:diagnostic -->).
 *
 * The server-side page is a form of checkboxes, one per sign, that prints as a blank checklist.
 * This script keeps the ticks in the page's address (#s=<page id>.<hex mask>,...: sign i of a page
 * is bit i of its mask, so adding a page or a sign keeps old addresses valid), ranks the contrasts
 * and approaches by ticked signs, and names the pillars that answer them (the data is embedded by
 * the template from the same site data as the matrix). Nothing is sent or stored anywhere.
 */
(function () {
  "use strict";
  var form = document.getElementById("rse-diagnostic");
  var raw = form && form.getAttribute("data-diagnostic");  // the page's data, JSON (overrides/rse/diagnostic.html)
  if (!raw) return;
  var data = JSON.parse(raw);
  var t = data.t;
  var status = document.getElementById("rse-diagnostic-status");
  var ranking = document.getElementById("rse-diagnostic-ranking");
  var share = document.querySelector(".rse-diagnostic__share");
  var address = document.getElementById("rse-diagnostic-address");
  var printed = document.querySelector(".rse-diagnostic__printed-link");  // on paper, under the result
  var pillarsById = {};
  data.pillars.forEach(function (p) { pillarsById[p.id] = p; });
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="sign"]'));

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  function plural(key, n, values) {
    values.n = n;
    return fill(t[key + (n === 1 ? ".one" : ".many")], values);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* ---- state <-> address ---- */
  function readState() {
    var match = /(?:^#|&)s=([^&]*)/.exec(location.hash);
    var ticked = {};
    if (!match) return ticked;
    decodeURIComponent(match[1]).split(",").forEach(function (part) {
      var m = /^([a-z0-9-]+)\.([0-9a-f]{1,8})$/.exec(part);
      if (!m) return;
      var mask = parseInt(m[2], 16);
      for (var i = 0; i < 32; i++) if (mask & (1 << i)) ticked[m[1] + "." + i] = true;
    });
    return ticked;
  }

  function encodeState() {
    var masks = {}, order = [];
    boxes.forEach(function (box) {
      if (!box.checked) return;
      var parts = box.value.split("."), id = parts[0], i = Number(parts[1]);
      if (!(id in masks)) { masks[id] = 0; order.push(id); }
      masks[id] |= 1 << i;
    });
    return order.map(function (id) { return id + "." + (masks[id] >>> 0).toString(16); }).join(",");
  }

  function writeState() {
    var encoded = encodeState();
    var url = location.pathname + location.search + (encoded ? "#s=" + encoded : "");
    history.replaceState(null, "", url);
    address.value = printed.textContent = location.href;
  }

  /* ---- the result ---- */
  function compute() {
    var counts = {}, total = 0;
    boxes.forEach(function (box) {
      var id = box.value.split(".")[0];
      counts[id] = (counts[id] || 0) + (box.checked ? 1 : 0);
      if (box.checked) total += 1;
    });
    var ranked = data.pages
      .map(function (p, index) { return { page: p, n: counts[p.id] || 0, index: index }; })
      .filter(function (r) { return r.n > 0; })
      .sort(function (a, b) { return b.n / b.page.signs - a.n / a.page.signs || b.n - a.n || a.index - b.index; });
    var pillarScore = {}, pillarFor = {};
    ranked.forEach(function (r) {
      r.page.pillars.forEach(function (id) {
        pillarScore[id] = (pillarScore[id] || 0) + r.n;
        (pillarFor[id] = pillarFor[id] || []).push(r.page.label);
      });
    });
    var pillars = data.pillars
      .filter(function (p) { return pillarScore[p.id]; })
      .sort(function (a, b) { return pillarScore[b.id] - pillarScore[a.id] || data.pillars.indexOf(a) - data.pillars.indexOf(b); });
    return { total: total, ranked: ranked, pillars: pillars, pillarFor: pillarFor };
  }

  function links(p) {
    var span = el("span", { "class": "rse-diagnostic__links" });
    span.appendChild(el("a", { href: p.href }, t.page));
    span.appendChild(document.createTextNode(" · "));
    span.appendChild(el("a", { href: p.href + "#" + data.anchor }, t.plan));
    return span;
  }

  function render() {
    var result = compute();
    var all = boxes.length;
    ranking.textContent = "";
    form.querySelectorAll("fieldset[data-id]").forEach(function (fs) {
      fs.classList.toggle("rse-diagnostic__group--ticked", !!fs.querySelector("input:checked"));
    });
    if (!result.total) {
      status.textContent = t.none;
      document.body.classList.remove("rse-diagnostic--has-result");
      return;
    }
    document.body.classList.add("rse-diagnostic--has-result");
    var top = result.ranked[0];
    status.textContent = plural("summary", result.total, { total: all, top: top.page.label + " (" + plural("count", top.n, { total: top.page.signs }) + ")" });

    ranking.appendChild(el("h3", { id: "rse-diagnostic-ranked" }, t.ranked));
    var ol = el("ol", { "class": "rse-diagnostic__ranked", "aria-labelledby": "rse-diagnostic-ranked" });
    result.ranked.forEach(function (r) {
      var li = el("li", { "data-id": r.page.id });
      var meter = el("meter", { min: "0", max: String(r.page.signs), value: String(r.n), "aria-hidden": "true" });
      li.appendChild(el("strong", {}, r.page.label));
      li.appendChild(document.createTextNode(" — " + plural("count", r.n, { total: r.page.signs }) + " "));
      li.appendChild(meter);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(links(r.page));
      ol.appendChild(li);
    });
    ranking.appendChild(ol);

    ranking.appendChild(el("h3", { id: "rse-diagnostic-pillars" }, t.pillars));
    var ul = el("ul", { "class": "rse-diagnostic__pillars", "aria-labelledby": "rse-diagnostic-pillars" });
    result.pillars.forEach(function (p) {
      var li = el("li", { "data-id": p.id });
      li.appendChild(el("strong", {}, p.label));
      li.appendChild(document.createTextNode(" — " + fill(t.pillar_for, { names: result.pillarFor[p.id].join(", ") }) + " "));
      li.appendChild(links(p));
      ul.appendChild(li);
    });
    ranking.appendChild(ul);
  }

  /* ---- wiring ---- */
  function restore() {
    var ticked = readState();
    boxes.forEach(function (box) { box.checked = !!ticked[box.value]; });
    address.value = printed.textContent = location.href;
    render();
  }

  form.addEventListener("change", function () { writeState(); render(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("hashchange", restore);

  document.getElementById("rse-diagnostic-copy").addEventListener("click", function () {
    var done = function () { status.textContent = t.copied; };
    var failed = function () { address.focus(); address.select(); status.textContent = t.copy_failed; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(address.value).then(done, failed);
    } else {
      failed();
    }
  });
  document.getElementById("rse-diagnostic-clear").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    writeState();
    render();
  });
  document.getElementById("rse-diagnostic-print").addEventListener("click", function () { window.print(); });

  share.hidden = false;
  restore();
})();
