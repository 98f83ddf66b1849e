"""The national standard as a table for the engine: v1 (``|`` lists) and legacy v0.1 (``;`` lists), CSV or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.importers.readers import fail, is_json, load_json, read_text
from generator.importers.tables import Table, cell_text, csv_table

V0_MARKERS = {"cle_ban", "courriel", "publics_accueillis", "conditions_acces", "labels_nationaux", "accessibilite"}
V0_RENAMES = {"courriel": "courriels", "accessibilite": "fiche_acces_libre", "labels_autres": "autres_formations_labels"}
V0_SERVICES = {
    "Devenir autonome dans les démarches administratives": "Aide aux démarches administratives",
    "Réaliser des démarches administratives avec un accompagnement": "Aide aux démarches administratives",
    "Accompagner les démarches de santé": "Aide aux démarches administratives",
    "Prendre en main un smartphone ou une tablette": "Maîtrise des outils numériques du quotidien",
    "Prendre en main un ordinateur": "Maîtrise des outils numériques du quotidien",
    "Utiliser le numérique au quotidien": "Maîtrise des outils numériques du quotidien",
    "Favoriser mon insertion professionnelle": "Insertion professionnelle via le numérique",
    "Créer et développer mon entreprise": "Insertion professionnelle via le numérique",
    "Créer avec le numérique": "Loisirs et créations numériques",
    "Approfondir ma culture numérique": "Compréhension du monde numérique",
    "Promouvoir la citoyenneté numérique": "Compréhension du monde numérique",
    "Accéder à une connexion internet": "Accès internet et matériel informatique",
    "Accéder à du matériel": "Accès internet et matériel informatique",
    "S'équiper en matériel informatique": "Acquisition de matériel informatique à prix solidaire",
    "Soutenir la parentalité et l'éducation avec le numérique": "Parentalité et éducation avec le numérique",
}
# publics_accueillis → (field, v1 value); None drops a value with no v1 equivalent (« Adultes »).
V0_PUBLICS: dict[str, tuple[str, str] | None] = {
    "Seniors (+ 65 ans)": ("publics_specifiquement_adresses", "Seniors"),
    "Familles/enfants": ("publics_specifiquement_adresses", "Familles et/ou enfants"),
    "Jeunes (16-26 ans)": ("publics_specifiquement_adresses", "Jeunes"),
    "Uniquement femmes": ("publics_specifiquement_adresses", "Femmes"),
    "Adultes": None,
    "Public langues étrangères": ("prise_en_charge_specifique", "Langues étrangères (autres)"),
    "Déficience visuelle": ("prise_en_charge_specifique", "Déficience visuelle"),
    "Surdité": ("prise_en_charge_specifique", "Surdité"),
    "Personnes en situation d'illettrisme": ("prise_en_charge_specifique", "Illettrisme"),
}
V0_FRAIS = {"Gratuit": "Gratuit", "Gratuit sous condition": "Gratuit sous condition", "Payant": "Payant",
            "Adhésion": "Payant", "Contribution par prestation": "Payant"}
V0_LABELS: dict[str, tuple[str, str]] = {
    "CNFS": ("dispositif_programmes_nationaux", "Conseillers numériques"),
    "France Services": ("dispositif_programmes_nationaux", "France Services"),
    "Aidants Connect": ("dispositif_programmes_nationaux", "Aidants Connect"),
    "Point numérique CAF": ("dispositif_programmes_nationaux", "Point d'accès numérique CAF"),
    "Point relais CAF": ("dispositif_programmes_nationaux", "Point d'accès numérique CAF"),
    "Grandes écoles du numérique": ("dispositif_programmes_nationaux", "Grande école du numérique"),
    "Fabriques de Territoire": ("formations_labels", "Fabriques de Territoire"),
}
V0_ACCOMPAGNEMENT = {"Seul": "En autonomie", "Avec de l'aide": "Accompagnement individuel",
                     "A ma place": "Accompagnement individuel", "À ma place": "Accompagnement individuel",
                     "Dans un atelier": "Dans un atelier collectif"}


def _items(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split(";") if v.strip()]


def _head(value: str) -> str:
    return value.split(" :", 1)[0].split(":", 1)[0].strip()


def from_v0(values: dict[str, Any]) -> dict[str, Any]:
    """A v0.1 row → v1 keys and vocabularies (the v0.1 field names and vocabularies of the national standard); lists are returned joined by ``|``."""
    out: dict[str, Any] = {V0_RENAMES.get(k, k): v for k, v in values.items()
                           if k not in ("cle_ban", "publics_accueillis", "conditions_acces", "labels_nationaux",
                                        "services", "modalites_accompagnement")}
    lists: dict[str, list[str]] = {}

    def add(key: str, value: str) -> None:
        if value not in lists.setdefault(key, []):
            lists[key].append(value)

    for item in _items(values.get("services")):
        add("services", V0_SERVICES.get(item, item))
    for item in _items(values.get("publics_accueillis")):
        target = V0_PUBLICS.get(item, ("publics_specifiquement_adresses", item))
        if item.startswith("Handicaps"):
            target = ("prise_en_charge_specifique", "Handicaps mentaux")
        if target:
            add(*target)
    for item in _items(values.get("conditions_acces")):
        if _head(item).startswith("Accepte le Pass"):
            add("autres_formations_labels", "Pass numérique")
        else:
            add("frais_a_charge", V0_FRAIS.get(_head(item), _head(item)))
    for item in _items(values.get("labels_nationaux")):
        add(*V0_LABELS.get(item, ("autres_formations_labels", item)))
    for item in _items(values.get("modalites_accompagnement")):
        add("modalites_accompagnement", V0_ACCOMPAGNEMENT.get(_head(item), _head(item)))
    for item in _items(out.pop("autres_formations_labels", None)):
        add("autres_formations_labels", item)
    for key in ("typologie", "courriels", "site_web"):
        if key in out:
            lists[key] = _items(out.pop(key))
    out.update({key: "|".join(items) for key, items in lists.items()})
    return out


def table(path: Path, warnings: list[str]) -> Table:
    """The national standard as a table with v1 columns (v0.1 rows translated, lists joined by ``|``)."""
    text = read_text(path, warnings)
    rows: list[tuple[str, dict[str, Any]]] = []
    if is_json(path, text):
        data = load_json(path, text)
        if isinstance(data, dict):
            data = data.get("lieux") or data.get("data") or list(data.values())
        if not isinstance(data, list):
            raise fail(path, "le JSON doit être un tableau d'objets (un objet par lieu)")
        for index, item in enumerate(data, start=1):
            if isinstance(item, dict):
                rows.append((f"{path.name}:élément {index}", {str(k).strip(): v for k, v in item.items()}))
            else:
                warnings.append(f"{path.name}:élément {index}: ce n'est pas un objet, ignoré")
    else:
        plain = csv_table(path, text, warnings)
        rows = [(where, dict(row)) for where, row in plain.rows]
    result = Table([])
    headers: dict[str, None] = {}
    for where, values in rows:
        if V0_MARKERS & set(values):
            values = from_v0(values)
        row = {k: "|".join(cell_text(i) for i in v) if isinstance(v, list) else cell_text(v) for k, v in values.items()}
        headers.update(dict.fromkeys(row))
        result.rows.append((where, row))
    result.headers = list(headers)
    return result
