"""``/competences/``: « vers qui me tourner pour… ? » — the catalogue grouped by famille,
and ``/competences/<id>/`` per competence. Only published people are ever listed; unpublished
ones are simply ignored (no count, no hint).
"""

from __future__ import annotations

from typing import Any

from generator.load.corpus import Corpus
from generator.models import Competence
from generator.site.producers import Output
from generator.site.pages.display import sort_key, up
from generator.site.render import page_md, render
from generator.config import Settings
from generator.geo.communes import CommuneTable

SOURCE = "actors/competences.yml"


def _people(corpus: Corpus, slugs: list[str]) -> list[dict[str, Any]]:
    published = corpus.published_people()
    found = []
    for slug in slugs:
        if slug not in published:
            continue
        person = published[slug].model
        structures = [{"slug": s, "nom": corpus.structures[s].model.nom, "commune": corpus.structures[s].model.commune}
                      for s in person.structures if s in corpus.structures]
        found.append({"slug": slug, "nom": person.nom, "role": person.role or "", "structures": structures})
    return sorted(found, key=lambda p: (sort_key(p["nom"]), p["slug"]))


def competence_entry(corpus: Corpus, competence: Competence) -> dict[str, Any]:
    return {
        "c": competence,
        "holders": _people(corpus, corpus.holders.get(competence.id, [])),
        "seekers": _people(corpus, corpus.seekers.get(competence.id, [])),
    }


def families(corpus: Corpus) -> list[tuple[str, list[dict[str, Any]]]]:
    """Families in the order of ``competences.yml``; competences in file order within them."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for competence in corpus.competences.values():
        grouped.setdefault(competence.famille, []).append(competence_entry(corpus, competence))
    return list(grouped.items())


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    if not corpus.competences:
        return {}
    groups = families(corpus)
    index = render("site/competences.html", families=groups, root=up(1))
    outputs = {"competences/index.md": Output(page_md(
        "Compétences", index, hide=("navigation", "toc"),
        description="Catalogue des compétences du réseau : vers qui me tourner pour… ?"), SOURCE)}
    for _famille, entries in groups:
        for entry in entries:
            competence: Competence = entry["c"]
            html = render("site/competence.html", entry=entry, root=up(2))
            outputs[f"competences/{competence.id}.md"] = Output(
                page_md(competence.libelle, html,
                        description=f"{competence.libelle} : qui sait faire, qui veut apprendre"), SOURCE)
    return outputs
