/*
 * Search worker shim (see hooks/rse/searchindex.py): loads Material's search worker, named
 * in `?material=`, then
 *
 * 1. folds accents, in the index and in typed terms, in both languages: "hierarchie" finds
 *    "hiérarchie", "reseau" finds "réseau" and "réseau" still does (phones do not add accents).
 *    Folding is a step of the language's Lunr pipelines, placed just before the stemmer: every
 *    indexed word and every typed word is stemmed in its folded form, so both sides meet. The
 *    documents themselves are untouched: results show the original text, and Material's
 *    highlighting (positions in that text, taken before the pipeline) still marks "hiérarchie".
 * 2. makes typed terms go through the language's stemmer. Material appends `*` to every typed
 *    term so results come while typing, and Lunr skips the pipeline for wildcard terms:
 *    "collaboratif*" never meets the indexed stem "collabor". Here a term with a trailing `*`
 *    only is folded and stemmed first ("collaboratif*" -> "collabor*", "réseaux*" -> "reseau*",
 *    "networks*" -> "network*"), keeping the prefix search. The stemmer is the search pipeline
 *    of the index Material builds (one language per index).
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

  /* "Hiérarchie" -> "Hierarchie", "œuvre" -> "oeuvre": NFD, then combining marks dropped */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe").replace(/Œ/g, "OE").replace(/æ/g, "ae").replace(/Æ/g, "AE");
  }

  function patch() {
  var lunr = self.lunr;
  var pipeline = null;

  /* The folding step, registered (Lunr names every pipeline function) and put before the
     stemmer of the index pipeline and of the search pipeline, before the first document */
  function foldToken(token) {
    return token.update(function (text) { return fold(text); });
  }
  lunr.Pipeline.registerFunction(foldToken, "rseFold");
  function insertFold(target) {
    if (target._stack.indexOf(foldToken) !== -1) return;
    var stemmer = target._stack.filter(function (fn) { return /^stemmer/.test(fn.label || ""); })[0];
    if (stemmer) target.before(stemmer, foldToken); else target.add(foldToken);
  }
  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function () {
    insertFold(this.pipeline);
    insertFold(this.searchPipeline);
    return add.apply(this, arguments);
  };

  /* Remember the search pipeline (the stemmer) of the index Material builds */
  var build = lunr.Builder.prototype.build;
  lunr.Builder.prototype.build = function () {
    var index = build.apply(this, arguments);
    pipeline = index.pipeline;
    return index;
  };

  /* Fold every typed term; stem prefix terms before Lunr expands them (other terms go through
     the search pipeline, folding included) */
  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (c) {
    if (typeof c.term === "string") c.term = fold(c.term);
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
