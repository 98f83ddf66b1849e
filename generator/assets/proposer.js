/* Formulaire « Proposer un lieu ou une correction » : pré-remplissage depuis proposer.json,
 * validation par les validateurs ajv compilés à la construction (mêmes messages que « check »),
 * écriture du fichier par yaml-ecrire.js, puis trois envois au choix de la personne : éditeur de
 * la forge, courriel, téléchargement. La page n'envoie rien elle-même.
 * Le texte est toujours inséré avec textContent, jamais interprété comme HTML. */
(function () {
  "use strict";

  var FORGE_URL_MAX = 8000;   // au-delà, les forges refusent l'adresse (414) : téléchargement proposé
  var MAILTO_MAX = 8000;      // au-delà, des messageries coupent le lien mailto: (certaines plus tôt : voir l'aide affichée)
  var FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0]/u;
  var ALLOWED = /[\t\n\r\u200D]/;
  // Aides propres au formulaire quand celle de « check » parle de lignes YAML.
  var FORM_HINTS = {
    missing: "remplissez ce champ",
    string_too_short: "remplissez ce champ ou videz-le entièrement",
    too_short: "cochez au moins une case",
    extra_forbidden: "ce champ n'existe pas dans le modèle"
  };
  var TRANSLIT = { "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o", "đ": "d", "ł": "l",
    "Ł": "l", "°": "deg", "’": "", "‘": "" };

  var script = document.currentScript;
  var data = null;
  var state = { kind: "structure", slug: null, current: null, record: null, yaml: "", path: "" };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function $(id) { return document.getElementById(id); }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function slugify(text) {
    var out = Array.from(text).map(function (c) { return Object.prototype.hasOwnProperty.call(TRANSLIT, c) ? TRANSLIT[c] : c; }).join("");
    out = out.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    return out.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function asList(value) {
    if (value === undefined || value === null || value === "") return [];
    return Array.isArray(value) ? value.slice() : [String(value)];
  }

  function copy(value) { return JSON.parse(JSON.stringify(value || {})); }

  function label(name) { return (data.libelles && data.libelles[name]) || name; }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, key) {
      return values[key] === undefined || values[key] === null ? "" : String(values[key]);
    });
  }

  /* ---------- remplir et lire le formulaire ---------- */

  function form() { return $("proposer-" + state.kind); }

  function wrappers() { return Array.prototype.slice.call(form().querySelectorAll("[data-champ][data-widget]")); }

  function inputOf(wrapper) { return wrapper.querySelector("input:not([type=checkbox]):not(.proposer-heure), textarea"); }

  function fill(record) {
    wrappers().forEach(function (wrapper) {
      var name = wrapper.getAttribute("data-champ");
      var widget = wrapper.getAttribute("data-widget");
      var value = record[name];
      if (widget === "cases") {
        var wanted = asList(value);
        var list = wrapper.querySelector(".proposer-cases-liste") || wrapper;
        var boxes = Array.prototype.slice.call(wrapper.querySelectorAll("input[type=checkbox]"));
        var known = boxes.map(function (box) { return box.value; });
        wanted.forEach(function (item) {  // une valeur hors liste reste visible (et décochable), jamais perdue
          if (known.indexOf(item) < 0) {
            var lab = el("label", "proposer-case");
            var box = el("input");
            box.type = "checkbox"; box.name = name; box.value = item;
            lab.appendChild(box); lab.appendChild(document.createTextNode(" " + item));
            list.appendChild(lab); boxes.push(box);
          }
        });
        boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
      } else {
        var input = inputOf(wrapper);
        input.value = widget === "lignes" ? asList(value).join("\n") : (value === undefined ? "" : String(value));
      }
    });
    if (state.kind === "personne") {
      var publication = record.publication || {};
      $("p-consentie").checked = publication.consentie === "true";
      consentDate();
    }
  }

  function read(base) {
    var record = copy(base);
    wrappers().forEach(function (wrapper) {
      var name = wrapper.getAttribute("data-champ");
      var widget = wrapper.getAttribute("data-widget");
      var value;
      if (widget === "cases") {
        value = Array.prototype.slice.call(wrapper.querySelectorAll("input[type=checkbox]"))
          .filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      } else if (widget === "lignes") {
        value = inputOf(wrapper).value.split("\n").map(function (line) { return line.trim(); })
          .filter(function (line) { return line !== ""; });
      } else {
        value = inputOf(wrapper).value.trim();
      }
      if (value.length === 0) delete record[name]; else record[name] = value;
    });
    if (state.kind === "structure") {
      record.date_maj = today();
    } else {
      var before = (base && base.publication) || {};
      if ($("p-consentie").checked) {
        var kept = before.consentie === "true";
        record.publication = { consentie: "true", date: kept && before.date ? before.date : today(),
          par: kept && before.par ? before.par : "la personne elle-même, par le formulaire du site" };
      } else if (before.consentie === "true") {
        record.publication = { consentie: "false" };
      } else if (Object.keys(before).length === 0) {
        delete record.publication;
      }
    }
    return record;
  }

  function consentDate() {
    var before = (state.current && state.current.publication) || {};
    var text = "";
    if ($("p-consentie").checked) {
      text = before.consentie === "true" && before.date ? "Accord donné le " + before.date + "." :
        "Accord daté d'aujourd'hui (" + today() + ") dans la fiche.";
    }
    $("p-consentie-date").textContent = text;
  }

  /* ---------- validation : ajv + règles du formulaire, tous les problèmes d'un coup ---------- */

  function fieldOf(path) {
    var parts = path.split("/").filter(function (p) { return p !== ""; });
    return { name: parts[0] || "", index: parts.length > 1 && /^\d+$/.test(parts[1]) ? Number(parts[1]) : null, parts: parts };
  }

  function valueAt(record, parts) {
    var value = record;
    parts.forEach(function (p) { value = value === undefined || value === null ? undefined : value[p]; });
    return value;
  }

  function problem(kind, field, values) {
    var entry = data.messages[kind] || data.messages[""];
    values.field = label(field);
    var hint = FORM_HINTS[kind] || entry[2];
    return { field: field, code: entry[0], message: format(entry[1], values), hint: format(hint, values) };
  }

  function ajvProblems(record) {
    var validate = window.ProposerValidateurs && window.ProposerValidateurs[state.kind];
    if (!validate) return [{ field: "", code: "B-VALIDATEUR", message: "validateur absent", hint: "rechargez la page" }];
    if (validate(record)) return [];
    return validate.errors.map(function (error) {
      var where = fieldOf(error.instancePath);
      var field = where.name;
      var value = valueAt(record, where.parts);
      var values = { value: typeof value === "string" ? value : "", msg: error.message };
      var kind = "";
      var params = error.params || {};
      if (error.keyword === "required") { field = params.missingProperty; kind = "missing"; }
      else if (error.keyword === "additionalProperties") { field = params.additionalProperty; kind = "extra_forbidden"; }
      else if (error.keyword === "enum") {
        var allowed = params.allowedValues || [];
        if (allowed.join() === "true,false") kind = "booleen_invalide";
        else {
          kind = "vocabulaire";
          values.vocabulary = field;
          values.choices_text = allowed.slice(0, 12).join(" ; ") + (allowed.length > 12 ? " ; …" : "");
        }
      } else if (error.keyword === "maxLength") {
        kind = "string_too_long"; values.length = Array.from(values.value).length; values.max_length = params.limit;
      } else if (error.keyword === "minLength") { kind = "string_too_short"; }
      else if (error.keyword === "minItems") { kind = "too_short"; values.min_length = params.limit; }
      else if (error.keyword === "maxItems") { kind = "too_long"; values.max_length = params.limit; }
      else if (error.keyword === "pattern") { kind = data.motifs[params.pattern] || "string_pattern_mismatch"; }
      else if (error.keyword === "type") { kind = params.type === "array" ? "list_type" : "string_type"; }
      if (where.parts.length > 1 && where.index === null) field = where.parts[where.parts.length - 1];
      return problem(kind, field, values);
    });
  }

  function texts(value, out) {
    if (typeof value === "string") out.push(value);
    else if (Array.isArray(value)) value.forEach(function (v) { texts(v, out); });
    else if (value && typeof value === "object") Object.keys(value).forEach(function (k) { texts(value[k], out); });
    return out;
  }

  function formProblems(record) {
    var found = [];
    Object.keys(record).forEach(function (name) {
      texts(record[name], []).forEach(function (text) {
        var bad = Array.from(text).find(function (c) { return FORBIDDEN.test(c) && !ALLOWED.test(c); });
        if (bad) {
          found.push({ field: name, code: "Y-CARACTERE", message: "« " + label(name) + " » contient un caractère invisible ou de contrôle interdit (U+" +
            bad.codePointAt(0).toString(16).toUpperCase().padStart(4, "0") + ")", hint: "retapez ce texte au clavier au lieu de le coller" });
        }
      });
      var list = record[name];
      if (Array.isArray(list)) {
        list.forEach(function (item, i) {
          if (list.indexOf(item) !== i) found.push(problem("valeur_en_double", name, { value: item }));
        });
      }
    });
    if (("latitude" in record) !== ("longitude" in record)) {
      found.push(problem("coordonnees_incompletes", "latitude" in record ? "longitude" : "latitude",
        { missing: "latitude" in record ? "longitude" : "latitude" }));
    }
    var hours = record.horaires;
    if (hours && !hoursReadable(hours)) found.push(problem("horaires_invalides", "horaires", { value: hours }));
    var commune = state.kind === "structure" ? communeProblem(record) : null;
    if (commune) found.push(commune);
    return found;
  }

  // Même verdict que « check » (paquet Python opening_hours) : la bibliothèque npm accepte en
  // avertissant (« 9h », « Lu-Ve », « ; » final) ce que « check » refuse, donc un avertissement est
  // une erreur. Sans le script vendu (page hors ligne incomplète), « check » tranchera à la relecture.
  function hoursReadable(text) {
    if (!window.opening_hours) return true;
    var parsed;
    try { parsed = new window.opening_hours(text, null, { mode: 0 }); } catch (_e) { return false; }
    try { return parsed.getWarnings().length === 0; } catch (_e) { return true; }
  }

  function clearErrors() {
    Array.prototype.slice.call(document.querySelectorAll(".proposer-erreur-champ")).forEach(function (node) { node.remove(); });
    Array.prototype.slice.call(document.querySelectorAll("[aria-invalid]")).forEach(function (node) {
      node.removeAttribute("aria-invalid");
      var described = (node.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return id.indexOf("-erreur") < 0; });
      if (described.length) node.setAttribute("aria-describedby", described.join(" ")); else node.removeAttribute("aria-describedby");
    });
    $("proposer-erreurs").hidden = true;
  }

  function controlOf(field) {
    var prefix = state.kind === "structure" ? "s-" : "p-";
    if (field === "publication" || field === "consentie" || field === "date" || field === "par") return $("p-consentie");
    var wrapper = form().querySelector("[data-champ='" + field + "']");
    if (!wrapper) return null;
    return $(prefix + field) && $(prefix + field).tagName !== "FIELDSET" ? $(prefix + field) : wrapper.querySelector("input");
  }

  function showErrors(problems) {
    var list = $("proposer-erreurs-liste");
    list.textContent = "";
    problems.forEach(function (p, i) {
      var item = el("li");
      var control = controlOf(p.field);
      var text = "[" + p.code + "] " + p.message + " — " + p.hint;
      if (control) {
        var link = el("a", null, label(p.field));
        link.href = "#" + control.id;
        link.addEventListener("click", function (event) { event.preventDefault(); control.focus(); });
        item.appendChild(link);
        item.appendChild(document.createTextNode(" : " + text));
        var note = el("p", "proposer-erreur-champ", text);
        note.id = control.id + "-erreur-" + i;
        var wrapper = control.closest("[data-champ]") || control.parentNode;
        wrapper.appendChild(note);
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", ((control.getAttribute("aria-describedby") || "") + " " + note.id).trim());
      } else {
        item.textContent = text;
      }
      list.appendChild(item);
    });
    $("proposer-erreurs").hidden = false;
    $("proposer-resultat").hidden = true;
    $("proposer-erreurs").focus();
  }

  /* ---------- résultat : fichier, différences, trois envois ---------- */

  function fileName(record) {
    if (state.slug) return state.slug;
    var slug = slugify(record.nom || "fiche");
    if (state.kind === "structure" && record.commune && slug.indexOf(slugify(record.commune)) < 0) {
      slug = slugify(record.nom + " " + record.commune);
    }
    var existing = data.fiches[state.kind];
    var base = slug || "fiche", n = 2;
    while (Object.prototype.hasOwnProperty.call(existing, slug)) { slug = base + "-" + n; n += 1; }
    return slug;
  }

  function shown(value) {
    if (value === undefined) return "";
    if (Array.isArray(value)) return value.join(" ; ");
    if (value && typeof value === "object") {
      return Object.keys(value).map(function (k) { return label(k) + " : " + value[k]; }).join(", ");
    }
    return String(value);
  }

  function changes(before, after) {
    var keys = Object.keys(before).concat(Object.keys(after)).filter(function (k, i, all) { return all.indexOf(k) === i; });
    keys.sort(function (a, b) {
      var ra = data.ordre[a] === undefined ? 1e9 : data.ordre[a], rb = data.ordre[b] === undefined ? 1e9 : data.ordre[b];
      return ra - rb || (a < b ? -1 : 1);
    });
    return keys.filter(function (k) { return shown(before[k]) !== shown(after[k]); })
      .map(function (k) { return [k, shown(before[k]), shown(after[k])]; });
  }

  function renderDiff(rows) {
    var box = $("proposer-diff");
    box.textContent = "";
    if (rows.length === 0) { box.appendChild(el("p", null, "Aucun changement par rapport à la fiche publiée.")); return; }
    var table = el("table", "proposer-diff-table");
    var head = el("tr");
    ["Champ", state.current ? "Avant" : "", "Après"].forEach(function (t, i) { if (i !== 1 || state.current) head.appendChild(el("th", null, t)); });
    head.querySelectorAll("th").forEach(function (th) { th.scope = "col"; });
    var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
    var body = el("tbody");
    rows.forEach(function (row) {
      var tr = el("tr");
      var th = el("th", null, label(row[0])); th.scope = "row"; tr.appendChild(th);
      if (state.current) tr.appendChild(el("td", "proposer-avant", row[1] || "(vide)"));
      tr.appendChild(el("td", "proposer-apres", row[2] || "(supprimé)"));
      body.appendChild(tr);
    });
    table.appendChild(body);
    box.appendChild(table);
  }

  function query(pairs) {
    return pairs.map(function (p) { return encodeURIComponent(p[0]) + "=" + encodeURIComponent(p[1]); }).join("&");
  }

  function mailto(subject, body) {
    if (!data.courriel) return "";
    return "mailto:" + data.courriel + "?" + query([["subject", subject], ["body", body.replace(/\r?\n/g, "\r\n")]]);
  }

  function setLink(link, help, href, text) {
    link.hidden = !href;
    if (href) link.href = href; else link.removeAttribute("href");
    help.textContent = text || "";
  }

  function subject(record) {
    var what = state.kind === "structure" ? "lieu" : "personne";
    return (state.current ? "Correction de la fiche « " + (state.current.nom || state.slug) + " »" : "Nouvelle fiche (" + what + ") « " + record.nom + " »") +
      " — " + state.path;
  }

  function sendLinks(record, rows) {
    var forge = data.forge;
    var name = state.path.split("/").pop();
    var forgeLink = $("proposer-lien-forge"), forgeHelp = $("proposer-aide-forge");
    if (!forge) {
      setLink(forgeLink, forgeHelp, "", "Aucune forge n'est configurée pour ce site (repo_url dans mkdocs.yml).");
    } else if (state.current) {
      setLink(forgeLink, forgeHelp, forge.modifier + state.path,
        "La forge ouvre le fichier actuel : remplacez tout son contenu par le fichier ci-dessous (copié dans le presse-papiers au clic), puis proposez la modification.");
    } else {
      var params = forge.parametres;
      var href = forge.nouveau[state.kind] + "?" + query([[params.nom, name], [params.contenu, state.yaml]]);
      if (href.length > FORGE_URL_MAX) {
        setLink(forgeLink, forgeHelp, "", "Fiche trop longue pour un lien (" + href.length + " caractères, " + FORGE_URL_MAX +
          " au plus) : téléchargez le fichier, puis déposez-le sur la forge dans le dossier " + data.dossiers[state.kind] + ".");
      } else {
        setLink(forgeLink, forgeHelp, href, "La forge ouvre un nouveau fichier déjà rempli : il reste à proposer la modification.");
      }
    }
    var summary = rows.map(function (r) { return "- " + label(r[0]) + " : " + (state.current ? (r[1] || "(vide)") + " → " : "") + (r[2] || "(supprimé)"); }).join("\n");
    var body = "Bonjour,\n\nVoici une proposition pour le site " + data.reseau + ".\n\n" +
      (state.current ? "Ce qui change :\n" + summary + "\n\n" : "") + "Fichier " + state.path + " :\n\n" + state.yaml;
    var href2 = mailto(subject(record), body);
    var mailHelp = "";
    if (href2.length > MAILTO_MAX) {
      href2 = mailto(subject(record), "Bonjour,\n\nVoici une proposition pour le site " + data.reseau + ". Le fichier " + state.path +
        " est trop long pour être écrit dans ce courriel : je le joins en pièce jointe.\n");
      mailHelp = "Fiche trop longue pour un lien de courriel : téléchargez le fichier et joignez-le au message.";
    }
    setLink($("proposer-lien-courriel"), $("proposer-aide-courriel"), href2,
      data.courriel ? (mailHelp || "Votre messagerie ouvre un message à " + data.courriel + " avec le fichier ; s'il arrive tronqué, joignez plutôt le fichier téléchargé.") : "Aucune adresse de coordination n'est configurée.");
    var file = $("proposer-lien-fichier");
    if (file.href && file.href.indexOf("blob:") === 0) URL.revokeObjectURL(file.href);
    file.href = URL.createObjectURL(new Blob([state.yaml], { type: "application/yaml;charset=utf-8" }));
    file.setAttribute("download", name);
    $("proposer-aide-fichier").textContent = name + " : à déposer dans le dossier " + data.dossiers[state.kind] + " du dépôt.";
  }

  function submit(event) {
    event.preventDefault();
    clearErrors();
    var record = read(state.current);
    var problems = ajvProblems(record).concat(formProblems(record));
    if (problems.length) { showErrors(problems); return; }
    state.record = record;
    state.path = data.dossiers[state.kind] + "/" + fileName(record) + ".yml";
    state.yaml = window.ProposerYaml.dump(record, data.ordre);
    var rows = changes(state.current || {}, record);
    renderDiff(rows);
    $("proposer-yaml").textContent = state.yaml;
    $("proposer-nom-fichier").textContent = state.path;
    sendLinks(record, rows);
    $("proposer-retrait").hidden = true;
    $("proposer-resultat").hidden = false;
    $("proposer-resultat").focus();
  }

  function retire() {
    var nom = (state.current && state.current.nom) || state.slug;
    var path = data.dossiers.personne + "/" + state.slug + ".yml";
    var title = "Demande de retrait de ma fiche — " + path;
    var text = "Bonjour,\n\nJe demande le retrait de ma fiche « " + nom + " » du site " + data.reseau + " (fichier " + path +
      "), au titre du droit à l'effacement (article 17 du RGPD). Je retire mon accord à la publication.\n\n" +
      "Merci de supprimer le fichier " + path + " et de me confirmer la suppression.\n";
    $("proposer-retrait-texte").textContent = text;
    setLink($("proposer-retrait-lien-courriel"), document.createElement("span"), mailto(title, text));
    var forge = data.forge;
    $("proposer-retrait-forge").hidden = !forge;
    if (forge) {
      $("proposer-retrait-lien-forge").href = forge.ticket + "?" + query([[forge.parametres.titre, title], [forge.parametres.texte, text]]);
      $("proposer-retrait-lien-forge").title = "Un ticket est public : préférez le courriel si vous ne voulez pas que la demande soit visible.";
    }
    $("proposer-resultat").hidden = true;
    $("proposer-retrait").hidden = false;
    $("proposer-retrait").focus();
  }

  /* ---------- commune, horaires ---------- */

  // Ressemblance de deux noms repliés (2 × plus longue sous-suite commune / longueurs cumulées),
  // la mesure « ratio » de rapidfuzz : « Veyness » → « Veynes » vaut 0,92.
  function likeness(a, b) {
    var row = new Array(b.length + 1).fill(0);
    for (var i = 1; i <= a.length; i++) {
      var diagonal = 0;
      for (var j = 1; j <= b.length; j++) {
        var above = row[j];
        row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
        diagonal = above;
      }
    }
    return a.length + b.length ? 2 * row[b.length] / (a.length + b.length) : 1;
  }

  function closestCommune(name) {
    var key = slugify(name), best = null, score = 0.6;  // le seuil de « check » (generator/errors.py, suggest)
    data.communes.forEach(function (c) {
      var s = likeness(key, slugify(c[1]));
      if (s > score || (s === score && (!best || c[1] < best[1]))) { best = c; score = s; }
    });
    return best;
  }

  function communeByName(value) {
    var same = data.communes.filter(function (c) { return slugify(c[1]) === slugify(value); });
    return same.length ? same[0] : null;
  }

  // Le contrôle G-COMMUNE de « check », avec sa suggestion : une commune mal orthographiée ne
  // donne pas de fiche sans position sur la carte.
  function communeProblem(record) {
    if (!data.communes.length || ("latitude" in record && "longitude" in record)) return null;
    var entry = data.commune_introuvable;
    var code = record.code_insee, name = record.commune;
    if (code ? data.communes.some(function (c) { return c[0] === code; }) : (!name || communeByName(name))) return null;
    var near = !code && closestCommune(name);
    return { field: code ? "code_insee" : "commune", code: entry[0], message: format(entry[1], { value: code || name }),
      hint: near ? "vouliez-vous dire « " + near[1] + " » ?" : entry[2] };
  }

  function communeHelpers() {
    var input = $("s-commune");
    if (!input) return;
    var byCode = {};
    data.communes.forEach(function (c) { byCode[c[0]] = c; });
    var fold = function (t) { return slugify(t); };
    input.addEventListener("change", function () {
      var value = input.value.trim();
      var match = /^(.*) \(([0-9AB]{5})\)$/.exec(value);
      var commune = match && byCode[match[2]];
      if (!commune) {
        var same = data.communes.filter(function (c) { return fold(c[1]) === fold(value); });
        commune = same.length === 1 ? same[0] : null;
      }
      var help = $("s-commune-aide");
      if (!commune) {
        var near = value && !same.length && closestCommune(value);
        if (help && near) help.textContent = "Commune « " + value + " » introuvable : vouliez-vous dire « " + near[1] + " » ?";
        return;
      }
      input.value = commune[1];
      $("s-code_insee").value = commune[0];
      var postal = $("s-code_postal");
      if (commune[2].indexOf(postal.value.trim()) < 0) postal.value = commune[2][0] || "";
      if (help) {
        help.textContent = "Commune " + commune[1] + " : code INSEE " + commune[0] + (commune[2].length > 1 ?
          ", codes postaux possibles " + commune[2].join(", ") + " (vérifiez celui du lieu)." : ", code postal " + (commune[2][0] || "?") + ".");
      }
    });
  }

  var DAY_ORDER = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

  function hoursFromTable(table) {
    var rules = [];
    var rows = Array.prototype.slice.call(table.querySelectorAll("tr[data-jour]"));
    var errors = [];
    var ranges = rows.map(function (row) {
      var get = function (part) { return row.querySelector("[data-plage='" + part + "']").value; };
      var out = [];
      [["debut-1", "fin-1"], ["debut-2", "fin-2"]].forEach(function (pair) {
        var a = get(pair[0]), b = get(pair[1]);
        if (!a && !b) return;
        if (!a || !b || a >= b) { errors.push(row.querySelector("th").textContent); return; }
        out.push(a + "-" + b);
      });
      return out.join(",");
    });
    for (var i = 0; i < ranges.length; i++) {
      if (!ranges[i]) continue;
      var j = i;
      while (j + 1 < ranges.length && ranges[j + 1] === ranges[i]) j++;
      rules.push((j > i ? DAY_ORDER[i] + "-" + DAY_ORDER[j] : DAY_ORDER[i]) + " " + ranges[i]);
      i = j;
    }
    return { text: rules.join("; "), errors: errors };
  }

  function tableFromHours(table, text) {
    var days = {};
    var ok = text.split(/\s*;\s*/).every(function (rule) {
      var m = /^((?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?(?:,(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)*) ((?:\d\d:\d\d-\d\d:\d\d)(?:,\d\d:\d\d-\d\d:\d\d)?)$/.exec(rule.trim());
      if (!m) return false;
      m[1].split(",").forEach(function (span) {
        var ends = span.split("-"), a = DAY_ORDER.indexOf(ends[0]), b = DAY_ORDER.indexOf(ends[1] || ends[0]);
        for (var d = a; d <= b; d++) days[DAY_ORDER[d]] = m[2].split(",");
      });
      return true;
    });
    if (!ok) return false;
    Array.prototype.slice.call(table.querySelectorAll("tr[data-jour]")).forEach(function (row) {
      var r = days[row.getAttribute("data-jour")] || [];
      var set = function (part, v) { row.querySelector("[data-plage='" + part + "']").value = v || ""; };
      set("debut-1", r[0] && r[0].split("-")[0]); set("fin-1", r[0] && r[0].split("-")[1]);
      set("debut-2", r[1] && r[1].split("-")[0]); set("fin-2", r[1] && r[1].split("-")[1]);
    });
    return true;
  }

  function hoursHelpers() {
    var tool = $("s-horaires-outil");
    if (!tool) return;
    var input = $("s-horaires");
    var note = el("p", "proposer-aide");
    note.setAttribute("aria-live", "polite");
    tool.appendChild(note);
    tool.addEventListener("toggle", function () {
      if (tool.open && input.value.trim()) {
        note.textContent = tableFromHours(tool, input.value.trim()) ? "" :
          "Ces horaires sont trop détaillés pour l'outil (jours fériés, semaines…) : modifiez-les directement dans le champ.";
      }
    });
    tool.querySelector(".proposer-horaires-ecrire").addEventListener("click", function () {
      var built = hoursFromTable(tool);
      if (built.errors.length) {
        note.textContent = "Plage incomplète ou inversée : " + built.errors.join(", ") + ". Vérifiez l'heure d'ouverture et de fermeture.";
        return;
      }
      input.value = built.text;
      note.textContent = built.text ? "Horaires écrits : " + built.text : "Aucune plage saisie : le champ est vidé.";
    });
  }

  /* ---------- démarrage ---------- */

  function start() {
    var params = new URLSearchParams(window.location.search);
    var slug = params.get("fiche") || params.get("personne");
    state.kind = params.has("personne") || params.get("type") === "personne" ? "personne" : "structure";
    $("proposer-structure").hidden = state.kind !== "structure";
    $("proposer-personne").hidden = state.kind !== "personne";
    var context = $("proposer-contexte");
    var records = data.fiches[state.kind];
    if (slug && Object.prototype.hasOwnProperty.call(records, slug)) {
      state.slug = slug;
      state.current = records[slug];
      context.textContent = "Correction de la fiche « " + (state.current.nom || slug) + " » : le formulaire reprend les informations publiées ; modifiez ce qui doit l'être.";
      fill(state.current);
      if (state.kind === "personne") $("proposer-retirer").hidden = false;
    } else {
      if (slug) context.textContent = "La fiche « " + slug + " » n'est pas publiée sur ce site : le formulaire s'ouvre vide.";
      else context.textContent = state.kind === "structure" ? "Nouveau lieu : remplissez le formulaire." : "Nouvelle personne : remplissez le formulaire.";
      fill({});
    }
    $("proposer-structure").addEventListener("submit", submit);
    $("proposer-personne").addEventListener("submit", submit);
    $("p-consentie").addEventListener("change", consentDate);
    $("proposer-retirer").addEventListener("click", retire);
    $("proposer-lien-forge").addEventListener("click", function () {
      if (state.current && navigator.clipboard) navigator.clipboard.writeText(state.yaml).catch(function () { return null; });
    });
    communeHelpers();
    hoursHelpers();
    document.documentElement.setAttribute("data-proposer", "pret");
  }

  function boot() {
    var url = new URL(script.getAttribute("data-donnees"), window.location.href);
    fetch(url.href, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    }).then(function (json) { data = json; start(); }).catch(function () {
      $("proposer-contexte").textContent = "Les données du formulaire n'ont pas pu être chargées : rechargez la page.";
    });
  }

  if (document.readyState !== "loading") boot(); else document.addEventListener("DOMContentLoaded", boot);
})();
