"""``/annuaire/imprimer/``: the printable « qui fait quoi », per département then commune."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from generator.load.corpus import Corpus
from generator.site.hours_words import hours_in_words
from generator.site.producers import Output
from generator.rules.departements import departement_name
from generator.rules.phones import display_phone as phone_display
from generator.site.pages.display import address_lines, sort_key, typologie_labels, up
from generator.site.render import page_md, render
from generator.config import Settings
from generator.geo.communes import CommuneTable


def printable_groups(corpus: Corpus, communes: CommuneTable | None) -> list[dict[str, Any]]:
    """[{departement, communes: [{nom, lieux: [...]}]}] in département, commune, name order."""
    records = sorted(corpus.lieux().values(),  # the partners have their own page
                     key=lambda r: (r.model.departement, sort_key(r.model.commune), sort_key(r.model.nom), r.slug))
    groups = []
    for dept, in_dept in groupby(records, key=lambda r: r.model.departement):
        towns = []
        for _key, in_town in groupby(in_dept, key=lambda r: sort_key(r.model.commune)):
            places = list(in_town)
            towns.append({"nom": places[0].model.commune, "lieux": [{
                "slug": r.slug, "nom": r.model.nom, "types": typologie_labels(r.model),
                "adresse": ", ".join(address_lines(r.model)), "telephone": phone_display(r.model.telephone),
                "horaires": hours_in_words(r.model.horaires) or r.model.horaires or "",
                "services": list(r.model.services), "itinerant": r.model.itinerant,
            } for r in places]})
        groups.append({"code": dept, "nom": departement_name(dept, communes), "communes": towns})
    return groups


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    html = render("site/imprimer.html", groups=printable_groups(corpus, communes), root=up(2),
                  total=len(corpus.lieux()), partners=len(corpus.partners()))
    page = page_md("Qui fait quoi — version imprimable", html, hide=("navigation", "toc"),
                   description="Liste imprimable des lieux de médiation numérique par département et commune.",
                   extra={"search": {"exclude": True}})  # a copy of every structure page: not searched
    return {"annuaire/imprimer.md": Output(page, None)}
