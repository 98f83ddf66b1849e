"""Content layout: sub-folders are reported (their records would silently vanish), symlinked folders refused."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.load.sources import read_sources

STRUCTURE = 'nom: A\nadresse: x\ncode_postal: "05400"\ncommune: Veynes\ndate_maj: "2024-01-01"\n'


def test_sub_folder_is_reported(tmp_path: Path) -> None:
    nested = tmp_path / "actors" / "structures" / "ardeche"
    nested.mkdir(parents=True)
    (nested / "autre.yml").write_text(STRUCTURE, encoding="utf-8")
    sources, problems = read_sources(tmp_path)
    assert sources == []
    assert [(p.location.path, p.code) for p in problems] == [("actors/structures/ardeche", "S-DOSSIER")]


def test_symlinked_parent_folder_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "ailleurs" / "structures"
    elsewhere.mkdir(parents=True)
    (elsewhere / "secret.yml").write_text(STRUCTURE, encoding="utf-8")
    root = tmp_path / "site"
    root.mkdir()
    (root / "actors").symlink_to(tmp_path / "ailleurs", target_is_directory=True)
    sources, problems = read_sources(root)
    assert sources == []
    assert {p.code for p in problems} == {"S-LIEN"}
    shutil.rmtree(tmp_path / "ailleurs")
