"""Identifiers that would collide with generated pages are refused at check time."""

from __future__ import annotations

from pathlib import Path

from generator.config import load_settings
from generator.pipeline import load

STRUCTURE = """nom: Test
adresse: Adresse à compléter
code_postal: "05400"
commune: Veynes
date_maj: "2024-01-01"
"""


def test_reserved_slugs_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "actors" / "structures"
    folder.mkdir(parents=True)
    for name in ("imprimer", "index", "mediatheque-veynes"):
        (folder / f"{name}.yml").write_text(STRUCTURE, encoding="utf-8")
    (tmp_path / "actors" / "competences.yml").write_text(
        "competences:\n  - id: index\n    libelle: X\n    famille: Y\n", encoding="utf-8")
    loaded = load(tmp_path, load_settings(tmp_path), with_geo=False)
    found = [(p.location.path, p.location.line, p.code) for p in loaded.problems]
    assert found == [
        ("actors/competences.yml", 2, "R-RESERVE"),
        ("actors/structures/imprimer.yml", 1, "R-RESERVE"),
        ("actors/structures/index.yml", 1, "R-RESERVE"),
    ]
    assert set(loaded.corpus.structures) == {"mediatheque-veynes"}
