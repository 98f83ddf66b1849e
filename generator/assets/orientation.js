/* /orientation/ et accueil : un besoin + une commune (ou la position) → les lieux dans le rayon configuré.
   Index lu dans orientation.json, communes dans communes.json, lieux par case de la grille dans
   lieux/<case>.json (seules les cases que touche le rayon sont téléchargées). Tout le texte est
   inséré avec textContent ; l'état est dans l'adresse (?besoin=…&commune=…, ou #position=…). */
(function () {
  "use strict";
  var MAX = 10;
  var script = document.currentScript;
  var el = window.reseauDom.el, S = window.reseauSaisie, H = window.reseauHoraires;
  var C = { slug: 0, nom: 1, commune: 2, lat: 3, lon: 4, services: 5, comp: 6, flags: 7, modalites: 8, texte: 9,
    osm: 10, tel: 11, mails: 12, rdv: 13, zone: 14, adresse: 15 };
  var APPROX = 1, WALK_IN = 2, FREE = 4, ACCESSIBLE = 8;

  function haversine(lat1, lon1, lat2, lon2) {
    var r = Math.PI / 180, dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
    var h = Math.pow(Math.sin(dlat / 2), 2) + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.pow(Math.sin(dlon / 2), 2);
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function km(d) { return (d < 10 ? d.toFixed(1).replace(".", ",") : String(Math.round(d))) + "\u00a0km"; }

  function need(data, id) {
    if (!id) { return { kind: "all", label: "toute aide au numérique" }; }
    for (var i = 0; i < data.services.length; i += 1) {
      if (data.services[i][0] === id) { return { kind: "service", index: i, label: data.services[i][1] }; }
    }
    for (var j = 0; j < data.competences.length; j += 1) {
      if (data.competences[j][0] === id) { return { kind: "competence", index: j, label: data.competences[j][1] }; }
    }
    return null;
  }

  function matches(row, n) {
    if (n.kind === "all") { return row[C.services] !== 0; }
    return n.kind === "service" ? (row[C.services] & (1 << n.index)) !== 0 : row[C.comp].indexOf(n.index) >= 0;
  }

  function link(href, text, className) {
    var a = el("a", className || null, text);
    a.href = href;
    return a;
  }

  function line(parent, label, value) {
    if (!value) { return; }
    var p = el("p", "orientation-ligne");
    p.appendChild(el("span", "orientation-etiquette", label + "\u00a0: "));
    p.appendChild(typeof value === "string" ? document.createTextNode(value) : value);
    parent.appendChild(p);
  }

  // Cases de la grille que touche le cercle de rayon r km autour de (lat, lon).
  function cells(data, lat, lon, r) {
    var dlat = r / 111.2, dlon = r / (111.32 * Math.max(0.1, Math.cos(lat * Math.PI / 180)));
    var size = data.cellule, wanted = [];
    for (var a = Math.floor((lat - dlat) / size); a <= Math.floor((lat + dlat) / size); a += 1) {
      for (var b = Math.floor((lon - dlon) / size); b <= Math.floor((lon + dlon) / size); b += 1) {
        var k = a + "_" + b;
        if (data.cellules.indexOf(k) >= 0) { wanted.push(k); }
      }
    }
    return wanted;
  }

  // Liens des données écrits depuis /orientation/ (« ../annuaire/ ») : data-racine mène de la page
  // à la racine du site (« » sur l'accueil, où les résultats s'affichent sans changer de page).
  function rebase(data) {
    var root = script.hasAttribute("data-racine") ? script.getAttribute("data-racine") : "../";
    ["annuaire", "personnes_url", "proposer"].forEach(function (k) {
      if (data[k].indexOf("../") === 0) { data[k] = root + data[k].slice(3); }
    });
  }

  function start(data, communes) {
    var base = new URL(script.getAttribute("data-donnees"), document.baseURI);
    rebase(data);
    var form = document.getElementById("orientation-form");
    var besoin = document.getElementById("orientation-besoin");
    var input = document.getElementById("orientation-commune");
    var status = document.getElementById("orientation-annonce");
    var out = document.getElementById("orientation-resultats");
    var filters = document.getElementById("orientation-filtres");
    var loaded = {}, origin = null, reveal = true;  // reveal: bring the answer into view (not after a filter)
    // quiet : annoncé aux lecteurs d'écran seulement (le titre des résultats dit déjà la même chose)
    function announce(text, quiet) {
      status.textContent = text;
      status.classList.toggle("orientation-discret", !!quiet);
    }
    function names(codes) {
      return codes.map(function (code) {
        var c = communes.filter(function (x) { return x[0] === code; })[0];
        return c ? c[1] : null;
      }).filter(Boolean);
    }

    function fetchCells(keys) {
      return Promise.all(keys.map(function (k) {
        if (!loaded[k]) {
          loaded[k] = fetch(new URL("lieux/" + k + ".json", base).toString()).then(function (r) {
            if (!r.ok) { throw new Error(String(r.status)); }
            return r.json();
          });
        }
        return loaded[k];
      })).then(function (lists) { return [].concat.apply([], lists); });
    }

    function card(item, n) {
      var row = item.row, href = data.annuaire + encodeURIComponent(row[C.slug]) + "/";
      var li = el("li", "orientation-lieu");
      var h = el("h3");
      h.appendChild(link(href, row[C.nom]));
      li.appendChild(h);
      var where = item.zone ? "Intervient à " + origin.nom + " (service itinérant, basé à " + row[C.commune] + ")" :
        row[C.commune] + " — " + (item.km < 0.05 ? "dans la commune" : km(item.km) + " à vol d’oiseau") +
        (row[C.flags] & APPROX ? " (position approximative)" : "");
      li.appendChild(el("p", "orientation-distance", where));
      if (item.zone) {
        var served = names(row[C.zone]);
        if (served.length) { line(li, "Communes desservies", served.join(", ")); }
      }
      var state = el("p", "orientation-etat");
      state.setAttribute("data-osm", row[C.osm]);
      li.appendChild(state);
      paintState(state, row);
      line(li, "Adresse", row[C.adresse]);
      if (row[C.tel].length) {
        var tel = el("span");
        tel.appendChild(link("tel:" + row[C.tel][1], row[C.tel][0], "orientation-tel"));
        line(li, "Téléphone", tel);
      }
      var how = el("span");
      row[C.modalites][0].forEach(function (m) {
        if (how.childNodes.length) { how.appendChild(document.createTextNode(" · ")); }
        if (m === "Téléphoner" && row[C.tel].length) {
          how.appendChild(document.createTextNode("Téléphoner au "));
          how.appendChild(link("tel:" + row[C.tel][1], row[C.tel][0]));
        } else if (m === "Contacter par mail" && row[C.mails].length) {
          how.appendChild(document.createTextNode("Écrire à "));
          how.appendChild(link("mailto:" + row[C.mails][0], row[C.mails][0]));
        } else if (m !== "Téléphoner") {
          how.appendChild(document.createTextNode(m));
        }
      });
      if (how.childNodes.length) { line(li, "Comment venir", how); }
      line(li, "Accompagnement", row[C.modalites][1].join(" · "));
      line(li, "Tarif", row[C.modalites][2].join(" · "));
      line(li, "Horaires", row[C.texte]);
      var actions = el("p", "orientation-liens");
      if (row[C.rdv] && /^https?:\/\//.test(row[C.rdv])) {
        var rdv = link(row[C.rdv], "Prendre rendez-vous en ligne");
        rdv.rel = "nofollow ugc noopener";
        actions.appendChild(rdv);
        actions.appendChild(document.createTextNode(" · "));
      }
      actions.appendChild(link(href, "Fiche du lieu"));
      actions.appendChild(document.createTextNode(" · "));
      actions.appendChild(link(href + data.imprimer, "Fiche d’orientation à imprimer"));
      li.appendChild(actions);
      if (n.kind === "competence") {
        var who = data.personnes.filter(function (p) { return p[3].indexOf(row[C.slug]) >= 0 && p[4].indexOf(n.index) >= 0; });
        if (who.length) {
          var people = el("span");
          who.forEach(function (p, i) {
            if (i) { people.appendChild(document.createTextNode(", ")); }
            people.appendChild(link(data.personnes_url + encodeURIComponent(p[0]) + "/", p[1]));
            if (p[2]) { people.appendChild(document.createTextNode(" (" + p[2] + ")")); }
          });
          line(li, "Personnes qui savent", people);
        }
      }
      return li;
    }

    function paintState(node, row) {
      var s = H.status(row[C.osm], row[C.lat], row[C.lon]);
      node.textContent = s.text;
      node.className = "orientation-etat" + (s.open === true ? " orientation-ouvert" : s.open === false ? " orientation-ferme" : "");
      node.hidden = !s.text;
    }

    function fallbacks(n) {
      var box = el("div", "orientation-secours");
      box.appendChild(el("h3", null, "Pour être aidé quand même"));
      var ul = el("ul");
      var dep = data.departements[origin.dep] || null;
      if (dep && dep.telephone.length) {
        var li = el("li");
        li.appendChild(document.createTextNode(dep.telephone[2] + "\u00a0: "));
        li.appendChild(link("tel:" + dep.telephone[1], dep.telephone[0], "orientation-tel"));
        ul.appendChild(li);
      }
      var fs = data.france_services.map(function (row) {
        return { row: row, km: haversine(origin.lat, origin.lon, row[C.lat], row[C.lon]) };
      }).sort(function (a, b) { return a.km - b.km; })[0];
      if (fs) {
        var li2 = el("li");
        li2.appendChild(document.createTextNode("La France Services la plus proche\u00a0: "));
        li2.appendChild(link(data.annuaire + encodeURIComponent(fs.row[C.slug]) + "/", fs.row[C.nom]));
        var fsTel = fs.row[5];  // [slug, nom, commune, lat, lon, téléphone]
        li2.appendChild(document.createTextNode(", à " + fs.row[C.commune] + " (" + km(fs.km) + ")" +
          (fsTel.length ? ", " : "")));
        if (fsTel.length) { li2.appendChild(link("tel:" + fsTel[1], fsTel[0])); }
        ul.appendChild(li2);
      }
      var li3 = el("li");
      li3.appendChild(link(dep ? dep.cartographie : "https://cartographie.societenumerique.gouv.fr/",
        "La cartographie nationale des lieux d’inclusion numérique"));
      li3.appendChild(document.createTextNode(" (cherchez «\u00a0" + origin.nom + "\u00a0»)"));
      ul.appendChild(li3);
      var li4 = el("li");
      li4.appendChild(link(data.proposer, "Signaler un lieu qui manque"));
      li4.appendChild(document.createTextNode(" près de " + origin.nom));
      ul.appendChild(li4);
      box.appendChild(ul);
      return box;
    }

    function checked(name) { return filters.querySelector("input[name=" + name + "]").checked; }

    function show(n, rows) {
      var r = data.rayon_km, seen = {}, found = [];
      var dlat = r / 111.2 + 0.01, dlon = r / (111.32 * Math.max(0.1, Math.cos(origin.lat * Math.PI / 180))) + 0.01;
      rows.forEach(function (row) {
        if (seen[row[C.slug]] || !matches(row, n)) { return; }
        seen[row[C.slug]] = true;
        var zone = !!origin.code && row[C.zone].length > 0 && row[C.zone].indexOf(origin.code) >= 0;
        if (!zone && (Math.abs(row[C.lat] - origin.lat) > dlat || Math.abs(row[C.lon] - origin.lon) > dlon)) { return; }
        var d = haversine(origin.lat, origin.lon, row[C.lat], row[C.lon]);
        if (zone || d <= r) { found.push({ row: row, zone: zone, km: d }); }
      });
      var near = found.length;
      var open = checked("ouvert");
      found = found.filter(function (item) {
        var f = item.row[C.flags];
        return (!checked("sans_rdv") || f & WALK_IN) && (!checked("gratuit") || f & FREE) &&
          (!checked("accessible") || f & ACCESSIBLE) && (!open || H.status(item.row[C.osm], item.row[C.lat], item.row[C.lon]).open === true);
      });
      found.sort(function (a, b) {
        return (b.zone - a.zone) || a.km - b.km || (a.row[C.nom] < b.row[C.nom] ? -1 : 1);
      });
      out.textContent = "";
      var where = origin.exact ? origin.nom : "votre position (près de " + origin.nom + ")";
      var title;
      if (!near) {
        title = "Aucun lieu à moins de " + r + "\u00a0km de " + where + " pour «\u00a0" + n.label + "\u00a0»";
      } else if (!found.length) {
        title = "Aucun des " + near + " lieux à moins de " + r + "\u00a0km ne correspond à ces filtres\u00a0; décochez-en un";
      } else {
        var shown = Math.min(found.length, MAX);
        title = (shown > 1 ? "Les " + shown + " lieux les plus proches" : "Le lieu le plus proche") + " de " + where +
          " pour «\u00a0" + n.label + "\u00a0»";
      }
      var heading = el("h2", "orientation-titre", title);
      out.appendChild(heading);
      if (reveal && heading.getBoundingClientRect().top > window.innerHeight * 0.6 && heading.scrollIntoView) {
        heading.scrollIntoView({ block: "start" });
      }
      reveal = false;
      announce(title + (found.length ? "." : "\u00a0; voir les autres solutions ci-dessous."), true);
      if (found.length) {
        var ol = el("ol", "orientation-liste");
        found.slice(0, MAX).forEach(function (item) { ol.appendChild(card(item, n)); });
        out.appendChild(ol);
        if (found.length > MAX) {
          out.appendChild(el("p", "orientation-message", (found.length - MAX) + " autres lieux à moins de " + r + "\u00a0km ne sont pas affichés."));
        }
        var more = el("p", "orientation-message");
        more.appendChild(document.createTextNode("Un lieu manque\u00a0? "));
        more.appendChild(link(data.proposer, "Signalez-le"));
        out.appendChild(more);
      } else {
        out.appendChild(fallbacks(n));
      }
      if (found.length && !window.opening_hours) {
        H.load().then(function () {
          Array.prototype.forEach.call(out.querySelectorAll(".orientation-etat"), function (node, i) {
            if (found[i]) { paintState(node, found[i].row); }
          });
        }).catch(function () { return null; });
      }
      window.orientationReseau.last = found;
    }

    function run(push) {
      var n = need(data, besoin.value);
      if (!n) { besoin.value = ""; n = need(data, ""); }
      if (!origin) {
        var found = S.resolve(communes, input.value);
        if (!found) {
          var s = S.suggest(communes, input.value);
          out.textContent = "";
          if (s.list.length) {
            combo.open(s.list, "Plusieurs communes correspondent\u00a0: choisissez la vôtre dans la liste.");
            input.focus();
          } else {
            announce(input.value.trim() ? "Commune introuvable dans le territoire du réseau. Vérifiez l’orthographe ou saisissez le code postal."
              : "Indiquez votre commune ou votre code postal, ou utilisez «\u00a0Me localiser\u00a0».");
          }
          return Promise.resolve();
        }
        origin = { code: found[0], nom: found[1], lat: found[2], lon: found[3], dep: found[0].slice(0, 2), exact: true };
        input.value = S.label(found);
      }
      if (push) {
        var url = new URL(window.location.href);
        if (besoin.value) { url.searchParams.set("besoin", besoin.value); } else { url.searchParams.delete("besoin"); }
        if (origin.exact) { url.searchParams.set("commune", origin.code); url.hash = ""; } else {
          url.searchParams.delete("commune"); url.hash = "position=" + origin.lat + "," + origin.lon;
        }
        window.history.replaceState(null, "", url.toString());
      }
      filters.hidden = false;
      var t0 = performance.now();
      return fetchCells(cells(data, origin.lat, origin.lon, data.rayon_km)).then(function (rows) {
        show(n, data.itinerants.concat(rows));
        window.orientationReseau.millisecondes = performance.now() - t0;
      }).catch(function () {
        out.textContent = "";
        out.appendChild(el("p", "orientation-message", "Les lieux n’ont pas pu être chargés. Consultez l’annuaire des lieux."));
      });
    }

    function fromPosition(lat, lon) {
      var c = S.nearest(communes, lat, lon);
      origin = { code: null, nom: c ? c[1] : "votre position", lat: lat, lon: lon, dep: c ? c[0].slice(0, 2) : "", exact: false };
      input.value = "";
      return run(true);
    }

    var combo = S.attach(input, document.getElementById("orientation-suggestions"), announce,
      function () { return communes; }, function () { origin = null; reveal = true; run(true); });
    // Dès que la saisie désigne une commune, ses cases sont demandées : elles arrivent pendant
    // que la personne valide (même cache que la recherche, rien d'autre n'est envoyé).
    input.addEventListener("input", function () {
      origin = null;
      var c = S.resolve(communes, input.value);
      if (c) { fetchCells(cells(data, c[2], c[3], data.rayon_km)).catch(function () { return null; }); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (input.value.trim()) { origin = null; }
      reveal = true;
      run(true);
    });
    Array.prototype.forEach.call(filters.querySelectorAll("input"), function (box) {
      box.addEventListener("change", function () {
        var go = function () { if (origin) { reveal = false; run(false); } };
        if (box.name === "ouvert" && box.checked) { H.load().then(go, go); } else { go(); }
      });
    });
    S.locate(document.getElementById("orientation-localiser"), announce, fromPosition);
    // chercher(texte[, besoin]) : la même recherche qu'une saisie (mesures et tests).
    function chercher(text, id) {
      besoin.value = id || ""; input.value = text; origin = null;
      return run(false);
    }
    window.orientationReseau = { data: data, run: run, fromPosition: fromPosition, chercher: chercher };
    var params = new URLSearchParams(window.location.search);
    if (params.get("besoin")) { besoin.value = params.get("besoin"); }
    var pos = S.positionFromHash();
    if (pos) { fromPosition(pos.lat, pos.lon); } else if (params.get("commune")) { input.value = params.get("commune"); run(false); }
  }

  // Les données sont demandées dès l'exécution du script, sans attendre la fin de la page.
  var form0 = document.getElementById("orientation-form");
  var pending = script && form0 ? Promise.all([
    fetch(new URL(script.getAttribute("data-donnees"), document.baseURI).toString()).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.json();
    }), S.loadCommunes(form0)]) : null;
  if (pending) { pending.catch(function () { return null; }); }

  function load() {
    var out = document.getElementById("orientation-resultats");
    if (!out || !pending) { return; }
    pending.then(function (both) { start(both[0], both[1]); }).catch(function () {
      out.textContent = "";
      out.appendChild(el("p", "orientation-message",
        "Les données de la recherche n’ont pas pu être chargées. Consultez l’annuaire des lieux."));
    });
  }

  load();  // deferred script: the document is already parsed
}());
