"""The files read in the browser by the orientation form (home page and ``/orientation/``).

- ``orientation/communes.json``: the communes of the configured départements, for the
  combobox and the geolocation (code, name, mairie point, folded name, postcodes);
- ``orientation/orientation.json``: the needs, the radius and fallbacks, the published people,
  and the places that must be known wherever the visitor is (France Services, for the fallback;
  itinerant services, listed by the communes they serve; a France Services as
  ``[slug, nom, commune, lat, lon, telephone]``);
- ``orientation/lieux/<cell>.json``: the places of one cell of the grid of ``CELL`` degrees, so
  that a search downloads only the cells its radius touches (30 000 places: see README « Performances »).

A place row is a list (see ``COLUMNS``); partners (``Structure.is_partner``) are left out, as are
people without recorded consent. Every list is sorted: the files are byte-identical from one build
to the next.
"""

from __future__ import annotations

import math
from typing import Any

from generator.config import Settings
from generator.config.orientation import NATIONAL_MAP, OrientationOptions
from generator.geo.communes import CommuneTable, name_key
from generator.load.corpus import Corpus, Position
from generator.models import Structure
from generator.models.vocab import SERVICES
from generator.rules.folding import fold
from generator.rules.phones import display_phone
from generator.site.hours_words import hours_in_words
from generator.site.pages.orientation_needs import competence_needs, service_needs

DATA_PATH = "orientation/orientation.json"
COMMUNES_PATH = "orientation/communes.json"
CELLS_DIR = "orientation/lieux"
CELL = 0.25  # degrees of latitude and longitude per cell (about 28 × 20 km here)
PRINT_SUFFIX = "imprimer/"  # the fiche d'orientation of a place: its directory URL + this
COLUMNS = ("slug", "nom", "commune", "lat", "lon", "services", "competences", "drapeaux", "modalites (accès, accompagnement, frais)",
           "horaires_texte", "horaires_osm", "telephone", "courriels", "prise_rdv", "zone_intervention", "adresse")
APPROXIMATE, WALK_IN, FREE, ACCESSIBLE, FRANCE_SERVICES = 1, 2, 4, 8, 16


def _hours(value: str | None) -> str:
    return (hours_in_words(value) or value) if value else ""


def _address(st: Structure) -> str:
    parts = [p for p in (st.adresse, st.complement_adresse) if p and "a completer" not in fold(p).lower()]
    if not parts:
        return ""
    return ", ".join(parts) + f", {st.code_postal} {st.commune}"


def flags(st: Structure, position: Position) -> int:
    value = APPROXIMATE if position.approximate else 0
    if "Se présenter" in st.modalites_acces:
        value |= WALK_IN
    if "Gratuit" in st.frais_a_charge:
        value |= FREE
    if st.fiche_acces_libre or st.prise_en_charge_specifique:
        value |= ACCESSIBLE
    if "France Services" in st.dispositif_programmes_nationaux or "RFS" in st.typologie:
        value |= FRANCE_SERVICES
    return value


def cell_of(lat: float, lon: float) -> str:
    return f"{math.floor(lat / CELL)}_{math.floor(lon / CELL)}"


def _row(slug: str, st: Structure, position: Position, competences: list[int]) -> list[Any]:
    mask = sum(1 << SERVICES.index(service) for service in set(st.services))
    phone = [display_phone(st.telephone), st.telephone] if st.telephone else []
    modalites = [list(st.modalites_acces), list(st.modalites_accompagnement), list(st.frais_a_charge)]
    return [slug, st.nom, st.commune, round(position.lat, 5), round(position.lon, 5), mask, competences,
            flags(st, position), modalites, _hours(st.horaires), st.horaires or "", phone, list(st.courriels),
            st.prise_rdv or "", list(st.zone_intervention), _address(st)]


def _fallbacks(options: OrientationOptions, communes: CommuneTable | None) -> dict[str, Any]:
    codes = sorted(set(communes.departements if communes else ()) | set(options.departements))
    out = {}
    for code in codes:
        fb = options.fallback(code)
        out[code] = {
            "nom": communes.departement_nom(code) if communes else code,
            "telephone": [display_phone(fb.telephone), fb.telephone, fb.libelle_telephone] if fb.telephone else [],
            "cartographie": fb.cartographie or NATIONAL_MAP,
        }
    return out


def communes_index(communes: CommuneTable | None) -> list[list[Any]]:
    if not communes:
        return []
    return [[c.code, c.nom, round(c.lat, 5), round(c.lon, 5), name_key(c.nom), " ".join(c.codes_postaux)]
            for c in communes]


def _located(corpus: Corpus) -> list[str]:
    return [slug for slug in sorted(corpus.lieux()) if slug in corpus.positions]  # never a partner


def _competences(corpus: Corpus, known: set[str]) -> list[tuple[str, str]]:
    held = sorted({(corpus.competences[c].libelle, c) for rec in corpus.published_people().values()
                   for c in rec.model.competences
                   if c in corpus.competences and any(s in known for s in rec.model.structures)},
                  key=lambda item: (item[0].casefold(), item[1]))
    return competence_needs([(code, label) for label, code in held])


def needs(corpus: Corpus) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The two groups of the form: (services in plain words, competences of published people)."""
    return service_needs(), _competences(corpus, set(_located(corpus)))


def orientation_files(corpus: Corpus, options: OrientationOptions, communes: CommuneTable | None) -> dict[str, Any]:
    """``{site path: JSON value}``: the index, the communes and one file per non-empty cell."""
    published = corpus.published_people()
    located = _located(corpus)
    known = set(located)
    competences = _competences(corpus, known)
    comp_index = {value.removeprefix("competence-"): i for i, (value, _) in enumerate(competences)}
    people: list[list[Any]] = []
    by_structure: dict[str, set[int]] = {}
    for slug, rec in sorted(published.items()):
        p = rec.model
        works = [s for s in p.structures if s in known]
        comps = sorted(comp_index[c] for c in p.competences if c in comp_index)
        if not works or not comps:
            continue
        people.append([slug, p.nom, p.role or "", works, comps])
        for s in works:
            by_structure.setdefault(s, set()).update(comps)
    cells: dict[str, list[list[Any]]] = {}
    france_services, itinerants = [], []
    for slug in located:
        st, position = corpus.structures[slug].model, corpus.positions[slug]
        row = _row(slug, st, position, sorted(by_structure.get(slug, ())))
        cells.setdefault(cell_of(row[3], row[4]), []).append(row)
        if row[7] & FRANCE_SERVICES:  # for the fallback only: where it is and how to call
            france_services.append(row[:5] + [row[11]])
        if row[14]:
            itinerants.append(row)
    index = {
        "version": 2, "colonnes": list(COLUMNS), "annuaire": "../annuaire/", "personnes_url": "../personnes/",
        "imprimer": PRINT_SUFFIX, "proposer": "../proposer/", "rayon_km": options.rayon_km, "cellule": CELL,
        "cellules": sorted(cells), "services": service_needs(), "competences": competences,
        "departements": _fallbacks(options, communes), "france_services": france_services,
        "itinerants": itinerants, "personnes": people,
    }
    files: dict[str, Any] = {DATA_PATH: index, COMMUNES_PATH: communes_index(communes)}
    files.update({f"{CELLS_DIR}/{key}.json": rows for key, rows in sorted(cells.items())})
    return files


def options_of(settings: Settings | None) -> OrientationOptions:
    return settings.orientation if settings is not None else OrientationOptions()
