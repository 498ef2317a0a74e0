/* iframe-worker 1.0.4's set-up of the iframe a worker runs in (see shim.js beside this file, MIT
   licence): the original writes this inline; here it is loaded by address, so that the site's
   Content-Security-Policy runs no inline script. The worker's address is the iframe's data-url. */
"use strict";
window.postMessage = function (s, n) { parent.postMessage(s, n || "*"); };
window.importScripts = function (...s) {
  return s.reduce(function (n, e) {
    return n.then(function () {
      return new Promise(function (r) { var t = document.createElement("script"); t.src = e; t.onload = r; document.body.appendChild(t); });
    });
  }, Promise.resolve());
};
addEventListener("error", function (event) {
  parent.dispatchEvent(new ErrorEvent("error", { filename: frameElement.getAttribute("data-url"), error: event.error }));
});
/* Material's search worker finds its own address as the iframe's first script[src]: leave it that place. */
document.currentScript.remove();
