/* The presenter view of a workshop plan (kind 'plan'), loaded by rse-plan.js when its button asks
   for it or the address holds ?step=N. It shows one step at a time over the whole window, in large
   type: its number and place, minutes and clock times, what to do, say and watch for, a countdown
   of its minutes (no sound; it shows when time is up), and the next step's name.

   Everything it shows is read from the page: the steps from the plan's table (.rse-plan__steps:
   minutes from data-offset/data-end, the clock times rse-plan.js wrote, each step's title
   (.rse-plan__name; a break: its label) and texts), its words from
   the hidden #rse-present block (overrides/rse/plan.html, strings in hooks/rse/ui.yml, typeset by
   the build). Keys: → Space PageDown next, ← PageUp previous, Home End, P or K start/pause the
   countdown, Escape leaves. The step is kept in the address (?step=3, beside ?start=); the
   countdown is not. */
(function () {
  "use strict";
  var box = document.getElementById("rse-present");
  var rows = [].slice.call(document.querySelectorAll(".rse-plan__steps tbody tr"));
  if (!box || !rows.length) return;
  var $ = function (name) { return box.querySelector(".rse-present__" + name); };
  var title = $("title"), status = $("status"), over = $("over").textContent;
  title.setAttribute("aria-level", "2");  // role="heading" in the template; the sanitizer allows no aria-level there
  function text(el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; }

  var steps = rows.map(function (row) {
    var clock = row.querySelector(".rse-plan__clock");
    return {
      clock: clock, minutes: Number(clock.dataset.end) - Number(clock.dataset.offset),
      span: row.querySelector(".rse-plan__span").textContent,
      title: text(row.querySelector(".rse-plan__name") || row.querySelector("td")), rest: text(row.querySelector(".rse-plan__text")),
      notes: row.querySelectorAll(".rse-plan__say, .rse-plan__watch")
    };
  });
  var index = 0, opener = null, inert = [], tick = null;
  // The countdown: ms left when last started or paused, and when that was.
  var timer = { running: false, started: false, left: 0, at: 0, over: false };

  function two(n) { return (n < 10 ? "0" : "") + n; }
  function left() { return timer.running ? timer.left - (Date.now() - timer.at) : timer.left; }
  function draw() {
    var ms = left(), late = ms <= 0;
    var s = late ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
    $("time").textContent = (late ? "+" : "") + two(Math.floor(s / 60)) + ":" + two(s % 60);
    box.classList.toggle("rse-present--over", late);
    box.classList.toggle("rse-present--idle", !timer.started);
    box.classList.toggle("rse-present--running", timer.running);
    box.classList.toggle("rse-present--paused", timer.started && !timer.running);
    if (late && !timer.over) status.textContent = over;  // said once per step
    timer.over = late;
  }
  function run() {
    clearInterval(tick);
    tick = timer.running && !box.hidden ? setInterval(draw, 250) : null;
    draw();
  }
  function toggle() {
    if (timer.running) timer.left = left();
    timer.at = Date.now();
    timer.running = !timer.running;
    timer.started = true;
    run();
  }

  function keep(step) {
    var url = new URL(window.location.href);
    if (step) url.searchParams.set("step", step); else url.searchParams.delete("step");
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  // Step i (from 0): shown, its countdown set to its minutes (still running if it was), kept in the address.
  function show(i) {
    index = Math.max(0, Math.min(steps.length - 1, i));
    var step = steps[index], next = steps[index + 1], notes = $("notes");
    $("n").textContent = (index + 1) + "/" + steps.length;
    $("span").textContent = step.span;
    $("clock").textContent = step.clock.textContent;
    title.textContent = step.title;
    $("do").textContent = step.rest;
    notes.textContent = "";
    [].forEach.call(step.notes, function (p) { notes.appendChild(p.cloneNode(true)); });
    $("next-title").textContent = next ? next.title : "";
    box.classList.toggle("rse-present--last", !next);
    $("prev").setAttribute("aria-disabled", String(index === 0));
    $("next").setAttribute("aria-disabled", String(!next));
    $("step").scrollTop = 0;
    timer.left = step.minutes * 60000;
    timer.at = Date.now();
    timer.started = timer.running;
    timer.over = false;
    status.textContent = [$("word").textContent, index + 1, $("of").textContent, steps.length, "—", step.title].join(" ");
    keep(index + 1);
    run();
  }
  function go(i) {  // at either end, nothing moves (the countdown is not reset)
    if (i >= 0 && i < steps.length && i !== index) show(i);
  }

  function open(step) {
    if (box.hidden) {
      opener = document.activeElement;
      document.body.appendChild(box);  // out of the page, whose every other part is inert while it shows
      inert = [].filter.call(document.body.children, function (el) { return el !== box && !el.inert; });
      inert.forEach(function (el) { el.inert = true; });
      document.documentElement.classList.add("rse-presenting");
      box.hidden = false;
      window.addEventListener("keydown", keys, true);
      box.focus();
    }
    show(step >= 1 ? Math.floor(step) - 1 : index);
  }
  function close() {
    box.hidden = true;
    inert.forEach(function (el) { el.inert = false; });
    inert = [];
    document.documentElement.classList.remove("rse-presenting");
    window.removeEventListener("keydown", keys, true);
    run();  // stops redrawing; a running countdown keeps its time for the next opening
    keep(0);
    (opener && opener !== document.body && document.contains(opener) ? opener : document.getElementById("rse-plan-present")).focus();
  }

  // Captured before Material's own shortcuts (its 'p' and 'n' change pages), which never see a key while the view shows.
  function keys(e) {
    e.stopPropagation();
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var k = e.key, onButton = e.target.closest && e.target.closest("button");
    if (k === "ArrowRight" || k === "PageDown" || (k === " " && !onButton)) go(index + 1);
    else if (k === "ArrowLeft" || k === "PageUp") go(index - 1);
    else if (k === "Home") go(0);
    else if (k === "End") go(steps.length - 1);
    else if (/^[pk]$/i.test(k)) toggle();
    else if (k === "Escape") close();
    else return;
    e.preventDefault();
  }
  $("prev").addEventListener("click", function () { go(index - 1); });
  $("next").addEventListener("click", function () { go(index + 1); });
  $("toggle").addEventListener("click", toggle);
  $("leave").addEventListener("click", close);

  window.rsePresent = { open: open };
})();
