"""``/orientation/``: pick a need and a commune, get the nearest structures that meet it.

Everything runs in the reader's browser from one compact file, ``orientation/orientation.json``
(communes, structures, published people), read by ``assets/orientation.js``. A need is a
service of the national standard, or a competence held by a PUBLISHED person working in a
structure; people without recorded consent never enter the file.
"""

from __future__ import annotations

from typing import Any

from slugify import slugify

from generator.load.corpus import Corpus
from generator.site.maps import json_text
from generator.models.vocab import SERVICES
from generator.site.producers import Output
from generator.rules.phones import display_phone as phone_display
from generator.site.render import page_md, render
from generator.config import Settings
from generator.geo.communes import CommuneTable

DATA_PATH = "orientation/orientation.json"


def _hours(value: str | None) -> str:
    if not value:
        return ""
    try:
        from generator.site.hours_words import hours_in_words
    except ImportError:  # part A not installed: show the raw opening_hours string
        return value
    return hours_in_words(value) or value


def service_id(label: str) -> str:
    return f"service-{slugify(label)}"


def orientation_data(corpus: Corpus, communes: CommuneTable | None) -> dict[str, Any]:
    """Deterministic data: every list sorted; indices refer to these lists."""
    published = corpus.published_people()
    located = [slug for slug in sorted(corpus.lieux()) if slug in corpus.positions]  # never a partner
    structure_index = {slug: i for i, slug in enumerate(located)}
    held: set[str] = {c for rec in published.values() for c in rec.model.competences
                      if c in corpus.competences and any(s in structure_index for s in rec.model.structures)}
    competences = sorted(held, key=lambda c: (corpus.competences[c].libelle.casefold(), c))
    comp_index = {c: i for i, c in enumerate(competences)}
    people = []
    by_structure: dict[str, set[int]] = {}
    for slug, rec in sorted(published.items()):
        p = rec.model
        works = [structure_index[s] for s in p.structures if s in structure_index]
        comps = sorted(comp_index[c] for c in p.competences if c in comp_index)
        if not works or not comps:
            continue
        people.append([slug, p.nom, p.role or "", works, comps])
        for s in p.structures:
            by_structure.setdefault(s, set()).update(comps)
    structures = []
    for slug in located:
        st, position = corpus.structures[slug].model, corpus.positions[slug]
        mask = sum(1 << SERVICES.index(service) for service in set(st.services))
        modalites = list(st.modalites_acces) + list(st.modalites_accompagnement) + list(st.frais_a_charge)
        structures.append([
            slug, st.nom, st.commune, round(position.lat, 5), round(position.lon, 5), mask,
            sorted(by_structure.get(slug, ())), 1 if position.approximate else 0, " · ".join(modalites),
            _hours(st.horaires), [phone_display(st.telephone), st.telephone] if st.telephone else [], list(st.courriels), st.prise_rdv or "", list(st.zone_intervention),
        ])
    return {
        "annuaire": "../annuaire/",
        "personnes_url": "../personnes/",
        "services": [[service_id(label), label] for label in SERVICES],
        "competences": [[f"competence-{c}", corpus.competences[c].libelle] for c in competences],
        "communes": [[c.code, c.nom, round(c.lat, 5), round(c.lon, 5)] for c in communes] if communes else [],
        "structures": structures,
        "personnes": people,
    }


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    data = orientation_data(corpus, communes)
    html = render("carte/orientation.html", services=data["services"], competences=data["competences"],
                  communes=data["communes"])
    page = page_md("Trouver un lieu près de chez soi", html, hide=("toc",),
                   description="Choisissez un besoin et une commune : les lieux de médiation numérique les plus proches.")
    return {
        "orientation/index.md": Output(page),
        DATA_PATH: Output(json_text(data) + "\n"),
    }
