/* Annuaire à facettes — JavaScript sans dépendance, chargé sur chaque page (extra_javascript),
 * actif seulement quand la page contient #annuaire-app. Lit annuaire/annuaire.json :
 * {facets: [{id, label, values: [[clé, libellé], …]}],
 *  rows: [[slug, nom, [indices facette 0], …, [présentation, adresse, téléphone, horaires]]]}.
 * L'état (filtres et texte) est gardé dans l'adresse : ?service=…&departement=05&q=…
 * Facettes « OU » à l'intérieur d'une facette, « ET » entre facettes. Le compteur d'une valeur est
 * le nombre de lieux qui l'ont parmi ceux que retiennent le texte et les AUTRES facettes (règle
 * habituelle de la recherche à facettes) : cocher Hautes-Alpes ne change pas le compteur
 * d'Ardèche. Le texte cherche dans le nom, la commune, le type, les services, les publics, les
 * dispositifs et la présentation courte, sans tenir compte des accents ni des majuscules.
 * Aucune donnée n'est insérée en HTML : uniquement textContent. */
(function () {
  "use strict";
  var script = document.currentScript;
  var PAGE = 50;
  var SHOWN = 12;

  function norm(text) {
    return String(text).replace(/œ/g, "oe").replace(/Œ/g, "OE").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function plural(n, one, many) { return n + "\u00a0" + (n <= 1 ? one : many); }

  function start(app) {
    var dataUrl = new URL("../annuaire/annuaire.json", script ? script.src : location.href);
    fetch(dataUrl.href).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    }).then(function (data) { build(app, data, dataUrl); }).catch(function () {
      app.appendChild(el("p", {"class": "annuaire-erreur"},
        "Les filtres n'ont pas pu être chargés ; la liste ci-dessous reste disponible."));
    });
  }

  function build(app, data, dataUrl) {
    var facets = data.facets;
    var rows = data.rows;
    var F = facets.length;
    var byId = {};
    facets.forEach(function (f, i) { byId[f.id] = i; });
    var communeF = byId.commune, depF = byId.departement, typeF = byId.type;
    var serviceF = byId.service, dispF = byId.dispositif, publicF = byId.public;
    var DETAILS = 2 + F;
    var texts = rows.map(function (row) {
      var parts = [row[1]];
      [communeF, typeF, serviceF, publicF, dispF].forEach(function (f) {
        row[2 + f].forEach(function (v) { parts.push(facets[f].values[v][1]); });
      });
      parts.push((row[DETAILS] || [])[0] || "");
      return norm(parts.join(" "));
    });

    var state = {q: "", sel: facets.map(function () { return new Set(); }), limit: PAGE};
    var params = new URLSearchParams(location.search);
    state.q = params.get("q") || "";
    facets.forEach(function (f, i) {
      var index = {};
      f.values.forEach(function (v, j) { index[v[0]] = j; });
      params.getAll(f.id).forEach(function (key) { if (key in index) { state.sel[i].add(index[key]); } });
    });

    var wide = window.matchMedia("(min-width: 60em)").matches;
    var search = el("div", {"class": "annuaire-recherche"});
    search.appendChild(el("label", {"for": "annuaire-q"}, "Rechercher un nom, une commune, un service, un public…"));
    var input = el("input", {"type": "search", "id": "annuaire-q", "autocomplete": "off",
      "placeholder": "par exemple : démarches, médiathèque, Gap"});
    input.value = state.q;
    search.appendChild(input);
    app.appendChild(search);

    var grid = el("div", {"class": "annuaire-grille"});
    var filters = el("details", {"class": "annuaire-filtres"});
    filters.open = wide;
    var filtersTitle = el("summary", {}, "Filtres");
    var filtersBadge = el("span", {"class": "annuaire-nb"});
    filtersTitle.appendChild(filtersBadge);
    filters.appendChild(filtersTitle);
    var side = el("div", {"class": "annuaire-facettes", "role": "group", "aria-label": "Filtres"});
    filters.appendChild(side);
    var main = el("div", {"class": "annuaire-resultats"});
    grid.appendChild(filters);
    grid.appendChild(main);
    app.appendChild(grid);

    var ui = facets.map(function (f, i) {
      var details = el("details", {"class": "annuaire-facette"});
      details.open = wide && i < 4;
      var summary = el("summary", {}, f.label);
      var badge = el("span", {"class": "annuaire-nb"});
      summary.appendChild(badge);
      details.appendChild(summary);
      var fieldset = el("fieldset");
      fieldset.appendChild(el("legend", {"class": "annuaire-cache"}, f.label));
      var list = el("ul");
      var items = f.values.map(function (v, j) {
        var li = el("li");
        var id = "annuaire-" + f.id + "-" + j;
        var box = el("input", {"type": "checkbox", "id": id});
        box.addEventListener("change", function () {
          if (box.checked) { state.sel[i].add(j); } else { state.sel[i].delete(j); }
          state.limit = PAGE;
          update(true);
        });
        var label = el("label", {"for": id}, v[1] + " ");
        var count = el("span", {"class": "annuaire-compteur"});
        label.appendChild(count);
        li.appendChild(box);
        li.appendChild(label);
        list.appendChild(li);
        return {li: li, box: box, count: count};
      });
      var more = el("button", {"type": "button", "class": "annuaire-plus-valeurs"});
      var expanded = false;
      more.addEventListener("click", function () { expanded = !expanded; update(false); });
      fieldset.appendChild(list);
      fieldset.appendChild(more);
      details.appendChild(fieldset);
      side.appendChild(details);
      return {items: items, badge: badge, more: more, expanded: function () { return expanded; }};
    });

    var status = el("p", {"class": "annuaire-compte", "aria-live": "polite", "role": "status"});
    var chosen = el("p", {"class": "annuaire-choix"});
    var actions = el("p", {"class": "annuaire-actions"});
    var reset = el("button", {"type": "button", "class": "md-button"}, "Effacer les filtres");
    reset.addEventListener("click", function () {
      state.sel.forEach(function (s) { s.clear(); });
      state.q = "";
      input.value = "";
      state.limit = PAGE;
      update(true);
    });
    var print = el("button", {"type": "button", "class": "md-button"}, "Imprimer cette sélection");
    print.addEventListener("click", function () { window.print(); });
    // Toute la sélection à l'impression (bouton ou menu du navigateur), pas seulement la page affichée.
    var screenLimit = null;
    window.addEventListener("beforeprint", function () {
      screenLimit = state.limit;
      state.limit = rows.length;
      update(false);
    });
    window.addEventListener("afterprint", function () {
      if (screenLimit !== null) { state.limit = screenLimit; screenLimit = null; update(false); }
    });
    actions.appendChild(reset);
    actions.appendChild(print);
    var list = el("ol", {"class": "annuaire-liste"});
    var next = el("button", {"type": "button", "class": "md-button annuaire-suite"});
    next.addEventListener("click", function () { state.limit += PAGE; update(false); });
    main.appendChild(status);
    main.appendChild(chosen);
    main.appendChild(actions);
    main.appendChild(list);
    main.appendChild(next);

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.q = input.value; state.limit = PAGE; update(true); }, 150);
    });

    function matches(r, skip) {
      for (var f = 0; f < F; f++) {
        if (f === skip || state.sel[f].size === 0) { continue; }
        var values = rows[r][2 + f], ok = false;
        for (var k = 0; k < values.length; k++) { if (state.sel[f].has(values[k])) { ok = true; break; } }
        if (!ok) { return false; }
      }
      return true;
    }

    function saveUrl() {
      var p = new URLSearchParams();
      if (state.q) { p.set("q", state.q); }
      facets.forEach(function (f, i) {
        Array.from(state.sel[i]).sort(function (a, b) { return a - b; })
          .forEach(function (j) { p.append(f.id, f.values[j][0]); });
      });
      var query = p.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function labels(row, f) {
      return row[2 + f].map(function (v) { return facets[f].values[v][1]; });
    }

    function item(row) {
      var li = el("li", {"class": "annuaire-lieu"});
      var link = el("a", {"href": new URL(row[0] + "/", dataUrl).href});
      link.appendChild(el("strong", {}, row[1]));
      li.appendChild(link);
      var place = labels(row, communeF).join(", ");
      li.appendChild(document.createTextNode(" — " + place));
      var d = row[DETAILS] || [];
      var types = labels(row, typeF);
      if (types.length) { li.appendChild(el("span", {"class": "annuaire-types"}, types.join(" · "))); }
      if (d[1]) { li.appendChild(el("span", {"class": "annuaire-adresse"}, "Adresse : " + d[1])); }
      if (d[2]) {
        var phone = el("span", {"class": "annuaire-telephone"}, "Téléphone : ");
        phone.appendChild(el("a", {"href": "tel:" + d[2].replace(/[^+\d]/g, "")}, d[2]));
        li.appendChild(phone);
      }
      if (d[3]) { li.appendChild(el("span", {"class": "annuaire-horaires"}, "Horaires : " + d[3])); }
      [[serviceF, "annuaire-services", "Services : "], [dispF, "annuaire-dispositifs", ""]].forEach(function (t) {
        var values = labels(row, t[0]);
        if (values.length) { li.appendChild(el("span", {"class": t[1]}, t[2] + values.join(" · "))); }
      });
      return li;
    }

    function update(pushUrl) {
      var q = norm(state.q.trim());
      var textOk = rows.map(function (_, r) { return !q || texts[r].indexOf(q) !== -1; });
      var results = [];
      for (var r = 0; r < rows.length; r++) { if (textOk[r] && matches(r, -1)) { results.push(r); } }
      facets.forEach(function (f, i) {
        var sel = state.sel[i], own = new Array(f.values.length).fill(0);
        for (var r2 = 0; r2 < rows.length; r2++) {
          if (!textOk[r2] || !matches(r2, i)) { continue; }
          var values = rows[r2][2 + i];
          for (var k = 0; k < values.length; k++) { own[values[k]]++; }
        }
        var shown = 0, hiddenCount = 0, u = ui[i];
        f.values.forEach(function (_, j) {
          var selected = sel.has(j);
          var it = u.items[j];
          it.box.checked = selected;
          it.count.textContent = "(" + own[j] + ")";
          var visible = selected || own[j] > 0;
          if (visible && !selected && !u.expanded() && shown >= SHOWN) { hiddenCount++; visible = false; }
          if (visible && !selected) { shown++; }
          it.li.hidden = !visible;
        });
        u.badge.textContent = sel.size ? " (" + sel.size + ")" : "";
        u.more.hidden = !(hiddenCount > 0 || u.expanded());
        u.more.textContent = u.expanded() ? "Afficher moins" : "Afficher " + plural(hiddenCount, "autre valeur", "autres valeurs");
      });
      var active = state.sel.reduce(function (n, set) { return n + set.size; }, 0);
      filtersBadge.textContent = active ? " (" + plural(active, "actif", "actifs") + ")" : "";
      status.textContent = (results.length === rows.length ? "" : plural(results.length, "lieu", "lieux") + " sur ")
        + plural(rows.length, "lieu", "lieux") + (results.length === rows.length ? " au total" : "");
      var parts = [];
      facets.forEach(function (f, i) {
        if (state.sel[i].size) {
          parts.push(f.label + " : " + Array.from(state.sel[i]).sort(function (a, b) { return a - b; })
            .map(function (j) { return f.values[j][1]; }).join(" ou "));
        }
      });
      if (state.q.trim()) { parts.push("texte : « " + state.q.trim() + " »"); }
      chosen.textContent = parts.length ? "Filtres : " + parts.join(" ; ") : "";
      chosen.hidden = !parts.length;
      list.textContent = "";
      var frag = document.createDocumentFragment();
      results.slice(0, state.limit).forEach(function (r) { frag.appendChild(item(rows[r])); });
      list.appendChild(frag);
      var rest = results.length - Math.min(state.limit, results.length);
      next.hidden = rest <= 0;
      next.textContent = "Afficher " + plural(Math.min(rest, PAGE), "lieu", "lieux") + " de plus";
      if (pushUrl) { saveUrl(); }
    }

    var media = window.matchMedia("(min-width: 60em)");
    var onResize = function () { if (media.matches) { filters.open = true; } };
    if (media.addEventListener) { media.addEventListener("change", onResize); }

    var fallback = document.getElementById("annuaire-statique");
    if (fallback) { fallback.hidden = true; }
    update(false);
  }

  function init() {
    var app = document.getElementById("annuaire-app");
    if (app && !app.dataset.pret) {
      app.dataset.pret = "1";
      start(app);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
