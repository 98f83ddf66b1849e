"""``/annuaire/partenaires/``: « Partenaires du réseau », the structures that receive no public.

A partner (:attr:`Structure.is_partner`: « Ce lieu n'accueille pas de public » in
``modalites_acces``, or no ``services``) keeps its own page ``/annuaire/<fichier>/`` but is not a
lieu: it is left out of the directory's list and counts, the home figures, the coverage, the
orientation and the map's lieux layer (README « Lieux et partenaires »). This page lists them per
département, with what they do for the network.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from generator.config import Settings
from generator.geo.communes import CommuneTable
from generator.load.corpus import Corpus
from generator.rules.departements import departement_name
from generator.rules.phones import display_phone as phone_display
from generator.site.pages.display import sort_key, typologie_labels, up
from generator.site.producers import Output
from generator.site.render import page_md, render

PATH = "annuaire/partenaires.md"  # « partenaires » is a reserved structure file name (load/corpus.py)
TITLE = "Partenaires du réseau"


def partner_groups(corpus: Corpus, communes: CommuneTable | None) -> list[dict[str, Any]]:
    """``[{code, nom, partenaires: [{slug, nom, types, commune, resume, telephone}]}]``, sorted."""
    records = sorted(corpus.partners().values(),
                     key=lambda r: (r.model.departement, sort_key(r.model.nom), sort_key(r.model.commune), r.slug))
    groups = []
    for dept, in_dept in groupby(records, key=lambda r: r.model.departement):
        groups.append({"code": dept, "nom": departement_name(dept, communes), "partenaires": [{
            "slug": r.slug, "nom": r.model.nom, "types": typologie_labels(r.model), "commune": r.model.commune,
            "resume": r.model.presentation_resume or "", "telephone": phone_display(r.model.telephone),
        } for r in in_dept]})
    return groups


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    groups = partner_groups(corpus, communes)
    html = render("site/partenaires.html", groups=groups, total=len(corpus.partners()),
                  lieux=len(corpus.lieux()), root=up(2))
    page = page_md(TITLE, html, hide=("toc",),
                   description="Les partenaires du réseau de médiation numérique : structures qui n'accueillent "
                               "pas de public pour un accompagnement numérique.")
    return {PATH: Output(page, None)}
