/* « Ouvert maintenant » et horaires du jour sur une fiche structure : n'agit que si la page
   contient <p class="fiche-ouvert" data-horaires="…"> (horaires OpenStreetMap de la fiche).
   Calculé dans le navigateur, à l'heure de Paris, avec la bibliothèque opening_hours
   auto-hébergée dans assets/vendor/ (chargée seulement sur ces pages, par orientation-horaires.js ;
   jours fériés français).
   Sans JavaScript, ou si les horaires sont illisibles, le paragraphe reste caché : la fiche
   donne toujours les horaires en toutes lettres. Texte écrit avec textContent. */
(function () {
  "use strict";
  var script = document.currentScript;
  var DAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
  // L'heure de Paris, l'écriture « 9 h 30 » et le chargement d'opening_hours viennent de
  // orientation-horaires.js (window.reseauHoraires), le module de l'orientation : une seule version.
  var H = null;

  function hour(d) { return H.hour(d); }

  function sameDay(a, b) {
    return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  }

  function todayText(oh, now) {
    var start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    var end = new Date(start.getTime() + 864e5);
    var spans = oh.getOpenIntervals(start, end).map(function (iv) {
      var to = iv[1].getTime() >= end.getTime() ? "minuit" : hour(iv[1]);
      return hour(iv[0]) + " – " + to;
    });
    return "Aujourd'hui : " + (spans.length ? spans.join(" et ") : "fermé") + ".";
  }

  function stateText(oh, now) {
    var next = oh.getNextChange(now);
    if (oh.getState(now)) {
      return "Ouvert maintenant" + (next ? ", jusqu'à " + hour(next) : "") + ".";
    }
    if (!next) { return "Fermé maintenant."; }
    var day = sameDay(next, now) ? "aujourd'hui" : DAYS[next.getDay()];
    return "Fermé maintenant — ouvre " + day + " à " + hour(next) + ".";
  }

  function fill(p) {
    var now = H.parisNow();
    var lat = parseFloat(p.getAttribute("data-lat")), lon = parseFloat(p.getAttribute("data-lon"));
    var where = { lat: isFinite(lat) ? lat : 46.6, lon: isFinite(lon) ? lon : 2.4, address: { country_code: "fr", state: "" } };
    var oh;
    try { oh = new window.opening_hours(p.getAttribute("data-horaires"), where); } catch (e) { return; }
    var state = document.createElement("strong");
    state.textContent = stateText(oh, now);
    var today = document.createElement("span");
    today.textContent = " " + todayText(oh, now);
    p.textContent = "";
    p.appendChild(state);
    p.appendChild(today);
    p.setAttribute("data-etat", oh.getState(now) ? "ouvert" : "ferme");
    p.hidden = false;
  }

  function start() {
    var items = document.querySelectorAll(".fiche-ouvert[data-horaires]");
    if (!items.length || !script) { return; }
    var go = function () {
      H = window.reseauHoraires;
      H.load().then(function () { Array.prototype.forEach.call(items, fill); });
    };
    if (window.reseauHoraires) { go(); return; }
    var js = document.createElement("script");
    js.src = script.src.replace(/ouvert-maintenant\.js(\?.*)?$/, "orientation-horaires.js");
    js.setAttribute("data-vendor", script.src.replace(/ouvert-maintenant\.js(\?.*)?$/, "vendor/"));
    js.onload = go;
    document.head.appendChild(js);
  }

  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(start); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
