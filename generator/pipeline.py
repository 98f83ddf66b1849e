"""The one-way pipeline shared by the CLI and the MkDocs plugin: sources → validate → corpus."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.config import Settings, option_location
from generator.errors import ContentError, Problem, split_severities
from generator.geo.checks import fallback_notices, place_warnings
from generator.geo.communes import CommuneTable, load_communes, load_geometries
from generator.load.corpus import Corpus, build_corpus
from generator.load.duplicates import duplicate_warnings
from generator.load.markdown_lint import lint_all
from generator.load.placeholders import clean_corpus, placeholder_warnings
from generator.load.sources import read_sources, record_key


@dataclass(frozen=True)
class Loaded:
    corpus: Corpus
    problems: list[Problem]  # errors only: the content cannot be published until they are fixed
    communes: CommuneTable | None
    warnings: list[Problem] = field(default_factory=list)  # warnings, then notices on the reference data


def load_communes_for(settings: Settings) -> CommuneTable:
    """Commune reference data for the configured départements (a ContentError when unavailable)."""
    return load_communes(settings.departements, project_root=settings.root,
                         origin=option_location(settings.root, "departements"))


def _geo_warnings(corpus: Corpus, communes: CommuneTable, settings: Settings) -> list[Problem]:
    def geometries() -> dict[str, dict[str, object]]:
        return load_geometries(settings.departements, project_root=settings.root)

    origin = option_location(settings.root, "departements")
    return place_warnings(corpus.structures, communes, geometries) + fallback_notices(communes.fallbacks, origin)


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
    problems.extend(found)
    problems.extend(duplicate_warnings(corpus.structures))
    problems.extend(placeholder_warnings((corpus.structures, corpus.people)))
    clean_corpus(corpus)  # warned about above: from here on, no page or export sees a placeholder
    if communes is not None:
        problems.extend(_geo_warnings(corpus, communes, settings))
    errors, warnings, notices = split_severities(problems)
    return Loaded(corpus, errors, communes, warnings + notices)
