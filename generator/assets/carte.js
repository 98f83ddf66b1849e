/* Carte des lieux : marqueurs, infobulles, fenêtres et filtres construits à partir d'un
   tableau JSON, uniquement avec textContent (aucun texte n'est interprété comme HTML). */
(function () {
  "use strict";

  var el = window.reseauDom.el, ready = window.reseauDom.ready;

  function services(data, mask) {
    var out = [];
    for (var i = 0; i < data.services.length; i += 1) {
      if (mask & (1 << i)) { out.push(data.services[i]); }
    }
    return out;
  }

  function popup(data, row) {
    var box = el("div", "carte-popup");
    box.appendChild(el("strong", "carte-popup-nom", row[1]));
    var family = data.familles[row[4]];
    var types = row[5].map(function (i) { return data.types[i]; }).join(", ");
    box.appendChild(el("p", "carte-popup-type", types || family[0]));
    box.appendChild(el("p", "carte-popup-commune", data.communes[row[6]]));
    if (row[8]) {
      box.appendChild(el("p", "carte-popup-approx", "Position approximative (mairie de la commune)"));
    }
    var list = services(data, row[7]);
    if (list.length) {
      box.appendChild(el("p", "carte-popup-titre", "Services\u00a0:"));
      var ul = el("ul", "carte-popup-services");
      list.forEach(function (s) { ul.appendChild(el("li", null, s)); });
      box.appendChild(ul);
    }
    if (row.partenaire) {
      box.appendChild(el("p", "carte-popup-partenaire", "Partenaire du réseau : n'accueille pas de public"));
    }
    var link = el("a", "carte-popup-lien", row.partenaire ? "Voir la fiche du partenaire" : "Voir la fiche du lieu");
    link.href = data.annuaire + encodeURIComponent(row[0]) + "/";
    link.target = "_top";
    box.appendChild(link);
    return box;
  }

  function marker(data, row) {
    var pin = L.divIcon({
      className: "carte-pin carte-fam-" + row[4] + (row[8] ? " carte-pin-approx" : "") +
        (row.partenaire ? " carte-pin-partenaire" : ""),
      iconSize: [18, 18], iconAnchor: [9, 9], popupAnchor: [0, -8], tooltipAnchor: [9, 0]
    });
    var m = L.marker([row[2], row[3]], { icon: pin, keyboard: true, riseOnHover: true });
    m.bindPopup(function () { return popup(data, row); }, { maxWidth: 280 });
    m.bindTooltip(function () { return el("span", null, row[1]); }, { direction: "right" });
    m.on("add", function () {
      if (this._icon) {
        this._icon.setAttribute("aria-label", row[1]);
        this._icon.style.background = row.partenaire ? data.partenaire_couleur : data.familles[row[4]][1];
      }
    });
    m.carteRow = row;
    return m;
  }

  function filterPanel(data, onChange) {
    var details = el("details", "carte-filtres");
    details.appendChild(el("summary", null, "Filtrer"));
    var fieldset = el("fieldset");
    fieldset.appendChild(el("legend", null, "Familles de lieux"));
    var boxes = data.familles.map(function (family, i) {
      var label = el("label", "carte-filtre-famille");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = String(i);
      var swatch = el("span", "carte-pastille");
      swatch.style.background = family[1];
      swatch.setAttribute("aria-hidden", "true");
      label.appendChild(box);
      label.appendChild(swatch);
      label.appendChild(document.createTextNode(family[0]));
      fieldset.appendChild(label);
      box.addEventListener("change", onChange);
      return box;
    });
    details.appendChild(fieldset);
    var partners = null;
    if ((data.partenaires || []).length) {
      var plabel = el("label", "carte-filtre-famille carte-filtre-partenaires");
      partners = el("input");
      partners.type = "checkbox";
      partners.checked = false;
      var pswatch = el("span", "carte-pastille");
      pswatch.style.background = data.partenaire_couleur;
      pswatch.setAttribute("aria-hidden", "true");
      plabel.appendChild(partners);
      plabel.appendChild(pswatch);
      plabel.appendChild(document.createTextNode("Partenaires du réseau (sans accueil du public)"));
      details.appendChild(plabel);
      partners.addEventListener("change", onChange);
    }
    var label = el("label", "carte-filtre-service", "Service proposé");
    var select = el("select");
    select.appendChild(el("option", null, "Tous les services")).value = "";
    data.services.forEach(function (s, i) { select.appendChild(el("option", null, s)).value = String(i); });
    select.addEventListener("change", onChange);
    label.appendChild(select);
    details.appendChild(label);
    var status = el("p", "carte-compte");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    details.appendChild(status);
    return { node: details, boxes: boxes, partners: partners, select: select, status: status };
  }

  ready(function () {
    var source = document.getElementById("carte-donnees");
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    var map = window[data.map];
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45, chunkedLoading: true });
    var markers = data.lieux.map(function (row) { return marker(data, row); });
    var partnerMarkers = (data.partenaires || []).map(function (row) {
      row.partenaire = true;
      return marker(data, row);
    });
    var panel;

    function apply() {
      var families = {};
      panel.boxes.forEach(function (b) { families[b.value] = b.checked; });
      var service = panel.select.value;
      var bit = service === "" ? 0 : (1 << Number(service));
      var shown = markers.filter(function (m) {
        var row = m.carteRow;
        return families[String(row[4])] && (!bit || (row[7] & bit));
      });
      var partnersShown = panel.partners && panel.partners.checked ? partnerMarkers : [];
      cluster.clearLayers();
      cluster.addLayers(shown.concat(partnersShown));
      panel.status.textContent = shown.length + (shown.length > 1 ? " lieux affichés" : " lieu affiché") +
        " sur " + markers.length + (partnersShown.length ? " (et " + partnersShown.length +
        (partnersShown.length > 1 ? " partenaires)" : " partenaire)") : "");
    }

    var Control = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        panel = filterPanel(data, apply);
        var box = el("div", "leaflet-control carte-controle");
        box.appendChild(panel.node);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    map.addControl(new Control());
    map.addLayer(cluster);
    apply();
    if (markers.length) {
      map.fitBounds(cluster.getBounds(), { padding: [20, 20], maxZoom: 12 });
    }
    window.carteReseau = { map: map, cluster: cluster, markers: markers, partners: partnerMarkers };
  });
}());
