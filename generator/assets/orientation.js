/* Aide à l'orientation : besoin + commune → lieux les plus proches. Données lues dans
   orientation.json ; tout le texte est inséré avec textContent ; l'état est dans l'URL
   (?besoin=…&commune=…). */
(function () {
  "use strict";
  var MAX = 10;
  var script = document.currentScript;
  var el = window.reseauDom.el;

  function key(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/œ/gi, "oe")
      .toLowerCase().replace(/\(\d[0-9ab]\)\s*$/, "").replace(/[^a-z0-9]+/g, " ").trim()
      .replace(/^(le|la|les|l) /, "").replace(/\bst\b/g, "saint").replace(/\bste\b/g, "sainte");
  }

  function haversine(lat1, lon1, lat2, lon2) {
    var r = Math.PI / 180, dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
    var h = Math.pow(Math.sin(dlat / 2), 2) + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.pow(Math.sin(dlon / 2), 2);
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function km(d) { return d.toFixed(1).replace(".", ",") + "\u00a0km"; }

  function findCommune(data, text) {
    var raw = String(text || "").trim();
    if (!raw) { return { found: null, close: [] }; }
    var code = raw.toUpperCase();
    var dep = (raw.match(/\((\d[0-9AB])\)\s*$/i) || [])[1];
    var k = key(raw);
    var exact = [], starts = [];
    data.communes.forEach(function (c) {
      if (c[0] === code) { exact.unshift(c); return; }
      var ck = key(c[1]);
      if (ck === k && (!dep || c[0].slice(0, 2) === dep.toUpperCase())) { exact.push(c); } else if (k && ck.indexOf(k) === 0) { starts.push(c); }
    });
    if (exact.length === 1 || (exact.length && exact[0][0] === code)) { return { found: exact[0], close: [] }; }
    if (!exact.length && starts.length === 1) { return { found: starts[0], close: [] }; }
    return { found: null, close: exact.concat(starts).slice(0, 8) };
  }

  function need(data, id) {
    for (var i = 0; i < data.services.length; i += 1) {
      if (data.services[i][0] === id) { return { kind: "service", index: i, label: data.services[i][1] }; }
    }
    for (var j = 0; j < data.competences.length; j += 1) {
      if (data.competences[j][0] === id) { return { kind: "competence", index: j, label: data.competences[j][1] }; }
    }
    return null;
  }

  function matches(row, n) {
    return n.kind === "service" ? (row[5] & (1 << n.index)) !== 0 : row[6].indexOf(n.index) >= 0;
  }

  function line(parent, label, value) {
    if (!value) { return; }
    var p = el("p", "orientation-ligne");
    p.appendChild(el("span", "orientation-etiquette", label + "\u00a0: "));
    if (typeof value === "string") { p.appendChild(document.createTextNode(value)); } else { p.appendChild(value); }
    parent.appendChild(p);
  }

  function link(href, text) {
    var a = el("a", null, text);
    a.href = href;
    return a;
  }

  function card(data, item, n, commune) {
    var row = item.row;
    var li = el("li", "orientation-lieu");
    var h = el("h3");
    h.appendChild(link(data.annuaire + encodeURIComponent(row[0]) + "/", row[1]));
    li.appendChild(h);
    var where = row[2] + " — " + (item.zone ? "intervient à " + commune[1] : item.km < 0.05 ? "dans la commune" : km(item.km) + " à vol d’oiseau");
    if (row[7]) { where += " (position approximative)"; }
    li.appendChild(el("p", "orientation-distance", where));
    line(li, "Modalités", row[8]);
    line(li, "Horaires", row[9]);
    var contact = el("span");
    if (row[10].length) { contact.appendChild(link("tel:" + row[10][1], row[10][0])); }
    row[11].forEach(function (mail) {
      if (contact.childNodes.length) { contact.appendChild(document.createTextNode(" · ")); }
      contact.appendChild(link("mailto:" + mail, mail));
    });
    if (row[12] && /^https?:\/\//.test(row[12])) {
      if (contact.childNodes.length) { contact.appendChild(document.createTextNode(" · ")); }
      var rdv = link(row[12], "prendre rendez-vous en ligne");
      rdv.rel = "nofollow ugc noopener";
      contact.appendChild(rdv);
    }
    if (contact.childNodes.length) { line(li, "Contact", contact); }
    if (n.kind === "competence") {
      var who = data.personnes.filter(function (p) { return p[3].indexOf(item.index) >= 0 && p[4].indexOf(n.index) >= 0; });
      if (who.length) {
        var names = el("span");
        who.forEach(function (p, i) {
          if (i) { names.appendChild(document.createTextNode(", ")); }
          names.appendChild(link(data.personnes_url + encodeURIComponent(p[0]) + "/", p[1]));
          if (p[2]) { names.appendChild(document.createTextNode(" (" + p[2] + ")")); }
        });
        line(li, "Personnes compétentes", names);
      }
    }
    return li;
  }

  function search(data, n, commune) {
    var found = [];
    data.structures.forEach(function (row, i) {
      if (!matches(row, n)) { return; }
      var zone = row[13].indexOf(commune[0]) >= 0;
      found.push({ row: row, index: i, zone: zone, km: zone ? 0 : haversine(commune[2], commune[3], row[3], row[4]) });
    });
    found.sort(function (a, b) { return a.km - b.km || (a.row[1] < b.row[1] ? -1 : a.row[1] > b.row[1] ? 1 : 0); });
    return found;
  }

  function start(data) {
    var form = document.getElementById("orientation-form");
    var besoin = document.getElementById("orientation-besoin");
    var communeInput = document.getElementById("orientation-commune");
    var out = document.getElementById("orientation-resultats");

    function message(text, options) {
      out.textContent = "";
      out.appendChild(el("p", "orientation-message", text));
      if (options && options.length) {
        var ul = el("ul", "orientation-suggestions");
        options.forEach(function (c) {
          var li = el("li");
          var b = el("button", "orientation-suggestion", c[1] + " (" + c[0].slice(0, 2) + ")");
          b.type = "button";
          b.addEventListener("click", function () { communeInput.value = c[1] + " (" + c[0].slice(0, 2) + ")"; run(true); });
          li.appendChild(b);
          ul.appendChild(li);
        });
        out.appendChild(ul);
      }
    }

    function run(push) {
      var n = need(data, besoin.value);
      if (!n) { message("Choisissez d’abord un besoin dans la liste."); besoin.focus(); return; }
      var res = findCommune(data, communeInput.value);
      if (!res.found) {
        message(res.close.length ? "Plusieurs communes correspondent\u00a0; précisez laquelle\u00a0:"
          : "Commune introuvable dans le territoire du réseau. Vérifiez l’orthographe ou saisissez le code INSEE.", res.close);
        return;
      }
      var commune = res.found;
      communeInput.value = commune[1] + " (" + commune[0].slice(0, 2) + ")";
      if (push) {
        var url = new URL(window.location.href);
        url.searchParams.set("besoin", besoin.value);
        url.searchParams.set("commune", commune[0]);
        window.history.replaceState(null, "", url.toString());
      }
      var found = search(data, n, commune);
      out.textContent = "";
      var total = found.length;
      out.appendChild(el("h2", "orientation-titre", total ?
        (Math.min(total, MAX) > 1 ? "Les " + Math.min(total, MAX) + " lieux les plus proches" : "Le lieu le plus proche") +
        " de " + commune[1] + " pour «\u00a0" + n.label + "\u00a0»" :
        "Aucun lieu du réseau ne propose «\u00a0" + n.label + "\u00a0»"));
      if (!total) { return; }
      var ol = el("ol", "orientation-liste");
      found.slice(0, MAX).forEach(function (item) { ol.appendChild(card(data, item, n, commune)); });
      out.appendChild(ol);
      if (total > MAX) { out.appendChild(el("p", "orientation-message", (total - MAX) + " autres lieux plus éloignés ne sont pas affichés.")); }
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); run(true); });
    var params = new URLSearchParams(window.location.search);
    if (params.get("besoin")) { besoin.value = params.get("besoin"); }
    if (params.get("commune")) { communeInput.value = params.get("commune"); }
    if (params.get("besoin") && params.get("commune")) { run(false); }
    window.orientationReseau = { data: data, run: run };
  }

  function load() {
    var out = document.getElementById("orientation-resultats");
    if (!out || !script) { return; }
    var url = new URL(script.getAttribute("data-donnees"), document.baseURI);
    fetch(url.toString()).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.json();
    }).then(start).catch(function () {
      out.textContent = "";
      out.appendChild(el("p", "orientation-message",
        "Les données de la recherche n’ont pas pu être chargées. Consultez l’annuaire des lieux."));
    });
  }

  window.reseauDom.ready(load);
}());
