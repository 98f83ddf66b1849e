"""Helpers shared by the comptes-rendus, fiches actions and observatoire pages.

Generated pages are raw HTML inside Markdown, so MkDocs does not rewrite their links: every
link is made relative here (``"../" * depth + "annuaire/<slug>/"``), which keeps the site
working under any base path and from ``file://``.

The consent gate: :func:`actor_links` shows a person without recorded consent only as the
structure(s) they belong to — never their name nor their identifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from collections.abc import Mapping
from typing import Any, TypedDict

from generator.load.corpus import Corpus, Record
from generator.models import Action, Meeting
from generator.rules.departements import known_departement_name
from generator.site.producers import Output
from generator.site.render import markdown_html
from generator.config import Settings
from generator.geo.communes import CommuneTable

CSS_PATH = "assets/reseau-suivi.css"


@dataclass(frozen=True)
class Link:
    """A label with an optional relative URL (``href`` is ``None`` for plain text)."""

    label: str
    href: str | None = None
    note: str = ""


def rel(depth: int, target: str) -> str:
    """Relative URL from a page ``depth`` folders below the site root (``/a/b/`` → 2)."""
    return "../" * depth + target


_HEADING = re.compile(r"<(/?)h([1-5])\b")


class Heading(TypedDict):
    """How a meeting or an action is named on every page: its link, title and status."""

    slug: str
    href: str
    titre: str
    statut: str
    statut_label: str


def heading(record: Record[Meeting] | Record[Action], section: str, labels: Mapping[Any, str], depth: int) -> Heading:
    """The :class:`Heading` of a record of ``section`` (``comptes-rendus`` or ``actions``)."""
    model = record.model
    return Heading(slug=record.slug, href=rel(depth, f"{section}/{record.slug}/"), titre=model.titre,
                   statut=model.statut, statut_label=labels[model.statut])


def body_html(markdown_text: str, source: str = "?", first_line: int = 1) -> str:
    """A contributor body (sanitised by ``markdown_html``), headings one level down: the body sits
    under the page's own « Compte-rendu » / « Description » heading. ``source`` and ``first_line``
    position a rendering failure in the file the body comes from."""
    if not markdown_text.strip():
        return ""
    return _HEADING.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}", markdown_html(markdown_text, source, first_line))


def structure_link(corpus: Corpus, slug: str, depth: int) -> Link:
    record = corpus.structures.get(slug)
    if record is None:
        return Link(slug)
    return Link(record.model.nom, rel(depth, f"annuaire/{slug}/"), record.model.commune)


def actor_links(corpus: Corpus, slugs: tuple[str, ...] | list[str], depth: int) -> list[Link]:
    """Structures and people as links; unconsented people become their structures (deduplicated)."""
    links: list[Link] = []
    seen: set[str] = set()

    def add(link: Link) -> None:
        key = link.href or link.label
        if key not in seen:
            seen.add(key)
            links.append(link)

    for slug in slugs:
        if slug in corpus.structures:
            add(structure_link(corpus, slug, depth))
            continue
        person = corpus.people.get(slug)
        if person is None:
            continue
        if person.model.published:
            add(Link(person.model.nom, rel(depth, f"personnes/{slug}/"), person.model.role or ""))
        else:
            for structure in person.model.structures:
                add(structure_link(corpus, structure, depth))
    return links


def place_link(corpus: Corpus, lieu: str | None, depth: int) -> Link | None:
    """The meeting place: a structure link when ``lieu`` is a structure slug, else the text."""
    if not lieu:
        return None
    if lieu in corpus.structures:
        return structure_link(corpus, lieu, depth)
    return Link(lieu)


def attendance(corpus: Corpus, slug: str) -> int | None:
    """Number of participants: ``nombre_participants`` when given, else the distinct people and
    structures listed in ``animation`` and ``participants`` (None when nothing was recorded)."""
    meeting = corpus.meetings[slug].model
    if meeting.nombre_participants is not None:
        return meeting.nombre_participants
    listed = set(meeting.animation) | set(meeting.participants)
    return len(listed) or None


def thematique_label(corpus: Corpus, ident: str) -> str:
    found = corpus.thematiques.get(ident)
    return found.libelle if found is not None else ident


def theme_label(corpus: Corpus, ident: str) -> str:
    """A meeting theme: its label in meetings/themes.yml, a thématique or a compétence, else the identifier in words."""
    if ident in corpus.themes:
        return corpus.themes[ident].libelle
    if ident in corpus.thematiques:
        return corpus.thematiques[ident].libelle
    if ident in corpus.competences:
        return corpus.competences[ident].libelle
    words = ident.replace("-", " ")
    return words[:1].upper() + words[1:]


def territory_label(communes: CommuneTable | None, code: str) -> str:
    """« Hautes-Alpes (05) », « Veynes (05179) », or the bare code when no reference data."""
    if len(code) == 5:
        commune = communes.by_code(code) if communes is not None else None
        return f"{commune.nom} ({code})" if commune is not None else code
    name = known_departement_name(code, communes)
    return f"{name} ({code})" if name else f"département {code}"


def produce_assets(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    """The stylesheet of these pages, from package data (listed in ``extra_css``)."""
    css = resources.files("generator").joinpath("assets", "reseau-suivi.css").read_text(encoding="utf-8")
    return {CSS_PATH: Output(css)}
