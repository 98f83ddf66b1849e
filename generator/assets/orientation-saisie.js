/* Saisie de la commune (accueil et /orientation/) : une liste de suggestions au modèle
   « combobox » d'ARIA 1.2 (flèches, Entrée, Échap), par nom (accents, majuscules et petites
   fautes tolérés), code postal ou code INSEE ; bouton « Me localiser » (la position reste dans le
   navigateur : elle ne passe que dans le fragment #position=… de l'adresse, jamais envoyé).
   Communes lues dans orientation/communes.json : [code, nom, lat, lon, clé, codes postaux]. */
(function () {
  "use strict";
  var LIMIT = 8;
  var el = window.reseauDom.el;

  function key(text) {
    return String(text).replace(/[œŒ]/g, "oe").replace(/[æÆ]/g, "ae").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/\(\d[0-9ab]\d?\)\s*$/, "").replace(/[^a-z0-9]+/g, " ").trim()
      .replace(/^(le|la|les|l|aux|las|los) (?=\S)/, "").replace(/\bst\b/g, "saint").replace(/\bste\b/g, "sainte");
  }

  function label(c) { return c[1] + " (" + c[0].slice(0, c[0].slice(0, 2) === "97" ? 3 : 2) + ")"; }

  // Distance d'édition (Damerau restreinte) bornée : au-delà de max, renvoie max + 1.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) { return max + 1; }
    var prev2 = null, prev = [], i, j;
    for (j = 0; j <= b.length; j += 1) { prev.push(j); }
    for (i = 1; i <= a.length; i += 1) {
      var cur = [i], best = i;
      for (j = 1; j <= b.length; j += 1) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { v = Math.min(v, prev2[j - 2] + 1); }
        cur.push(v);
        if (v < best) { best = v; }
      }
      if (best > max) { return max + 1; }
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  function byName(a, b) { return a[4] < b[4] ? -1 : a[4] > b[4] ? 1 : a[0] < b[0] ? -1 : 1; }

  /* Les communes qui répondent à un texte, les plus sûres d'abord ; exact : celles qui y
     répondent exactement (nom, code INSEE ou code postal). */
  function suggest(communes, text) {
    var raw = String(text || "").trim();
    var out = { exact: [], list: [] };
    if (!raw) { return out; }
    var code = raw.toUpperCase().replace(/\s+/g, "");
    if (/^\d[0-9AB]\d{0,3}$/.test(code)) {
      var insee = [], postal = [], prefix = [];
      communes.forEach(function (c) {
        if (c[0] === code) { insee.push(c); }
        var codes = c[5].split(" ");
        if (codes.indexOf(code) >= 0) { postal.push(c); } else if (code.length < 5 && codes.some(function (p) { return p.indexOf(code) === 0; })) { prefix.push(c); }
      });
      postal.sort(byName); prefix.sort(byName);
      out.exact = insee.concat(postal.filter(function (c) { return insee.indexOf(c) < 0; }));
      out.list = out.exact.concat(prefix).slice(0, code.length === 5 ? 50 : LIMIT);
      return out;
    }
    var dep = (raw.match(/\((\d[0-9AB]\d?)\)\s*$/i) || [])[1];
    var k = key(raw);
    if (!k) { return out; }
    var exact = [], starts = [], words = [], close = [];
    var max = k.length >= 8 ? 2 : k.length >= 4 ? 1 : 0;
    communes.forEach(function (c) {
      if (dep && c[0].indexOf(dep.toUpperCase()) !== 0) { return; }
      var ck = c[4];
      if (ck === k) { exact.push(c); } else if (ck.indexOf(k) === 0) { starts.push(c); } else if (ck.indexOf(" " + k) >= 0) { words.push(c); } else if (max) {
        var d = Math.min(distance(k, ck, max), k.length < ck.length ? distance(k, ck.slice(0, k.length), max) + 1 : max + 1);
        if (d <= max) { close.push([d, c]); }
      }
    });
    close.sort(function (a, b) { return a[0] - b[0] || byName(a[1], b[1]); });
    starts.sort(byName); words.sort(byName); exact.sort(byName);
    out.exact = exact;
    out.list = exact.concat(starts, words, close.map(function (p) { return p[1]; })).slice(0, LIMIT);
    return out;
  }

  /* La commune désignée sans ambiguïté par le texte, sinon null. La dernière réponse est gardée :
     la saisie (cases demandées d'avance) puis l'envoi posent la même question. */
  var last = { communes: null, text: null, found: null };
  function resolve(communes, text) {
    if (last.communes === communes && last.text === text) { return last.found; }
    last = { communes: communes, text: text, found: unambiguous(communes, text) };
    return last.found;
  }

  function unambiguous(communes, text) {
    var s = suggest(communes, text);
    if (s.exact.length === 1) { return s.exact[0]; }
    if (!s.exact.length && s.list.length === 1) { return s.list[0]; }
    return null;
  }

  function nearest(communes, lat, lon) {
    var best = null, bestD = Infinity, r = Math.PI / 180, cos = Math.cos(lat * r);
    communes.forEach(function (c) {
      var dy = c[2] - lat, dx = (c[3] - lon) * cos, d = dx * dx + dy * dy;
      if (d < bestD) { bestD = d; best = c; }
    });
    return best;
  }

  /* Branche la combobox ; onChoose(commune) quand une suggestion est choisie. */
  function attach(input, listbox, announce, getCommunes, onChoose) {
    var options = [], active = -1;

    function close() {
      listbox.hidden = true; listbox.textContent = ""; options = []; active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function setActive(i) {
      var items = listbox.children;
      if (active >= 0 && items[active]) { items[active].setAttribute("aria-selected", "false"); }
      active = i;
      if (i < 0) { input.removeAttribute("aria-activedescendant"); return; }
      items[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[i].id);
      if (items[i].scrollIntoView) { items[i].scrollIntoView({ block: "nearest" }); }
    }

    function choose(c) {
      input.value = label(c);
      close();
      onChoose(c);
    }

    function open(list, message) {
      listbox.textContent = ""; options = list; active = -1;
      list.forEach(function (c, i) {
        var li = el("li", "orientation-option", label(c));
        li.id = "orientation-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var codes = c[5] ? " · " + c[5].split(" ").join(", ") : "";
        li.appendChild(el("span", "orientation-option-cp", codes));
        li.addEventListener("mousedown", function (event) { event.preventDefault(); });
        li.addEventListener("click", function () { choose(c); });
        listbox.appendChild(li);
      });
      listbox.hidden = !list.length;
      input.setAttribute("aria-expanded", list.length ? "true" : "false");
      announce(message || (list.length ? list.length + (list.length > 1 ? " communes proposées" : " commune proposée") +
        "\u00a0; flèche du bas pour les parcourir, Entrée pour choisir." : ""));
    }

    input.addEventListener("input", function () {
      var communes = getCommunes();
      if (!communes) { return; }
      var text = input.value;
      if (key(text).length < 2 && !/^\d{2}/.test(text.trim())) { close(); announce(""); return; }
      open(suggest(communes, text).list);
    });
    input.addEventListener("keydown", function (event) {
      var shown = !listbox.hidden && options.length;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!shown) { input.dispatchEvent(new Event("input")); return; }
        setActive(active + 1 < options.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp" && shown) {
        event.preventDefault();
        setActive(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter" && shown && active >= 0) {
        event.preventDefault();
        choose(options[active]);
      } else if (event.key === "Escape" && shown) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
    return { open: open, close: close };
  }

  function locate(button, announce, onPosition) {
    if (!navigator.geolocation) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      announce("Recherche de votre position…");
      navigator.geolocation.getCurrentPosition(function (pos) {
        onPosition(Math.round(pos.coords.latitude * 1000) / 1000, Math.round(pos.coords.longitude * 1000) / 1000);
      }, function () {
        announce("Votre position n’a pas pu être obtenue. Saisissez votre commune ou votre code postal.");
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
    });
  }

  function positionFromHash() {
    var m = /(?:^#|&)position=(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/.exec(window.location.hash);
    return m ? { lat: parseFloat(m[1]), lon: parseFloat(m[2]) } : null;
  }

  function loadCommunes(form) {
    var url = new URL(form.getAttribute("data-communes"), document.baseURI);
    return fetch(url.toString()).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.json();
    });
  }

  /* Accueil : le formulaire part vers /orientation/ ; la combobox aide à choisir la commune. */
  function home() {
    var form = document.getElementById("orientation-form");
    if (!form || document.getElementById("orientation-resultats")) { return; }
    var input = document.getElementById("orientation-commune");
    var status = document.getElementById("orientation-annonce");
    var communes = null;
    function announce(text) { status.textContent = text; }
    var combo = attach(input, document.getElementById("orientation-suggestions"), announce,
      function () { return communes; }, function () { return null; });
    loadCommunes(form).then(function (data) { communes = data; }).catch(function () { communes = null; });
    form.addEventListener("submit", function (event) {
      if (!communes || !input.value.trim()) { return; }
      var found = resolve(communes, input.value);
      if (found) { input.value = label(found); return; }
      var s = suggest(communes, input.value);
      event.preventDefault();
      if (s.list.length) {
        combo.open(s.list, "Plusieurs communes correspondent («\u00a0" + input.value.trim() + "\u00a0»)\u00a0: choisissez la vôtre dans la liste.");
      } else {
        announce("Commune introuvable dans le territoire du réseau. Vérifiez l’orthographe ou saisissez le code postal.");
      }
      input.focus();
    });
    locate(document.getElementById("orientation-localiser"), announce, function (lat, lon) {
      var besoin = document.getElementById("orientation-besoin").value;
      window.location.href = form.getAttribute("action") + (besoin ? "?besoin=" + encodeURIComponent(besoin) : "") +
        "#position=" + lat + "," + lon;
    });
  }

  window.reseauSaisie = { key: key, label: label, suggest: suggest, resolve: resolve, nearest: nearest,
    attach: attach, locate: locate, positionFromHash: positionFromHash, loadCommunes: loadCommunes };
  window.reseauDom.ready(home);
}());
