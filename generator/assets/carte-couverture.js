/* Carte de couverture : polygones des communes colorés selon la distance au lieu le plus
   proche ; un jeu de distances par option (toutes les structures, service, dispositif).
   Les infobulles sont construites avec textContent. */
(function () {
  "use strict";

  var el = window.reseauDom.el, ready = window.reseauDom.ready;

  var fmt = new Intl.NumberFormat("fr-FR");
  function km(h) { return h < 0 ? "aucun lieu" : (h / 100).toFixed(1).replace(".", ",") + "\u00a0km"; }
  function pct(x) { return (x * 100).toFixed(1).replace(".", ",") + "\u202f%"; }

  ready(function () {
    var source = document.getElementById("couverture-donnees");
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    var map = window[data.map];
    var option = data.options[0];
    var zone = {};

    function bandOf(h) {
      if (h < 0) { return data.bandes.length - 1; }
      for (var i = 0; i < data.limites.length; i += 1) {
        if (h <= data.limites[i]) { return i; }
      }
      return data.bandes.length - 1;
    }

    function style(feature) {
      return {
        fillColor: data.bandes[bandOf(option.km[feature.id])][1], fillOpacity: 0.72,
        color: "#555", weight: 0.6, opacity: 0.8
      };
    }

    function tooltip(layer) {
      var i = layer.feature.id, c = data.communes[i], near = option.proche[i];
      var box = el("div", "carte-infobulle");
      box.appendChild(el("strong", null, c[1]));
      box.appendChild(el("p", null, fmt.format(c[2]) + " habitants"));
      box.appendChild(el("p", null, "Distance\u00a0: " + km(option.km[i])));
      if (near >= 0) {
        box.appendChild(el("p", null, (zone[i] ? "Dans la zone d’intervention de\u00a0: " : "Lieu le plus proche\u00a0: ") +
          data.lieux[near][0]));
      }
      return box;
    }

    var layer = L.geoJSON(data.geo, { style: style }).bindTooltip(tooltip, { sticky: true }).addTo(map);
    var dots = L.layerGroup().addTo(map);

    var legend = L.control({ position: "bottomright" });
    var summary;
    legend.onAdd = function () {
      var box = el("div", "carte-legende");
      box.appendChild(el("h2", null, "Distance au lieu le plus proche"));
      data.bandes.forEach(function (b) {
        var line = el("div");
        var swatch = el("span", "carte-pastille carte-carre");
        swatch.style.background = b[1];
        swatch.setAttribute("aria-hidden", "true");
        line.appendChild(swatch);
        line.appendChild(document.createTextNode(b[0]));
        box.appendChild(line);
      });
      var dot = el("div");
      var mark = el("span", "carte-pastille");
      mark.style.background = "#1a1a1a";
      mark.setAttribute("aria-hidden", "true");
      dot.appendChild(mark);
      dot.appendChild(document.createTextNode("lieu pris en compte"));
      box.appendChild(dot);
      return box;
    };
    legend.addTo(map);

    var selector = L.control({ position: "topright" });
    selector.onAdd = function () {
      var box = el("div", "leaflet-control carte-controle");
      var label = el("label", null, "Lieux pris en compte");
      var select = el("select");
      select.id = "couverture-option";
      data.options.forEach(function (o, i) { select.appendChild(el("option", null, o.label)).value = String(i); });
      select.addEventListener("change", function () { show(Number(select.value)); });
      label.appendChild(select);
      box.appendChild(label);
      summary = el("p", "carte-compte");
      summary.setAttribute("role", "status");
      summary.setAttribute("aria-live", "polite");
      box.appendChild(summary);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    selector.addTo(map);

    function show(i) {
      option = data.options[i];
      zone = {};
      option.zone.forEach(function (c) { zone[c] = true; });
      layer.setStyle(style);
      dots.clearLayers();
      option.lieux.forEach(function (p) {
        var place = data.lieux[p];
        if (place[1] === null) { return; }
        dots.addLayer(L.circleMarker([place[1], place[2]], {
          radius: 4, color: "#fff", weight: 1.5, fillColor: "#1a1a1a", fillOpacity: 1, interactive: false
        }));
      });
      var total = 0, far10 = 0, far15 = 0;
      data.communes.forEach(function (c, j) {
        var d = option.km[j];
        total += c[2];
        if (d < 0 || d > data.seuil) { far10 += c[2]; }
        if (d < 0 || d > 1500) { far15 += c[2]; }
      });
      summary.textContent = option.lieux.length + (option.lieux.length > 1 ? " lieux" : " lieu") +
        "\u00a0; population à plus de 10\u00a0km\u00a0: " + pct(total ? far10 / total : 0) +
        ", à plus de 15\u00a0km\u00a0: " + pct(total ? far15 / total : 0);
    }

    show(0);
    map.fitBounds(layer.getBounds(), { padding: [10, 10] });
    window.couvertureReseau = { map: map, layer: layer, dots: dots, show: show };
  });
}());
