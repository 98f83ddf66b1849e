"""``/couverture/``: distance from every commune to the nearest structure, as a choropleth.

One distance set per option (all structures, each service, each dispositif that at least
one structure offers) is computed at build time and shipped as small integer arrays
(hundredths of km, rounded up) next to the commune polygons; ``assets/carte-couverture.js`` switches
between them and writes tooltips with ``textContent``. The headline figures and the
« zones blanches » tables are plain HTML on the page (accessible without the map), and
every option has its CSV of communes beyond the threshold.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from slugify import slugify

from generator.rules.wording import format_number, format_percent
from generator.site import maps as geomap
from generator.load.corpus import Corpus
from generator.geo.communes import CommuneTable, load_geometries
from generator.geo.coverage import (
    BAND_LABELS,
    BANDS,
    CoverageReport,
    by_dispositif,
    by_service,
    compute_coverage,
    zones_blanches,
    zones_blanches_csv,
)
from generator.models.vocab import DISPOSITIFS, SERVICES
from generator.site.producers import Output
from generator.site.pages.map import PREFIX, center_of
from generator.site.render import page_md, render
from generator.config import Settings

THRESHOLD_KM = 10.0
TOP = 50
# ColorBrewer OrRd, 5 classes: sequential, colour-blind safe, readable in greyscale.
BAND_COLOURS = ("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000")


@dataclass(frozen=True)
class Place:
    slug: str
    nom: str
    lat: float | None
    lon: float | None
    services: Collection[str]
    dispositifs: Collection[str]
    zone_intervention: Collection[str]


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    report: CoverageReport
    places: tuple[str, ...]  # slugs taken into account

    @property
    def csv_path(self) -> str:
        return "couverture/zones-blanches.csv" if self.id == "tous" else f"couverture/zones-blanches-{self.id}.csv"


def places_of(corpus: Corpus) -> list[Place]:
    """The lieux only: a partner of the network (:attr:`Structure.is_partner`) receives no public."""
    out = []
    for slug, rec in sorted(corpus.lieux().items()):
        s, position = rec.model, corpus.positions.get(slug)
        out.append(Place(slug, s.nom, position.lat if position else None, position.lon if position else None,
                         frozenset(s.services), frozenset(s.dispositif_programmes_nationaux),
                         tuple(s.zone_intervention)))
    return out


def options(communes: CommuneTable, places: list[Place]) -> list[Option]:
    """All lieux, then each service and each dispositif offered somewhere (standard's order)."""
    towns = list(communes)
    result = [Option("tous", "Tous les lieux", compute_coverage(towns, places),
                     tuple(p.slug for p in places))]
    for label in SERVICES:
        kept = tuple(p.slug for p in places if label in p.services)
        if kept:
            result.append(Option(f"service-{slugify(label)}", label, compute_coverage(towns, places, by_service(label)),
                                 kept))
    for label in DISPOSITIFS:
        kept = tuple(p.slug for p in places if label in p.dispositifs)
        if kept:
            result.append(Option(f"dispositif-{slugify(label)}", f"Dispositif : {label}",
                                 compute_coverage(towns, places, by_dispositif(label)), kept))
    return result


def _hundredths(km: float) -> int:
    """Distance in hundredths of km rounded UP, so ``> 1000`` in JS means exactly ``> 10 km`` here."""
    return -1 if math.isinf(km) or math.isnan(km) else math.ceil(round(km * 100, 6))


def map_data(communes: CommuneTable, geometries: dict[str, Any], places: list[Place], opts: list[Option]) -> dict[str, Any]:
    towns = list(communes)
    slugs = [p.slug for p in places]
    index = {slug: i for i, slug in enumerate(slugs)}
    features = [{"type": "Feature", "id": i, "properties": {}, "geometry": geometries[t.code]}
                for i, t in enumerate(towns) if t.code in geometries]
    return {
        "bandes": [[label, colour] for label, colour in zip(BAND_LABELS, BAND_COLOURS, strict=True)],
        "limites": [round(upper * 100) for upper, _ in BANDS[:-1]],
        "seuil": round(THRESHOLD_KM * 100),
        "communes": [[t.code, t.nom, t.population] for t in towns],
        "lieux": [[p.nom, round(p.lat, 5), round(p.lon, 5)] if p.lat is not None and p.lon is not None
                  else [p.nom, None, None] for p in places],
        "options": [{
            "id": o.id, "label": o.label,
            "km": [_hundredths(r.distance_km) for r in o.report.communes],
            "proche": [index[r.nearest_slug] if r.nearest_slug else -1 for r in o.report.communes],
            "zone": [i for i, r in enumerate(o.report.communes) if r.via_zone],
            "lieux": [index[s] for s in o.places],
        } for o in opts],
        "geo": {"type": "FeatureCollection", "features": features},
    }


def map_html(data: dict[str, Any], center: tuple[float, float]) -> str:
    with geomap.building(f"{PREFIX}/vendor"):
        m = geomap.base_map(center, 8, title="Couverture du territoire")
        geomap.add_assets(
            m, styles=(f"{PREFIX}/carte.css",), scripts=(f"{PREFIX}/dom.js", f"{PREFIX}/carte-couverture.js"),
            body=(geomap.json_script("couverture-donnees", {"map": m.get_name(), **data}),),
        )
        return geomap.render_html(m, "couverture/couverture.html")


def fr_pct(share: float) -> str:
    return format_percent(share, 1)


def fr_km(km: float) -> str:
    return "aucun lieu" if math.isinf(km) else format_number(km, 1) + "\u00a0km"


def page_context(corpus: Corpus, communes: CommuneTable, opts: list[Option]) -> dict[str, Any]:
    main = opts[0].report
    names = {slug: rec.model.nom for slug, rec in corpus.structures.items()}
    itinerant = [rec for rec in corpus.lieux().values() if rec.model.zone_intervention]
    return {
        "headlines": [(communes.departement_nom(h.scope) + f" ({h.scope})", h) for h in main.departements]
        + [("Ensemble du territoire", main.overall)],
        "options": opts,
        "zones": [(r, names.get(r.nearest_slug or "", "")) for r in zones_blanches(main.communes, THRESHOLD_KM, TOP)],
        "zones_total": len(zones_blanches(main.communes, THRESHOLD_KM)),
        "itinerant": len(itinerant),
        "partners": len(corpus.partners()),
        "via_zone": sum(1 for r in main.communes if r.via_zone),
        "threshold": f"{THRESHOLD_KM:g}\u00a0km",
        "far_counts": {o.id: len(zones_blanches(o.report.communes, THRESHOLD_KM)) for o in opts},
        "top": TOP,
        "fr_int": format_number, "fr_pct": fr_pct, "fr_km": fr_km,
        "bands": list(zip(BAND_LABELS, BAND_COLOURS, strict=True)),
    }


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    if communes is None:
        return {}
    geometries = load_geometries(settings.departements, project_root=settings.root)
    places = places_of(corpus)
    opts = options(communes, places)
    outputs = {o.csv_path: Output(zones_blanches_csv(zones_blanches(o.report.communes, THRESHOLD_KM)))
               for o in opts}
    html = render("carte/couverture.html", **page_context(corpus, communes, opts))
    outputs["couverture/index.md"] = Output(page_md(
        "Couverture du territoire", html,
        description="Distance entre chaque commune et le lieu de médiation numérique le plus proche ; zones blanches."))
    data = map_data(communes, geometries, places, opts)
    outputs["couverture/couverture.html"] = geomap.map_output(map_html(data, center_of(corpus)))
    return outputs
