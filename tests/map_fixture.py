"""A tiny content tree for the map tests: hostile names, a published and an unpublished person."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAYLOADS = (
    "<script>alert(1)</script>",
    "${alert(document.domain)}",
    "Lieu `backtick` \\ barre",
    "</script><script>alert(1)</script>",
    '" onmouseover="alert(1)',
)

MKDOCS = """site_name: Test carte
docs_dir: content
plugins:
  - reseau:
      departements: ["04", "05", "07"]
"""


def _structure(nom: str, commune: str, cp: str, insee: str, extra: str = "") -> str:
    quoted = nom.replace("\\", "\\\\").replace('"', '\\"')
    return (f'nom: "{quoted}"\ncommune: {commune}\ncode_postal: "{cp}"\ncode_insee: "{insee}"\n'
            f'adresse: 1 place de la Mairie\ndate_maj: "2025-01-15"\n{extra}')


def make_tree(dest: Path) -> Path:
    """Five hostile structures placed at mairies, one precise place in Privas, one itinerant bus."""
    (dest / "content").mkdir(parents=True)
    (dest / "content" / "index.md").write_text("# Test\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    structures = dest / "actors" / "structures"
    people = dest / "actors" / "people"
    structures.mkdir(parents=True)
    people.mkdir(parents=True)
    towns = [("Gap", "05000", "05061"), ("Digne-les-Bains", "04000", "04070"), ("Aubenas", "07200", "07019"),
             ("Annonay", "07100", "07010"), ("Briançon", "05100", "05023")]
    for i, (payload, (commune, cp, insee)) in enumerate(zip(PAYLOADS, towns, strict=True)):
        extra = "typologie: [EPN]\nservices: [Aide aux démarches administratives]\n" if i % 2 == 0 else ""
        (structures / f"hostile-{i}.yml").write_text(_structure(payload, commune, cp, insee, extra), encoding="utf-8")
    (structures / "epn-privas.yml").write_text(_structure(
        "EPN de Privas", "Privas", "07000", "07186",
        "latitude: \"44.7352\"\nlongitude: \"4.5992\"\ntypologie: [BIB]\n"
        "services: [Aide aux démarches administratives, Maîtrise des outils numériques du quotidien]\n"
        "dispositif_programmes_nationaux: [France Services]\nhoraires: \"Mo-Fr 09:00-12:00\"\n"
        "telephone: \"04 75 00 00 00\"\ncourriels: [epn@example.org]\n"), encoding="utf-8")
    (structures / "bus-numerique.yml").write_text(_structure(
        "Bus numérique", "Largentière", "07110", "07132",
        "itinerance: [Itinérant]\nservices: [Maîtrise des outils numériques du quotidien]\n"
        "zone_intervention: [\"07009\", \"07329\"]\n"), encoding="utf-8")
    (dest / "actors" / "competences.yml").write_text(
        "competences:\n  - id: securite-numerique\n    libelle: Sécurité <numérique>\n    famille: Usages\n"
        "    description: Se protéger en ligne.\n  - id: cachee\n    libelle: Compétence cachée\n"
        "    famille: Usages\n    description: Détenue seulement par une personne non publiée.\n",
        encoding="utf-8")
    (people / "alice-publiee.yml").write_text(
        "nom: Alice Publiée\nfictif: \"true\"\nstructures: [epn-privas]\nrole: Médiatrice\n"
        "competences: [securite-numerique]\npublication:\n  consentie: \"true\"\n  date: \"2024-01-01\"\n",
        encoding="utf-8")
    (people / "bob-prive.yml").write_text(
        "nom: Bob Secret\nfictif: \"true\"\nstructures: [hostile-0]\ncompetences: [securite-numerique, cachee]\n",
        encoding="utf-8")
    if (ROOT / "node_modules").exists():
        (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def load_tree(root: Path):
    from generator.config import load_settings
    from generator.pipeline import load

    settings = load_settings(root)
    loaded = load(root, settings)
    assert not loaded.problems, [p.format() for p in loaded.problems]
    return loaded, settings


def clean(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
