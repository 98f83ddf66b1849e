"""Scratch network roots for the import tests: an empty one, and one ``check`` and ``mkdocs build`` accept."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scratch(tmp_path: Path, name: str = "site") -> Path:
    """An empty network root under ``tmp_path``: only the demo's ``mkdocs.yml``."""
    root = tmp_path / name
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def add_site_skeleton(root: Path) -> None:
    """Copy ``content/``, ``theme/`` and the vocabulary files into ``root``; link ``node_modules``."""
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, root / name)
    for src in ("actors/competences.yml", "actors/reseaux.yml", "actions/thematiques.yml"):
        (root / src).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / src, root / src)
    if (ROOT / "node_modules").exists():
        (root / "node_modules").symlink_to(ROOT / "node_modules")
