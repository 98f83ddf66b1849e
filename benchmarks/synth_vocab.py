"""Reference data for synthetic corpora: communes and the network vocabularies (defaults)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.yamlstrict import load_bytes

DEPARTEMENTS = ("04", "05", "07")


@dataclass(frozen=True)
class Place:
    code: str
    nom: str
    departement: str
    population: int
    codes_postaux: tuple[str, ...]
    lat: float
    lon: float


# Used only when generator.communes is unavailable: real communes of 04, 05 and 07.
FALLBACK_COMMUNES = (
    Place("05061", "Gap", "05", 41293, ("05000",), 44.5588, 6.0798),
    Place("04112", "Manosque", "04", 22718, ("04100",), 43.8336, 5.7827),
    Place("04070", "Digne-les-Bains", "04", 17979, ("04000",), 44.0934, 6.2352),
    Place("07010", "Annonay", "07", 17274, ("07100",), 45.2402, 4.6676),
    Place("07019", "Aubenas", "07", 12416, ("07200",), 44.6209, 4.39),
    Place("05023", "Briançon", "05", 11411, ("05100",), 44.8999, 6.6338),
    Place("07324", "Tournon-sur-Rhône", "07", 11279, ("07300",), 45.068, 4.8323),
    Place("07102", "Guilherand-Granges", "07", 11235, ("07500",), 44.9323, 4.8734),
    Place("07319", "Le Teil", "07", 8726, ("07400",), 44.5505, 4.6837),
    Place("07186", "Privas", "07", 8538, ("07000",), 44.7353, 4.5989),
    Place("04209", "Sisteron", "04", 7850, ("04200",), 44.1949, 5.9426),
    Place("07042", "Bourg-Saint-Andéol", "07", 7661, ("07700",), 44.3687, 4.6467),
)


def communes(project_root: Path) -> list[Any]:
    """Communes of the configured départements, sorted by code (fallback: a small real list)."""
    try:
        from generator.communes import load_communes
    except ImportError:
        return list(FALLBACK_COMMUNES)
    try:
        found = list(load_communes(DEPARTEMENTS, project_root=project_root))
    except Exception:  # missing data packages: the synthetic corpus still builds without geo
        return list(FALLBACK_COMMUNES)
    return sorted(found, key=lambda c: c.code) or list(FALLBACK_COMMUNES)


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
