"""``check``'s walk of ``content/``: names (``S-NOM``), links (``S-LIEN``), type (``S-TYPE``), place (``S-RESERVE``).

The rules are in :mod:`generator.rules.content_files`, shared with the build (the plugin refuses
the same files); this module turns them into positioned problems.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import Location, Problem
from generator.rules.content_files import ALLOWED_HINT, read_head, reserved_section, type_problem
from generator.rules.file_names import NAME_HINT, is_safe_file_name, is_safe_folder_name

CONTENT_DIR = "content"
CONTENT_PREFIX = CONTENT_DIR + "/"


def reserved_problem(path: Path, root: Path) -> Problem | None:
    """``S-RESERVE`` for a file or folder at the top of ``content/`` named after a generated section."""
    rel = path.relative_to(root).as_posix()
    section = reserved_section(rel.removeprefix(CONTENT_PREFIX))
    if section is None:
        return None
    return Problem(Location(rel), "S-RESERVE",
                   f"« {path.name} » écrirait dans la section générée « {section}/ » du site",
                   f"cette section est générée depuis actors/, meetings/ et actions/ : renommez « {path.name} » "
                   f"(par exemple « guide-{path.name} ») ou modifiez la fiche concernée")


def publishable(path: Path, root: Path, problems: list[Problem]) -> bool:
    """True when a file of ``content/`` may be published; otherwise its problem is appended."""
    if path.name.startswith("."):
        return True  # MkDocs never publishes hidden files
    reason = type_problem(path.name, read_head(path))
    if reason is None:
        return True
    problems.append(Problem(Location(path.relative_to(root).as_posix()), "S-TYPE", reason,
                            f"{ALLOWED_HINT} ; retirez ce fichier ou convertissez-le"))
    return False


def content_pages(root: Path, problems: list[Problem]) -> list[Path]:
    """The Markdown pages of ``content/`` (sorted), every naming, link, type and place problem appended."""
    base = root / CONTENT_DIR
    found: list[Path] = []
    if not base.is_dir():
        return found
    for folder, dirs, files in os.walk(base, followlinks=False):
        dirs[:] = sorted(d for d in dirs if (Path(folder) / d).is_symlink()
                         or _named_well(Path(folder) / d, root, problems, folder=True))
        for name in sorted(dirs + files):
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                problems.append(Problem(Location(rel), "S-LIEN", "lien symbolique refusé (MkDocs publierait sa cible)",
                                        "remplacez le lien par une copie du fichier"))
            elif (reserved := reserved_problem(path, root)) is not None:
                problems.append(reserved)  # nothing under it is read: it would not be published
                if name in dirs:
                    dirs.remove(name)
            elif name in files and _named_well(path, root, problems, folder=False) \
                    and publishable(path, root, problems) and name.endswith(".md"):
                found.append(path)
    return found


def _named_well(path: Path, root: Path, problems: list[Problem], *, folder: bool) -> bool:
    """``S-NOM`` for a file or folder under ``content/``: its name lands in URLs and in the edit link.
    Hidden names (``.gitkeep``) are not published by MkDocs: left alone."""
    if path.name.startswith(".") or (is_safe_folder_name if folder else is_safe_file_name)(path.name):
        return True
    rel = path.relative_to(root).as_posix()
    what = "dossier" if folder else "fichier"
    example = "guides-pratiques" if folder else "guide-pratique.md"
    problems.append(Problem(Location(rel), "S-NOM", f"nom de {what} « {path.name} » invalide dans content/",
                            f"{NAME_HINT} ; par exemple {example}"))
    return False
