/* Mini-carte des fiches structure : n'agit que si la page contient
   <div class="mini-carte" data-lat="…" data-lon="…">. Leaflet (auto-hébergé dans
   assets/vendor/) n'est chargé que sur ces pages. */
(function () {
  "use strict";
  var script = document.currentScript;
  var IGN = "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0" +
    "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png" +
    "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}";

  function draw(div) {
    var lat = parseFloat(div.getAttribute("data-lat"));
    var lon = parseFloat(div.getAttribute("data-lon"));
    if (!isFinite(lat) || !isFinite(lon) || div.getAttribute("data-carte") === "ok") { return; }
    div.setAttribute("data-carte", "ok");
    var flag = div.getAttribute("data-approximate") || div.getAttribute("data-approx") || "";
    var approx = flag === "oui" || flag === "true" || flag === "1";
    var map = L.map(div, { keyboard: false, scrollWheelZoom: false, zoomControl: true, attributionControl: true })
      .setView([lat, lon], approx ? 12 : 15);
    var tiles = L.tileLayer(IGN, { maxZoom: 19, attribution: "© IGN – Géoplateforme" });
    tiles.addTo(map);
    L.circleMarker([lat, lon], { radius: 9, color: "#fff", weight: 2, fillColor: "#0072B2", fillOpacity: 1 })
      .addTo(map);
    if (!div.getAttribute("role")) { div.setAttribute("role", "region"); }
    if (!div.getAttribute("aria-label")) {
      div.setAttribute("aria-label", approx ? "Carte : position approximative (mairie de la commune)" : "Carte : emplacement du lieu");
    }
  }

  function start() {
    var divs = document.querySelectorAll(".mini-carte[data-lat][data-lon]");
    if (!divs.length || !script) { return; }
    var base = script.src.replace(/mini-carte\.js(\?.*)?$/, "vendor/leaflet/");
    var go = function () { Array.prototype.forEach.call(divs, draw); };
    if (window.L && window.L.map) { go(); return; }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = base + "leaflet.css";
    document.head.appendChild(css);
    var js = document.createElement("script");
    js.src = base + "leaflet.js";
    js.onload = go;
    document.head.appendChild(js);
  }

  if (document.readyState !== "loading") { start(); } else { document.addEventListener("DOMContentLoaded", start); }
}());
