"""``/annuaire/<slug>/``: one page per structure, every field in readable French."""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.site.completeness import completeness
from generator.load.corpus import Corpus, Record
from generator.rules.build_date import build_date
from generator.site.freshness import age_fr, is_stale, is_unknown
from generator.site.hours_words import hours_in_words
from generator.models import Structure
from generator.models.structure import NO_PUBLIC
from generator.models.meeting import ACTION_STATUS_LABELS
from generator.site.producers import Output
from generator.rules.departements import departement_name
from generator.rules.phones import display_phone as phone_display
from generator.site.pages.display import address_lines, typologie_labels, up
from generator.site.render import markdown_html, page_md, render
from generator.config import Settings
from generator.geo.communes import CommuneTable

DEPTH = 2  # annuaire/<slug>/


def communes_served(structure: Structure, communes: CommuneTable | None) -> list[str]:
    names: list[str] = []
    for code in structure.zone_intervention:
        commune = communes.by_code(code) if communes is not None else None
        names.append(f"{commune.nom} ({code})" if commune is not None else code)
    return sorted(names)


def _people(corpus: Corpus, slug: str) -> list[dict[str, str]]:
    published = corpus.published_people()
    people = []
    for person_slug in corpus.people_of.get(slug, []):
        if person_slug in published:
            person = published[person_slug].model
            people.append({"slug": person_slug, "nom": person.nom, "role": person.role or ""})
    return sorted(people, key=lambda p: p["nom"])


def _meetings(corpus: Corpus, slug: str) -> list[dict[str, Any]]:
    found = [corpus.meetings[m] for m in corpus.meetings_of.get(slug, []) if m in corpus.meetings]
    found.sort(key=lambda r: (r.model.date, r.slug), reverse=True)
    return [{"slug": r.slug, "titre": r.model.titre, "date": r.model.date} for r in found]


def _actions(corpus: Corpus, slug: str) -> list[dict[str, str]]:
    roles = {"porteur": "porteuse", "partenaire": "partenaire"}
    items = []
    for action_slug, role in corpus.actions_of.get(slug, []):
        action = corpus.actions[action_slug].model
        items.append({"slug": action_slug, "titre": action.titre, "role": roles.get(role, role),
                      "statut": ACTION_STATUS_LABELS.get(action.statut, action.statut)})
    return sorted(items, key=lambda a: (a["titre"], a["slug"]))


ACCESS_WORDS = {"Se présenter": "sans rendez-vous, présentez-vous sur place", "Téléphoner": "téléphonez avant de venir",
                "Contacter par mail": "écrivez avant de venir", "Prendre un RDV en ligne": "prenez rendez-vous en ligne",
                "Envoyer un mail avec une fiche de prescription": "sur orientation d'un professionnel (fiche de prescription)"}


def how_to_come(s: Structure) -> list[str]:
    """« Comment venir » in plain words: access modes, then itinerancy (what the record knows, nothing more)."""
    lines = [ACCESS_WORDS.get(mode, mode[:1].lower() + mode[1:]) for mode in s.modalites_acces if mode != NO_PUBLIC]
    if s.itinerant:
        lines.append("lieu itinérant : voir les communes desservies")
    return lines


def structure_context(corpus: Corpus, record: Record[Structure], communes: CommuneTable | None, today: date) -> dict[str, Any]:
    """Everything the structure template shows, as plain values (pure function of its inputs)."""
    s = record.model
    position = corpus.positions.get(record.slug)
    commune = communes.by_code(s.code_insee) if communes is not None and s.code_insee else None
    reseaux = [corpus.reseaux[r].nom for r in s.reseaux if r in corpus.reseaux]
    return {
        "slug": record.slug,
        "s": s,
        "types": typologie_labels(s),
        "address": address_lines(s),
        "departement": f"{departement_name(s.departement, communes)} ({s.departement})",
        "hours_words": hours_in_words(s.horaires),
        "phone": phone_display(s.telephone),
        "detail_html": markdown_html(s.presentation_detail, record.path) if s.presentation_detail else "",
        "position": position,
        "position_commune": commune.nom if commune is not None else s.commune,
        "communes_served": communes_served(s, communes),
        "reseaux": reseaux,
        "people": _people(corpus, record.slug),
        "meetings": _meetings(corpus, record.slug),
        "actions": _actions(corpus, record.slug),
        "stale": is_stale(s.date_maj, today),
        "date_unknown": is_unknown(s.date_maj),
        "age": age_fr(s.date_maj, today),
        "completeness": completeness(s),
        "how_to_come": how_to_come(s),
        "root": up(DEPTH),
    }


def structure_page(corpus: Corpus, record: Record[Structure], communes: CommuneTable | None, today: date) -> str:
    context = structure_context(corpus, record, communes, today)
    html = render("site/structure.html", **context)
    s = record.model
    description = s.presentation_resume or f"{s.nom}, {s.commune} : lieu de médiation numérique"
    return page_md(s.nom, html, description=description)


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    today = build_date(corpus=corpus)
    return {
        f"annuaire/{slug}.md": Output(structure_page(corpus, record, communes, today), record.path)
        for slug, record in sorted(corpus.structures.items())
    }
