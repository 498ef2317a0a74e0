/*
 * Two-language helpers, loaded in <head> before Material's bundle (overrides/main.html).
 *
 * 1. The language switcher keeps the reader on the same section: heading ids are identical
 *    in both twins by convention, so the current #anchor is carried over to the other
 *    language's page (on click, and kept on the links' href for copy / middle-click).
 *
 * 2. Material fetches `sitemap.xml` next to every <link rel="alternate"> of the page to
 *    redirect language links itself. Our hreflang links are absolute (site_url), so that
 *    would mean one request per alternate, to the production host even on a local preview,
 *    and a redirect that drops the #anchor. The site needs no sitemap at runtime (instant
 *    navigation stays off) and never talks to another host: such requests are refused
 *    before they leave the browser; Material then falls back to plain links.
 *
 * 3. A host that serves one 404 page for every missing address (GitHub Pages serves the
 *    French /404.html, see DEPLOY.md) shows the 404 page of the address's language instead:
 *    /en/typo goes to /en/404.html, which puts /en/typo back in the address bar.
 */
(function () {
  "use strict";

  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var target = new URL(String(url), document.baseURI);
    if (target.origin !== location.origin || /\/sitemap\.xml$/.test(target.pathname))
      throw new DOMException("rse-i18n: request not needed by this site: " + target.href, "NotAllowedError");
    return open.apply(this, arguments);
  };

  var notFound = document.querySelector('meta[name="rse-404"]');
  if (notFound) {
    var here = notFound.getAttribute("content");
    var from = new URLSearchParams(location.search).get("rse-from");
    if (from !== null) {
      if (from.indexOf(here) === 0 && from.indexOf("//") === -1)
        history.replaceState(null, "", from);
    } else {
      var roots = (notFound.getAttribute("data-roots") || "").split(" ").filter(Boolean);
      var path = location.pathname + "/";
      var root = roots.filter(function (r) { return path.indexOf(r) === 0; })
        .sort(function (a, b) { return b.length - a.length; })[0];
      if (root && root !== here)
        location.replace(root + "404.html?rse-from=" +
          encodeURIComponent(location.pathname + location.search + location.hash));
    }
  }

  function withHash(href, hash) {
    var url = new URL(href, location.href);
    url.hash = hash;
    return url.href;
  }

  function syncSwitcher() {
    var links = document.querySelectorAll("a.md-select__link[data-rse-switch]");
    for (var i = 0; i < links.length; i++)
      links[i].setAttribute("href", withHash(links[i].getAttribute("href"), location.hash));
  }

  document.addEventListener("DOMContentLoaded", syncSwitcher);
  window.addEventListener("hashchange", syncSwitcher);
  document.addEventListener("click", function (ev) {
    var link = ev.target instanceof Element && ev.target.closest("a.md-select__link[data-rse-switch]");
    if (link) link.setAttribute("href", withHash(link.getAttribute("href"), location.hash));
  }, true);

  /* Keyboard focus leaving search closes it: Material opens search when its field gets the focus,
     and kept its overlay over the page while Tab went on to the links under it (WCAG 2.4.11). */
  document.addEventListener("focusin", function (ev) {
    var toggle = document.getElementById("__search");
    if (!toggle || !toggle.checked || !(ev.target instanceof Element) || ev.target.closest(".md-search")) return;
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
  });
})();
