"""``/carte/``: every located structure on a self-hosted Folium map, in an iframe.

The page ``carte/index.md`` holds the iframe and a text alternative; ``carte/carte.html``
is the standalone map. Places travel as ONE JSON array (``<script type="application/json">``,
``<`` escaped) read by ``assets/carte.js``, which builds markers, popups and tooltips with
``textContent`` only — always, whatever the number of places: no content string is ever
parsed as HTML or JavaScript, and 30,000 places stay under 3 MiB.
"""

from __future__ import annotations

from typing import Any

from generator.site import maps as geomap
from generator.load.corpus import Corpus
from generator.models.vocab import SERVICES, TYPOLOGIES
from generator.site.producers import Output
from generator.site.render import page_md, render
from generator.config import Settings
from generator.geo.communes import CommuneTable

PREFIX = "../assets"  # from carte/carte.html
ANNUAIRE = "../annuaire/"  # structure pages, relative to carte/carte.html
DEFAULT_CENTER = (44.55, 5.45)
PARTNER_COLOUR = "#555555"  # the « Partenaires du réseau » layer: grey, 7.5:1 on white

# Typology families shown as colours and filters (Okabe–Ito palette, colour-blind safe).
FAMILIES: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("Lieux numériques et tiers-lieux", "#0072B2",
     frozenset({"EPN", "EPI", "ENM", "FABLAB", "FABRIQUE", "TIERS_LIEUX"})),
    ("Services publics et collectivités", "#D55E00",
     frozenset({"MUNI", "CC", "EPCI", "CD", "DEPT", "REG", "PREF", "RFS", "MSAP", "CAF", "CPAM", "MSA", "CFP", "FT",
                "LA_POSTE", "MDPH", "MDS", "DEETS", "PJJ", "SPIP", "ASE", "PAD", "CCAS", "CIAS", "CDAS", "CMS"})),
    ("Culture, jeunesse et formation", "#009E73",
     frozenset({"BIB", "RELAIS_LECTURE", "MJC", "PIJ_BIJ", "E2C", "OF", "AFPA", "CITMET", "EPIDE"})),
    ("Action sociale, emploi et insertion", "#CC79A7",
     frozenset({"CS", "CSC", "EVS", "MQ", "ML", "MDE", "MDEF", "PLIE", "ACI", "ACIPHC", "AI", "ASSO_CHOMEUR", "EI",
                "EA", "EATT", "ETTI", "EITI", "ESAT", "GEIQ", "CADA", "CHRS", "CHU", "CPH", "HUDA", "CIDFF", "UDAF",
                "PIMMS", "RESSOURCERIE", "ES", "OACAS", "RS_FJT", "PENSION", "CAP_EMPLOI", "AVIP"})),
    ("Associations", "#E69F00", frozenset({"ASSO", "ESS", "FAIS"})),
    ("Autres", "#56B4E9", frozenset()),
)


def family_of(typologies: tuple[str, ...]) -> int:
    """Index in :data:`FAMILIES` of the first typology that has a family (else « Autres »)."""
    for code in typologies:
        for index, (_, _, codes) in enumerate(FAMILIES):
            if code in codes:
                return index
    return len(FAMILIES) - 1


def center_of(corpus: Corpus) -> tuple[float, float]:
    points = list(corpus.positions.values())
    if not points:
        return DEFAULT_CENTER
    lats, lons = [p.lat for p in points], [p.lon for p in points]
    return round((min(lats) + max(lats)) / 2, 4), round((min(lons) + max(lons)) / 2, 4)


def _row(corpus: Corpus, slug: str, type_index: dict[str, int], commune_index: dict[str, int]) -> list[Any] | None:
    position = corpus.positions.get(slug)
    if position is None:
        return None
    s = corpus.structures[slug].model
    mask = sum(1 << SERVICES.index(service) for service in set(s.services))
    return [slug, s.nom, round(position.lat, 5), round(position.lon, 5), family_of(s.typologie),
            [type_index[t] for t in s.typologie], commune_index[s.commune], mask, 1 if position.approximate else 0]


def map_data(corpus: Corpus) -> dict[str, Any]:
    """Lookup tables plus one row per located structure, sorted by slug.

    Row: ``[slug, nom, lat, lon, famille, [types], commune, services_bitmask, approximative]``.
    ``lieux`` holds the lieux; ``partenaires`` the partners of the network (no public received),
    drawn as a separate layer that the visitor turns on.
    """
    types = sorted({t for rec in corpus.structures.values() for t in rec.model.typologie})
    communes = sorted({rec.model.commune for rec in corpus.structures.values()})
    type_index = {t: i for i, t in enumerate(types)}
    commune_index = {c: i for i, c in enumerate(communes)}
    layers: dict[str, list[list[Any]]] = {"lieux": [], "partenaires": []}
    partners = corpus.partners()
    for slug in sorted(corpus.structures):
        row = _row(corpus, slug, type_index, commune_index)
        if row is not None:
            layers["partenaires" if slug in partners else "lieux"].append(row)
    return {
        "familles": [[label, colour] for label, colour, _ in FAMILIES],
        "types": [TYPOLOGIES.get(t, t) for t in types],
        "services": list(SERVICES),
        "communes": communes,
        "annuaire": ANNUAIRE,
        "partenaire_couleur": PARTNER_COLOUR,
        **layers,
    }


def map_html(data: dict[str, Any], center: tuple[float, float], *, title: str = "Carte des lieux") -> str:
    """The standalone map document (self-hosted, deterministic)."""
    with geomap.building(f"{PREFIX}/vendor"):
        m = geomap.base_map(center, 8, title=title)
        geomap.add_assets(
            m,
            styles=(f"{PREFIX}/vendor/markercluster/MarkerCluster.css",
                    f"{PREFIX}/vendor/markercluster/MarkerCluster.Default.css", f"{PREFIX}/carte.css"),
            scripts=(f"{PREFIX}/vendor/markercluster/leaflet.markercluster.js", f"{PREFIX}/dom.js",
                     f"{PREFIX}/carte.js"),
            body=(geomap.json_script("carte-donnees", {"map": m.get_name(), **data}),),
        )
        return geomap.render_html(m, "carte/carte.html")


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    data = map_data(corpus)
    rows = data["lieux"]
    html = render("carte/page.html", total=len(corpus.lieux()), located=len(rows), partners=len(data["partenaires"]),
                  approximate=sum(1 for r in rows if r[8]),
                  families=[(label, colour, sum(1 for r in rows if r[4] == i))
                            for i, (label, colour, _) in enumerate(FAMILIES)])
    page = page_md("Carte des lieux", html, hide=("toc",),
                   description="Carte des lieux de médiation numérique du réseau, filtrable par type et par service.")
    return {
        "carte/index.md": Output(page),
        "carte/carte.html": geomap.map_output(map_html(data, center_of(corpus))),
    }
