/* Outils DOM partagés par carte.js, carte-couverture.js et orientation.js (chargé avant eux) :
   le texte est toujours inséré avec textContent, jamais interprété comme HTML. */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  window.reseauDom = { el: el, ready: ready };
}());
