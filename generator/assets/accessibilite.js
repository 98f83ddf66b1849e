/* Accessibilité de toutes les pages, chargé par extra_javascript.
 * Material enveloppe chaque tableau dans un bloc qui défile horizontalement sur un écran étroit
 * (.md-typeset__scrollwrap) : sans contenu focalisable, ce bloc ne peut pas défiler au clavier
 * (axe-core : scrollable-region-focusable). Un bloc qui déborde reçoit donc tabindex="0", le rôle
 * « region » et un nom (la légende du tableau ou « Tableau »). */
(function () {
  "use strict";

  function label(wrap) {
    var caption = wrap.querySelector("caption");
    return caption && caption.textContent.trim() ? caption.textContent.trim() : "Tableau (défilement horizontal)";
  }

  function focusableTables() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset table");
    Array.prototype.forEach.call(wraps, function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", label(wrap));
      } else if (!scrolls && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  function init() {
    focusableTables();
    window.addEventListener("resize", focusableTables);
  }

  if (document.readyState === "complete") {
    init();
  } else {
    window.addEventListener("load", init);
  }
})();
