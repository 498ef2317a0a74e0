/* The card deck (kind 'cards'): a checkbox on each card and a number of copies choose what is
   printed. The chosen cards, the choice repeated as many times as asked, are laid out four per
   sheet in .rse-print (a sheet of fronts, then a sheet of their backs, which rse-cards.css
   mirrors), and rse-cards.css prints that instead of the deck. The choice lives in the address
   (?cards=invitation,controle&copies=3) to bookmark or share. Without JavaScript the form is not
   shown (rse-cards.css) and the whole deck prints once. Kept short: its bytes are part of the page's first visit. */
(() => {
  "use strict";
  const deck = document.querySelector(".rse-deck"), form = deck && deck.querySelector(".rse-pick");
  if (!form) return;
  const $ = (s, el = form) => el.querySelector(s), all = (s, el = deck) => [...el.querySelectorAll(s)];
  const out = $(".rse-print", deck), counts = all("b", $(".rse-pick__count")), copies = form.elements.copies,
    proto = $(".rse-card__pick"), fronts = all(".rse-pair .rse-card--front"), backs = all(".rse-pair .rse-card--back"),
    box = {}, MAX = 50;
  proto.remove();
  fronts.forEach((card) => {
    const pick = proto.cloneNode(true), input = box[card.dataset.id] = $("input", pick);
    input.setAttribute("aria-describedby", "card-" + card.dataset.id);  // which card: its label
    card.append(pick);
  });
  copies.min = 1;
  copies.max = MAX;

  // One side of a sheet for print: copies of the cards without ids (the deck's) or checkbox.
  const sheet = (side, cards) => {
    const s = document.createElement("section");
    s.className = "rse-sheet rse-sheet--" + side;
    for (const card of cards) {
      const c = card.cloneNode(true);
      c.removeAttribute("aria-labelledby");
      all("[id]", c).forEach((el) => el.removeAttribute("id"));
      all(".rse-card__pick", c).forEach((el) => el.remove());
      s.append(c);
    }
    return s;
  };

  const update = (keep) => {
    const n = Math.min(MAX, Math.max(1, parseInt(copies.value, 10) || 1)), sheets = [];
    const on = (card) => box[card.dataset.id].checked, chosen = fronts.filter(on);
    const picked = chosen.length < fronts.length || n > 1;
    const list = Array(n).fill(chosen).flat();
    for (const card of [...fronts, ...backs]) card.classList.toggle("rse-card--off", !on(card));
    counts[0].textContent = list.length;
    counts[1].textContent = Math.ceil(list.length / 4);
    $(".rse-pick__print").disabled = !list.length;
    for (let i = 0; picked && i < list.length; i += 4) {
      const group = list.slice(i, i + 4);
      sheets.push(sheet("front", group), sheet("back", group.map((f) => backs[fronts.indexOf(f)])));
    }
    out.replaceChildren(...sheets);
    deck.classList.toggle("rse-deck--picked", picked);
    if (keep) {
      const query = [];
      if (chosen.length < fronts.length) query.push("cards=" + chosen.map((f) => f.dataset.id).join(","));
      if (n > 1) query.push("copies=" + n);
      history.replaceState(null, "", location.pathname + (query.length ? "?" + query.join("&") : "") + location.hash);
    }
  };

  const given = new URLSearchParams(location.search), ids = given.get("cards");
  if (ids !== null) fronts.forEach((f) => { box[f.dataset.id].checked = ids.split(",").includes(f.dataset.id); });
  copies.value = given.get("copies") || 1;
  update(false);
  deck.addEventListener("change", () => update(true));  // the checkboxes are on the cards, outside the form
  copies.addEventListener("input", () => update(true));
  form.addEventListener("submit", (e) => e.preventDefault());
  const tick = (value) => () => { fronts.forEach((f) => { box[f.dataset.id].checked = value; }); update(true); };
  $(".rse-pick__all").onclick = tick(true);
  $(".rse-pick__none").onclick = tick(false);
  $(".rse-pick__print").onclick = () => print();
})();
