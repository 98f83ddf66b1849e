"""``/proposer/``: the « Proposer une correction / Ajouter un lieu » form, built from the models.

A static page: the form (``propose_form``), one data file ``proposer/proposer.json`` (the
published records it pre-fills, the communes, the key order of the YAML writer, the French
messages of ``check``, the forge links), the ajv validators compiled at build time
(``propose_schema``) and our scripts. The page sends nothing: it builds a forge link, a
``mailto:`` and a download, which the reader chooses to follow.
"""

from __future__ import annotations

from typing import Any

from generator.config import Settings
from generator.geo.communes import CommuneTable
from generator.load.corpus import COMMUNE_NOT_FOUND, Corpus
from generator.load.validate import FALLBACK, MESSAGES
from generator.load.yaml_writer import KEY_ORDER
from generator.models import Person, Structure
from generator.site.maps import json_text, static_asset
from generator.site.pages.propose_forge import forge_links
from generator.site.pages.propose_form import LABELS, form_groups
from generator.site.pages.propose_schema import PATTERN_ERRORS, browser_schema, validator_module
from generator.site.producers import Output
from generator.site.render import page_md, render

DATA_PATH = "proposer/proposer.json"
FOLDERS = {"structure": "actors/structures", "personne": "actors/people"}
DAYS = (("Mo", "Lundi"), ("Tu", "Mardi"), ("We", "Mercredi"), ("Th", "Jeudi"), ("Fr", "Vendredi"),
        ("Sa", "Samedi"), ("Su", "Dimanche"))
ASSETS = ("proposer.js", "proposer.css", "yaml-ecrire.js")


def _communes(communes: CommuneTable | None) -> list[list[Any]]:
    return [[c.code, c.nom, sorted(c.codes_postaux)] for c in communes] if communes else []


def proposer_data(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Any]:
    """Everything the page's script reads; published records only (people with recorded consent)."""
    people = corpus.published_people()
    return {
        "forge": forge_links(settings, FOLDERS),
        "courriel": settings.contribution.courriel or settings.contact,
        "reseau": settings.nom_reseau,
        "dossiers": FOLDERS,
        "ordre": KEY_ORDER,
        "messages": {**{kind: list(entry) for kind, entry in sorted(MESSAGES.items())}, "": list(FALLBACK)},
        "commune_introuvable": list(COMMUNE_NOT_FOUND),
        "motifs": PATTERN_ERRORS,
        "libelles": LABELS,
        "communes": _communes(communes),
        "fiches": {
            "structure": {slug: rec.doc.data for slug, rec in sorted(corpus.structures.items())},
            "personne": {slug: rec.doc.data for slug, rec in sorted(people.items())},
        },
    }


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    data = proposer_data(corpus, settings, communes)
    html = render("site/proposer.html", structure_groups=form_groups("structure", corpus),
                  person_groups=form_groups("personne", corpus), communes=data["communes"], days=DAYS)
    page = page_md("Proposer un lieu ou une correction", html, hide=("toc",),
                   description="Ajouter un lieu ou une personne, ou corriger une fiche : le formulaire prépare le fichier, "
                               "vous choisissez comment l'envoyer.")
    outputs = {
        "proposer/index.md": Output(page),
        DATA_PATH: Output(json_text(data) + "\n"),
        "assets/proposer-validateurs.js": Output(validator_module(
            settings.root, {"structure": browser_schema(Structure), "personne": browser_schema(Person)})),
    }
    outputs.update({f"assets/{name}": Output(static_asset(name)) for name in ASSETS})
    return outputs
