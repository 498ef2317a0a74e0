/* A workshop plan page (kind 'plan'): a start time typed in the field turns each step's minutes
   into clock times, on screen and on paper, and is kept in the address (?start=09:30), so that a
   printed or shared plan shows the same times. Without JavaScript the plan shows minutes only.
   The presenter view (rse-plan-present.js and .css) loads when its button asks for it, or when the
   address holds the step it was showing (?step=3: a reload keeps the place). */
(function () {
  "use strict";
  var input = document.getElementById("rse-plan-start");
  if (!input) return;
  var clocks = document.querySelectorAll(".rse-plan__clock");
  var TIME = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

  function clock(total) {
    total = ((total % 1440) + 1440) % 1440;  // past midnight: the next day's time
    var h = Math.floor(total / 60), m = total % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }

  function show(value, keep) {
    var match = TIME.exec(value || "");
    var start = match ? Number(match[1]) * 60 + Number(match[2]) : null;
    clocks.forEach(function (el) {
      el.textContent = start === null ? "" : clock(start + Number(el.dataset.offset)) + "–" + clock(start + Number(el.dataset.end));
    });
    document.documentElement.classList.toggle("rse-plan--clock", start !== null);
    if (keep) {
      var url = new URL(window.location.href);
      if (start === null) url.searchParams.delete("start"); else url.searchParams.set("start", match[0]);
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    }
  }

  var given = new URLSearchParams(window.location.search).get("start");
  if (given && TIME.test(given)) input.value = given;
  show(input.value, false);
  input.addEventListener("input", function () { show(input.value, true); });
  input.addEventListener("change", function () { show(input.value, true); });

  // The presenter view: its script and its styles, beside this file, loaded once (from file:// too).
  var me = document.currentScript, button = document.getElementById("rse-plan-present"), loading = false;
  function present(step) {
    if (window.rsePresent) return window.rsePresent.open(step);
    if (loading) return;
    loading = true;
    var waiting = 2, done = function () {
      if (--waiting) return;
      loading = false;
      if (window.rsePresent) window.rsePresent.open(step);
    };
    var css = document.createElement("link"), js = document.createElement("script");
    css.rel = "stylesheet";
    css.href = me.src.replace(/javascripts\/[^/]*$/, "rse-plan-present.css");
    js.src = me.src.replace(/[^/]*$/, "rse-plan-present.js");
    css.onload = css.onerror = js.onload = js.onerror = done;
    document.head.appendChild(css);
    document.head.appendChild(js);
  }
  if (button) button.addEventListener("click", function () { present(0); });
  var step = Number(new URLSearchParams(window.location.search).get("step"));
  if (step >= 1) present(step);
})();
