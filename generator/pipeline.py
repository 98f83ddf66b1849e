"""The one-way pipeline shared by the CLI and the MkDocs plugin: sources → validate → corpus."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.config import Settings
from generator.errors import ContentError, Problem
from generator.geo.communes import CommuneTable, load_communes
from generator.load.corpus import Corpus, build_corpus
from generator.load.markdown_lint import lint_all
from generator.load.sources import read_sources, record_key


@dataclass(frozen=True)
class Loaded:
    corpus: Corpus
    problems: list[Problem]
    communes: CommuneTable | None


def load_communes_for(settings: Settings) -> CommuneTable:
    """Commune reference data for the configured départements (a ContentError when unavailable)."""
    return load_communes(settings.departements, project_root=settings.root)


def load(root: Path, settings: Settings, *, with_geo: bool = True) -> Loaded:
    """Read, validate and cross-reference the content tree; never raises for bad content."""
    sources, problems = read_sources(root)
    # records that exist but could not be read: (kind, identifier), so that an unreadable
    # actors/structures/competences.yml hides references to that structure only
    unreadable = {key for p in problems if (key := record_key(p.location.path)) is not None}
    problems.extend(lint_all(root, sources))
    communes: CommuneTable | None = None
    if with_geo:
        try:
            communes = load_communes_for(settings)
        except ContentError as exc:
            problems.extend(exc.problems)
    corpus, found = build_corpus(sources, communes, unreadable=unreadable)
    return Loaded(corpus, sorted(problems + found), communes)
