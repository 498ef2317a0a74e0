/*
 * Search worker shim (see hooks/rse/searchindex.py): loads Material's search worker, named
 * in `?material=`, then makes typed terms go through the language's stemmer.
 *
 * Material appends `*` to every typed term so results come while typing, and Lunr skips
 * the stemmer for wildcard terms: "collaboratif*" never meets the indexed stem "collabor".
 * Here a term with a trailing `*` only is stemmed first ("collaboratif*" -> "collabor*",
 * "réseaux*" -> "réseau*", "networks*" -> "network*"), keeping the prefix search. The
 * stemmer is the search pipeline of the index Material builds (one language per index).
 */
(function () {
  "use strict";

  /* The offline copy (file://, hooks/offline_site.py) runs workers in an iframe (iframe-worker):
     there, this script's own URL is document.currentScript.src, with "?<time>" appended, and
     importScripts loads asynchronously (it returns a promise); in a real worker it is sync. */
  var own = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : self.location.href;
  var name = (new URL(own).searchParams.get("material") || "").split("?")[0];
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name))
    throw new Error("rse-search: unexpected Material worker name " + JSON.stringify(name));
  Promise.resolve(importScripts(new URL(name, own).href)).then(patch);

  function patch() {
  var lunr = self.lunr;
  var pipeline = null;

  /* Remember the search pipeline (the stemmer) of the index Material builds */
  var build = lunr.Builder.prototype.build;
  lunr.Builder.prototype.build = function () {
    var index = build.apply(this, arguments);
    pipeline = index.pipeline;
    return index;
  };

  /* Stem prefix terms before Lunr expands them; other terms are left to Lunr */
  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (c) {
    var match = pipeline && typeof c.term === "string" && !("editDistance" in c) && /^([^*]+)\*$/.exec(c.term);
    if (match) {
      var stems = pipeline.runString(match[1]);
      if (stems.length === 1 && stems[0])
        c.term = stems[0] + "*";
    }
    return clause.call(this, c);
  };
  }
})();
