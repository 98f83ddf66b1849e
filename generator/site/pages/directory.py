"""``/annuaire/``: the directory page and its one compact data file ``annuaire/annuaire.json``.

The JSON holds one array per structure — ``[slug, nom, [values of facet 0], [values of facet 1], …,
[présentation courte, adresse, téléphone, horaires en mots]]`` where each facet value is an index
into that facet's dictionary ``[[key, label], …]``: codes instead of labels, so that 30,000 records
stay a few megabytes. The last array is read by the text search (présentation) and by the printed
selection (address, phone, hours); an empty string stands for an unknown value. Only the lieux are
listed: the partners of the network (:meth:`Corpus.partners`) have their page ``/annuaire/partenaires/``. ``assets/annuaire.js`` builds the facets,
the counts and the list from it; without JavaScript the page is a plain sorted list (below
:data:`STATIC_LIST_LIMIT` records) or links to the printable list.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.config import Settings
from generator.geo.communes import CommuneTable
from generator.load.corpus import Corpus, Record
from generator.models import Structure, vocab
from generator.rules.departements import departement_name
from generator.rules.phones import display_phone as phone_display
from generator.rules.wording import count
from generator.site.completeness import PLACEHOLDER_ADDRESS
from generator.site.hours_words import hours_in_words
from generator.site.pages.display import address_lines, sort_key, typologie_labels
from generator.site.producers import Output
from generator.site.render import page_md, render

STATIC_LIST_LIMIT = 2000
DATA_PATH = "annuaire/annuaire.json"

Values = Callable[[Structure], list[tuple[str, str]]]


@dataclass(frozen=True)
class Facet:
    id: str  # also the URL parameter
    label: str
    values: Values
    order: tuple[str, ...] = ()  # preferred order of keys (vocabularies); else alphabetical
    by_key: bool = False  # sort values by key (département codes) rather than by label


def _commune(s: Structure) -> list[tuple[str, str]]:
    return [(s.code_insee or f"{s.code_postal} {s.commune}", f"{s.commune} ({s.departement})")]


def _plain(name: str) -> Values:
    return lambda s: [(v, v) for v in getattr(s, name)]


def facets(corpus: Corpus, communes: CommuneTable | None) -> tuple[Facet, ...]:
    reseaux = corpus.reseaux
    return (
        Facet("departement", "Département",
              lambda s: [(s.departement, f"{departement_name(s.departement, communes)} ({s.departement})")],
              by_key=True),
        Facet("commune", "Commune", _commune),
        Facet("type", "Type de structure", lambda s: list(zip(s.typologie, typologie_labels(s), strict=True))),
        Facet("service", "Services", _plain("services"), vocab.SERVICES),
        Facet("public", "Publics", _plain("publics_specifiquement_adresses"), vocab.PUBLICS),
        Facet("dispositif", "Dispositifs", _plain("dispositif_programmes_nationaux"), vocab.DISPOSITIFS),
        Facet("accompagnement", "Accompagnement", _plain("modalites_accompagnement"), vocab.MODALITES_ACCOMPAGNEMENT),
        Facet("frais", "Frais", _plain("frais_a_charge"), vocab.FRAIS),
        Facet("reseau", "Réseau", lambda s: [(r, reseaux[r].nom if r in reseaux else r) for r in s.reseaux]),
    )


def ordered_structures(corpus: Corpus) -> list[Record[Structure]]:
    """The lieux (never the partners, listed at ``/annuaire/partenaires/``) in alphabetical order
    (accents ignored), then commune, then slug: the list's default order."""
    return sorted(corpus.lieux().values(),
                  key=lambda r: (sort_key(r.model.nom), sort_key(r.model.commune), r.slug))


def details(s: Structure) -> list[str]:
    """``[présentation courte, adresse, téléphone, horaires]`` as shown and printed; ``""`` when unknown.

    The ``new`` template's « Adresse à compléter » is not an address: only the postcode and commune
    are kept then.
    """
    lines = [line for line in address_lines(s) if line.strip().lower() != PLACEHOLDER_ADDRESS]
    return [s.presentation_resume or "", ", ".join(lines), phone_display(s.telephone),
            hours_in_words(s.horaires) or s.horaires or ""]


def directory_data(corpus: Corpus, communes: CommuneTable | None) -> dict[str, Any]:
    """The compact JSON document read by ``assets/annuaire.js``."""
    records = ordered_structures(corpus)
    defs = facets(corpus, communes)
    dictionaries: list[dict[str, str]] = [{} for _ in defs]
    per_record: list[list[list[str]]] = []
    for record in records:
        row: list[list[str]] = []
        for index, facet in enumerate(defs):
            pairs = facet.values(record.model)
            for key, label in pairs:
                dictionaries[index].setdefault(key, label)
            row.append([pairs[0][0]] if len(pairs) == 1 else sorted({key for key, _ in pairs}))
        per_record.append(row)
    facet_docs = []
    positions: list[dict[str, int]] = []
    for facet, known in zip(defs, dictionaries, strict=True):
        rank = {key: i for i, key in enumerate(facet.order)}
        keys = sorted(known, key=lambda k: (k,) if facet.by_key else (rank.get(k, len(rank)), sort_key(known[k]), k))
        positions.append({key: i for i, key in enumerate(keys)})
        facet_docs.append({"id": facet.id, "label": facet.label, "values": [[k, known[k]] for k in keys]})
    rows = []
    for record, row in zip(records, per_record, strict=True):
        codes = [[positions[i][keys[0]]] if len(keys) == 1 else sorted(positions[i][key] for key in keys)
                 for i, keys in enumerate(row)]
        rows.append([record.slug, record.model.nom, *codes, details(record.model)])
    return {"version": 1, "facets": facet_docs, "rows": rows}


def _list_items(corpus: Corpus, communes: CommuneTable | None) -> list[dict[str, Any]]:
    items = []
    for record in ordered_structures(corpus):
        s = record.model
        items.append({"slug": record.slug, "nom": s.nom, "types": typologie_labels(s),
                      "commune": s.commune, "departement": s.departement,
                      "services": list(s.services), "dispositifs": list(s.dispositif_programmes_nationaux)})
    return items


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    data = directory_data(corpus, communes)
    total = len(data["rows"])
    static = total <= STATIC_LIST_LIMIT
    partners = len(corpus.partners())
    html = render("site/annuaire.html", total=total, total_text=count(total, "lieu", "lieux"), partners=partners,
                  partners_text=count(partners, "partenaire", "partenaires"),
                  items=_list_items(corpus, communes) if static else [], static=static,
                  facets=data["facets"])
    page = page_md("Annuaire des lieux", html, hide=("navigation", "toc"),
                   description="Annuaire des lieux de médiation numérique : qui fait quoi, où, pour qui.")
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return {
        "annuaire/index.md": Output(page, None),
        DATA_PATH: Output(payload + "\n", None),
    }
