/* The team diagnostic (docs/diagnostic.*.md, <!-- rse:diagnostic -->): what its first visit loads.
 *
 * The server-side page is a form of checkboxes, one per sign, that prints as a blank checklist.
 * This script keeps the state in the page's address, #s=<page id>.<hex mask>,...&t=<team>&d=<date>
 * (sign i of a page is bit i of its mask, so adding a page or a sign keeps old addresses valid;
 * cs, ct, cd: the same for a result to compare with) and the count in the bar at the bottom of the
 * screen. The result (ranking, pillars, comparison, QR code) is drawn by rse-diagnostic-result.js,
 * beside this file, loaded once there is something to show (a tick, a team, a date, an address
 * holding them) or a button asks for it: a blank first visit stays under 80 KB. The address shared,
 * printed and encoded is the published one (data.address), also from ./dev serve or the offline
 * copy. Nothing is sent or stored anywhere.
 */
(function () {
  "use strict";
  var form = document.getElementById("rse-diagnostic");
  // the page's data, JSON (overrides/rse/diagnostic.html)
  var raw = form && form.getAttribute("data-diagnostic");
  if (!raw) return;
  var $ = function (id) { return document.getElementById(id); };
  var data = JSON.parse(raw), t = data.t, me = document.currentScript;
  var d = window.rseDiagnostic = {
    data: data, t: t, form: form, status: $("rse-diagnostic-status"), ranking: $("rse-diagnostic-ranking"),
    // {s, t, d} or null
    team: $("rse-diagnostic-team"), date: $("rse-diagnostic-date"), compared: null,
    // a file beside this one (works from file:// too): the result's script, the vendored QR encoder
    src: function (path) { return me.src.replace(/javascripts\/[^/]*$/, path); }
  };
  var address = $("rse-diagnostic-address"), count = $("rse-diagnostic-count");
  // on paper, under the result
  var printed = document.querySelector(".rse-diagnostic__printed-link");

  // Each contrast and approach: its id, label, links and boxes, read from its fieldset.
  d.groups = data.pages.map(function (p) {
    var fs = $("diag-" + p.id), links = fs.querySelectorAll(".rse-diagnostic__page a");
    var boxes = [].slice.call(fs.querySelectorAll("input"));
    boxes.forEach(function (box, i) { box.value = p.id + "." + i; });
    return { id: p.id, pillars: p.pillars, fs: fs, boxes: boxes, signs: boxes.length,
             label: fs.querySelector("legend").lastChild.textContent.trim(), page: links[0], plan: links[1] };
  });
  var boxes = [].concat.apply([], d.groups.map(function (g) { return g.boxes; }));
  d.total = boxes.length;

  d.fill = function (template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  };
  // the language's own rule: in French, 0 and 1 take the singular ("0 signe sur 4")
  var rule = new Intl.PluralRules(document.documentElement.lang);
  d.plural = function (key, n, values) {
    values.n = n;
    return d.fill(t[key + (rule.select(n) === "one" ? ".one" : ".many")], values);
  };

  /* ---- state <-> address ---- */
  d.params = function (hash) {
    var out = {};
    hash.replace(/^.*?#/, "").split("&").forEach(function (part) {
      var i = part.indexOf("=");
      if (i > 0) try { out[part.slice(0, i)] = decodeURIComponent(part.slice(i + 1)); } catch (e) { /* not ours */ }
    });
    return out;
  };
  // "invitation.1,injonction.6" -> {"invitation.0": true, "injonction.1": true, ...}
  d.ticks = function (s) {
    var ticked = {};
    (s || "").split(",").forEach(function (part) {
      var m = /^([a-z0-9-]+)\.([0-9a-f]{1,8})$/.exec(part);
      if (!m) return;
      for (var i = 0, mask = parseInt(m[2], 16); i < 32; i++) if (mask & (1 << i)) ticked[m[1] + "." + i] = true;
    });
    return ticked;
  };
  d.isDate = function (day) { return /^\d{4}-\d\d-\d\d$/.test(day || ""); };

  function fragment() {
    var parts = [], c = d.compared || {};
    var add = function (key, value) { if (value) parts.push(key + "=" + encodeURIComponent(value).replace(/%2C/g, ",")); };
    add("s", d.groups.map(function (g) {
      var mask = 0;
      g.boxes.forEach(function (box, i) { if (box.checked) mask |= 1 << i; });
      return mask ? g.id + "." + (mask >>> 0).toString(16) : "";
    }).filter(Boolean).join(","));
    add("t", d.team.value.trim()); add("d", d.isDate(d.date.value) && d.date.value);
    add("cs", c.s); add("ct", c.t); add("cd", c.d);
    return parts.join("&");
  }
  // the published address of this result
  d.shared = function () {
    var hash = fragment();
    return (data.address || location.href.split("#")[0]) + (hash ? "#" + hash : "");
  };

  /* ---- the result script, loaded once needed ---- */
  var waiting = null;
  // run then() once ready() (a script of src loaded, or failed)
  d.load = function (src, ready, then) {
    if (ready()) return then();
    var queue = d.load[src];
    if (!queue) {
      queue = d.load[src] = [];
      var script = document.createElement("script");
      script.src = src;
      // The slot is freed before the waiting callbacks run: one that tries again (a failed load) starts a new load.
      script.onload = script.onerror = function () { d.load[src] = null; queue.splice(0).forEach(function (run) { run(); }); };
      document.head.appendChild(script);
    }
    queue.push(then);
  };
  function withResult(then) {
    d.load(d.src("javascripts/rse-diagnostic-result.js"), function () { return d.render; }, function () { if (d.render) then(); });
  }

  d.update = function () {
    var hash = fragment();
    history.replaceState(null, "", location.pathname + location.search + (hash ? "#" + hash : ""));
    render();
  };
  function render() {
    var ticked = 0;
    d.groups.forEach(function (g) {
      var n = g.boxes.filter(function (box) { return box.checked; }).length;
      ticked += n;
      g.fs.classList.toggle("rse-diagnostic__group--ticked", n > 0);
    });
    count.textContent = ticked ? d.plural("bar", ticked, {}) : t.none;
    address.value = printed.textContent = d.shared();
    var shown = ticked || d.team.value.trim() || d.date.value || d.compared;
    document.body.classList.toggle("rse-diagnostic--has-result", !!shown);
    if (shown) return withResult(function () { d.render(ticked); });
    d.ranking.textContent = "";
    d.status.textContent = t.none;
    if (d.qr) d.qr();
  }

  function restore() {
    var p = d.params(location.hash), ticked = d.ticks(p.s);
    boxes.forEach(function (box) { box.checked = !!ticked[box.value]; });
    d.team.value = p.t || "";
    d.date.value = d.isDate(p.d) ? p.d : "";
    // the result compared with, {s, t, d}, its state as written in its own address
    d.compared = p.cs || p.ct || p.cd ? { s: p.cs, t: p.ct, d: p.cd } : null;
    render();
  }

  form.addEventListener("input", d.update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  // an anchor (#signes) keeps the state
  window.addEventListener("hashchange", function () {
    if (!location.hash || /[#&](s|t|d|cs|ct|cd)=/.test(location.hash)) restore(); else d.update();
  });
  // The bar's link scrolls to the result without putting an anchor in the address, where the state is.
  $("rse-diagnostic-to-result").addEventListener("click", function (event) {
    var title = $("rse-diagnostic-result-title");
    event.preventDefault();
    title.tabIndex = -1;
    $("rse-diagnostic-result").scrollIntoView();
    title.focus({ preventScroll: true });
  });
  $("rse-diagnostic-copy").addEventListener("click", function () {
    var done = function () { d.status.textContent = t.copied; };
    var failed = function () { address.focus(); address.select(); d.status.textContent = t.copy_failed; };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(address.value).then(done, failed);
    else failed();
  });
  $("rse-diagnostic-clear").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    d.update();
  });
  // The buttons of the result's script: QR code, comparison, printing (with the QR code); Ctrl+P
  // with a result prints as the Print button does, once the QR code is drawn.
  [["qr-show", "showQr"], ["compare", "compare"], ["print", "print"]].forEach(function (b) {
    $("rse-diagnostic-" + b[0]).addEventListener("click", function () { withResult(function () { d[b[1]](); }); });
  });
  window.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key === "p" && !window.qrcode && document.body.classList.contains("rse-diagnostic--has-result")) {
      event.preventDefault();
      withResult(function () { d.print(); });
    }
  });

  document.querySelector(".rse-diagnostic__share").hidden = false;
  restore();
})();
