"""Territorial coverage: how far each commune's population lives from the nearest place.

Pure functions, no map rendering. One point per commune (its mairie); straight-line
distance to the nearest place; a place counts as 0 km for every commune listed in
its ``zone_intervention`` (itinerant mediation, permanences). The whole population
of a commune is counted at its mairie: the figures are an indicator, not travel time.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from generator.geo.communes import Commune
from generator.geo.distances import nearest

# Upper bounds (inclusive) and French labels of the distance bands.
BANDS: tuple[tuple[float, str], ...] = (
    (5.0, "0 à 5 km"),
    (10.0, "5 à 10 km"),
    (15.0, "10 à 15 km"),
    (20.0, "15 à 20 km"),
    (math.inf, "plus de 20 km"),
)
BAND_LABELS: tuple[str, ...] = tuple(label for _, label in BANDS)
ZONES_BLANCHES_HEADER = (
    "code_insee", "commune", "departement", "population", "distance_km", "structure_la_plus_proche",
)


class Place(Protocol):
    """What coverage needs from a place (a structure of the corpus)."""

    @property
    def slug(self) -> str: ...
    @property
    def lat(self) -> float | None: ...
    @property
    def lon(self) -> float | None: ...
    @property
    def services(self) -> Collection[str]: ...
    @property
    def dispositifs(self) -> Collection[str]: ...
    @property
    def zone_intervention(self) -> Collection[str]: ...


PlaceFilter = Callable[[Place], bool]


def band(km: float) -> str:
    """French label of the band holding ``km``: upper bounds are inclusive (5.0 → « 0 à 5 km »)."""
    for upper, label in BANDS:
        if km <= upper:
            return label
    return BANDS[-1][1]  # inf and nan


def by_service(service: str) -> PlaceFilter:
    """Keep the places that offer ``service``."""
    return lambda place: service in place.services


def by_dispositif(dispositif: str) -> PlaceFilter:
    """Keep the places that belong to ``dispositif`` (e.g. « Conseillers numériques »)."""
    return lambda place: dispositif in place.dispositifs


@dataclass(frozen=True)
class CommuneCoverage:
    code: str
    nom: str
    departement: str
    population: int
    distance_km: float  # inf when no place at all
    nearest_slug: str | None
    via_zone: bool  # covered at 0 km by a place's zone_intervention

    @property
    def band(self) -> str:
        return band(self.distance_km)


@dataclass(frozen=True)
class Headline:
    """Population figures of one scope: a département code, or ``""`` for all of them."""

    scope: str
    communes: int
    population: int
    population_beyond_10: int
    population_beyond_15: int
    population_by_band: tuple[tuple[str, int], ...]

    @property
    def share_beyond_10(self) -> float:
        return self.population_beyond_10 / self.population if self.population else 0.0

    @property
    def share_beyond_15(self) -> float:
        return self.population_beyond_15 / self.population if self.population else 0.0


@dataclass(frozen=True)
class CoverageReport:
    communes: tuple[CommuneCoverage, ...]  # sorted by code
    departements: tuple[Headline, ...]  # sorted by code
    overall: Headline
    places: int  # places taken into account (after the filter)


def headline(scope: str, rows: Iterable[CommuneCoverage]) -> Headline:
    rows = tuple(rows)
    per_band = dict.fromkeys(BAND_LABELS, 0)
    for row in rows:
        per_band[row.band] += row.population
    return Headline(
        scope=scope,
        communes=len(rows),
        population=sum(r.population for r in rows),
        population_beyond_10=sum(r.population for r in rows if r.distance_km > 10.0),
        population_beyond_15=sum(r.population for r in rows if r.distance_km > 15.0),
        population_by_band=tuple(per_band.items()),
    )


def compute_coverage(
    communes: Iterable[Commune], places: Iterable[Place], predicate: PlaceFilter | None = None
) -> CoverageReport:
    """Distance from each commune to its nearest place (optionally only places where ``predicate``)."""
    towns = sorted(communes, key=lambda c: c.code)
    kept = sorted((p for p in places if predicate is None or predicate(p)), key=lambda p: p.slug)
    located: list[tuple[str, float, float]] = [
        (p.slug, float(p.lat), float(p.lon)) for p in kept if p.lat is not None and p.lon is not None
    ]
    km, index = nearest(
        [c.lat for c in towns], [c.lon for c in towns], [p[1] for p in located], [p[2] for p in located]
    )
    zone: dict[str, str] = {}
    for place in kept:  # sorted by slug: the first place listing a commune wins
        for code in place.zone_intervention:
            zone.setdefault(code, place.slug)
    rows = []
    for i, town in enumerate(towns):
        if town.code in zone:
            distance, slug, via_zone = 0.0, zone[town.code], True
        elif index[i] >= 0:
            distance, slug, via_zone = float(km[i]), located[int(index[i])][0], False
        else:
            distance, slug, via_zone = math.inf, None, False
        rows.append(CommuneCoverage(town.code, town.nom, town.departement, town.population, distance, slug, via_zone))
    deps = sorted({r.departement for r in rows})
    return CoverageReport(
        communes=tuple(rows),
        departements=tuple(headline(d, (r for r in rows if r.departement == d)) for d in deps),
        overall=headline("", rows),
        places=len(kept),
    )


def zones_blanches(
    rows: Iterable[CommuneCoverage], threshold_km: float = 10.0, limit: int | None = None
) -> tuple[CommuneCoverage, ...]:
    """Communes farther than ``threshold_km`` (strictly), most populated first, then by code."""
    far = sorted((r for r in rows if r.distance_km > threshold_km), key=lambda r: (-r.population, r.code))
    return tuple(far if limit is None else far[:limit])


def format_km(km: float) -> str:
    """Distance with one decimal and a dot (CSV); empty when there is no place at all."""
    return "" if math.isinf(km) or math.isnan(km) else f"{km:.1f}"


def zones_blanches_csv(rows: Sequence[CommuneCoverage]) -> str:
    """The zones blanches table as CSV text (comma-separated, UTF-8, ``\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ZONES_BLANCHES_HEADER)
    for r in rows:
        writer.writerow((r.code, r.nom, r.departement, r.population, format_km(r.distance_km), r.nearest_slug or ""))
    return out.getvalue()
