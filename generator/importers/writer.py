"""Write imported structures as YAML files: stable slugs, matching on ``id``, merge, French report."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from generator.errors import ContentError
from generator.importers.record import Cleaned
from generator.load.yaml_strict import load_bytes
from generator.load.yaml_writer import dump

FOLDER = "actors/structures"
SLUG_MAX = 80


@dataclass
class Report:
    fmt: str
    path: str
    created: list[str] = field(default_factory=list)
    updated: list[tuple[str, list[str]]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"Import {self.fmt} : {self.path}",
                 f"  créées : {len(self.created)}"]
        lines += [f"    + {FOLDER}/{slug}.yml" for slug in self.created]
        lines.append(f"  mises à jour : {len(self.updated)}")
        lines += [f"    ~ {FOLDER}/{slug}.yml ({', '.join(keys)})" for slug, keys in self.updated]
        lines.append(f"  inchangées : {len(self.unchanged)}")
        lines.append(f"  ignorées : {len(self.ignored)}")
        lines += [f"    - {reason}" for reason in self.ignored]
        if self.warnings:
            lines.append(f"Avertissements ({len(self.warnings)}) :")
            lines += [f"  {w}" for w in self.warnings]
        return "\n".join(lines) + "\n"


def base_slug(data: dict[str, str | list[str]]) -> str:
    nom = slugify(str(data.get("nom", "")))
    commune = slugify(str(data.get("commune", "")))
    text = nom if commune and re.search(rf"(?:^|-){re.escape(commune)}(?:-|$)", nom) else f"{nom}-{commune}"
    return slugify(text, max_length=SLUG_MAX, word_boundary=True) or "structure"


@dataclass
class Existing:
    by_slug: dict[str, dict[str, object]]
    by_id: dict[str, str]


def read_existing(root: Path, warnings: list[str]) -> Existing:
    by_slug: dict[str, dict[str, object]] = {}
    by_id: dict[str, str] = {}
    folder = root / FOLDER
    if folder.is_dir():
        for path in sorted(folder.glob("*.y*ml")):
            try:
                doc = load_bytes(path.read_bytes(), f"{FOLDER}/{path.name}")
            except ContentError as exc:
                warnings.append(f"{FOLDER}/{path.name}: fichier illisible, laissé tel quel ({exc.problems[0].message})")
                by_slug[path.stem] = {}
                continue
            data = doc.data if isinstance(doc.data, dict) else {}
            by_slug[path.stem] = data
            if isinstance(data.get("id"), str) and data["id"]:
                by_id.setdefault(data["id"], path.stem)
    return Existing(by_slug, by_id)


def target_slug(item: Cleaned, existing: Existing, taken: set[str]) -> tuple[str, bool]:
    """(slug, already exists). Match on the source id first, then on a free or id-less slug."""
    if item.source_id and item.source_id in existing.by_id:
        return existing.by_id[item.source_id], True
    base = base_slug(item.data)
    for index in range(1, 1000):
        slug = base if index == 1 else f"{base}-{index}"
        if slug in taken:
            continue
        current = existing.by_slug.get(slug)
        if current is None:
            return slug, False
        if not current.get("id") or current.get("id") == item.source_id:
            return slug, True
    raise RuntimeError("trop de structures homonymes")


def merge(old: dict[str, object], new: dict[str, str | list[str]]) -> tuple[dict[str, object], list[str]]:
    """Imported keys replace the old ones; keys the import does not know are kept."""
    merged = dict(old)
    changed: list[str] = []
    for key, value in new.items():
        if merged.get(key) != value:
            changed.append(key)
            merged[key] = value
    return merged, sorted(changed)


def _write(path: Path, data: Mapping[str, object], where: str, report: Report) -> bool:
    """Write one record; what the loader would refuse is reported and the row skipped."""
    try:
        text = dump(data, path=f"{FOLDER}/{path.name}")
    except ContentError as exc:
        report.ignored.extend(f"{where}: {p.message} — {p.hint}" for p in exc.problems)
        return False
    path.write_text(text, encoding="utf-8")
    return True


def write_all(root: Path, items: list[Cleaned], report: Report, *, update: bool) -> None:
    existing = read_existing(root, report.warnings)
    taken: set[str] = set()
    folder = root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    seen_ids: dict[str, str] = {}
    for item in items:
        if item.source_id and item.source_id in seen_ids:
            report.ignored.append(f"{item.where}: identifiant « {item.source_id} » déjà rencontré "
                                  f"({seen_ids[item.source_id]}), ligne ignorée")
            continue
        if item.source_id:
            seen_ids[item.source_id] = item.where
        slug, exists = target_slug(item, existing, taken)
        if slug in taken:
            report.ignored.append(f"{item.where}: doublon d'une fiche déjà importée ({slug})")
            continue
        taken.add(slug)
        path = folder / f"{slug}.yml"
        if not exists:
            if _write(path, item.data, item.where, report):
                report.created.append(slug)
            continue
        if not update:
            report.ignored.append(f"{item.where}: {FOLDER}/{slug}.yml ignoré (existe déjà ; "
                                  "--mise-a-jour pour le mettre à jour)")
            continue
        merged, changed = merge(existing.by_slug[slug], item.data)
        if not changed:
            report.unchanged.append(slug)
            continue
        if _write(path, merged, item.where, report):
            report.updated.append((slug, changed))
