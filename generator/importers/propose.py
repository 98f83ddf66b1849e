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
    "nom": ("nom du lieu", "nom de la structure", "structure", "lieu", "raison sociale", "titre", "libelle"),
    "commune": ("ville", "localite", "lib com", "nom commune"),
    "code_postal": ("cp", "code postal", "adresse code postal", "postcode"),
    "code_insee": ("insee", "code commune", "insee com", "cog"),
    "adresse": ("adresse postale", "rue", "voie", "adresse 1", "adresse ligne 1"),
    "complement_adresse": ("complement", "adresse 2", "batiment"),
    "latitude": ("lat", "y"),
    "longitude": ("lon", "lng", "long", "x"),
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
        return min(100.0, 90.0 + 3 * len(wanted)) if len(words) > len(wanted) else 100.0
    return float(fuzz.ratio(header, choice))


def guess(header: str, values: list[str]) -> tuple[str, str] | None:
    """(field, why) for one column, or None."""
    found = process.extractOne(header_key(header), list(CHOICES), scorer=score)
    by_name = (CHOICES[found[0]], int(found[1])) if found and found[1] >= THRESHOLD else None
    by_value = by_values(values)
    if by_value and (not by_name or by_name[0] != by_value[0]) and by_value[0] in ("code_postal", "courriels"):
        return by_value[0], f"{by_value[1]} % des valeurs ressemblent à un {by_value[0]}"
    if by_name:
        return by_name[0], f"en-tête proche de « {found[0]} » (score {by_name[1]})" if found else ""
    if by_value:
        return by_value[0], f"{by_value[1]} % des valeurs ressemblent à un {by_value[0]}"
    return None


def propose(table: Table, file_name: str) -> str:
    """The text of a starting mapping for ``table``."""
    champs: dict[str, object] = {}
    comments: list[str] = []
    unmatched: list[str] = []
    personal: list[str] = []
    for header in table.headers:
        if PERSONAL.search(header):
            personal.append(header)
            comments.append(f"#   « {header} » → personnelles (semble nommer une personne : jamais importé)")
            continue
        found = guess(header, [row.get(header, "") for _, row in table.rows[:200]])
        if found is None or found[0] in champs:
            unmatched.append(header)
            continue
        name, why = found
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
    return "\n".join(head) + "\n" + dump(doc, path="correspondance.yml")
