"""A scratch tree that ``check`` and ``mkdocs build`` accept: the demo's pages, theme and vocabularies."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def add_site_skeleton(root: Path) -> None:
    """Copy ``content/``, ``theme/`` and the vocabulary files into ``root``; link ``node_modules``."""
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, root / name)
    for src in ("actors/competences.yml", "actors/reseaux.yml", "actions/thematiques.yml"):
        (root / src).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / src, root / src)
    if (ROOT / "node_modules").exists():
        (root / "node_modules").symlink_to(ROOT / "node_modules")
