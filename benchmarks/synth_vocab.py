"""Reference data for synthetic corpora: communes and the network vocabularies (defaults)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.geo.communes import load_communes
from generator.load.yaml_strict import load_bytes

DEPARTEMENTS = ("04", "05", "07")


def communes(project_root: Path) -> list[Any]:
    """Communes of the configured départements (read from the installed data packages), sorted by code."""
    return sorted(load_communes(DEPARTEMENTS, project_root=project_root), key=lambda c: c.code)


DEFAULT_COMPETENCES = (
    ("demarches-en-ligne", "Démarches administratives en ligne", "Accompagnement"),
    ("france-connect", "Identité numérique et FranceConnect", "Accompagnement"),
    ("aidants-connect", "Aidants Connect", "Accompagnement"),
    ("bases-ordinateur", "Prise en main de l'ordinateur", "Usages"),
    ("smartphone", "Usage du smartphone", "Usages"),
    ("messagerie", "Messagerie électronique", "Usages"),
    ("cybersecurite", "Sécurité et arnaques en ligne", "Usages"),
    ("parentalite-ecrans", "Parentalité et écrans", "Publics"),
    ("fle-numerique", "Numérique et français langue étrangère", "Publics"),
    ("handicap-numerique", "Accessibilité et handicap", "Publics"),
    ("animation-atelier", "Animation d'ateliers collectifs", "Pédagogie"),
    ("pix", "Certification Pix", "Pédagogie"),
    ("fablab", "Fabrication numérique", "Création"),
    ("video-montage", "Vidéo et montage", "Création"),
    ("reemploi", "Réemploi et reconditionnement", "Matériel"),
    ("coordination-reseau", "Coordination de réseau", "Réseau"),
    ("montage-projet", "Montage de projet et financements", "Réseau"),
    ("donnees-ouvertes", "Données ouvertes", "Réseau"),
)
DEFAULT_THEMATIQUES = (
    ("diagnostic-territoire", "Diagnostic et cartographie du territoire"),
    ("collaboration-mise-en-reseau", "Collaboration et mise en réseau"),
    ("formation-professionnels", "Formation des professionnels"),
    ("equipement-connectivite", "Équipement et connectivité"),
    ("communication", "Communication et visibilité"),
    ("publics-eloignes", "Aller vers les publics éloignés"),
    ("financement-perennisation", "Financement et pérennisation"),
)
DEFAULT_RESEAUX = (
    ("mednum-alpes-durance", "Réseau Mednum Alpes-Durance", ("04", "05")),
    ("numerian", "Numerian (Ardèche)", ("07",)),
    ("hub-sud", "Hub régional Sud", ("04", "05")),
)


def _ids(path: Path, key: str) -> list[str]:
    doc = load_bytes(path.read_bytes(), path.name)
    return sorted(str(item["id"]) for item in doc.data.get(key) or [])


def vocab_files(repo: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Vocabulary files (text) and their ids: the repo's files when readable, else the defaults."""
    texts = default_files()
    ids = {
        "competences": [c[0] for c in DEFAULT_COMPETENCES],
        "thematiques": [t[0] for t in DEFAULT_THEMATIQUES],
        "reseaux": [r[0] for r in DEFAULT_RESEAUX],
    }
    for rel, key in (("actors/competences.yml", "competences"), ("actions/thematiques.yml", "thematiques"),
                     ("actors/reseaux.yml", "reseaux")):
        path = repo / rel
        if not path.is_file():
            continue
        try:
            found = _ids(path, key)
        except Exception:  # a file being written right now: keep the defaults
            continue
        if found:
            texts[rel] = path.read_text(encoding="utf-8")
            ids[key] = found
    return texts, ids


def default_files() -> dict[str, str]:
    """YAML text of the default vocabulary files."""
    comp = "competences:\n" + "".join(
        f"  - id: {i}\n    libelle: \"{label}\"\n    famille: {family}\n" for i, label, family in DEFAULT_COMPETENCES)
    them = "thematiques:\n" + "".join(f"  - id: {i}\n    libelle: \"{label}\"\n" for i, label in DEFAULT_THEMATIQUES)
    res = "reseaux:\n" + "".join(
        f"  - id: {i}\n    nom: \"{name}\"\n    departements: [{', '.join(repr(d) for d in deps)}]\n"
        for i, name, deps in DEFAULT_RESEAUX)
    return {"actors/competences.yml": comp, "actions/thematiques.yml": them, "actors/reseaux.yml": res}
