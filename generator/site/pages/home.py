"""The home page ``index.md``: the hand-written introduction plus generated key figures.

Contributor Markdown is never templated, so the home page is a producer output: it reads
``content/index.md`` (the hand-written introduction, edited like any page — « Modifier cette
page » opens it), renders it through :func:`markdown_html`, then adds the quick links, the key
figures and the latest minutes. The generated ``index.md`` replaces the hand-written one in the
site; a front matter block at the top of ``content/index.md`` is ignored except ``title``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from generator.rules.wording import agree, format_number
from generator.load.corpus import Corpus
from generator.rules.build_date import build_date
from generator.site.pages.orientation_data import needs
from generator.site.producers import Output
from generator.site.render import markdown_html, page_md, render
from generator.config import Settings
from generator.geo.communes import CommuneTable

INTRO = "content/index.md"
LATEST = 5
FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.DOTALL)
H1 = re.compile(r"\A\s*(<h1\b.*?</h1>)", re.DOTALL)
TITLE = re.compile(r"^title:\s*[\"']?(.*?)[\"']?\s*$", re.MULTILINE)

SECTIONS = (
    ("annuaire/", "Annuaire", "Qui fait quoi, où : tous les lieux, avec filtres"),
    ("carte/", "Carte", "Les lieux sur la carte du territoire"),
    ("competences/", "Compétences", "Vers qui me tourner pour… ?"),
    ("couverture/", "Couverture", "Le territoire couvert et les zones blanches"),
    ("comptes-rendus/", "Comptes-rendus", "Les réunions du réseau"),
    ("actions/", "Fiches actions", "Les actions France Numérique Ensemble"),
    ("observatoire/", "Observatoire", "Le réseau en chiffres"),
    ("donnees/", "Données ouvertes", "Les lieux au standard national, le calendrier"),
)


def split_intro(text: str) -> tuple[str | None, str]:
    """(title from the front matter or None, Markdown body)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text
    title = TITLE.search(match.group(1))
    return (title.group(1) if title else None), text[match.end():]


def key_figures(corpus: Corpus) -> list[tuple[int, str, str]]:
    """(number, singular, plural) for the home page; people are counted only when published.

    Lieux and covered communes count the lieux only, never the partners of the network
    (:meth:`Corpus.partners`, counted apart when there are some).
    """
    lieux = [r.model for r in corpus.lieux().values()]
    partners = len(corpus.partners())
    communes = {s.code_insee or f"{s.code_postal} {s.commune}" for s in lieux}
    communes.update(code for s in lieux for code in s.zone_intervention)
    running = sum(1 for r in corpus.actions.values() if r.model.statut == "en-cours")
    return [
        (len(lieux), "lieu de médiation", "lieux de médiation"),
        *([(partners, "partenaire du réseau", "partenaires du réseau")] if partners else []),
        (len(communes), "commune couverte", "communes couvertes"),
        (len(corpus.published_people()), "personne référencée", "personnes référencées"),
        (len(corpus.competences), "compétence", "compétences"),
        (sum(1 for r in corpus.meetings.values() if r.model.statut == "tenue"), "réunion tenue", "réunions tenues"),
        (running, "action en cours", "actions en cours"),
    ]


def home_context(corpus: Corpus, intro_html: str, today: date) -> dict[str, Any]:
    meetings = corpus.meetings_by_date()
    held = [r for r in meetings if r.model.statut == "tenue"]
    coming = [r for r in meetings if r.model.statut == "prevue" and r.model.date >= today]
    services, competences = needs(corpus)
    heading = H1.match(intro_html)
    return {
        "intro_heading": heading.group(1) if heading else "",
        "intro_html": intro_html[heading.end():] if heading else intro_html,
        "services": services,
        "competences": competences,
        "prefix": "",
        "sections": SECTIONS,
        "figures": [(format_number(n), agree(n, one, many)) for n, one, many in key_figures(corpus)],
        "latest": [{"slug": r.slug, "titre": r.model.titre, "date": r.model.date} for r in reversed(held[-LATEST:])],
        "coming": [{"slug": r.slug, "titre": r.model.titre, "date": r.model.date} for r in coming[:LATEST]],
    }


def home_page(corpus: Corpus, intro_text: str, today: date, fallback_title: str) -> str:
    title, body = split_intro(intro_text)
    first_line = intro_text[: len(intro_text) - len(body)].count("\n") + 1 if intro_text.endswith(body) else 1
    html = render("site/accueil.html", **home_context(corpus, markdown_html(body, INTRO, first_line), today))
    return page_md(title or fallback_title, html, hide=("navigation", "toc"))


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    path = settings.root / INTRO
    intro = path.read_text(encoding="utf-8") if path.is_file() and not path.is_symlink() else ""
    return {"index.md": Output(home_page(corpus, intro, build_date(corpus=corpus), "Accueil"), INTRO if intro else None)}
