"""Write imported structures: match before creating, three-way merge, all-or-nothing writes, report.

Each row is matched (:mod:`generator.importers.matching`); a new place becomes a file with a stable
slug, a known one is merged (:mod:`generator.importers.merge`), a probable duplicate is reported and
left out. What each source gave is kept in ``import/`` (:mod:`generator.importers.state`). Nothing
is written until every row is planned, then every file at once (temporary files renamed).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from slugify import slugify

from generator.errors import ContentError, Location, Problem
from generator.importers import state as st
from generator.importers.matching import BY_SOURCE, PROBABLE_PLACE, Match, Matcher
from generator.importers.merge import three_way
from generator.importers.record import Cleaned
from generator.importers.report import FOLDER, FORCED, Report
from generator.load.yaml_strict import load_bytes
from generator.load.yaml_writer import dump

__all__ = ["FOLDER", "Report", "base_slug", "write_all"]
SLUG_MAX = 80


def base_slug(data: Mapping[str, object]) -> str:
    nom = slugify(str(data.get("nom", "")))
    commune = slugify(str(data.get("commune", "")))
    text = nom if commune and re.search(rf"(?:^|-){re.escape(commune)}(?:-|$)", nom) else f"{nom}-{commune}"
    return slugify(text, max_length=SLUG_MAX, word_boundary=True) or "structure"


def read_existing(root: Path, warnings: list[str]) -> dict[str, dict[str, object]]:
    """slug → data of every structure file (``{}`` for an unreadable one, left as it is)."""
    files: dict[str, dict[str, object]] = {}
    folder = root / FOLDER
    if folder.is_dir():
        for path in sorted(folder.glob("*.y*ml")):
            try:
                doc = load_bytes(path.read_bytes(), f"{FOLDER}/{path.name}")
            except ContentError as exc:
                warnings.append(f"{FOLDER}/{path.name}: fichier illisible, laissé tel quel ({exc.problems[0].message})")
                files[path.stem] = {}
                continue
            files[path.stem] = doc.data if isinstance(doc.data, dict) else {}
    return files


class Plan:
    """The files of one import run, written by :meth:`commit` only."""

    def __init__(self, root: Path, report: Report) -> None:
        self.root, self.report = root, report
        self.files = read_existing(root, report.warnings)
        self.texts: dict[str, str] = {}  # path relative to root → new text
        self.states: dict[str, st.SourceState] = {}

    def state(self, source: str) -> st.SourceState:
        if source not in self.states:
            self.states[source] = st.load(self.root, source)
        return self.states[source]

    def free_slug(self, data: Mapping[str, object]) -> str:
        base = base_slug(data)
        index = 1
        while (slug := base if index == 1 else f"{base}-{index}") in self.files:
            index += 1
        return slug

    def put(self, slug: str, data: dict[str, object], where: str) -> bool:
        """Plan one file; what the loader would refuse is reported and the row skipped."""
        try:
            text = dump(data, path=f"{FOLDER}/{slug}.yml")
        except ContentError as exc:
            lines = [f"{where}: {p.message} — {p.hint}" for p in exc.problems]
            self.report.ignored.extend(lines)
            self.report.failed.extend(lines)
            return False
        self.files[slug] = data
        self.texts[f"{FOLDER}/{slug}.yml"] = text
        return True

    def remember(self, source: str, source_id: str, slug: str, values: st.Values) -> None:
        state = self.state(source)
        key = st.entry_key(source_id, slug)
        entry = state.entries.get(key)
        if entry is None or entry.slug != slug or entry.values != values:
            state.entries[key] = st.Entry(slug, dict(values))
            state.changed = True

    def commit(self) -> None:
        """Every file to a temporary neighbour first, then all renamed: no half-written tree."""
        for state in self.states.values():
            if state.changed:
                self.texts[st.file_name(state.source)] = st.dump(state)
        temps: list[tuple[str, Path]] = []
        try:
            for rel, text in sorted(self.texts.items()):
                target = self.root / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, name = tempfile.mkstemp(dir=target.parent, prefix=".import-", suffix=".tmp")
                temps.append((name, target))
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)
        except OSError as exc:
            for name, _target in temps:
                Path(name).unlink(missing_ok=True)
            raise ContentError([Problem(Location(rel), "I-ECRITURE", f"écriture impossible ({exc.strerror})",
                                        "rien n'a été modifié : libérez de la place ou corrigez les droits, "
                                        "puis relancez l'import")]) from None
        for name, target in temps:
            os.replace(name, target)


def source_of(item: Cleaned, fmt: str) -> str:
    return str(item.data.get("source") or fmt)


def _apply(plan: Plan, item: Cleaned, match: Match, *, update: bool, force: bool) -> str | None:
    """Merge ``item`` into the matched file; the slug when its source's state should be remembered."""
    report, slug, source = plan.report, match.slug, source_of(item, plan.report.fmt)
    state = plan.state(source)
    entry = state.entries.get(st.entry_key(item.source_id, slug))
    own = match.how == BY_SOURCE or entry is not None
    if slug not in plan.files:
        report.ignored.append(f"{item.where}: {FOLDER}/{slug}.yml supprimé depuis le dernier import, non recréé "
                              f"(retirez son entrée de {st.file_name(source)} pour le recréer)")
        return None
    if own and not update:
        report.ignored.append(f"{item.where}: {FOLDER}/{slug}.yml ignoré (existe déjà ; "
                              "--mise-a-jour pour le mettre à jour)")
        return None
    base = entry.values if own and entry is not None else None
    out = three_way(plan.files[slug], base, item.data, force=force and base is not None)
    if out.conflicts and base is not None and not force:
        report.conflicts.append((slug, out.conflicts, "fiche laissée telle quelle (--forcer pour prendre la source)"))
        return None
    if out.conflicts and base is not None:
        report.conflicts.append((slug, out.conflicts, FORCED))
    elif out.conflicts and own:  # imported before import/ existed: no base to tell a hand edit
        report.conflicts.append((slug, out.conflicts, "valeurs de la fiche gardées (aucun état d'import antérieur)"))
    if out.changed and not plan.put(slug, out.data, item.where):
        return None
    if not own:
        report.merged.append((slug, out.changed, match.why, out.conflicts))
    elif out.changed:
        report.updated.append((slug, out.changed))
    else:
        report.unchanged.append(slug)
    return slug


def write_all(root: Path, items: list[Cleaned], report: Report, *, update: bool,
              dry_run: bool = False, force: bool = False) -> None:
    plan = Plan(root, report)
    report.dry_run = dry_run
    matcher = Matcher(plan.files, {s: plan.state(s) for s in sorted({source_of(i, report.fmt) for i in items})})
    seen_ids: dict[str, str] = {}
    for item in items:
        if item.source_id and item.source_id in seen_ids:
            report.ignored.append(f"{item.where}: identifiant « {item.source_id} » déjà rencontré "
                                  f"({seen_ids[item.source_id]}), ligne ignorée")
            report.failed.append(report.ignored[-1])
            continue
        if item.source_id:
            seen_ids[item.source_id] = item.where
        source = source_of(item, report.fmt)
        match = matcher.find(item.data, source)
        if match is not None and match.how == PROBABLE_PLACE and not force:
            report.duplicates.append((item.where, str(item.data.get("nom", "")), match.slug, match.why))
            continue
        slug: str | None
        if match is None or match.how == PROBABLE_PLACE:
            slug = plan.free_slug(item.data)
            if not plan.put(slug, dict(item.data), item.where):
                continue
            report.created.append(slug)
        else:
            slug = _apply(plan, item, match, update=update, force=force)
        if slug is not None:
            plan.remember(source, item.source_id, slug, item.data)
            matcher.record(slug, plan.files[slug], source, item.source_id)
    if not dry_run:
        plan.commit()
