/* « Ouvert maintenant » / « ouvre lundi à 9 h », calculé dans le navigateur depuis les horaires
   OpenStreetMap avec la bibliothèque opening_hours (auto-hébergée sous assets/vendor/, chargée
   seulement quand une recherche a des résultats), à l'heure de Paris, jours fériés français (PH). */
(function () {
  "use strict";
  var script = document.currentScript;
  var DAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre"];
  var loading = null, cache = {};
  var PARIS = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit",
    day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

  function addScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src; s.onload = resolve; s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  function load() {
    if (!loading) {
      var base = new URL(script.getAttribute("data-vendor"), document.baseURI).toString();
      loading = addScript(base + "suncalc/suncalc.js").then(function () {
        return addScript(base + "opening_hours/opening_hours.js");
      });
    }
    return loading;
  }

  // L'heure de Paris comme une date « locale » : opening_hours lit les champs locaux d'une Date.
  function parisNow(now) {
    var p = {};
    PARIS.formatToParts(now || new Date()).forEach(function (part) { p[part.type] = parseInt(part.value, 10); });
    return new Date(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  }

  function hour(d) {
    // « 9 h 30 » sans retour à la ligne possible (espaces insécables), sur les fiches comme dans l'orientation
    return d.getHours() + "\u00a0h" + (d.getMinutes() ? "\u00a0" + String(d.getMinutes()).padStart(2, "0") : "");
  }

  function when(next, now) {
    var a = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    var b = new Date(next.getFullYear(), next.getMonth(), next.getDate());
    var days = Math.round((b - a) / 86400000);
    if (days === 0) { return "à " + hour(next); }
    if (days < 7) { return DAYS[next.getDay()] + " à " + hour(next); }
    return "le " + (next.getDate() === 1 ? "1er" : next.getDate()) + " " + MONTHS[next.getMonth()] + " à " + hour(next);
  }

  function parse(value, lat, lon) {
    if (!(value in cache)) {
      try {
        cache[value] = new window.opening_hours(value, { lat: lat, lon: lon, address: { country_code: "fr", state: "" } });
      } catch (e) {
        cache[value] = null;
      }
    }
    return cache[value];
  }

  /* {open: true|false|null, text} ; null quand les horaires manquent ou ne se lisent pas. */
  function status(value, lat, lon, date) {
    if (!value || !window.opening_hours) { return { open: null, text: "" }; }
    var oh = parse(value, lat, lon);
    if (!oh) { return { open: null, text: "" }; }
    var now = parisNow(date);
    try {
      if (oh.getUnknown(now)) { return { open: null, text: "Horaires à vérifier auprès du lieu" }; }
      var open = oh.getState(now), next = oh.getNextChange(now);
      if (open) { return { open: true, text: "Ouvert maintenant" + (next ? " · ferme " + when(next, now) : "") }; }
      return { open: false, text: next ? "Fermé · ouvre " + when(next, now) : "Fermé" };
    } catch (e) {
      return { open: null, text: "" };
    }
  }

  window.reseauHoraires = { load: load, status: status, parisNow: parisNow, hour: hour };
}());
