/* /recherche/ : Pagefind's search interface (index in ../pagefind/, fetched piece by piece).
   External file: the page CSP admits no inline script. Texts come from Pagefind's French
   translations (chosen from <html lang="fr">). « ?q=mot » in the address runs a search at once. */
(function () {
  "use strict";

  function start() {
    var root = document.getElementById("recherche");
    if (!root) return;
    if (typeof window.PagefindUI !== "function") {
      var p = document.createElement("p");
      p.className = "recherche-sans-js";
      p.textContent = "L'index de recherche est absent de ce site : il est écrit à la fin de la construction " +
        "(« mkdocs build »). Consultez l'annuaire des lieux en attendant.";
      root.appendChild(p);
      return;
    }
    // A large site's index comes in parts (pagefind/parties.json, written at the build):
    // Pagefind merges them into one list of results.
    var script = document.querySelector('script[src$="pagefind/pagefind-ui.js"]');
    // an absolute path: Pagefind fetches the parts from its worker, where relative paths differ
    var bundle = script ? new URL(script.src, window.location.href).pathname.replace(/pagefind-ui\.js$/, "") : "/pagefind/";
    // never from a cache: after a rebuild with fewer parts, a stale list would name a missing one
    fetch(bundle + "parties.json?ts=" + Date.now(), { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : []; })
      .catch(function () { return []; })
      .then(function (parts) {
        var merged = (Array.isArray(parts) ? parts : []).filter(function (name) {
          return typeof name === "string" && /^partie-[0-9]+$/.test(name);
        }).map(function (name) { return { bundlePath: bundle + name + "/" }; });
        build(root, merged);
      });
  }

  function build(root, merged) {
    var ui = new window.PagefindUI({
      element: "#recherche",
      showSubResults: true,
      showImages: false,
      autofocus: true,
      excerptLength: 24,
      mergeIndex: merged
    });
    var field = root.querySelector("input.pagefind-ui__search-input");
    if (field) field.id = "recherche-champ";  // the visible <label for> of the page names the field
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
