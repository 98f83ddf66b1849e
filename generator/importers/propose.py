"""``import tableur FICHIER --proposer -o MAPPING.yml``: a starting mapping guessed from headers and values.

Each header is compared (``rapidfuzz``, without case or accents) to our field names and their usual
synonyms; sample values vote too (five digits → code_postal, ``@`` → courriels, ``+33``/``0X XX`` →
telephone, ``http`` → site_web, dates → date_maj). The written YAML says in comments what was
guessed (with the score) and what could not be matched; it loads back with ``--correspondance``.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from generator.importers.mapping import FIELDS, header_key
from generator.importers.tables import Table
from generator.load.yaml_writer import dump

SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("identifiant", "id fiche", "ref"),
    "pivot": ("siret", "rna", "siren"),
    "nom": ("lib fs", "nom du lieu", "nom de la structure", "structure", "lieu", "raison sociale", "titre", "libelle"),
    "commune": ("ville", "localite", "lib com", "nom commune"),
    "code_postal": ("cp", "code postal", "adresse code postal", "postcode"),
    "code_insee": ("insee", "code commune", "insee com", "cog"),
    "adresse": ("adresse postale", "rue", "voie", "adresse 1", "adresse ligne 1"),
    "complement_adresse": ("complement", "adresse 2", "batiment"),
    "latitude": ("lat",),
    "longitude": ("lon", "lng", "long"),
    "typologie": ("type de lieu", "type de structure", "categorie"),
    "telephone": ("tel", "telephone", "numero de telephone", "phone"),
    "courriels": ("email", "e mail", "mail", "courriel", "adresse electronique"),
    "site_web": ("site", "site internet", "url", "web"),
    "horaires": ("horaires d'ouverture", "heures d'ouverture", "ouverture"),
    "presentation_resume": ("presentation courte", "resume", "description courte"),
    "presentation_detail": ("presentation", "description", "commentaire", "details"),
    "date_maj": ("date de mise a jour", "mise a jour", "modifie le", "datetime latest", "date"),
    "services": ("types de services", "services proposes", "accompagnements"),
    "publics_specifiquement_adresses": ("publics", "publics accueillis"),
    "frais_a_charge": ("tarifs", "tarif", "prix", "cout"),
    "itinerance": ("itinerant", "itinerance", "mobile"),
    "modalites_accompagnement": ("types d'accompagnement", "accompagnement"),
}
TRANSFORMS = {"code_postal": ["code_postal"], "telephone": ["telephone"], "horaires": ["horaires"],
              "date_maj": ["date"], "presentation_detail": ["html"], "presentation_resume": ["html"]}
VALUE_TESTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("code_postal", re.compile(r"^\d{4,5}$")),
    ("courriels", re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)),
    ("telephone", re.compile(r"^(?:\+33|0)\s*[1-9](?:[\s.\-]*\d{2}){4}$")),
    ("site_web", re.compile(r"^(?:https?://|www\.)\S+$", re.I)),
    ("date_maj", re.compile(r"^(?:\d{4}-\d{2}-\d{2}|\d{2}/\d{2}/\d{4})")),
)
DAYS = {"lundi": "Mo", "mardi": "Tu", "mercredi": "We", "jeudi": "Th", "vendredi": "Fr", "samedi": "Sa",
        "dimanche": "Su"}
PERSONAL = re.compile(r"r[ée]f[ée]rent|responsable|contact nominatif|pr[ée]nom", re.I)
THRESHOLD = 80
CHOICES = {header_key(s): f for f, syns in SYNONYMS.items() for s in (f.replace("_", " "), *syns)} | {
    header_key(f): f for f in FIELDS}


def by_values(values: list[str]) -> tuple[str, int] | None:
    """A field all sample values look like, with the share (in %) that do."""
    sample = [v.strip() for v in values if v.strip()][:50]
    if not sample:
        return None
    for name, pattern in VALUE_TESTS:
        share = 100 * sum(1 for v in sample if pattern.match(v)) // len(sample)
        if share >= 90:
            return name, share
    return None


def score(header: str, choice: str, **_: object) -> float:
    """Similarity of a header to a name; a header holding every word of the name scores high, the longer
    name first (« adresse code postal » is a code_postal, not an adresse); the reverse does not count."""
    words, wanted = header.split(), choice.split()
    if all(w in words for w in wanted):
        extra = len(words) - len(wanted)
        return 100.0 if not extra else min(99.0, 100.0 - 4 * extra + 2 * len(wanted))
    return float(fuzz.ratio(header, choice))


def candidates(header: str, values: list[str]) -> list[tuple[float, str, str]]:
    """(score, field, why) for one column, best first: by header, then by values."""
    found: list[tuple[float, str, str]] = []
    for choice, value, _index in process.extract(header_key(header), list(CHOICES), scorer=score, limit=5):
        if value >= THRESHOLD:
            found.append((value, CHOICES[choice], f"en-tête proche de « {choice} » (score {int(value)})"))
    by_value = by_values(values)
    if by_value:
        found.append((float(by_value[1]) - 25, by_value[0],
                      f"{by_value[1]} % des valeurs ressemblent à un {by_value[0]}"))
    return sorted(found, key=lambda c: -c[0])


def guess(header: str, values: list[str]) -> tuple[str, str] | None:
    """(field, why) for one column considered alone, or None."""
    found = candidates(header, values)
    return (found[0][1], found[0][2]) if found else None


def day_of(header: str) -> str | None:
    """« Lundi », « h_lundi », « ouv_lundi » → ``Mo``."""
    words = header_key(header).split()
    return DAYS.get(words[-1]) if words and len(words) <= 2 else None


def assign(table: Table, headers: list[str]) -> dict[str, tuple[str, str]]:
    """header → (field, why), each field given once, to the best-scoring header (then the first)."""
    scored = [(c[0], index, header, c[1], c[2]) for index, header in enumerate(headers)
              for c in candidates(header, [row.get(header, "") for _, row in table.rows[:200]])]
    taken: dict[str, tuple[str, str]] = {}
    fields: set[str] = set()
    for _score, _index, header, name, why in sorted(scored, key=lambda s: (-s[0], s[1])):
        if header not in taken and name not in fields:
            taken[header] = (name, why)
            fields.add(name)
    return taken


def propose(table: Table, file_name: str) -> str:
    """The text of a starting mapping for ``table``."""
    champs: dict[str, object] = {}
    comments: list[str] = []
    unmatched: list[str] = []
    personal = [h for h in table.headers if PERSONAL.search(h)]
    licence = next((h for h in table.headers if "licence" in header_key(h)), "")
    if licence:
        personal_or_licence = [*personal, licence]
        comments.append(f"#   « {licence} » → licence (une ligne sans accord sera écartée et comptée)")
    else:
        personal_or_licence = personal
    days = {day: h for h in table.headers if h not in personal and (day := day_of(h))}
    found = assign(table, [h for h in table.headers if h not in personal_or_licence and h not in days.values()])
    if len(days) >= 5:
        champs["horaires"] = {"jours": dict(sorted(days.items(), key=lambda d: list(DAYS.values()).index(d[0])))}
        comments.append(f"#   « {', '.join(days.values())} » → horaires (une colonne par jour)")
    for header in table.headers:
        if header in personal:
            comments.append(f"#   « {header} » → personnelles (semble nommer une personne : jamais importé)")
            continue
        if (header in days.values() and "horaires" in champs) or header == licence:
            continue
        if header not in found or (found[header][0] == "horaires" and "horaires" in champs):
            unmatched.append(header)
            continue
        name, why = found[header]
        champs[name] = {"colonnes": header, **({"transformations": TRANSFORMS[name]} if name in TRANSFORMS else {}),
                        **({"valeurs": {"Oui": "Itinérant", "Non": "Fixe"}} if name == "itinerance" else {})}
        comments.append(f"#   « {header} » → {name} : {why}")
    missing = [f for f in ("nom", "adresse", "code_postal", "commune", "date_maj") if f not in champs]
    head = [f"# Correspondance proposée pour {file_name} (import tableur --proposer) : À RELIRE avant l'import.",
            "# Ce qui a été deviné :", *comments]
    if unmatched:
        head += ["# Colonnes non reconnues (ajoutez-les à un champ, ou laissez-les : le rapport les listera) :",
                 *[f"#   « {h} »" for h in unmatched]]
    if missing:
        head.append("# Champs obligatoires sans colonne, à compléter : " + ", ".join(missing))
    doc: dict[str, object] = {"source": re.sub(r"[^a-z0-9-]+", "-", file_name.lower().rsplit(".", 1)[0]).strip("-")
                              or "tableur", "champs": champs or {"nom": {"colonnes": "À COMPLÉTER"}}}
    if personal:
        doc["personnelles"] = personal
    if licence:
        doc["licence"] = licence
    return "\n".join(head) + "\n" + dump(doc, path="correspondance.yml")
