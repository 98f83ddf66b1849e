"""Arguments shared by the sub-commands (``--root``)."""

from __future__ import annotations

import argparse
from pathlib import Path


def _root(value: str) -> Path:
    path = Path(value).resolve()
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"dossier introuvable : {value}")
    return path


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=_root, default=Path.cwd(),
                        help="dossier du contenu (par défaut : le dossier courant)")
