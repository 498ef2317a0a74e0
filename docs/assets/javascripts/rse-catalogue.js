/* The catalogue of workshop plans (kind 'catalogue'): filters by length, group size, difficulty and
   words of the signs, without leaving the page; the filters are kept in the address
   (?duration=90&group=8&difficulty=easy&words=word), so a filtered list can be shared or bookmarked.
   Without JavaScript the form stays hidden and the whole table shows. */
(function () {
  "use strict";
  var form = document.getElementById("rse-catalogue-filters");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll(".rse-catalogue__row"));
  var count = document.getElementById("rse-catalogue-count");
  var template = JSON.parse(form.dataset.count || "{}");
  var fields = ["duration", "group", "difficulty", "words"];  // not "q": Material opens its search with it

  function fold(text) {  // case and accents do not matter: "equipe" finds "équipe"
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function apply(keep) {
    var duration = Number(form.elements.duration.value) || 0;
    var group = Number(form.elements.group.value) || 0;
    var difficulty = form.elements.difficulty.value;
    var words = fold(form.elements.words.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = fold(row.textContent);
      var ok = (!duration || Number(row.dataset.duration) <= duration) &&
        (!group || (Number(row.dataset.min) <= group && group <= Number(row.dataset.max))) &&
        (!difficulty || row.dataset.difficulty === difficulty) &&
        words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = (shown === rows.length ? template.all : template.some || "")
      .replace("{n}", String(shown)).replace("{total}", String(rows.length));
    if (keep) {
      var url = new URL(window.location.href);
      fields.forEach(function (name) {
        var value = form.elements[name].value.trim();
        if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
      });
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    }
  }

  var params = new URLSearchParams(window.location.search);
  fields.forEach(function (name) {
    var value = params.get(name);
    if (value !== null) form.elements[name].value = value;
  });
  form.hidden = false;
  form.addEventListener("input", function () { apply(true); });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply(false);
})();
