"""Read the content tree: sorted, no symlinks followed, strict YAML, our own front matter split."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import ContentError, Location, Problem
from generator.load.yaml_strict import Document, decode, parse_text
from generator.models.common import SLUG_RE
from generator.rules.files import MAX_BYTES

# (folder, kind, suffixes) — single vocabulary files are listed in VOCAB_FILES.
RECORD_FOLDERS = (
    ("actors/structures", "structure", (".yml", ".yaml")),
    ("actors/people", "person", (".yml", ".yaml")),
    ("meetings", "meeting", (".md",)),
    ("actions", "action", (".md",)),
)
VOCAB_FILES = {
    "actors/competences.yml": "competences",
    "actors/reseaux.yml": "reseaux",
    "actions/thematiques.yml": "thematiques",
    "meetings/themes.yml": "themes",
}
IGNORED_NAMES = {"README.md", "LISEZMOI.md", ".gitkeep"}
MEETING_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")
FENCE = re.compile(r"^---[ \t]*\r?$")


@dataclass(frozen=True)
class Source:
    """One content file, parsed but not yet validated."""

    kind: str
    path: str
    slug: str
    doc: Document
    body: str = ""
    body_line: int = 0


def record_key(rel: str) -> tuple[str, str] | None:
    """(kind, identifier) of the record a content path holds, or None: ``actors/structures/epn-gap.yml``
    is ``("structure", "epn-gap")``, ``actors/competences.yml`` is ``("competences", "competences")``."""
    if rel in VOCAB_FILES:
        return VOCAB_FILES[rel], VOCAB_FILES[rel]
    path = PurePosixPath(rel)
    for folder, kind, suffixes in RECORD_FOLDERS:
        if path.parent.as_posix() == folder and path.suffix in suffixes:
            return kind, path.stem
    return None


def _problem(path: str, code: str, message: str, hint: str = "", line: int = 1, col: int = 1) -> Problem:
    return Problem(Location(path, line, col), code, message, hint)


def split_front_matter(text: str, path: str) -> tuple[str, str, int]:
    """Return (front matter, body, first body line). Raises ContentError when absent or unclosed."""
    lines = text.split("\n")
    if not lines or not FENCE.match(lines[0]):
        raise ContentError([_problem(path, "F-ENTETE", "en-tête YAML manquant : le fichier doit commencer par « --- »",
                                     "ajoutez une ligne « --- », les champs, puis une autre ligne « --- »")])
    for index in range(1, len(lines)):
        if FENCE.match(lines[index]):
            front = "\n".join(lines[1:index]) + "\n"
            return front, "\n".join(lines[index + 1:]), index + 2
    raise ContentError([_problem(path, "F-ENTETE", "en-tête YAML non fermé : la ligne « --- » de fin manque",
                                 "ajoutez une ligne « --- » après le dernier champ de l'en-tête")])


def _walk(root: Path, folder: str, problems: list[Problem]) -> list[Path]:
    """Files directly in ``root/folder`` (sorted); symlinks and subfolders reported."""
    base = root / folder
    parts = folder.split("/")
    if any((root.joinpath(*parts[: i + 1])).is_symlink() for i in range(len(parts))):
        problems.append(_problem(folder, "S-LIEN", "lien symbolique refusé", "remplacez-le par un vrai dossier"))
        return []
    if not base.is_dir():
        return []
    found: list[Path] = []
    with os.scandir(base) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            rel = f"{folder}/{entry.name}"
            if entry.name.startswith(".") or entry.name in IGNORED_NAMES:
                continue
            if entry.is_symlink():
                problems.append(_problem(rel, "S-LIEN", "lien symbolique refusé (il pourrait publier un fichier privé)",
                                         "remplacez le lien par une copie du fichier"))
            elif entry.is_file():
                found.append(Path(entry.path))
            elif entry.is_dir():
                problems.append(_problem(rel, "S-DOSSIER", "sous-dossier ignoré : ses fiches ne seraient pas publiées",
                                         f"placez les fiches directement dans {folder}/"))
    return found


def _read(root: Path, path: Path) -> tuple[str, bytes]:
    rel = path.relative_to(root).as_posix()
    with open(path, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    return rel, raw


def _load_one(root: Path, path: Path, kind: str, slug: str) -> Source:
    rel, raw = _read(root, path)
    text = decode(raw, rel)
    if kind in ("meeting", "action"):
        front, body, body_line = split_front_matter(text, rel)
        doc = parse_text(front, rel, line_offset=1)
        return Source(kind, rel, slug, doc, body, body_line)
    return Source(kind, rel, slug, parse_text(text, rel))


def read_sources(root: Path) -> tuple[list[Source], list[Problem]]:
    """Every content file under ``root`` in a stable order, with all loading problems."""
    problems: list[Problem] = []
    sources: list[Source] = []
    for rel, kind in sorted(VOCAB_FILES.items()):
        path = root / rel
        if path.is_symlink():
            problems.append(_problem(rel, "S-LIEN", "lien symbolique refusé", "remplacez-le par un vrai fichier"))
        elif path.is_file():
            try:
                sources.append(_load_one(root, path, kind, kind))
            except ContentError as exc:
                problems.extend(exc.problems)
    for folder, kind, suffixes in RECORD_FOLDERS:
        for path in _walk(root, folder, problems):
            rel = path.relative_to(root).as_posix()
            if rel in VOCAB_FILES:
                continue
            if path.suffix not in suffixes:
                problems.append(_problem(rel, "S-EXTENSION", f"fichier inattendu dans {folder}/",
                                         f"les fiches de ce dossier se terminent par {' ou '.join(suffixes)}"))
                continue
            slug = path.stem
            if not SLUG_RE.match(slug):
                problems.append(_problem(rel, "S-NOM", f"nom de fichier « {path.name} » invalide",
                                         "minuscules sans accents, chiffres et tirets, par exemple mediatheque-de-veynes"
                                         + path.suffix))
                continue
            if kind == "meeting" and not MEETING_NAME.match(slug):
                problems.append(_problem(rel, "S-NOM", "le nom d'un compte-rendu commence par sa date",
                                         "par exemple 2024-06-21-concertation-fne.md"))
                continue
            try:
                sources.append(_load_one(root, path, kind, slug))
            except ContentError as exc:
                problems.extend(exc.problems)
    return sources, problems
